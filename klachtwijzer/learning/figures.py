"""The learning figures of a period: the ``learning`` key of the report and dashboard figures.

Definitions (docs/learning.md, "Figures"):

- ``points`` counts the learning points recorded on or before ``as_of`` on the period's complaints,
  Awb and other kinds alike (other kinds are registered for their learning effect);
  ``complaints_with_points`` the distinct complaints among them.
- ``by_theme[t]``: ``points`` under theme ``t`` (a point under two themes counts under both),
  ``complaints`` the distinct complaints with such a point, ``founded`` those of them closed on or
  before ``as_of`` with the judgement gegrond or deels gegrond, ``departments`` the distinct
  departments of the points.
- ``by_department[d]``: the points for department ``d``.
- ``actions`` counts the improvement actions created on or before ``as_of`` and linked to those
  points, by their state on ``as_of``; ``overdue`` those neither done nor dropped on ``as_of`` and due
  before it (they count under their state too).

Four aggregate queries whatever the number of complaints, points or actions. Only names of themes and
departments are read, never a point's text.
"""

from __future__ import annotations

import datetime as dt
from typing import TypedDict

from django.db.models import Count, Q, QuerySet

from klachtwijzer.complaints.constants import FOUNDED_JUDGEMENTS
from klachtwijzer.complaints.models import Complaint

from .models import ImprovementAction, LearningPoint, state_on


class ThemeFigures(TypedDict):
    points: int
    complaints: int
    founded: int
    departments: int


class ActionFigures(TypedDict):
    open: int
    in_progress: int
    done: int
    dropped: int
    overdue: int


class LearningFigures(TypedDict):
    points: int
    complaints_with_points: int
    by_theme: dict[str, ThemeFigures]
    by_department: dict[str, int]
    actions: ActionFigures


def empty_learning_figures() -> LearningFigures:
    return {
        "points": 0,
        "complaints_with_points": 0,
        "by_theme": {},
        "by_department": {},
        "actions": {"open": 0, "in_progress": 0, "done": 0, "dropped": 0, "overdue": 0},
    }


def period_points(complaints: QuerySet[Complaint], *, as_of: dt.date) -> QuerySet[LearningPoint]:
    """The learning points the figures count: on ``complaints``, recorded on or before ``as_of``."""
    return LearningPoint.objects.filter(
        complaint__in=complaints.order_by().values("pk"), recorded_on__lte=as_of
    ).order_by()


def learning_figures(complaints: QuerySet[Complaint], *, as_of: dt.date) -> LearningFigures:
    """The learning figures of the period's cohort ``complaints`` as of ``as_of`` (see the module)."""
    points = period_points(complaints, as_of=as_of)
    figures = empty_learning_figures()
    totals = points.aggregate(points=Count("pk"), complaints=Count("complaint_id", distinct=True))
    figures["points"] = totals["points"]
    figures["complaints_with_points"] = totals["complaints"]
    figures["by_theme"] = _by_theme(points, as_of)
    departments = points.values("department__name").annotate(n=Count("pk"))
    figures["by_department"] = _by_count({row["department__name"]: row["n"] for row in departments})
    figures["actions"] = _actions(points, as_of)
    return figures


def _by_theme(points: QuerySet[LearningPoint], as_of: dt.date) -> dict[str, ThemeFigures]:
    through = LearningPoint.themes.through.objects.filter(learningpoint__in=points.values("pk")).order_by()
    founded = Q(
        learningpoint__complaint__closed_on__lte=as_of,
        learningpoint__complaint__judgement__in=FOUNDED_JUDGEMENTS,
    )
    rows = through.values("theme__name").annotate(
        points=Count("learningpoint_id", distinct=True),
        complaints=Count("learningpoint__complaint_id", distinct=True),
        founded=Count("learningpoint__complaint_id", distinct=True, filter=founded),
        departments=Count("learningpoint__department_id", distinct=True),
    )
    themes: dict[str, ThemeFigures] = {
        row["theme__name"]: {
            "points": row["points"],
            "complaints": row["complaints"],
            "founded": row["founded"],
            "departments": row["departments"],
        }
        for row in rows
    }
    return dict(sorted(themes.items(), key=lambda item: (-item[1]["points"], item[0])))


def _actions(points: QuerySet[LearningPoint], as_of: dt.date) -> ActionFigures:
    linked = ImprovementAction.points.through.objects.filter(learningpoint__in=points.values("pk"))
    actions = ImprovementAction.objects.filter(
        pk__in=linked.values("improvementaction_id"), created_on__lte=as_of
    ).order_by()
    open_, in_progress, done, dropped = state_on(as_of)
    row = actions.aggregate(
        open=Count("pk", filter=open_),
        in_progress=Count("pk", filter=in_progress),
        done=Count("pk", filter=done),
        dropped=Count("pk", filter=dropped),
        overdue=Count("pk", filter=(open_ | in_progress) & Q(due_on__lt=as_of)),
    )
    return {
        "open": row["open"],
        "in_progress": row["in_progress"],
        "done": row["done"],
        "dropped": row["dropped"],
        "overdue": row["overdue"],
    }


def _by_count(counts: dict[str, int]) -> dict[str, int]:
    """Most frequent first, then alphabetically, as the other breakdowns of the figures."""
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))
