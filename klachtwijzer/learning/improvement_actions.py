"""The use cases of improvement actions: create, change, start, finish, drop, progress and effect checks.

Every function takes keyword-only arguments and the acting user, runs in one transaction, appends a
``LearningHistoryEvent`` with what changed, and refuses with a ``LearningError`` in Dutch, leaving
nothing stored. An action moves open -> in progress -> done, or is dropped with a reason from open
or in progress; the date of each step is kept, so that its state on an earlier day can be counted
(``models.state_on``). Progress notes are appended and never rewritten; an effect check is recorded
only once the action is done, on or after the day it was done.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from klachtwijzer.accounts.models import Department, User
from klachtwijzer.complaints.dates import long_date

from .changes import Event, LearningError, diff, names, record, required
from .models import (
    FINISHED_STATES,
    ActionProgressNote,
    ActionState,
    EffectCheck,
    ImprovementAction,
    LearningPoint,
)


def _check_action(*, title: str, owner: User, due_on: dt.date | None) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not title.strip():
        errors["title"] = _("Give the action a title.")
    elif len(title.strip()) > 200:
        errors["title"] = _("The title has at most 200 characters.")
    if not owner.is_active:
        errors["owner"] = _("%(user)s can no longer own actions.") % {"user": owner}
    if due_on is None:
        errors["due_on"] = _("Give the date by which the action should be done.")
    return errors


@transaction.atomic
def create_improvement_action(
    *,
    title: str,
    description: str = "",
    owner: User,
    department: Department,
    due_on: dt.date,
    points: Sequence[LearningPoint] = (),
    created_on: dt.date | None = None,
    acting_user: User,
) -> ImprovementAction:
    """Start an improvement action with an owner and a due date, fed by ``points``."""
    created_on = created_on or timezone.localdate()
    errors = _check_action(title=title, owner=owner, due_on=due_on)
    if due_on is not None and due_on < created_on:
        errors["due_on"] = _("The due date lies before today.")
    if errors:
        raise LearningError(errors)
    action = ImprovementAction.objects.create(
        title=title.strip(),
        description=description.strip(),
        owner=owner,
        department=department,
        due_on=due_on,
        created_on=created_on,
        created_by=acting_user,
    )
    action.points.set(points)
    record(
        Event.ACTION_CREATED,
        acting_user=acting_user,
        action=action,
        changes=[
            {"field": "owner", "old": "", "new": str(owner)},
            {"field": "due_on", "old": "", "new": due_on.isoformat()},
        ],
    )
    return action


@transaction.atomic
def change_improvement_action(
    action: ImprovementAction,
    *,
    title: str,
    description: str,
    owner: User,
    department: Department,
    due_on: dt.date,
    points: Sequence[LearningPoint],
    acting_user: User,
) -> ImprovementAction:
    """Change an action's title, description, owner, department, due date or learning points."""
    errors = _check_action(title=title, owner=owner, due_on=due_on)
    if errors:
        raise LearningError(errors)
    fields = ["title", "description", "owner", "department", "due_on"]
    before: dict[str, Any] = {name: getattr(action, name) for name in fields}
    before["points"] = names(action.points.all())
    action.title, action.description = title.strip(), description.strip()
    action.owner, action.department, action.due_on = owner, department, due_on
    action.save(update_fields=fields)
    action.points.set(points)
    after: dict[str, Any] = {name: getattr(action, name) for name in fields}
    after["points"] = names(points)
    changes = diff(before, after)
    if changes:
        record(Event.ACTION_CHANGED, acting_user=acting_user, action=action, changes=changes)
    return action


def _check_step_day(action: ImprovementAction, day: dt.date) -> None:
    if day > timezone.localdate():
        raise LearningError({"on": _("This date lies in the future.")})
    latest = max(d for d in (action.created_on, action.started_on) if d is not None)
    if day < latest:
        raise LearningError(
            {"on": _("This date lies before the previous step (%(date)s).") % {"date": long_date(latest)}}
        )


