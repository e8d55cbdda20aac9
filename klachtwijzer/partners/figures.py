"""The figures partners reported, as the report, the dashboard and ``klachtwijzer figures`` read them.

Figures of a period count in the period in which their ``periode_tot`` falls (they are not split).
Only figures that stood on the reference date count: reported on or before it and not replaced by then,
so a report computed again for the same reference date gives the same figures. One grouped query.
"""

from __future__ import annotations

import datetime as dt
from typing import TypedDict

from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce, TruncDate

from .models import PartnerFigures


class ReportedFigures(TypedDict):
    periods: int
    received: int
    closed: int
    founded: int
    # Closed within the term, summed over the periods that gave the number; their closed complaints.
    within_term: int
    closed_with_term: int


def reported_figures(
    *, start: dt.date, end: dt.date, as_of: dt.date, partner_id: int | None = None
) -> dict[str, ReportedFigures]:
    """Per partner name, the sum of the figures reported for periods ending from ``start`` to ``end``
    (of one partner when ``partner_id`` is given)."""
    standing = (
        PartnerFigures.objects.annotate(
            reported_on=TruncDate("reported_at"), replaced_on=TruncDate("replaced_at")
        )
        .filter(period_to__gte=start, period_to__lte=end, reported_on__lte=as_of)
        .filter(Q(replaced_at__isnull=True) | Q(replaced_on__gt=as_of))
    )
    if partner_id is not None:
        standing = standing.filter(partner_id=partner_id)
    rows = (
        standing.order_by()
        .values("partner__name")
        .annotate(
            periods=Count("pk"),
            received_sum=Sum("received"),
            closed_sum=Sum("closed"),
            founded_sum=Sum("gegrond") + Sum("deels_gegrond"),
            within_term_sum=Coalesce(Sum("within_term"), 0),
            closed_with_term=Coalesce(Sum("closed", filter=Q(within_term__isnull=False)), 0),
        )
    )
    return {
        row["partner__name"]: {
            "periods": row["periods"],
            "received": row["received_sum"] or 0,
            "closed": row["closed_sum"] or 0,
            "founded": row["founded_sum"] or 0,
            "within_term": row["within_term_sum"],
            "closed_with_term": row["closed_with_term"],
        }
        for row in rows
    }
