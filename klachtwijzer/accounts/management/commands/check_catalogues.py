"""Fail when a user-facing string has no Dutch translation.

Runs makemessages (updating the catalogues with every string in the code and templates), then
lists every untranslated or fuzzy entry, and every message that two apps' catalogues translate
differently: Django merges the catalogues and the first app in ``LOCALE_PATHS`` wins, so the other app would
show the wrong Dutch. Such a message gets one translation, or a ``msgctxt`` (``pgettext``) per meaning.
Needs GNU gettext (xgettext), as makemessages does.
"""

from collections import defaultdict
from pathlib import Path
from typing import Any

import polib
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from .compile_catalogues import catalogues


def translation_conflicts(po_paths: list[Path]) -> list[str]:
    """Each message (with its context) that the catalogues at ``po_paths`` translate in more than one way."""
    translations: dict[tuple[str, str, str], dict[str, Path]] = defaultdict(dict)
    for po_path in po_paths:
        for entry in polib.pofile(str(po_path)).translated_entries():
            dutch = entry.msgstr or " | ".join(entry.msgstr_plural[k] for k in sorted(entry.msgstr_plural))
            translations[(entry.msgctxt or "", entry.msgid, entry.msgid_plural)][dutch] = po_path
    return [
        f"{msgid!r}"
        + (f" (context {context!r})" if context else "")
        + ": "
        + "; ".join(f"{dutch!r} in {path}" for dutch, path in versions.items())
        for (context, msgid, _plural), versions in translations.items()
        if len(versions) > 1
    ]


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
        conflicts = translation_conflicts(catalogues())
        if conflicts:
            raise CommandError(
                "Translated differently in two catalogues (give one translation, or a msgctxt per meaning):\n"
                + "\n".join(conflicts)
            )
        call_command("compile_catalogues", quiet=True)
        self.stdout.write(self.style.SUCCESS("Every string has a Dutch translation."))
