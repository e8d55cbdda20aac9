"""The register file's learning columns ``thema`` and ``leerpunt`` (docs/register.md).

Import: a row with a ``leerpunt`` gets one learning point on its complaint, for the complaint's
department, recorded on the closing date (or the date of receipt while open), with the themes of
``thema``. Themes are matched case-insensitively, a merged theme by the one it was merged into;
unknown ones are created (first spelling wins). Each new point and theme gets its history entry.
No query per row: the catalogue is read once, points, their themes and history are bulk-created.

Export: a complaint's first learning point (its themes in the order they were recorded, and its
text: what went wrong, then a blank line and what should change where that was written apart).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from klachtwijzer.accounts.models import User

from .models import LearningHistoryEvent, LearningPoint, Source, Theme

Event = LearningHistoryEvent.Type
ThemeLink = LearningPoint.themes.through


@dataclass(frozen=True)
class ImportedPoint:
    """One row's learning point, ready to be stored with its complaint."""

    complaint_id: int
    department_id: int
    recorded_on: dt.date
    text: str
    themes: list[str]


class ThemeCatalogue:
    """Theme ids by case-folded name, read once; ``ensure`` creates the names it does not know."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}
        rows = Theme.objects.order_by("pk").values_list("pk", "name", "merged_into_id")
        for pk, name, merged_into_id in rows:
            self.ids.setdefault(name.casefold(), merged_into_id or pk)

    def ensure(self, names: Iterable[str], *, acting_user: User | None) -> None:
        new: dict[str, str] = {}
        for name in names:
            if name.casefold() not in self.ids:
                new.setdefault(name.casefold(), name)
        if not new:
            return
        for theme in Theme.objects.bulk_create([Theme(name=name) for name in new.values()]):
            self.ids[theme.name.casefold()] = theme.pk
        LearningHistoryEvent.objects.bulk_create(
            LearningHistoryEvent(
                type=Event.THEME_CREATED,
                actor=acting_user,
                theme_id=self.ids[name.casefold()],
                changes=[{"field": "name", "old": "", "new": name}],
            )
            for name in new.values()
        )


def store_points(points: list[ImportedPoint], catalogue: ThemeCatalogue, *, acting_user: User | None) -> None:
    """Store one batch of imported learning points with their themes and history."""
    if not points:
        return
    catalogue.ensure((name for point in points for name in point.themes), acting_user=acting_user)
    stored = LearningPoint.objects.bulk_create(
        LearningPoint(
            complaint_id=point.complaint_id,
            department_id=point.department_id,
            what_went_wrong=point.text,
            recorded_on=point.recorded_on,
            recorded_by=acting_user,
            source=Source.REGISTER,
        )
        for point in points
    )
    pairs = list(zip(stored, points, strict=True))
    ThemeLink.objects.bulk_create(
        ThemeLink(learningpoint_id=row.pk, theme_id=catalogue.ids[name.casefold()])
        for row, point in pairs
        for name in point.themes
    )
    LearningHistoryEvent.objects.bulk_create(
        LearningHistoryEvent(
            type=Event.POINT_RECORDED,
            actor=acting_user,
            point_id=row.pk,
            changes=[{"field": "themes", "old": "", "new": "; ".join(point.themes)}],
        )
        for row, point in pairs
    )


def first_points(complaint_ids: list[int]) -> dict[int, tuple[str, str]]:
    """Each complaint's first learning point as the register's (``thema``, ``leerpunt``): two queries."""
    first: dict[int, LearningPoint] = {}
    points = LearningPoint.objects.filter(complaint_id__in=complaint_ids).order_by("complaint_id", "pk")
    for point in points.only("pk", "complaint_id", "what_went_wrong", "what_should_change"):
        first.setdefault(point.complaint_id, point)
    themes: dict[int, list[str]] = {}
    links = (
        ThemeLink.objects.filter(learningpoint_id__in=[point.pk for point in first.values()])
        .order_by("learningpoint_id", "pk")
        .values_list("learningpoint_id", "theme__name")
    )
    for point_id, name in links:
        themes.setdefault(point_id, []).append(name)
    return {
        complaint_id: (";".join(themes.get(point.pk, [])), register_text(point))
        for complaint_id, point in first.items()
    }


def register_text(point: LearningPoint) -> str:
    if point.what_should_change:
        return f"{point.what_went_wrong}\n\n{point.what_should_change}"
    return point.what_went_wrong
