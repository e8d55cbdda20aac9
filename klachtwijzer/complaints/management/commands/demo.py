"""``klachtwijzer demo``: fill an empty database with the demo municipality, its users and complaints."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _

from klachtwijzer.complaints.demo import DEMO_PASSWORD, DemoResult, load_demo


class Command(BaseCommand):
    help = (
        "Fill an empty database with demo data: a municipality, its departments and partners, a user for "
        "every role and three years of complaints. Does nothing when demo data or complaints exist."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--per-year", type=int, default=80, help="closed complaints per year of receipt (default 80)"
        )
        parser.add_argument(
            "--language",
            default=settings.LANGUAGE_CODE,
            help="the language of what the command prints (not of the data it loads), e.g. en; default nl",
        )

    def handle(self, *args: Any, per_year: int = 80, language: str = "", **options: Any) -> None:
        result = load_demo(per_year=max(per_year, 10))
        with translation.override(language or settings.LANGUAGE_CODE):
            self._report(result)

    def _report(self, result: DemoResult) -> None:
        if not result.created:
            self.stdout.write(str(result.reason))
            return
        self.stdout.write(
            self.style.SUCCESS(_("Demo data loaded: %(count)s complaints.") % {"count": result.complaints})
        )
        self.stdout.write(
            _("Log in with one of these accounts (password: %(password)s):") % {"password": DEMO_PASSWORD}
        )
        for username, role in result.logins:
            self.stdout.write(f"  {username:<14} {role}")
        if result.secrets:
            self.stdout.write(
                _(
                    "These accounts also ask for a code from an authenticator app. Add the account in the "
                    "app with its secret key (demo only, never in production):"
                )
            )
            for username, secret in result.secrets.items():
                self.stdout.write(f"  {username:<14} {secret}")
