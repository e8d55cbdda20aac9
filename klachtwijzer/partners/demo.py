"""The partners' part of the demo data: one partner of each way of reporting, figures, a correction, one
report overdue and a conversation recorded (run after the complaints, ``complaints.extensions``)."""

from __future__ import annotations

import datetime as dt

from klachtwijzer.accounts.models import Partner, ReportingFrequency, ReportingWay, User

from .conversations import record_conversation
from .due import GRACE, add_months, last_complete_period
from .importing import import_partner_figures

HEADER = (
    "partner;periode_van;periode_tot;ontvangen;afgehandeld;gegrond;deels_gegrond;ongegrond;binnen_termijn"
)
TAXES = "Belastingsamenwerking West"
SOCIAL = "Sociaal Wijkteam Voorbeeld"
WASTE = "Afvalbedrijf Regio Voorbeeld"


def _periods(last_end: dt.date, months: int, count: int) -> list[tuple[dt.date, dt.date]]:
    """``count`` consecutive periods of ``months`` ending on ``last_end``, oldest first."""
    periods = []
    end = last_end
    for _index in range(count):
        start = add_months(end + dt.timedelta(days=1), -months)
        periods.append((start, end))
        end = start - dt.timedelta(days=1)
    return list(reversed(periods))


def _file(partner: str, periods: list[tuple[dt.date, dt.date]], base: int) -> bytes:
    lines = [HEADER]
    for index, (start, end) in enumerate(periods):
        received = base + 3 * index
        closed = received - 2
        lines.append(
            f"{partner};{start.isoformat()};{end.isoformat()};{received};{closed};"
            f"{closed // 4};{closed // 6};{closed // 3};{closed - 3}"
        )
    return "\n".join(lines).encode("utf-8")


def load_partners_demo(*, today: dt.date, coordinator: User, managers: dict[str, User], seed: int = 0) -> int:
    """Returns the number of periods of figures stored."""
    partners = {p.name: p for p in Partner.objects.filter(name__in=[TAXES, SOCIAL, WASTE])}
    if len(partners) < 3:
        return 0
    partners[TAXES].reporting_frequency = ReportingFrequency.QUARTER
    partners[SOCIAL].reporting_frequency = ReportingFrequency.HALF_YEAR
    partners[WASTE].reporting_way = ReportingWay.KLACHTWIJZER
    for partner in partners.values():
        partner.save(update_fields=["reporting_frequency", "reporting_way"])
    social_worker = User.objects.filter(username="behandelaar2").first()
    if social_worker is not None:
        partners[SOCIAL].accounthouders.add(social_worker)
    # The tax office stopped reporting: its last report is more than a quarter and the grace old.
    _start, last_quarter_end = last_complete_period(today, 3)
    if last_quarter_end + GRACE >= today:
        last_quarter_end = add_months(last_quarter_end + dt.timedelta(days=1), -3) - dt.timedelta(days=1)
    taxes_until = add_months(last_quarter_end + dt.timedelta(days=1), -3) - dt.timedelta(days=1)
    stored = 0
    summary = import_partner_figures(
        data=_file(TAXES, _periods(taxes_until, 3, 6), 18),
        filename="belastingen.csv",
        acting_user=coordinator,
    )
    stored += summary.stored
    # The social care team is up to date, and corrected its last half year once.
    _start, half_year_end = last_complete_period(today, 6)
    halves = _periods(half_year_end, 6, 3)
    summary = import_partner_figures(
        data=_file(SOCIAL, halves, 30), filename="wijkteam.csv", acting_user=coordinator
    )
    stored += summary.stored
    summary = import_partner_figures(
        data=_file(SOCIAL, halves[-1:], 41),
        filename="wijkteam-correctie.csv",
        acting_user=coordinator,
        replace=True,
    )
    stored += summary.stored
    record_conversation(
        partner=partners[SOCIAL],
        held_on=min(today, half_year_end + dt.timedelta(days=30)),
        participants="Fatima El Amrani (gemeente), Sanne Visser (gemeente), teamleider Sociaal Wijkteam",
        agreements=(
            "Het wijkteam belt elke klager binnen twee werkdagen terug. "
            "De gemeente en het wijkteam bespreken de cijfers elk half jaar."
        ),
        acting_user=coordinator,
    )
    return stored
