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

Everything is counted in the database (the queries are in ``counting.py``), in one transaction, with
a fixed number of queries whatever the number of complaints, periods or years: one grouped query for
the totals and every breakdown by department, channel and partner (each group a handful of counts,
summed in Python), one for the median, one for the flow, one for the natures, and for the dashboard one
for the monthly trend; plus the catalogues of departments, partners and natures, and the four queries
of ``learning.figures`` for the ``learning`` key of the report's year or the dashboard's period, and one
for the figures partners reported (``partner_sources.py``, the ``partners`` key). Only
the complaint's facts are read, never ``PersonalData``, so the figures survive the destruction of
personal data. Speed: docs/benchmarks.md.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, cast

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext

from klachtwijzer.accounts.models import Department, Municipality
from klachtwijzer.complaints.models import Complaint
from klachtwijzer.learning.figures import LearningFigures, empty_learning_figures, learning_figures
from klachtwijzer.ombudsman.figures import OmbudsmanFigures, empty_ombudsman_figures, ombudsman_figures
from klachtwijzer.satisfaction.figures import satisfaction_figures

from .counting import (
    JUDGEMENT_KEYS,
    OUTCOME_KEYS,
    Names,
    Tally,
    add_cube,
    add_flow,
    add_median,
    add_natures,
    add_received_per_month,
    median_of_histogram,
    no_department_label,
    window_of,
)
from .figure_types import (
    DashboardFigures,
    OtherKinds,
    PeriodFigures,
    PeriodSpan,
    ReportFigures,
    YearFigures,
)
from .formatting import share
from .partner_sources import partners_figures
from .periods import FiguresError, Filters, Period
from .suppression import suppress_satisfaction

__all__ = [
    "JUDGEMENT_KEYS",
    "OUTCOME_KEYS",
    "DashboardFigures",
    "FiguresError",
    "Filters",
    "OtherKinds",
    "Period",
    "PeriodFigures",
    "ReportFigures",
    "YearFigures",
    "compute_figures",
    "compute_period_figures",
    "median_of_histogram",
    "no_department_label",
]

YEARS_BACK = 4
WORK_MEM = "32MB"


def as_json(figures: ReportFigures) -> dict[str, Any]:
    """The report's figures as the JSON object the documents and frozen versions read."""
    return cast(dict[str, Any], figures)


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
            "ombudsman": counted.ombudsman,
            "partners": partners_figures(
                tallies[-1].by_partner_counts, period=periods[-1], as_of=as_of, filters=Filters()
            ),
            "satisfaction": _satisfaction([year], Filters(), municipality),
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
        "ombudsman": counted.ombudsman,
        "partners": partners_figures(
            tallies[1].by_partner_counts, period=period, as_of=as_of, filters=filters
        ),
        "satisfaction": _satisfaction(
            list(range(period.start.year, period.end.year + 1)), filters, municipality
        ),
    }


def _satisfaction(years: list[int], filters: Filters, municipality: Municipality) -> dict[str, Any]:
    """The survey figures of the complaints closed in ``years``, small groups hidden.

    Only the department filter (and a manager's scope) applies: answers store no channel, partner or
    nature, on purpose. Two queries, three with a department filter.
    """
    departments = None
    if filters.department_ids is not None:
        departments = list(
            Department.objects.filter(pk__in=filters.department_ids).values_list("name", flat=True)
        )
    return suppress_satisfaction(
        satisfaction_figures(years=years, departments=departments), municipality.suppression_threshold
    )


def _span(period: Period) -> PeriodSpan:
    return {"from": period.start.isoformat(), "to": period.end.isoformat()}


@dataclass
class _Counted:
    tallies: list[Tally]
    nature_groups: dict[str, str]
    learning: LearningFigures
    ombudsman: OmbudsmanFigures


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
    tallies = [Tally() for _period in periods]
    bounded = [Period(p.start, min(p.end, as_of)) for p in periods]
    with transaction.atomic():
        _tune_session()
        names = Names.read()
        window = window_of(bounded, filters)
        add_cube(tallies, window, as_of, target_days, names)
        add_median(tallies, window, as_of)
        add_flow(tallies, bounded, as_of, filters, trend=trend)
        if trend:
            add_received_per_month(tallies, window)
        groups = add_natures(tallies, bounded, as_of, filters, names)
        last = bounded[-1]
        cohort = Complaint.objects.filter(
            filters.complaint_q(), received_on__gte=last.start, received_on__lte=last.end
        )
        learned = learning_figures(cohort, as_of=as_of) if learning else empty_learning_figures()
        cases = ombudsman_figures(cohort, as_of=as_of) if learning else empty_ombudsman_figures()
    return _Counted(tallies, groups, learned, cases)


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


def _by_count(counts: dict[str, int]) -> dict[str, int]:
    """Most frequent first, then alphabetically, so the JSON and the tables read the same."""
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def _derive(tally: Tally, target_days: int) -> PeriodFigures:
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
        "by_form": {"schriftelijk": counts["received"] - counts["oral"], "mondeling": counts["oral"]},
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
        "acknowledged_within_target_pct": share(
            counts["acknowledged_within_target"], counts["to_acknowledge"]
        ),
        "acknowledged_within_target": counts["acknowledged_within_target"],
        "to_acknowledge": counts["to_acknowledge"],
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
