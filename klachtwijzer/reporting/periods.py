"""Which complaints a set of figures is about: a period of receipt and filters that combine (AND).

A period is every day of receipt from ``start`` to ``end`` inclusive. Its comparison period is the
same dates one year earlier (29 February becomes 28 February). Filters narrow the complaints by
department, channel, partner and nature, where a nature is one norm or a whole group of norms; a
complaint matches a nature filter when any of its natures does. The command line names filters by
name (matched case-insensitively); an unknown name is an error that names it, never an empty result.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext

from klachtwijzer.accounts.models import Department, Partner
from klachtwijzer.complaints.constants import Channel, NatureGroup
from klachtwijzer.complaints.models import Complaint, Nature


class FiguresError(ValueError):
    """A request for figures that cannot be answered (a reference date before the period, ...)."""


@dataclass(frozen=True)
class Period:
    """The days of receipt from ``start`` to ``end``, both included."""

    start: dt.date
    end: dt.date

    def year_earlier(self) -> Period:
        return Period(_year_earlier(self.start), _year_earlier(self.end))

    def overlaps(self, other: Period) -> bool:
        return self.start <= other.end and other.start <= self.end

    def is_calendar_year(self) -> bool:
        return (self.start.month, self.start.day, self.end.month, self.end.day) == (1, 1, 12, 31) and (
            self.start.year == self.end.year
        )


def _year_earlier(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


@dataclass(frozen=True)
class Filters:
    """Filters that combine. ``department_ids`` also carries a manager's scope (their departments)."""

    department_ids: frozenset[int] | None = None
    channel: str = ""
    partner_id: int | None = None
    nature_ids: frozenset[int] | None = None
    # What the filters were given as, echoed in the command's output: {"department": "Burgerzaken"}.
    labels: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    def complaint_q(self, prefix: str = "") -> Q:
        """The filters as a condition on complaints (``prefix`` reaches them from a related table)."""
        condition = Q()
        if self.department_ids is not None:
            condition &= Q(**{f"{prefix}department_id__in": sorted(self.department_ids)})
        if self.channel:
            condition &= Q(**{f"{prefix}channel": self.channel})
        if self.partner_id is not None:
            condition &= Q(**{f"{prefix}partner_id": self.partner_id})
        if self.nature_ids is not None:
            through = Complaint.natures.through.objects.filter(
                complaint_id=OuterRef(f"{prefix}pk"), nature_id__in=sorted(self.nature_ids)
            )
            condition &= Q(Exists(through))
        return condition

    def scoped(self, department_ids: Iterable[int] | None) -> Filters:
        """These filters within a scope of departments (a manager's), narrowing, never widening."""
        if department_ids is None:
            return self
        scope = frozenset(department_ids)
        chosen = scope if self.department_ids is None else self.department_ids & scope
        return Filters(chosen, self.channel, self.partner_id, self.nature_ids, self.labels)


def _unknown(what: str, name: str) -> FiguresError:
    messages = {
        "department": gettext("There is no department named %(name)s."),
        "partner": gettext("There is no partner named %(name)s."),
        "channel": gettext("There is no channel named %(name)s."),
        "nature": gettext("There is no nature or group of natures named %(name)s."),
    }
    return FiguresError(messages[what] % {"name": name})


def filters_by_name(
    *, department: str = "", channel: str = "", partner: str = "", nature: str = ""
) -> Filters:
    """Filters from names, matched case-insensitively; an unknown name raises ``FiguresError``."""
    labels: dict[str, str] = {}
    department_ids = partner_id = nature_ids = None
    channel_value = ""
    if department:
        found = Department.objects.filter(name__iexact=department.strip()).first()
        if found is None:
            raise _unknown("department", department)
        department_ids, labels["department"] = frozenset({found.pk}), found.name
    if channel:
        channel_value = _channel_named(channel)
        labels["channel"] = channel_value
    if partner:
        found_partner = Partner.objects.filter(name__iexact=partner.strip()).first()
        if found_partner is None:
            raise _unknown("partner", partner)
        partner_id, labels["partner"] = found_partner.pk, found_partner.name
    if nature:
        nature_ids, labels["nature"] = _natures_named(nature)
    return Filters(department_ids, channel_value, partner_id, nature_ids, labels)


def _channel_named(name: str) -> str:
    wanted = name.strip().casefold()
    for value, label in Channel.choices:
        if wanted in (value.casefold(), str(label).casefold()):
            return value
    raise _unknown("channel", name)


def _natures_named(name: str) -> tuple[frozenset[int], str]:
    """One norm by its name, or every nature of a group by the group's key or name."""
    wanted = name.strip().casefold()
    found = Nature.objects.filter(name__iexact=name.strip()).first()
    if found is not None:
        return frozenset({found.pk}), found.name
    for value, label in NatureGroup.choices:
        if wanted in (value.casefold(), str(label).casefold()):
            ids = Nature.objects.filter(group=value).values_list("pk", flat=True)
            return frozenset(ids), str(label)
    raise _unknown("nature", name)
