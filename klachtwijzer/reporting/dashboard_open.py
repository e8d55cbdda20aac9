"""The dashboard's panel of open complaints: as they are today (whatever the period), by age and term.

The term states follow the list's queues (``ComplaintQuerySet.overdue`` and ``due_within``): overdue when
the applicable term (a consented delay, else the extended term, else the six weeks) ended before today,
due within 7 days when it ends today or in the next 7 days. Each row links to the list behind it.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from klachtwijzer.complaints.constants import OPEN_STATUSES, Kind
from klachtwijzer.complaints.models import Complaint
from klachtwijzer.complaints.queues import DUE_WITHIN_DAYS, Queue

from .dashboard import Cell, Panel, Row, View, with_bars
from .periods import Filters

SIX_WEEKS, TEN_WEEKS, HALF_YEAR = 42, 70, 182


def open_now(filters: Filters, today: dt.date) -> dict[str, int]:
    """Open Awb complaints today that match the filters, by age and term state: one query."""
    applicable = Coalesce("further_delay_until", "extended_term_ends_on", "term_ends_on")
    ages = {
        "age_0": Q(received_on__gt=today - dt.timedelta(days=SIX_WEEKS)),
        "age_1": Q(
            received_on__lte=today - dt.timedelta(days=SIX_WEEKS),
            received_on__gt=today - dt.timedelta(days=TEN_WEEKS),
        ),
        "age_2": Q(
            received_on__lte=today - dt.timedelta(days=TEN_WEEKS),
            received_on__gt=today - dt.timedelta(days=HALF_YEAR),
        ),
        "age_3": Q(received_on__lte=today - dt.timedelta(days=HALF_YEAR)),
    }
    week_end = today + dt.timedelta(days=DUE_WITHIN_DAYS)
    counts: dict[str, int] = (
        Complaint.objects.filter(filters.complaint_q(), kind=Kind.AWB, status__in=OPEN_STATUSES)
        .order_by()
        .alias(applicable=applicable)
        .aggregate(
            total=Count("pk"),
            overdue=Count("pk", filter=Q(applicable__lt=today)),
            week=Count("pk", filter=Q(applicable__gte=today, applicable__lte=week_end)),
            **{name: Count("pk", filter=condition) for name, condition in ages.items()},
        )
    )
    return counts


def open_panel(view: View, counts: dict[str, int], today: dt.date) -> Panel:
    d = view.disclosure
    day = dt.timedelta(days=1)

    def ago(days: int) -> str:
        return (today - dt.timedelta(days=days)).isoformat()

    def after(days: int) -> str:
        return (today - dt.timedelta(days=days) + day).isoformat()

    ages: list[tuple[str, str, dict[str, str]]] = [
        (_("Received less than 6 weeks ago"), "age_0", {"received_from": after(SIX_WEEKS)}),
        (_("6 to 10 weeks ago"), "age_1", {"received_from": after(TEN_WEEKS), "received_to": ago(SIX_WEEKS)}),
        (_("10 weeks to half a year ago"), "age_2",
         {"received_from": after(HALF_YEAR), "received_to": ago(TEN_WEEKS)}),
        (_("Half a year ago or longer"), "age_3", {"received_to": ago(HALF_YEAR)}),
        (_("Term ended (overdue)"), "overdue", {"queue": str(Queue.OVERDUE)}),
        (_("Term ends within 7 days"), "week", {"queue": str(Queue.WEEK)}),
    ]  # fmt: skip
    hidden = d.hidden_keys({key: counts[key] for _label, key, _extra in ages[:4]})
    rows, raw = [], []
    for label, key, extra in ages:
        value = counts[key]
        link = view.links.to(None, status="open", **extra) if value else ""
        rows.append(Row(label, [Cell(d.count(value, hidden=key in hidden), link)]))
        raw.append([value])
    hidden_rows = [{i for i, (_label, key, _extra) in enumerate(ages) if key in hidden}]
    with_bars(rows, raw, d, hidden_rows)
    intro = _("Open complaints today, whenever they were received: %(count)s in all.") % {
        "count": d.count_in_text(counts["total"])
    }
    return Panel("open", _("Open now, by age and term"), [_("Open")], rows, series=[_("Open")], intro=intro)
