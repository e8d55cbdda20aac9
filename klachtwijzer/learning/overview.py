"""The coordinator's overview of themes across departments, computed in the database.

Per theme (over the learning points given, usually all of them): the points, the distinct complaints
and departments behind them, the complaints judged gegrond or deels gegrond, and the points per year
of receipt of their complaints (the trend). A theme found in two or more departments is a candidate
to take up jointly (Leiden's "bredere thema's"). Two queries whatever the number of points.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import ExtractYear

from klachtwijzer.complaints.constants import FOUNDED_JUDGEMENTS

from .models import LearningPoint

BROADER_THEME_DEPARTMENTS = 2
TREND_YEARS = 5


@dataclass
class ThemeRow:
    theme_id: int
    name: str
    retired: bool
    points: int
    complaints: int
    founded: int
    departments: int
    per_year: dict[int, int] = field(default_factory=dict)
    trend: list[tuple[int, int]] = field(default_factory=list)  # (year, points) for the years shown

    @property
    def broader(self) -> bool:
        return self.departments >= BROADER_THEME_DEPARTMENTS


def theme_rows(points: QuerySet[LearningPoint]) -> tuple[list[ThemeRow], list[int]]:
    """Every theme with points among ``points``, most points first, and the years of the trend."""
    through = LearningPoint.themes.through.objects.filter(learningpoint__in=points.values("pk")).order_by()
    founded = Q(learningpoint__complaint__judgement__in=FOUNDED_JUDGEMENTS)
    totals = through.values("theme_id", "theme__name", "theme__retired_on", "theme__merged_into_id").annotate(
        points=Count("learningpoint_id", distinct=True),
        complaints=Count("learningpoint__complaint_id", distinct=True),
        founded=Count("learningpoint__complaint_id", distinct=True, filter=founded),
        departments=Count("learningpoint__department_id", distinct=True),
    )
    rows = {
        row["theme_id"]: ThemeRow(
            theme_id=row["theme_id"],
            name=row["theme__name"],
            retired=bool(row["theme__retired_on"] or row["theme__merged_into_id"]),
            points=row["points"],
            complaints=row["complaints"],
            founded=row["founded"],
            departments=row["departments"],
        )
        for row in totals
    }
    per_year = through.values("theme_id", year=ExtractYear("learningpoint__complaint__received_on")).annotate(
        n=Count("learningpoint_id", distinct=True)
    )
    years: set[int] = set()
    for row in per_year:
        rows[row["theme_id"]].per_year[row["year"]] = row["n"]
        years.add(row["year"])
    shown = sorted(years)[-TREND_YEARS:]
    ordered = sorted(rows.values(), key=lambda row: (-row.departments, -row.points, row.name))
    return ordered, shown
