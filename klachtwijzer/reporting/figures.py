"""The figures of complaint handling: the one module the report, the dashboard and exports share.

Definitions (spec/report-figures.md, docs/reporting.md; Awb 9:11, 9:12a):

- A period's cohort is every complaint *received* in it (a calendar year for the report, any dates for
  the dashboard and ``klachtwijzer figures``), up to the reference date ``as_of``, narrowed by the
  filters of ``periods.Filters``. Awb complaints make the figures; other kinds of complaints are
  counted apart (``other_kinds``).
- A complaint is closed when its closing date lies on or before ``as_of``; otherwise it is open.
- Within-term shares are of the cohort's closed complaints and use the term ends stored on the
  complaint when it was received or extended (already moved under the Algemene termijnenwet):
  6 weeks (``term_ends_on``), 10 weeks (``ten_week_term_ends_on``), the term that applied
  (the extended term where the extension notice was sent on or before the end of the 6 weeks),
  and the municipality's internal target in days.
- ``founded`` is gegrond + deels gegrond; ``judged`` is every formal judgement (the four oordelen).
- Open at the start and the end of a period (1 January and 31 December for a year) and handled in it
  are counted over all Awb complaints that match the filters, whatever their date of receipt.
- A complaint with several natures counts once for each nature; a group of natures counts the
  classifications under its natures.

Everything is counted in the database, in one transaction, with a fixed number of queries whatever
the number of complaints, periods or years: one grouped query for the totals and every breakdown by
department, channel and partner (each group a handful of counts, summed here), one for the median,
one for the flow, one for the natures, and for the dashboard one for the monthly trend; plus the
catalogues of departments, partners and natures; and the four queries of ``learning.figures`` for
the ``learning`` key of the report's year or the dashboard's period. Only the complaint's facts are
read, never ``PersonalData``, so the figures survive the destruction of personal data. Speed:
docs/benchmarks.md.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, TypedDict, cast

from django.db import connection, transaction
from django.db.models import Case, Count, F, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import gettext

from klachtwijzer.accounts.models import Department, Municipality, Partner
from klachtwijzer.complaints.constants import (
    FOUNDED_JUDGEMENTS,
    REGISTER_OORDEEL,
    Channel,
    Kind,
    Outcome,
)
from klachtwijzer.complaints.models import Complaint, Nature
from klachtwijzer.learning.figures import LearningFigures, empty_learning_figures, learning_figures

from .expressions import DaysToClose, Median, MonthOf
from .formatting import round_half_up, share
from .periods import FiguresError, Filters, Period

YEARS_BACK = 4
WORK_MEM = "32MB"
OUTCOME_KEYS = list(REGISTER_OORDEEL)
JUDGEMENT_KEYS = ["gegrond", "deels gegrond", "ongegrond", "geen oordeel"]
COUNTED = [
    "received", "closed", "within_term", "within_extended_term", "within_legal_term",
    "within_internal_target", "extended", "referred_to_ombudsman",
]  # fmt: skip


class OtherKinds(TypedDict):
    received: int
    closed: int
    by_department: dict[str, int]


class PeriodFigures(TypedDict):
    """One period's figures, the keys of spec/report-figures.md in its order, then the additions."""

    received: int
    closed: int
    open: int
    outcomes: dict[str, int]
    founded: int
    informal_share_pct: float | None
    within_term_pct: float | None
    within_extended_term_pct: float | None
    within_legal_term_pct: float | None
    extended: int
    median_days_to_close: int | float | None
    by_department: dict[str, int]
    by_channel: dict[str, int]
    by_partner: dict[str, int]
    by_nature: dict[str, int]
    by_nature_founded: dict[str, int]
    other_kinds: OtherKinds
    judged: int
    founded_pct_of_judged: float | None
    within_internal_target_pct: float | None
    internal_target_days: int
    open_at_start: int
    open_at_end: int
    handled_in_period: int
    referred_to_ombudsman: int
    within_term: int
    within_extended_term: int
    within_legal_term: int
    within_internal_target: int
    by_department_outcomes: dict[str, dict[str, int]]
    by_nature_group: dict[str, int]
    by_nature_group_founded: dict[str, int]
    # Per month of the period ("2024-03"): received in it, and closed in it whatever the receipt.
    by_month: dict[str, dict[str, int]]


