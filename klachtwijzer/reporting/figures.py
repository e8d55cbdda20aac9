"""The yearly figures of complaint handling: the one module the report, the dashboard and exports share.

Definitions (spec/report-figures.md, docs/reporting.md; Awb 9:11, 9:12a):

- A year's cohort is every complaint *received* in that year, up to the reference date ``as_of``.
  Awb complaints make the figures; other kinds of complaints are counted apart (``other_kinds``).
- A complaint is closed when its closing date lies on or before ``as_of``; otherwise it is open.
- Within-term shares are of the cohort's closed complaints and use the term ends stored on the
  complaint when it was received or extended (already moved under the Algemene termijnenwet):
  6 weeks (``term_ends_on``), 10 weeks (``ten_week_term_ends_on``), the term that applied
  (the extended term where the extension notice was sent on or before the end of the 6 weeks),
  and the municipality's internal target in days.
- ``founded`` is gegrond + deels gegrond; ``judged`` is every formal judgement (the four oordelen).
- Open on 1 January / 31 December and handled in the year are counted over all Awb complaints,
  whatever year they were received in.
- A complaint with several natures counts once for each nature; a group of natures counts the
  classifications under its natures.

Everything is an aggregate computed in the database, in seven queries (and one read of the
catalogue of natures, and the four of ``learning.figures`` for the year's ``learning`` key) whatever
the number of complaints or years, in one transaction (see
``_tune_session`` for PostgreSQL). Each query groups by year (and the breakdown), over the report's
year and up to four years before it. Only the complaint's facts are read, never ``PersonalData``, so
the figures survive the destruction of personal data. Speed: docs/benchmarks.md, "Yearly report".
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.db import connection, transaction
from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext

from klachtwijzer.accounts.models import Municipality
from klachtwijzer.complaints.constants import (
    FOUNDED_JUDGEMENTS,
    REGISTER_OORDEEL,
    Channel,
    Kind,
    Outcome,
)
from klachtwijzer.complaints.models import Complaint, Nature
from klachtwijzer.learning.figures import learning_figures

from .expressions import DaysToClose, Median, YearOf
from .formatting import round_half_up, share

YEARS_BACK = 4
WORK_MEM = "32MB"
# The keys of one year's figures, in the order of spec/report-figures.md, then the additions.
KEY_ORDER = [
    "year", "received", "closed", "open", "outcomes", "founded", "informal_share_pct", "within_term_pct",
    "within_extended_term_pct", "within_legal_term_pct", "extended", "median_days_to_close", "by_department",
    "by_channel", "by_partner", "by_nature", "by_nature_founded", "other_kinds",
    "judged", "founded_pct_of_judged", "within_internal_target_pct", "internal_target_days",
    "open_on_1_january", "open_on_31_december", "handled_in_year", "referred_to_ombudsman",
    "within_term", "within_extended_term", "within_legal_term", "within_internal_target",
    "by_department_outcomes", "by_nature_group", "by_nature_group_founded",
]  # fmt: skip
OUTCOME_KEYS = list(REGISTER_OORDEEL)
JUDGEMENT_KEYS = ["gegrond", "deels gegrond", "ongegrond", "geen oordeel"]


class FiguresError(ValueError):
    """A request for figures that cannot be answered (a reference date before the year, ...)."""


def compute_figures(
    *, year: int, as_of: dt.date | None = None, municipality: Municipality | None = None
) -> dict[str, Any]:
    """The figures of ``year`` as of ``as_of`` (default today), with up to four earlier years.

    Returns a JSON-serialisable dict shaped as in spec/report-figures.md.
    """
    as_of = as_of or timezone.localdate()
    if as_of < dt.date(year, 1, 1):
        raise FiguresError(
            gettext("The reference date %(as_of)s lies before the year %(year)s.")
            % {"as_of": as_of.isoformat(), "year": year}
        )
    municipality = municipality or Municipality.current()
    years = list(range(year - YEARS_BACK, year + 1))
    window = _window(years, as_of)
    per_year = {y: _empty_year(y, municipality.internal_target_days) for y in years}
    with transaction.atomic():
        _tune_session()
        _add_totals(per_year, window, as_of, municipality.internal_target_days)
        _add_median(per_year, window, as_of)
        _add_flow(per_year, years, as_of)
        _add_departments(per_year, window, as_of)
        _add_breakdowns(per_year, window)
        nature_groups = _add_natures(per_year, _bounds(years, as_of), as_of)
        learning = learning_figures(_window([year], as_of), as_of=as_of)
    for y, figures in per_year.items():
        _derive(figures)
        per_year[y] = {key: figures[key] for key in KEY_ORDER}
    previous = [per_year[y] for y in reversed(years[:-1]) if _has_complaints(per_year[y])]
    current = dict(per_year[year])
    return {
        "municipality": municipality.name,
        "year": current.pop("year"),
        "as_of": as_of.isoformat(),
        **current,
        "nature_groups": nature_groups,
        "learning": learning,
        "previous_years": previous,
    }


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


def _bounds(years: list[int], as_of: dt.date) -> tuple[dt.date, dt.date]:
    """The first and last day of receipt that the figures of ``years`` count."""
    return dt.date(years[0], 1, 1), min(dt.date(years[-1], 12, 31), as_of)


def _window(years: list[int], as_of: dt.date) -> QuerySet[Complaint]:
    """Every complaint received in ``years`` up to ``as_of``, without ordering (for grouping)."""
    start, end = _bounds(years, as_of)
    return Complaint.objects.filter(received_on__gte=start, received_on__lte=end).order_by()


def _closed(as_of: dt.date, prefix: str = "") -> Q:
    return Q(**{f"{prefix}closed_on__lte": as_of})


def _empty_year(year: int, internal_target_days: int) -> dict[str, Any]:
    return {
        "year": year,
        "received": 0,
        "closed": 0,
        "open": 0,
        "outcomes": dict.fromkeys(OUTCOME_KEYS, 0),
        "within_term": 0,
        "within_extended_term": 0,
        "within_legal_term": 0,
        "within_internal_target": 0,
        "internal_target_days": internal_target_days,
        "extended": 0,
        "referred_to_ombudsman": 0,
        "median_days_to_close": None,
        "open_on_1_january": 0,
        "open_on_31_december": 0,
        "handled_in_year": 0,
        "by_department": {},
        "by_department_outcomes": {},
        "by_channel": dict.fromkeys(Channel.values, 0),
        "by_partner": {},
        "by_nature": {},
        "by_nature_founded": {},
        "by_nature_group": {},
        "by_nature_group_founded": {},
        "other_kinds": {"received": 0, "closed": 0, "by_department": {}},
    }


def _outcome_filter(key: str) -> Q:
    outcome, judgement = REGISTER_OORDEEL[key]
    if outcome == Outcome.JUDGED:
        return Q(outcome=outcome, judgement=judgement)
    return Q(outcome=outcome)


def _outcome_counts(as_of: dt.date) -> dict[str, Count]:
    closed = _closed(as_of)
    return {
        f"outcome_{i}": Count("pk", filter=closed & _outcome_filter(key))
        for i, key in enumerate(OUTCOME_KEYS)
    }


def _read_outcomes(row: dict[str, Any]) -> dict[str, int]:
    return {key: row[f"outcome_{i}"] for i, key in enumerate(OUTCOME_KEYS)}


def _add_totals(
    per_year: dict[int, dict[str, Any]], window: QuerySet, as_of: dt.date, target_days: int
) -> None:
    """Received, closed, outcomes, terms and extensions per year and kind: one query."""
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
        **_outcome_counts(as_of),
    }
    rows = (
        window.alias(days_to_close=DaysToClose())
        .annotate(received_year=YearOf("received_on"))
        .values("received_year", "kind")
        .annotate(**aggregates)
    )
    for row in rows:
        figures = per_year[row["received_year"]]
        if row["kind"] != Kind.AWB:
            figures["other_kinds"]["received"] += row["received"]
            figures["other_kinds"]["closed"] += row["closed"]
            continue
        figures.update({key: row[key] for key in aggregates if not key.startswith("outcome_")})
        figures["outcomes"] = _read_outcomes(row)


def _add_median(per_year: dict[int, dict[str, Any]], window: QuerySet, as_of: dt.date) -> None:
    """The median number of days from receipt to closure of the closed Awb complaints: one query.

    PostgreSQL computes it with percentile_cont; elsewhere the database counts how many complaints
    took each number of days (at most a few hundred rows per year) and the median is read from that.
    """
    closed = window.filter(_closed(as_of), kind=Kind.AWB).annotate(received_year=YearOf("received_on"))
    if connection.vendor == "postgresql":
        rows = closed.values("received_year").annotate(median=Median(DaysToClose()))
        for row in rows:
            per_year[row["received_year"]]["median_days_to_close"] = _tidy(row["median"])
        return
    histogram: dict[int, list[tuple[int, int]]] = defaultdict(list)
    counts = closed.annotate(days=DaysToClose()).values("received_year", "days").annotate(n=Count("pk"))
    for row in counts.order_by("received_year", "days"):
        histogram[row["received_year"]].append((row["days"], row["n"]))
    for year, frequencies in histogram.items():
        per_year[year]["median_days_to_close"] = _tidy(median_of_histogram(frequencies))


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


def _add_flow(per_year: dict[int, dict[str, Any]], years: list[int], as_of: dt.date) -> None:
    """Open on 1 January and 31 December, and handled in the year, of all Awb complaints: one query."""
    aggregates = {}
    for year in years:
        start, end = dt.date(year, 1, 1), min(dt.date(year, 12, 31), as_of)
        if start > as_of:
            continue
        open_from = Q(closed_on__isnull=True) | Q(closed_on__gte=start)
        open_after = Q(closed_on__isnull=True) | Q(closed_on__gt=end)
        aggregates[f"start_{year}"] = Count("pk", filter=Q(received_on__lt=start) & open_from)
        aggregates[f"end_{year}"] = Count("pk", filter=Q(received_on__lte=end) & open_after)
        aggregates[f"handled_{year}"] = Count("pk", filter=Q(closed_on__gte=start, closed_on__lte=end))
    relevant = Complaint.objects.filter(
        kind=Kind.AWB, received_on__lte=min(dt.date(years[-1], 12, 31), as_of)
    )
    relevant = relevant.filter(Q(closed_on__isnull=True) | Q(closed_on__gte=dt.date(years[0], 1, 1)))
    row = relevant.order_by().aggregate(**aggregates)
    for year in years:
        figures = per_year[year]
        figures["open_on_1_january"] = row.get(f"start_{year}") or 0
        figures["open_on_31_december"] = row.get(f"end_{year}") or 0
        figures["handled_in_year"] = row.get(f"handled_{year}") or 0


def no_department_label() -> str:
    return gettext("(no department)")


def _add_departments(per_year: dict[int, dict[str, Any]], window: QuerySet, as_of: dt.date) -> None:
    """Received and how they ended, per department, year and kind: one query."""
    rows = (
        window.annotate(received_year=YearOf("received_on"))
        .values("received_year", "kind", "department__name")
        .annotate(received=Count("pk"), **_outcome_counts(as_of))
    )
    for row in rows:
        figures = per_year[row["received_year"]]
        name = row["department__name"] or no_department_label()
        if row["kind"] != Kind.AWB:
            figures["other_kinds"]["by_department"][name] = row["received"]
            continue
        figures["by_department"][name] = row["received"]
        figures["by_department_outcomes"][name] = _read_outcomes(row)


def _add_breakdowns(per_year: dict[int, dict[str, Any]], window: QuerySet) -> None:
    """Received Awb complaints per channel and per partner: one query each."""
    awb = window.filter(kind=Kind.AWB).annotate(received_year=YearOf("received_on"))
    for row in awb.values("received_year", "channel").annotate(n=Count("pk")):
        per_year[row["received_year"]]["by_channel"][row["channel"]] = row["n"]
    partners = awb.filter(partner__isnull=False).values("received_year", "partner__name")
    for row in partners.annotate(n=Count("pk")):
        per_year[row["received_year"]]["by_partner"][row["partner__name"]] = row["n"]


def _add_natures(
    per_year: dict[int, dict[str, Any]], bounds: tuple[dt.date, dt.date], as_of: dt.date
) -> dict[str, str]:
    """Received and founded Awb complaints per nature, and per group of natures: two queries.

    A complaint with several natures counts once for each nature; a group counts the classifications
    under its natures (so a complaint named under two natures of one group counts twice there, as
    reports that classify per complaint element do). The counts group by the nature's id (cheaper than
    by its name); the catalogue, a few dozen rows, gives names and groups. Returns the group of every
    nature that occurs.
    """
    start, end = bounds
    through = Complaint.natures.through.objects.filter(
        complaint__kind=Kind.AWB, complaint__received_on__gte=start, complaint__received_on__lte=end
    ).order_by()
    founded = _closed(as_of, "complaint__") & Q(complaint__judgement__in=FOUNDED_JUDGEMENTS)
    rows = list(
        through.values("nature_id", received_year=YearOf("complaint__received_on")).annotate(
            n=Count("pk"), founded=Count("pk", filter=founded)
        )
    )
    catalogue = {pk: (name, group) for pk, name, group in Nature.objects.values_list("pk", "name", "group")}
    groups: dict[str, str] = {}
    for row in rows:
        figures, (name, group) = per_year[row["received_year"]], catalogue[row["nature_id"]]
        figures["by_nature"][name] = row["n"]
        figures["by_nature_founded"][name] = row["founded"]
        _add_to(figures["by_nature_group"], group, row["n"])
        _add_to(figures["by_nature_group_founded"], group, row["founded"])
        groups[name] = group
    return dict(sorted(groups.items()))


def _add_to(counts: dict[str, int], key: str, value: int) -> None:
    counts[key] = counts.get(key, 0) + value


def _by_count(counts: dict[str, int]) -> dict[str, int]:
    """Most frequent first, then alphabetically, so the JSON and the tables read the same."""
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def _derive(figures: dict[str, Any]) -> None:
    """Open, founded, judged and the percentages, from the counted figures."""
    outcomes, closed = figures["outcomes"], figures["closed"]
    figures["open"] = figures["received"] - closed
    figures["founded"] = outcomes["gegrond"] + outcomes["deels gegrond"]
    figures["judged"] = sum(outcomes[key] for key in JUDGEMENT_KEYS)
    figures["founded_pct_of_judged"] = share(figures["founded"], figures["judged"])
    figures["informal_share_pct"] = share(outcomes["informeel opgelost"], closed)
    for key in ("within_term", "within_extended_term", "within_legal_term", "within_internal_target"):
        figures[f"{key}_pct"] = share(figures[key], closed)
    for key in ("by_department", "by_partner", "by_nature", "by_nature_group"):
        figures[key] = _by_count(figures[key])
    figures["by_department_outcomes"] = {
        name: figures["by_department_outcomes"][name] for name in figures["by_department"]
    }
    figures["by_nature_founded"] = {name: figures["by_nature_founded"][name] for name in figures["by_nature"]}
    figures["by_nature_group_founded"] = {
        group: figures["by_nature_group_founded"][group] for group in figures["by_nature_group"]
    }
    figures["other_kinds"]["by_department"] = _by_count(figures["other_kinds"]["by_department"])


def _has_complaints(figures: dict[str, Any]) -> bool:
    return bool(figures["received"] or figures["other_kinds"]["received"])


def top_founded_natures(figures: dict[str, Any], count: int = 4) -> list[str]:
    """The natures most often named in (partly) founded complaints, most frequent first."""
    founded = [(n, name) for name, n in figures["by_nature_founded"].items() if n]
    return [name for _n, name in sorted(founded, key=lambda item: (-item[0], item[1]))[:count]]
