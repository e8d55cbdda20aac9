"""Compile the Dutch catalogues (.po → .mo) with polib, so no gettext tools are needed to run."""

from pathlib import Path
from typing import Any

import polib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser


def catalogues() -> list[Path]:
    return sorted(po for path in settings.LOCALE_PATHS for po in Path(path).glob("*/LC_MESSAGES/django.po"))


class Command(BaseCommand):
    help = "Compile the translation catalogues."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--quiet", action="store_true")

    def handle(self, *args: Any, quiet: bool = False, **options: Any) -> None:
        for po_path in catalogues():
            polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))
            if not quiet:
                self.stdout.write(f"compiled {po_path}")
