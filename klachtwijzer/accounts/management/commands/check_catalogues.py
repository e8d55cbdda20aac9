"""Fail when a user-facing string has no Dutch translation.

Runs makemessages (updating the catalogues with every string in the code and templates), then
lists every untranslated or fuzzy entry. Needs GNU gettext (xgettext), as makemessages does.
"""

from typing import Any

import polib
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from .compile_catalogues import catalogues


class Command(BaseCommand):
    help = "Update the catalogues and fail on untranslated strings."

    def handle(self, *args: Any, **options: Any) -> None:
        call_command(
            "makemessages",
            locale=["nl"],
            no_location=True,
            no_obsolete=True,
            verbosity=0,
            ignore_patterns=["*/tests/*", "e2e/*", "bench/*", "docs/*", "var/*", "dev.py", "conftest.py"],
        )
        problems = []
        for po_path in catalogues():
            catalogue = polib.pofile(str(po_path))
            problems += [f"{po_path}: {entry.msgid!r}" for entry in catalogue.untranslated_entries()]
            problems += [f"{po_path}: fuzzy {entry.msgid!r}" for entry in catalogue.fuzzy_entries()]
        if problems:
            raise CommandError("Untranslated strings:\n" + "\n".join(problems))
        call_command("compile_catalogues", quiet=True)
        self.stdout.write(self.style.SUCCESS("Every string has a Dutch translation."))
