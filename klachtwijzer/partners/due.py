"""Whose periodic report is due or overdue: the rule, and the function the notifications plug into.

A partner that reports figures (``Partner.reports_figures``) reports every quarter, half year or year
(``Partner.reporting_frequency``). The rule:

- the next period starts the day after the last reported period ends (``periode_tot``) and lasts one
  period (3, 6 or 12 months); a partner that never reported is expected to report the last complete
  calendar period (quarter, half year or year) before today;
- the report is **due** from the day after that period ends; it is **overdue** when it has not come in
  ``GRACE`` (6 weeks) after that period's end;
- before the period ends nothing is due (``up to date``).

``partner_reports(today=...)`` gives every active partner that reports figures with its state, and
``reports_due(today=...)`` only those whose report is due or overdue: the function the notification
module calls for its reminders (to each partner's accounthouders). Two queries whatever the number of
partners.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from django.db.models import Max, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from klachtwijzer.accounts.models import Partner, ReportingFrequency, ReportingWay, User

GRACE = dt.timedelta(weeks=6)
MONTHS = {ReportingFrequency.QUARTER: 3, ReportingFrequency.HALF_YEAR: 6, ReportingFrequency.YEAR: 12}


class ReportState(StrEnum):
    UP_TO_DATE = "up_to_date"
    DUE = "due"
    OVERDUE = "overdue"


STATE_LABELS = {
    ReportState.UP_TO_DATE: _("up to date"),
    ReportState.DUE: _("report due"),
    ReportState.OVERDUE: _("report overdue"),
}


@dataclass(frozen=True)
class PartnerReport:
    """Where a partner stands with its periodic report."""

    partner: Partner
    accounthouders: list[User]
    last_reported_to: dt.date | None
    expected_from: dt.date
    expected_to: dt.date
    due_on: dt.date  # the last day of the grace: after it the report is overdue
    state: ReportState

    @property
    def state_label(self) -> str:
        return str(STATE_LABELS[self.state])


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later (the first of a month stays the first)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return dt.date(year, month, 1) + dt.timedelta(days=day.day - 1)


def last_complete_period(today: dt.date, months: int) -> tuple[dt.date, dt.date]:
    """The last calendar quarter, half year or year that ended before ``today``."""
    start = dt.date(today.year, (today.month - 1) // months * months + 1, 1)  # the current period's start
    previous = add_months(start, -months)
    return previous, start - dt.timedelta(days=1)


def expected_period(
    last_reported_to: dt.date | None, frequency: str, today: dt.date
) -> tuple[dt.date, dt.date]:
    months = MONTHS.get(ReportingFrequency(frequency), 3)
    if last_reported_to is None:
        return last_complete_period(today, months)
    start = last_reported_to + dt.timedelta(days=1)
    return start, add_months(start, months) - dt.timedelta(days=1)


def state_of(expected_to: dt.date, today: dt.date) -> ReportState:
    if today <= expected_to:
        return ReportState.UP_TO_DATE
    if today <= expected_to + GRACE:
        return ReportState.DUE
    return ReportState.OVERDUE


def partner_reports(*, today: dt.date | None = None, partners: Q | None = None) -> list[PartnerReport]:
    """Every active partner that reports figures (narrowed by ``partners``), with its report's state."""
    today = today or timezone.localdate()
    queryset = (
        Partner.objects.active()
        .filter(reporting_way__in=[ReportingWay.FIGURES, ReportingWay.BOTH])
        .filter(partners or Q())
        .annotate(
            last_reported_to=Max(
                "reported_figures__period_to", filter=Q(reported_figures__replaced_at__isnull=True)
            )
        )
        .prefetch_related(Prefetch("accounthouders", queryset=User.objects.order_by("pk")))
        .order_by("name")
    )
    reports = []
    for partner in queryset:
        last = partner.last_reported_to
        start, end = expected_period(last, partner.reporting_frequency, today)
        reports.append(
            PartnerReport(
                partner=partner,
                accounthouders=list(partner.accounthouders.all()),
                last_reported_to=last,
                expected_from=start,
                expected_to=end,
                due_on=end + GRACE,
                state=state_of(end, today),
            )
        )
    return reports


def reports_due(*, today: dt.date | None = None) -> list[PartnerReport]:
    """The partners whose periodic report is due or overdue on ``today``: for reminders to their
    accounthouders (the notification module's hook)."""
    return [report for report in partner_reports(today=today) if report.state != ReportState.UP_TO_DATE]
