"""``klachtwijzer export-register [--year Y] [--output FILE]``: write the register file (CSV).

The file holds personal free text (omschrijving), so every export is logged in the personal-data
access log under the operating-system account that ran it.
"""

import os
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from klachtwijzer.complaints import audit
from klachtwijzer.complaints.management import os_user
from klachtwijzer.complaints.register import export_register


class Command(BaseCommand):
    help = (
        "Export the complaints register as a CSV file (see docs/register.md), to standard output or a file."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, help="only the complaints received in this year")
        parser.add_argument("--output", help="write to this file instead of standard output")

    def handle(self, *args: Any, year: int | None = None, output: str | None = None, **options: Any) -> None:
        count: int | None
        if output:
            try:
                with open(output, "w", encoding="utf-8", newline="") as stream:
                    count = export_register(stream, year=year)
            except OSError as error:
                raise CommandError(
                    _("Cannot write %(path)s: %(error)s") % {"path": output, "error": error.strerror}
                ) from error
        else:
            self.stdout.ending = ""
            try:
                count = export_register(self.stdout, year=year)
            except BrokenPipeError:
                # The reader (e.g. ``head``) stopped early. Part of the file went out: log it all the same.
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
                count = None
        scope = str(year) if year is not None else _("all years")
        if count is None:
            detail = _("Register file export (%(scope)s) with descriptions, stopped early by the reader") % {
                "scope": scope
            }
        else:
            detail = _("Register file export (%(scope)s): %(count)s complaints with their description") % {
                "scope": scope,
                "count": count,
            }
        audit.log_export(None, detail, actor_label=os_user())
        if output:
            self.stderr.write(
                _("%(count)s complaints written to %(path)s.") % {"count": count, "path": output}
            )