class YearFigures(TypedDict):
    """A year of the report: ``year``, then the keys of ``PeriodFigures`` (the flow named by the year)."""

    year: int
    received: int
    closed: int
    open: int
    outcomes: dict[str, int]
    founded: int
    informal_share_pct: float | None
    within_term_pct: float | None
    within_extended_term_pct: float | None
    within_legal_term_pct: float | None
    extended: int
    median_days_to_close: int | float | None
    by_department: dict[str, int]
    by_channel: dict[str, int]
    by_partner: dict[str, int]
    by_nature: dict[str, int]
    by_nature_founded: dict[str, int]
    other_kinds: OtherKinds
    judged: int
    founded_pct_of_judged: float | None
    within_internal_target_pct: float | None
    internal_target_days: int
    open_on_1_january: int
    open_on_31_december: int
    handled_in_year: int
    referred_to_ombudsman: int
    within_term: int
    within_extended_term: int
    within_legal_term: int
    within_internal_target: int
    by_department_outcomes: dict[str, dict[str, int]]
    by_nature_group: dict[str, int]
    by_nature_group_founded: dict[str, int]


class ReportFigures(YearFigures):
    """``compute_figures``: the report's year with the municipality, the reference date and earlier years."""

    municipality: str
    as_of: str
    nature_groups: dict[str, str]
    learning: LearningFigures
    previous_years: list[YearFigures]


# ``from`` is a Python keyword, hence the functional form.
PeriodSpan = TypedDict("PeriodSpan", {"from": str, "to": str})


class DashboardFigures(TypedDict):
    """``compute_period_figures``: a period's figures, its comparison period and what was asked."""

    municipality: str
    period: PeriodSpan
    as_of: str
    filters: dict[str, str]
    current: PeriodFigures
    previous_period: PeriodFigures
    previous_span: PeriodSpan
    nature_groups: dict[str, str]
    learning: LearningFigures


def as_json(figures: ReportFigures) -> dict[str, Any]:
    """The report's figures as the JSON object the documents and frozen versions read."""
    return cast(dict[str, Any], figures)


@dataclass
class _Tally:
    """What the queries count for one period, before the shares are derived."""

    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(COUNTED, 0))
    outcomes: dict[str, int] = field(default_factory=lambda: dict.fromkeys(OUTCOME_KEYS, 0))
    median: int | float | None = None
    flow: dict[str, int] = field(default_factory=lambda: {"start": 0, "end": 0, "handled": 0})
    by_department: dict[str, int] = field(default_factory=dict)
    by_department_outcomes: dict[str, dict[str, int]] = field(default_factory=dict)
    by_channel: dict[str, int] = field(default_factory=lambda: dict.fromkeys(Channel.values, 0))
    by_partner: dict[str, int] = field(default_factory=dict)
    by_nature: dict[str, int] = field(default_factory=dict)
    by_nature_founded: dict[str, int] = field(default_factory=dict)
    by_nature_group: dict[str, int] = field(default_factory=dict)
    by_nature_group_founded: dict[str, int] = field(default_factory=dict)
    by_month: dict[str, dict[str, int]] = field(default_factory=dict)
    other: dict[str, int] = field(default_factory=lambda: {"received": 0, "closed": 0})
    other_by_department: dict[str, int] = field(default_factory=dict)


