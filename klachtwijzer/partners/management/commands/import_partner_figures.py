"""``klachtwijzer import-partner-figures FILE [--as USERNAME] [--replace]``: all or nothing."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from klachtwijzer.accounts.models import User
from klachtwijzer.complaints.management import os_user
from klachtwijzer.partners.importing import RegisterError, import_partner_figures


class Command(BaseCommand):
    help = (
        "Import a partner figures file (CSV or XLSX, see docs/partner-figures-format.md). Nothing is stored "
        "when the file has an error; every error is listed."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="the figures file (.csv or .xlsx)")
        parser.add_argument(
            "--as",
            dest="username",
            default="",
            help="report as this user (a partner's own user or its accounthouder), with that user's rights",
        )
        parser.add_argument(
            "--replace",
            action="store_true",
            help="the file corrects figures reported earlier for overlapping periods (kept in the history)",
        )

    def handle(
        self, *args: Any, file: str, username: str = "", replace: bool = False, **options: Any
    ) -> None:
        path = Path(file)
        if not path.is_file():
            raise CommandError(_("File not found: %(path)s") % {"path": file})
        user = None
        if username:
            user = User.objects.filter(username=username, is_active=True).first()
            if user is None:
                raise CommandError(_("There is no active user named %(name)s.") % {"name": username})
        try:
            summary = import_partner_figures(
                data=path.read_bytes(),
                filename=path.name,
                acting_user=user,
                actor_label=_("command line (%(user)s)") % {"user": os_user()},
                replace=replace,
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
