"""``klachtwijzer prune_access_log``: remove access-log entries older than ``ACCESS_LOG_YEARS``.

The chain stays verifiable: the chain head's anchor records the hash the oldest kept entry chains to
(docs/privacy.md). ``--dry-run`` only counts.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from klachtwijzer.complaints.access_chain import prune
from klachtwijzer.complaints.models import PersonalDataAccess
from klachtwijzer.complaints.retention import add_years


class Command(BaseCommand):
    help = "Remove access-log entries older than ACCESS_LOG_YEARS, keeping the hash chain verifiable."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Only count what would be removed.")

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        cutoff_day = add_years(today, -int(settings.ACCESS_LOG_YEARS))
        cutoff = timezone.make_aware(dt.datetime.combine(cutoff_day, dt.time.min))
        if options["dry_run"]:
            count = PersonalDataAccess.objects.filter(at__lt=cutoff).count()
            self.stdout.write(
                _("Access log: %(count)d entries from before %(date)s would be removed.")
                % {"count": count, "date": cutoff_day.isoformat()}
            )
            return
        deleted, anchor = prune(cutoff)
        message = _(
            "Access log: %(count)d entries from before %(date)s removed; the chain now starts at %(anchor)s."
        )
        values = {"count": deleted, "date": cutoff_day.isoformat(), "anchor": anchor or "-"}
        self.stdout.write(message % values)