def compute_figures(
    *, year: int, as_of: dt.date | None = None, municipality: Municipality | None = None
) -> ReportFigures:
    """The figures of ``year`` as of ``as_of`` (default today), with up to four earlier years.

    The same computation as ``compute_period_figures``, over five calendar years without filters.
    """
    as_of = as_of or timezone.localdate()
    if as_of < dt.date(year, 1, 1):
        raise FiguresError(
            gettext("The reference date %(as_of)s lies before the year %(year)s.")
            % {"as_of": as_of.isoformat(), "year": year}
        )
    municipality = municipality or Municipality.current()
    years = list(range(year - YEARS_BACK, year + 1))
    periods = [Period(dt.date(y, 1, 1), dt.date(y, 12, 31)) for y in years]
    counted = _count(periods, as_of, Filters(), municipality.internal_target_days, trend=False)
    tallies, nature_groups = counted.tallies, counted.nature_groups
    per_year = {
        y: _year_figures(y, _derive(tally, municipality.internal_target_days))
        for y, tally in zip(years, tallies, strict=True)
    }
    previous = [per_year[y] for y in reversed(years[:-1]) if _has_complaints(per_year[y])]
    current = per_year[year]
    return cast(
        ReportFigures,
        {
            "municipality": municipality.name,
            "year": year,
            "as_of": as_of.isoformat(),
            **{key: value for key, value in current.items() if key != "year"},
            "nature_groups": nature_groups,
            "learning": counted.learning,
            "previous_years": previous,
        },
    )


def compute_period_figures(
    *,
    period: Period,
    as_of: dt.date | None = None,
    filters: Filters | None = None,
    municipality: Municipality | None = None,
) -> DashboardFigures:
    """The figures of the complaints received in ``period`` that match ``filters``, as of ``as_of``,
    with the same figures for the same dates one year earlier (``previous_period``).

    For a calendar year without filters the period's figures equal ``compute_figures`` for that year.
    """
    as_of = as_of or timezone.localdate()
    filters = filters or Filters()
    if period.start > period.end:
        raise FiguresError(
            gettext("The start date %(start)s lies after the end date %(end)s.")
            % {"start": period.start.isoformat(), "end": period.end.isoformat()}
        )
    if as_of < period.start:
        raise FiguresError(
            gettext("The reference date %(as_of)s lies before the start date %(start)s.")
            % {"as_of": as_of.isoformat(), "start": period.start.isoformat()}
        )
    municipality = municipality or Municipality.current()
    target = municipality.internal_target_days
    earlier = period.year_earlier()
    if earlier.overlaps(period):  # a period longer than a year: each counted on its own
        before = _count([earlier], as_of, filters, target, trend=True, learning=False)
        counted = _count([period], as_of, filters, target, trend=True)
        tallies = [*before.tallies, *counted.tallies]
    else:
        counted = _count([earlier, period], as_of, filters, target, trend=True)
        tallies = counted.tallies
    return {
        "municipality": municipality.name,
        "period": _span(period),
        "as_of": as_of.isoformat(),
        "filters": dict(filters.labels),
        "current": _derive(tallies[1], target),
        "previous_period": _derive(tallies[0], target),
        "previous_span": _span(earlier),
        "nature_groups": counted.nature_groups,
        "learning": counted.learning,
    }


def _span(period: Period) -> PeriodSpan:
    return {"from": period.start.isoformat(), "to": period.end.isoformat()}


@dataclass
class _Counted:
    tallies: list[_Tally]
    nature_groups: dict[str, str]
    learning: LearningFigures


def _count(
    periods: list[Period],
    as_of: dt.date,
    filters: Filters,
    target_days: int,
    *,
    trend: bool,
    learning: bool = True,
) -> _Counted:
    """Count the figures of non-overlapping ``periods`` (the learning figures of the last one):
    a fixed number of queries in one transaction."""
    tallies = [_Tally() for _period in periods]
    bounded = [Period(p.start, min(p.end, as_of)) for p in periods]
    with transaction.atomic():
        _tune_session()
        names = _Names.read()
        window = _window(bounded, filters)
        _add_cube(tallies, window, as_of, target_days, names)
        _add_median(tallies, window, as_of)
        _add_flow(tallies, bounded, as_of, filters, trend=trend)
        if trend:
            _add_received_per_month(tallies, window)
        groups = _add_natures(tallies, bounded, as_of, filters, names)
        last = bounded[-1]
        cohort = Complaint.objects.filter(
            filters.complaint_q(), received_on__gte=last.start, received_on__lte=last.end
        )
        learned = learning_figures(cohort, as_of=as_of) if learning else empty_learning_figures()
    return _Counted(tallies, groups, learned)


