"""Themes, learning points and actions made through the learning use cases (``handling.py``)."""

import datetime as dt
from collections.abc import Sequence

from klachtwijzer.accounts.models import Department, User
from klachtwijzer.complaints.models import Complaint
from klachtwijzer.learning import handling, improvement_actions
from klachtwijzer.learning.models import ImprovementAction, LearningPoint, Theme


def theme(name: str, *, acting_user: User | None = None) -> Theme:
    return handling.find_theme(name) or handling.create_theme(name=name, acting_user=acting_user)


def point(
    complaint: Complaint,
    *,
    themes: Sequence[str] = ("Terugbelafspraken",),
    department: Department | None = None,
    recorded_on: dt.date | None = None,
    acting_user: User | None = None,
    summary: str = "Terugbellen niet nagekomen",
) -> LearningPoint:
    department = department or complaint.department
    assert department is not None
    return handling.record_learning_point(
        complaint=complaint,
        department=department,
        what_went_wrong="De beller werd niet teruggebeld.",
        what_should_change="Terugbelverzoeken in het zaaksysteem zetten.",
        themes=[theme(name) for name in themes],
        summary=summary,
        recorded_on=recorded_on or complaint.received_on,
        acting_user=acting_user,
    )


def action(
    *,
    owner: User,
    points: Sequence[LearningPoint] = (),
    department: Department | None = None,
    created_on: dt.date,
    due_on: dt.date,
    title: str = "Terugbelafspraken vastleggen",
) -> ImprovementAction:
    department = department or (points[0].department if points else owner.department)
    assert department is not None
    return improvement_actions.create_improvement_action(
        title=title,
        description="Elke afspraak komt in het zaaksysteem.",
        owner=owner,
        department=department,
        due_on=due_on,
        points=points,
        created_on=created_on,
        acting_user=owner,
    )
