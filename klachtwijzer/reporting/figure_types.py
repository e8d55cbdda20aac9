"""The figures as typed structures: what ``figures.py`` returns, key for key the JSON of
spec/report-figures.md (``ReportFigures`` for ``report --year``, ``DashboardFigures`` for the dashboard and
``klachtwijzer figures``). TypedDicts, so the figures stay plain JSON-serialisable dicts for the documents
and the frozen versions, while the code that builds and reads them is checked key by key.
"""

from __future__ import annotations

from typing import Any, TypedDict

from klachtwijzer.learning.figures import LearningFigures
from klachtwijzer.ombudsman.figures import OmbudsmanFigures

from .partner_sources import PartnerEntry


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
    by_form: dict[str, int]
    by_partner: dict[str, int]
    by_nature: dict[str, int]
    by_nature_founded: dict[str, int]
    other_kinds: OtherKinds
    judged: int
    founded_pct_of_judged: float | None
    within_internal_target_pct: float | None
    internal_target_days: int
    acknowledged_within_target_pct: float | None
    acknowledged_within_target: int
    to_acknowledge: int
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
    by_form: dict[str, int]
    by_partner: dict[str, int]
    by_nature: dict[str, int]
    by_nature_founded: dict[str, int]
    other_kinds: OtherKinds
    judged: int
    founded_pct_of_judged: float | None
    within_internal_target_pct: float | None
    internal_target_days: int
    acknowledged_within_target_pct: float | None
    acknowledged_within_target: int
    to_acknowledge: int
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
    ombudsman: OmbudsmanFigures
    partners: dict[str, PartnerEntry]
    satisfaction: dict[str, Any]
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
    ombudsman: OmbudsmanFigures
    partners: dict[str, PartnerEntry]
    satisfaction: dict[str, Any]
