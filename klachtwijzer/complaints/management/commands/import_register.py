"""``klachtwijzer import-register FILE``: import a register file (CSV or XLSX), all or nothing."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from klachtwijzer.complaints.management import os_user
from klachtwijzer.complaints.register import RegisterError, import_register


class Command(BaseCommand):
    help = (
        "Import a complaints register file (CSV or XLSX, see docs/register.md). Nothing is stored when "
        "the file has an error; every error is listed."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="the register file (.csv or .xlsx)")
        parser.add_argument(
            "--create-departments",
            action="store_true",
            help="create a department whose name is close to an existing one (otherwise an error)",
        )

    def handle(self, *args: Any, file: str, create_departments: bool = False, **options: Any) -> None:
        path = Path(file)
        if not path.is_file():
            raise CommandError(_("File not found: %(path)s") % {"path": file})
        try:
            summary = import_register(
                path,
                actor_label=_("command line (%(user)s)") % {"user": os_user()},
                create_departments=create_departments,
            )
        except RegisterError as error:
            for problem in error.errors:
                self.stderr.write(str(problem))
            count = len(error.errors)
            raise CommandError(
                ngettext(
                    "The file was not imported and nothing was stored: %(count)s error.",
                    "The file was not imported and nothing was stored: %(count)s errors.",
                    count,
                )
                % {"count": count}
            ) from error
        self.stdout.write(self.style.SUCCESS(str(summary)))
        if summary.new_departments:
            self.stdout.write(_("New departments: %(names)s") % {"names": ", ".join(summary.new_departments)})
        if summary.new_partners:
            self.stdout.write(_("New partners: %(names)s") % {"names": ", ".join(summary.new_partners)})
