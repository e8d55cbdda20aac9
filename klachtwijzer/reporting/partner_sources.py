"""The ``partners`` key of the figures: registered complaints and reported figures per partner.

Per partner (by name) the complaints registered about its service in the period (``source``
``registered``, counted with the other figures in ``counting.add_cube``) and the figures it reported
itself for periods ending in the period (``reported``, ``partners.figures.reported_figures``); a partner
with both shows ``"source": "both"`` and their sum (spec/report-figures.md). ``within_term_pct`` is of the
closed complaints for which the number within the term is known (a partner may leave it out).
"""

from __future__ import annotations

import datetime as dt
from typing import TypedDict

from klachtwijzer.partners.figures import ReportedFigures, reported_figures

from .formatting import share
from .periods import Filters, Period


class PartnerEntry(TypedDict):
    source: str
    received: int
    closed: int
    founded: int
    within_term_pct: float | None


def partners_figures(
    registered: dict[str, dict[str, int]], *, period: Period, as_of: dt.date, filters: Filters | None = None
) -> dict[str, PartnerEntry]:
    """The ``partners`` key. Reported figures are not broken down by department, channel or nature: with
    such a filter only the registered complaints count; with a partner filter only that partner's."""
    filters = filters or Filters()
    reported: dict[str, ReportedFigures] = {}
    if filters.department_ids is None and not filters.channel and filters.nature_ids is None:
        reported = reported_figures(
            start=period.start, end=min(period.end, as_of), as_of=as_of, partner_id=filters.partner_id
        )
    entries: dict[str, PartnerEntry] = {}
    for name in sorted(set(registered) | set(reported)):
        mine, theirs = registered.get(name), reported.get(name)
        source = "both" if mine and theirs else "registered" if mine else "reported"
        received = (mine["received"] if mine else 0) + (theirs["received"] if theirs else 0)
        closed = (mine["closed"] if mine else 0) + (theirs["closed"] if theirs else 0)
        founded = (mine["founded"] if mine else 0) + (theirs["founded"] if theirs else 0)
        within = (mine["within_term"] if mine else 0) + (theirs["within_term"] if theirs else 0)
        with_term = (mine["closed"] if mine else 0) + (theirs["closed_with_term"] if theirs else 0)
        entries[name] = {
            "source": source,
            "received": received,
            "closed": closed,
            "founded": founded,
            "within_term_pct": share(within, with_term),
        }
    return entries