def _tune_session() -> None:
    """On PostgreSQL, for this transaction only: no JIT compilation, and room to hash the groups.

    The figures are a handful of short aggregates; compiling each one (PostgreSQL's default for
    queries this size) costs more than it saves, and hashing the groups in memory avoids sorting on
    disk. ``SET LOCAL`` ends with the transaction, so nothing else is affected.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT set_config('jit', 'off', true), set_config('work_mem', %s, true)", [WORK_MEM]
            )


@dataclass(frozen=True)
class _Names:
    """The catalogues the counts are grouped by id against: a few dozen rows each."""

    departments: dict[int, str]
    partners: dict[int, str]
    natures: dict[int, tuple[str, str]]

    @classmethod
    def read(cls) -> _Names:
        return cls(
            dict(Department.objects.values_list("pk", "name")),
            dict(Partner.objects.values_list("pk", "name")),
            {pk: (name, group) for pk, name, group in Nature.objects.values_list("pk", "name", "group")},
        )


def _period_of(periods: list[Period], column: str = "received_on") -> Case:
    """The index of the period a date falls in (NULL outside them all)."""
    whens = [
        When(**{f"{column}__gte": p.start, f"{column}__lte": p.end}, then=Value(index))
        for index, p in enumerate(periods)
    ]
    return Case(*whens, output_field=IntegerField())


def _window(periods: list[Period], filters: Filters) -> QuerySet[Complaint]:
    """Every complaint received in ``periods`` that matches ``filters``, without ordering, by period."""
    window = (
        Complaint.objects.filter(_span_q(periods), filters.complaint_q())
        .order_by()
        .annotate(period=_period_of(periods))
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


def _add_cube(
    tallies: list[_Tally], window: QuerySet[Complaint], as_of: dt.date, target_days: int, names: _Names
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
            _add_to(tally.other_by_department, department, row["received"])
            continue
        for key in COUNTED:
            tally.counts[key] += row[key]
        outcomes = tally.by_department_outcomes.setdefault(department, dict.fromkeys(OUTCOME_KEYS, 0))
        for i, key in enumerate(OUTCOME_KEYS):
            tally.outcomes[key] += row[f"outcome_{i}"]
            outcomes[key] += row[f"outcome_{i}"]
        _add_to(tally.by_department, department, row["received"])
        _add_to(tally.by_channel, row["channel"], row["received"])
        if row["partner_id"] is not None:
            _add_to(tally.by_partner, names.partners[row["partner_id"]], row["received"])


def _add_median(tallies: list[_Tally], window: QuerySet[Complaint], as_of: dt.date) -> None:
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


def _add_flow(
    tallies: list[_Tally], periods: list[Period], as_of: dt.date, filters: Filters, *, trend: bool
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


def _months(tally: _Tally, period: Period) -> None:
    if tally.by_month:
        return
    year, month = period.start.year, period.start.month
    while (year, month) <= (period.end.year, period.end.month):
        tally.by_month[f"{year:04d}-{month:02d}"] = {"received": 0, "closed": 0}
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def _month_key(month: int) -> str:
    return f"{month // 100:04d}-{month % 100:02d}"


def _add_received_per_month(tallies: list[_Tally], window: QuerySet[Complaint]) -> None:
    """Awb complaints received per month of each period: one query."""
    rows = window.filter(kind=Kind.AWB).values(*PERIOD, month=MonthOf("received_on")).annotate(n=Count("pk"))
    for row in _rows(rows):
        months = tallies[row["period"]].by_month
        months.setdefault(_month_key(row["month"]), {"received": 0, "closed": 0})["received"] += row["n"]


def no_department_label() -> str:
    return gettext("(no department)")


def _add_natures(
    tallies: list[_Tally], periods: list[Period], as_of: dt.date, filters: Filters, names: _Names
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
        .annotate(period=_period_of(periods, "complaint__received_on"))
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
        _add_to(tally.by_nature_group, group, row["n"])
        _add_to(tally.by_nature_group_founded, group, row["founded"])
        groups[name] = group
    return dict(sorted(groups.items()))


def _add_to(counts: dict[str, int], key: str, value: int) -> None:
    counts[key] = counts.get(key, 0) + value


def _by_count(counts: dict[str, int]) -> dict[str, int]:
    """Most frequent first, then alphabetically, so the JSON and the tables read the same."""
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def _derive(tally: _Tally, target_days: int) -> PeriodFigures:
    """The period's figures in the spec's order: the counts, and open, founded and the shares."""
    counts, outcomes = tally.counts, tally.outcomes
    closed = counts["closed"]
    founded = outcomes["gegrond"] + outcomes["deels gegrond"]
    judged = sum(outcomes[key] for key in JUDGEMENT_KEYS)
    by_department = _by_count(tally.by_department)
    by_nature = _by_count(tally.by_nature)
    by_group = _by_count(tally.by_nature_group)
    return {
        "received": counts["received"],
        "closed": closed,
        "open": counts["received"] - closed,
        "outcomes": dict(outcomes),
        "founded": founded,
        "informal_share_pct": share(outcomes["informeel opgelost"], closed),
        "within_term_pct": share(counts["within_term"], closed),
        "within_extended_term_pct": share(counts["within_extended_term"], closed),
        "within_legal_term_pct": share(counts["within_legal_term"], closed),
        "extended": counts["extended"],
        "median_days_to_close": tally.median,
        "by_department": by_department,
        "by_channel": dict(tally.by_channel),
        "by_partner": _by_count(tally.by_partner),
        "by_nature": by_nature,
        "by_nature_founded": {name: tally.by_nature_founded[name] for name in by_nature},
        "other_kinds": {
            "received": tally.other["received"],
            "closed": tally.other["closed"],
            "by_department": _by_count(tally.other_by_department),
        },
        "judged": judged,
        "founded_pct_of_judged": share(founded, judged),
        "within_internal_target_pct": share(counts["within_internal_target"], closed),
        "internal_target_days": target_days,
        "open_at_start": tally.flow["start"],
        "open_at_end": tally.flow["end"],
        "handled_in_period": tally.flow["handled"],
        "referred_to_ombudsman": counts["referred_to_ombudsman"],
        "within_term": counts["within_term"],
        "within_extended_term": counts["within_extended_term"],
        "within_legal_term": counts["within_legal_term"],
        "within_internal_target": counts["within_internal_target"],
        "by_department_outcomes": {name: tally.by_department_outcomes[name] for name in by_department},
        "by_nature_group": by_group,
        "by_nature_group_founded": {group: tally.by_nature_group_founded[group] for group in by_group},
        "by_month": tally.by_month,
    }


YEAR_NAMES = {
    "open_at_start": "open_on_1_january",
    "open_at_end": "open_on_31_december",
    "handled_in_period": "handled_in_year",
}


def _year_figures(year: int, figures: PeriodFigures) -> YearFigures:
    """A period that is a calendar year, as the report names it (its flow by 1 January and 31 December)."""
    named = {YEAR_NAMES.get(key, key): value for key, value in figures.items() if key != "by_month"}
    return cast(YearFigures, {"year": year, **named})


def _has_complaints(figures: YearFigures) -> bool:
    return bool(figures["received"] or figures["other_kinds"]["received"])


def top_founded_natures(figures: dict[str, Any], count: int = 4) -> list[str]:
    """The natures most often named in (partly) founded complaints, most frequent first."""
    founded = [(n, name) for name, n in figures["by_nature_founded"].items() if n]
    return [name for _n, name in sorted(founded, key=lambda item: (-item[0], item[1]))[:count]]
