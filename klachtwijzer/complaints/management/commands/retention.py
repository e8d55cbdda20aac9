"""What is due for destruction on a date, and destroying it (docs/retention.md)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from klachtwijzer.accounts.models import User
from klachtwijzer.complaints import destruction
from klachtwijzer.complaints.workflow import ProcedureError


class Command(BaseCommand):
    help = "List the complaints due for destruction on a date; with --destroy, destroy them all or none."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--as-of", required=True, help="The date (YYYY-MM-DD).")
        parser.add_argument("--destroy", action="store_true", help="Destroy what is due.")
        parser.add_argument("--approved-by", help="The username of the coordinator who approved it.")
        parser.add_argument("--recompute", action="store_true", help="Recompute all destruction dates first.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            as_of = dt.date.fromisoformat(options["as_of"])
        except ValueError as error:
            raise CommandError(
                _("--as-of is not a date (YYYY-MM-DD): %(value)s") % {"value": options["as_of"]}
            ) from error
        if options["recompute"]:
            destruction.recompute_all()
        due = list(
            destruction.due(as_of).values_list("reference", "retention_result", "closed_on", "destroy_on")
        )
        if not options["destroy"]:
            self.stdout.write(_("reference, result, closed on, destroy on"))
            for reference, result, closed_on, destroy_on in due:
                self.stdout.write(f"{reference:<20} {result:<8} {closed_on}  {destroy_on}")
            self.stdout.write(
                _("%(count)d due on %(date)s.") % {"count": len(due), "date": as_of.isoformat()}
            )
            return
        username = options["approved_by"]
        if not username:
            raise CommandError(_("--destroy needs --approved-by USERNAME."))
        approver = User.objects.filter(username=username).first()
        if approver is None:
            raise CommandError(_("No user with the username %(username)s.") % {"username": username})
        try:
            done = destruction.destroy_due(as_of=as_of, approved_by=approver)
        except ProcedureError as error:
            raise CommandError(" ".join(error.messages)) from error
        counts = ", ".join(f"{key}={value}" for key, value in done.counts.items())
        self.stdout.write(_("Destroyed: %(counts)s.") % {"counts": counts})
