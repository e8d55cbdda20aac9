"""The queries behind the figures (``figures.py``): each counts one part for several periods at once.

Each period is a range of days of receipt; a query groups by the period a complaint's receipt falls in
(``period_of``), so one query serves the report's five years or the dashboard's two periods alike. The
counts land in a ``Tally`` per period, from which ``figures._derive`` makes the figures. Definitions:
``figures.py``.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import Case, Count, F, IntegerField, Q, QuerySet, Value, When
from django.utils.translation import gettext

from klachtwijzer.accounts.models import Department, Partner
from klachtwijzer.complaints.constants import (
    FOUNDED_JUDGEMENTS,
    REGISTER_OORDEEL,
    Channel,
    Form,
    Kind,
    Outcome,
)
from klachtwijzer.complaints.models import Complaint, Nature

from .expressions import DaysToClose, Median, MonthOf
from .formatting import round_half_up
from .periods import Filters, Period

OUTCOME_KEYS = list(REGISTER_OORDEEL)
JUDGEMENT_KEYS = ["gegrond", "deels gegrond", "ongegrond", "geen oordeel"]
PARTNER_COUNTS = ["received", "closed", "founded", "within_term"]
COUNTED = [
    "received", "closed", "within_term", "within_extended_term", "within_legal_term",
    "within_internal_target", "extended", "referred_to_ombudsman", "oral", "to_acknowledge",
    "acknowledged_within_target",
]  # fmt: skip


@dataclass
class Tally:
    """What the queries count for one period, before the shares are derived."""

    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(COUNTED, 0))
    outcomes: dict[str, int] = field(default_factory=lambda: dict.fromkeys(OUTCOME_KEYS, 0))
    median: int | float | None = None
    flow: dict[str, int] = field(default_factory=lambda: {"start": 0, "end": 0, "handled": 0})
    by_department: dict[str, int] = field(default_factory=dict)
    by_department_outcomes: dict[str, dict[str, int]] = field(default_factory=dict)
    by_channel: dict[str, int] = field(default_factory=lambda: dict.fromkeys(Channel.values, 0))
    by_partner: dict[str, int] = field(default_factory=dict)
    # Per partner: received, closed, founded and closed within the term (the ``partners`` key).
    by_partner_counts: dict[str, dict[str, int]] = field(default_factory=dict)
    by_nature: dict[str, int] = field(default_factory=dict)
    by_nature_founded: dict[str, int] = field(default_factory=dict)
    by_nature_group: dict[str, int] = field(default_factory=dict)
    by_nature_group_founded: dict[str, int] = field(default_factory=dict)
    by_month: dict[str, dict[str, int]] = field(default_factory=dict)
    other: dict[str, int] = field(default_factory=lambda: {"received": 0, "closed": 0})
    other_by_department: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Names:
    """The catalogues the counts are grouped by id against: a few dozen rows each."""

    departments: dict[int, str]
    partners: dict[int, str]
    natures: dict[int, tuple[str, str]]

    @classmethod
    def read(cls) -> Names:
        return cls(
            dict(Department.objects.values_list("pk", "name")),
            dict(Partner.objects.values_list("pk", "name")),
            {pk: (name, group) for pk, name, group in Nature.objects.values_list("pk", "name", "group")},
        )


def period_of(periods: list[Period], column: str = "received_on") -> Case:
    """The index of the period a date falls in (NULL outside them all)."""
    whens = [
        When(**{f"{column}__gte": p.start, f"{column}__lte": p.end}, then=Value(index))
        for index, p in enumerate(periods)
    ]
    return Case(*whens, output_field=IntegerField())


def window_of(periods: list[Period], filters: Filters) -> QuerySet[Complaint]:
    """Every complaint received in ``periods`` that matches ``filters``, without ordering, by period."""
    window: QuerySet[Complaint] = (
        Complaint.objects.filter(_span_q(periods), filters.complaint_q())
        .order_by()
        .annotate(period=period_of(periods))
    )
    return window if _contiguous(periods) else window.filter(**IN_A_PERIOD)


def _span_q(periods: list[Period], prefix: str = "") -> Q:
    """From the first day to the last of ``periods``: one range, which one index scan reads."""
    first, last = min(p.start for p in periods), max(p.end for p in periods)
    return Q(**{f"{prefix}received_on__gte": first, f"{prefix}received_on__lte": last})


def _contiguous(periods: list[Period]) -> bool:
    ordered = sorted(periods, key=lambda p: p.start)
    return all(b.start - a.end <= dt.timedelta(days=1) for a, b in itertools.pairwise(ordered))


# The annotation ``period`` (see ``_period_of``) by name, as the queries group and filter by it.
PERIOD = ("period",)
CUBE = ("period", "kind", "department_id", "channel", "partner_id")
IN_A_PERIOD = {"period__isnull": False}


def _rows(queryset: Any) -> list[dict[str, Any]]:
    """A grouped query's rows: each a dict of the group's keys and its counts."""
    return list(queryset)


def _closed(as_of: dt.date, prefix: str = "") -> Q:
    return Q(**{f"{prefix}closed_on__lte": as_of})


def _outcome_filter(key: str) -> Q:
    outcome, judgement = REGISTER_OORDEEL[key]
    if outcome == Outcome.JUDGED:
        return Q(outcome=outcome, judgement=judgement)
    return Q(outcome=outcome)


def add_cube(
    tallies: list[Tally], window: QuerySet[Complaint], as_of: dt.date, target_days: int, names: Names
) -> None:
    """Received, closed, outcomes, terms and extensions per period, kind, department, channel and
    partner: one query, whose few thousand groups at most are summed into each breakdown here."""
    closed = _closed(as_of)
    applied_extension = Q(
        extension_notice_on__lte=F("term_ends_on"), closed_on__lte=F("extended_term_ends_on")
    )
    aggregates: dict[str, Any] = {
        "received": Count("pk"),
        "closed": Count("pk", filter=closed),
        "within_term": Count("pk", filter=closed & Q(closed_on__lte=F("term_ends_on"))),
        "within_extended_term": Count("pk", filter=closed & Q(closed_on__lte=F("ten_week_term_ends_on"))),
        "within_legal_term": Count(
            "pk", filter=closed & (Q(closed_on__lte=F("term_ends_on")) | applied_extension)
        ),
        "within_internal_target": Count("pk", filter=closed & Q(days_to_close__lte=target_days)),
        "extended": Count("pk", filter=Q(extension_notice_on__lte=as_of)),
        "referred_to_ombudsman": Count("pk", filter=Q(ombudsman_referred_on__lte=as_of)),
        "oral": Count("pk", filter=Q(form=Form.ORAL)),
        # Awb 9:6: the written complaints whose acknowledgement target date has passed or that were
        # acknowledged by ``as_of``, and of those the ones acknowledged on or before the target date.
        "to_acknowledge": Count(
            "pk",
            filter=Q(acknowledgement_due_on__isnull=False)
            & (Q(acknowledgement_due_on__lt=as_of) | Q(acknowledged_on__lte=as_of)),
        ),
        "acknowledged_within_target": Count(
            "pk", filter=Q(acknowledged_on__lte=as_of) & Q(acknowledged_on__lte=F("acknowledgement_due_on"))
        ),
        **{
            f"outcome_{i}": Count("pk", filter=closed & _outcome_filter(key))
            for i, key in enumerate(OUTCOME_KEYS)
        },
    }
    rows = _rows(window.alias(days_to_close=DaysToClose()).values(*CUBE).annotate(**aggregates))
    for row in rows:
        tally = tallies[row["period"]]
        department = names.departments.get(row["department_id"]) or no_department_label()
        if row["kind"] != Kind.AWB:
            tally.other["received"] += row["received"]
            tally.other["closed"] += row["closed"]
            add_to(tally.other_by_department, department, row["received"])
            continue
        for key in COUNTED:
            tally.counts[key] += row[key]
        outcomes = tally.by_department_outcomes.setdefault(department, dict.fromkeys(OUTCOME_KEYS, 0))
        for i, key in enumerate(OUTCOME_KEYS):
            tally.outcomes[key] += row[f"outcome_{i}"]
            outcomes[key] += row[f"outcome_{i}"]
        add_to(tally.by_department, department, row["received"])
        add_to(tally.by_channel, row["channel"], row["received"])
        if row["partner_id"] is not None:
            partner = names.partners[row["partner_id"]]
            add_to(tally.by_partner, partner, row["received"])
            counts = tally.by_partner_counts.setdefault(partner, dict.fromkeys(PARTNER_COUNTS, 0))
            counts["received"] += row["received"]
            counts["closed"] += row["closed"]
            counts["within_term"] += row["within_term"]
            counts["founded"] += sum(
                row[f"outcome_{OUTCOME_KEYS.index(key)}"] for key in ("gegrond", "deels gegrond")
            )


def add_median(tallies: list[Tally], window: QuerySet[Complaint], as_of: dt.date) -> None:
    """The median number of days from receipt to closure of the closed Awb complaints: one query.

    PostgreSQL computes it with percentile_cont; elsewhere the database counts how many complaints
    took each number of days (at most a few hundred rows per period) and the median is read from that.
    """
    closed = window.filter(_closed(as_of), kind=Kind.AWB)
    if connection.vendor == "postgresql":
        for row in _rows(closed.values(*PERIOD).annotate(median=Median(DaysToClose()))):
            tallies[row["period"]].median = _tidy(row["median"])
        return
    histogram: dict[int, list[tuple[int, int]]] = defaultdict(list)
    counts = closed.annotate(days=DaysToClose()).values(*PERIOD, "days").annotate(n=Count("pk"))
    for row in _rows(counts.order_by(*PERIOD, "days")):
        histogram[row["period"]].append((row["days"], row["n"]))
    for index, frequencies in histogram.items():
        tallies[index].median = _tidy(median_of_histogram(frequencies))


def median_of_histogram(frequencies: list[tuple[int, int]]) -> float | None:
    """The median of values given as (value, count) pairs in ascending order of value.

    With an even number of values it is the mean of the middle two, as percentile_cont(0.5) gives.
    """
    total = sum(n for _value, n in frequencies)
    if not total:
        return None
    wanted = [(total - 1) // 2, total // 2]  # zero-based positions of the middle value(s)
    found: list[int] = []
    seen = 0
    for value, n in frequencies:
        while wanted and wanted[0] < seen + n:
            found.append(value)
            wanted.pop(0)
        seen += n
    return sum(found) / 2


def _tidy(value: float | None) -> int | float | None:
    """A median as a whole number where it is one, else to one decimal."""
    if value is None:
        return None
    rounded = float(round_half_up(value, 1))
    return int(rounded) if rounded.is_integer() else rounded


def add_flow(
    tallies: list[Tally], periods: list[Period], as_of: dt.date, filters: Filters, *, trend: bool
) -> None:
    """Open at the start and the end of each period, and handled in it, of all Awb complaints that
    match the filters: one query (grouped by the month of closure for the dashboard's trend)."""
    aggregates = {}
    for index, p in enumerate(periods):
        if p.start > as_of:
            continue
        open_from = Q(closed_on__isnull=True) | Q(closed_on__gte=p.start)
        open_after = Q(closed_on__isnull=True) | Q(closed_on__gt=p.end)
        aggregates[f"start_{index}"] = Count("pk", filter=Q(received_on__lt=p.start) & open_from)
        aggregates[f"end_{index}"] = Count("pk", filter=Q(received_on__lte=p.end) & open_after)
        aggregates[f"handled_{index}"] = Count("pk", filter=Q(closed_on__gte=p.start, closed_on__lte=p.end))
    if not aggregates:
        return
    relevant = Complaint.objects.filter(
        filters.complaint_q(),
        Q(closed_on__isnull=True) | Q(closed_on__gte=min(p.start for p in periods)),
        kind=Kind.AWB,
        received_on__lte=max(p.end for p in periods),
    ).order_by()
    if trend:
        rows = _rows(relevant.values(month=MonthOf("closed_on")).annotate(**aggregates))
    else:
        rows = [relevant.aggregate(**aggregates)]
    for index, tally in enumerate(tallies):
        for part in ("start", "end", "handled"):
            tally.flow[part] = sum(row.get(f"{part}_{index}") or 0 for row in rows)
        if trend:
            _months(tally, periods[index])
            for row in rows:
                if row["month"] is not None and row.get(f"handled_{index}"):
                    tally.by_month[_month_key(row["month"])]["closed"] += row[f"handled_{index}"]


def _months(tally: Tally, period: Period) -> None:
    if tally.by_month:
        return
    year, month = period.start.year, period.start.month
    while (year, month) <= (period.end.year, period.end.month):
        tally.by_month[f"{year:04d}-{month:02d}"] = {"received": 0, "closed": 0}
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def _month_key(month: int) -> str:
    return f"{month // 100:04d}-{month % 100:02d}"


def add_received_per_month(tallies: list[Tally], window: QuerySet[Complaint]) -> None:
    """Awb complaints received per month of each period: one query."""
    rows = window.filter(kind=Kind.AWB).values(*PERIOD, month=MonthOf("received_on")).annotate(n=Count("pk"))
    for row in _rows(rows):
        months = tallies[row["period"]].by_month
        months.setdefault(_month_key(row["month"]), {"received": 0, "closed": 0})["received"] += row["n"]


def no_department_label() -> str:
    return gettext("(no department)")


def add_natures(
    tallies: list[Tally], periods: list[Period], as_of: dt.date, filters: Filters, names: Names
) -> dict[str, str]:
    """Received and founded Awb complaints per nature, and per group of natures: one query.

    A complaint with several natures counts once for each nature; a group counts the classifications
    under its natures (so a complaint named under two natures of one group counts twice there, as
    reports that classify per complaint element do). The counts group by the nature's id (cheaper than
    by its name); the catalogue gives names and groups. Returns the group of every nature that occurs.
    """
    through = (
        Complaint.natures.through.objects.filter(
            _span_q(periods, "complaint__"), filters.complaint_q("complaint__"), complaint__kind=Kind.AWB
        )
        .order_by()
        .annotate(period=period_of(periods, "complaint__received_on"))
    )
    if not _contiguous(periods):
        through = through.filter(**IN_A_PERIOD)
    founded = _closed(as_of, "complaint__") & Q(complaint__judgement__in=FOUNDED_JUDGEMENTS)
    rows = _rows(
        through.values("nature_id", *PERIOD).annotate(n=Count("pk"), founded=Count("pk", filter=founded))
    )
    groups: dict[str, str] = {}
    for row in rows:
        tally, (name, group) = tallies[row["period"]], names.natures[row["nature_id"]]
        tally.by_nature[name] = row["n"]
        tally.by_nature_founded[name] = row["founded"]
        add_to(tally.by_nature_group, group, row["n"])
        add_to(tally.by_nature_group_founded, group, row["founded"])
        groups[name] = group
    return dict(sorted(groups.items()))


def add_to(counts: dict[str, int], key: str, value: int) -> None:
    counts[key] = counts.get(key, 0) + value
