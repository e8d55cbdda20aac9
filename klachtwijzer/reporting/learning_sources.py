"""What the report's learning sections show: learning points, improvement actions and ombudsman cases.

Yearly reports account for what the organisation learned from complaints, the state of its improvement
actions and the cases the Nationale ombudsman handled (Awb 9:17-9:36). These functions read the
learning app for the complaints received in the year (Awb and other kinds alike), as of the report's
reference date; the report, its versions and the documents need no other change, because a version
freezes what these functions return.

Each entry is a dict of short, anonymous texts (no names, no case contents, never the free text of a
learning point or an effect check, which may describe the people involved):

- learning point: ``{"title": ..., "department": ..., "theme": ...}``: the point's summary (written to
  be printed) or, without one, its themes;
- improvement action: ``{"title": ..., "department": ..., "state": ..., "due": ..., "overdue": ...,
  "effect_checked_on": ..., "recurred": ...}``: ``state`` an ``ActionState`` value on the reference date,
  dates in ISO form, ``overdue`` and ``recurred`` ``"yes"``/``"no"`` (``recurred`` empty without an
  effect check);
- ombudsman case: ``{"reference": ..., "department": ..., "outcome": ...}`` (``outcome`` in words).

Two queries for the points (with their themes) and two for the actions (with their last effect check).
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from klachtwijzer.complaints.models import Complaint
from klachtwijzer.learning.figures import period_points
from klachtwijzer.learning.models import (
    ActionState,
    EffectCheck,
    ImprovementAction,
    LearningPoint,
    Theme,
)
from klachtwijzer.ombudsman.models import Action, OmbudsmanCase
from klachtwijzer.partners.conversations import conversations_in


def _cohort(year: int, as_of: dt.date) -> QuerySet[Complaint]:
    return Complaint.objects.filter(
        received_on__gte=dt.date(year, 1, 1), received_on__lte=min(dt.date(year, 12, 31), as_of)
    )


def _points(year: int, as_of: dt.date) -> QuerySet[LearningPoint]:
    return period_points(_cohort(year, as_of), as_of=as_of)


def learning_points(year: int, as_of: dt.date | None = None) -> list[dict[str, str]]:
    """The learning points recorded for complaints of ``year`` by ``as_of`` (default today)."""
    as_of = as_of or timezone.localdate()
    points = (
        _points(year, as_of)
        .select_related("department")
        .prefetch_related(Prefetch("themes", queryset=Theme.objects.order_by("name")))
        .order_by("department__name", "recorded_on", "pk")
    )
    entries = []
    for point in points:
        themes = "; ".join(theme.name for theme in point.themes.all())
        entries.append(
            {"title": point.summary or themes, "department": point.department.name, "theme": themes}
        )
    return entries


def _state_on(action: ImprovementAction, as_of: dt.date) -> str:
    """The same rule as ``learning.models.state_on``, for one action already read."""
    if action.dropped_on and action.dropped_on <= as_of:
        return ActionState.DROPPED
    if action.done_on and action.done_on <= as_of:
        return ActionState.DONE
    if action.started_on and action.started_on <= as_of:
        return ActionState.IN_PROGRESS
    return ActionState.OPEN


def improvement_actions(year: int, as_of: dt.date | None = None) -> list[dict[str, str]]:
    """The improvement actions fed by learning points on complaints of ``year``, with their state on
    ``as_of`` (default today) and their last effect check by then."""
    as_of = as_of or timezone.localdate()
    linked = ImprovementAction.points.through.objects.filter(
        learningpoint__in=_points(year, as_of).values("pk")
    )
    checks = EffectCheck.objects.filter(checked_on__lte=as_of).order_by("-checked_on", "-pk")
    actions = (
        ImprovementAction.objects.filter(pk__in=linked.values("improvementaction_id"), created_on__lte=as_of)
        .select_related("department")
        .prefetch_related(Prefetch("effect_checks", queryset=checks, to_attr="checks_by_then"))
        .order_by("department__name", "due_on", "pk")
    )
    entries = []
    for action in actions:
        state = _state_on(action, as_of)
        done_checks: list[EffectCheck] = getattr(action, "checks_by_then", [])
        last_check = done_checks[0] if done_checks else None
        entries.append(
            {
                "title": action.title,
                "department": action.department.name,
                "state": str(state),
                "due": action.due_on.isoformat(),
                "overdue": "yes"
                if state in (ActionState.OPEN, ActionState.IN_PROGRESS) and action.due_on < as_of
                else "no",
                "effect_checked_on": last_check.checked_on.isoformat() if last_check else "",
                "recurred": ("yes" if last_check.recurred else "no") if last_check else "",
            }
        )
    return entries


def ombudsman_cases(year: int, as_of: dt.date | None = None) -> list[dict[str, str]]:
    """The ombudsman cases on the complaints received in ``year`` petitioned on or before ``as_of``.

    ``reference`` is the ombudsman's case number, ``outcome`` what the ombudsman did by ``as_of``. One query.
    """
    as_of = as_of or timezone.localdate()
    cases = (
        OmbudsmanCase.objects.filter(
            complaint__received_on__year=year, complaint__received_on__lte=as_of, petition_on__lte=as_of
        )
        .select_related("complaint__department")
        .order_by("petition_on", "pk")
    )
    return [
        {
            "reference": case.case_number,
            "department": case.complaint.department.name if case.complaint.department else "",
            "outcome": str(
                Action(case.action).label if case.action_on and case.action_on <= as_of else Action.OPEN.label
            ),
        }
        for case in cases
    ]


def partner_conversations(year: int, as_of: dt.date | None = None) -> list[dict[str, str]]:
    """The accounthouders' conversations with partners held in ``year`` by ``as_of``: partner and date
    only (the agreements stay on the partner's page). One query."""
    as_of = as_of or timezone.localdate()
    return [
        {"partner": talk.partner.name, "held_on": talk.held_on.isoformat()}
        for talk in conversations_in(dt.date(year, 1, 1), min(dt.date(year, 12, 31), as_of))
    ]


def collect(year: int, as_of: dt.date | None = None) -> dict[str, list[dict[str, str]]]:
    """Everything the learning sections show, as frozen into a report version."""
    return {
        "learning_points": learning_points(year, as_of),
        "improvement_actions": improvement_actions(year, as_of),
        "ombudsman_cases": ombudsman_cases(year, as_of),
        "partner_conversations": partner_conversations(year, as_of),
    }