def _set_state(
    action: ImprovementAction, state: str, values: dict[str, Any], *, acting_user: User
) -> ImprovementAction:
    before = {"state": action.state}
    action.state = state
    for name, value in values.items():
        setattr(action, name, value)
    action.save(update_fields=["state", *values])
    record(Event.ACTION_STATE, acting_user=acting_user, action=action, changes=diff(before, {"state": state}))
    return action


@transaction.atomic
def start_improvement_action(
    action: ImprovementAction, *, on: dt.date, acting_user: User
) -> ImprovementAction:
    """Mark an open action as in progress from ``on``."""
    if action.state != ActionState.OPEN:
        raise LearningError(_("Only an open action can be started."))
    _check_step_day(action, on)
    return _set_state(action, ActionState.IN_PROGRESS, {"started_on": on}, acting_user=acting_user)


@transaction.atomic
def finish_improvement_action(
    action: ImprovementAction, *, on: dt.date, acting_user: User
) -> ImprovementAction:
    """Mark an open or running action as done on ``on``; its effect can be checked from then."""
    if action.state in FINISHED_STATES:
        raise LearningError(_("This action is already done or dropped."))
    _check_step_day(action, on)
    return _set_state(action, ActionState.DONE, {"done_on": on}, acting_user=acting_user)


@transaction.atomic
def drop_improvement_action(
    action: ImprovementAction, *, on: dt.date, reason: str, acting_user: User
) -> ImprovementAction:
    """Stop an open or running action, with the reason why."""
    if action.state in FINISHED_STATES:
        raise LearningError(_("This action is already done or dropped."))
    reason = required(reason, "reason", _("Give the reason for dropping the action."))
    _check_step_day(action, on)
    return _set_state(
        action, ActionState.DROPPED, {"dropped_on": on, "drop_reason": reason}, acting_user=acting_user
    )


@transaction.atomic
def add_progress_note(
    action: ImprovementAction, *, text: str, written_on: dt.date | None = None, acting_user: User
) -> ActionProgressNote:
    """Append a dated note on the action's progress; notes are never rewritten."""
    text = required(text, "text", _("Write how the action is getting on."))
    written_on = written_on or timezone.localdate()
    if written_on > timezone.localdate():
        raise LearningError({"written_on": _("This date lies in the future.")})
    if written_on < action.created_on:
        raise LearningError(
            {
                "written_on": _("This date lies before the action was created (%(date)s).")
                % {"date": long_date(action.created_on)}
            }
        )
    note = ActionProgressNote.objects.create(
        action=action, text=text, written_on=written_on, author=acting_user
    )
    record(
        Event.ACTION_NOTE,
        acting_user=acting_user,
        action=action,
        changes=[{"field": "notes", "old": "", "new": written_on.isoformat()}],
    )
    return note


@transaction.atomic
def record_effect_check(
    action: ImprovementAction, *, checked_on: dt.date, recurred: bool, finding: str, acting_user: User
) -> EffectCheck:
    """Record that on ``checked_on`` someone looked whether the problem recurred after the action."""
    if action.state != ActionState.DONE or action.done_on is None:
        raise LearningError(_("The effect can be checked once the action is done."))
    finding = required(finding, "finding", _("Describe what the check found."))
    if checked_on > timezone.localdate():
        raise LearningError({"checked_on": _("This date lies in the future.")})
    if checked_on < action.done_on:
        raise LearningError(
            {
                "checked_on": _("This date lies before the action was done (%(date)s).")
                % {"date": long_date(action.done_on)}
            }
        )
    check = EffectCheck.objects.create(
        action=action, checked_on=checked_on, recurred=recurred, finding=finding, checked_by=acting_user
    )
    record(
        Event.EFFECT_CHECKED,
        acting_user=acting_user,
        action=action,
        changes=[{"field": "recurred", "old": "", "new": recurred}],
    )
    return check
