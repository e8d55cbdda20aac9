"""The use cases that change what is learned from complaints: themes, learning points, improvement actions.

Every function takes keyword-only arguments and the acting user, runs in one transaction, appends a
``LearningHistoryEvent`` with what changed (old -> new), and refuses with a ``LearningError`` in Dutch
when the input is wrong, leaving nothing stored.

- Themes are matched case-insensitively; merging moves every point of a theme to the surviving one
  (one history entry per point) and keeps the merged theme, retired, for the history.
- An action moves open -> in progress -> done, or is dropped with a reason from open or in progress.
  The date of each step is kept so that its state on an earlier day can be counted. An effect check
  is recorded only once the action is done, on or after the day it was done.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from klachtwijzer.accounts.models import Department, User
from klachtwijzer.complaints.dates import long_date
from klachtwijzer.complaints.models import Complaint, ComplaintElement

from .models import (
    FINISHED_STATES,
    ActionProgressNote,
    ActionState,
    EffectCheck,
    ImprovementAction,
    LearningHistoryEvent,
    LearningPoint,
    Source,
    Theme,
)

Event = LearningHistoryEvent.Type


class LearningError(ValidationError):
    """Input a learning use case cannot accept; the message says why, in Dutch."""


def _value(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Model):
        return str(value)
    if value is None:
        return ""
    return value


def _names(items: Iterable[Model]) -> str:
    return "; ".join(sorted(str(item) for item in items))


def _record(
    event: str, *, acting_user: User | None, changes: list[dict[str, Any]] | None = None, **about: Any
) -> None:
    LearningHistoryEvent.objects.create(
        type=event,
        actor=acting_user if getattr(acting_user, "pk", None) else None,
        changes=changes or [],
        **about,
    )


def _diff(before: dict[str, Any], after: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {"field": name, "old": _value(before[name]), "new": _value(after[name])}
        for name in before
        if _value(before[name]) != _value(after[name])
    ]


def _required(value: str, field: str, message: str) -> str:
    if not value.strip():
        raise LearningError({field: message})
    return value.strip()


# Themes


def find_theme(name: str) -> Theme | None:
    """The theme called ``name`` whatever its case, or None."""
    return Theme.objects.filter(name__iexact=name.strip()).first()


def _check_theme_name(name: str, *, exclude: Theme | None = None) -> str:
    name = _required(name, "name", _("Give the theme a name."))
    if len(name) > 120:
        raise LearningError({"name": _("A theme's name has at most 120 characters.")})
    existing = Theme.objects.filter(name__iexact=name)
    if exclude is not None:
        existing = existing.exclude(pk=exclude.pk)
    if existing.exists():
        raise LearningError({"name": _("A theme called %(name)s already exists.") % {"name": name}})
    return name


@transaction.atomic
def create_theme(*, name: str, description: str = "", acting_user: User | None) -> Theme:
    """Add a theme to the catalogue; its name must differ from every other one whatever the case."""
    theme = Theme.objects.create(name=_check_theme_name(name), description=description.strip())
    _record(
        Event.THEME_CREATED,
        acting_user=acting_user,
        theme=theme,
        changes=_diff({"name": ""}, {"name": theme.name}),
    )
    return theme


@transaction.atomic
def rename_theme(theme: Theme, *, name: str, description: str | None = None, acting_user: User) -> Theme:
    """Give a theme another name (and description); its points stay with it."""
    before = {"name": theme.name, "description": theme.description}
    theme.name = _check_theme_name(name, exclude=theme)
    if description is not None:
        theme.description = description.strip()
    theme.save(update_fields=["name", "description"])
    changes = _diff(before, {"name": theme.name, "description": theme.description})
    if changes:
        _record(Event.THEME_RENAMED, acting_user=acting_user, theme=theme, changes=changes)
    return theme


@transaction.atomic
def merge_theme(theme: Theme, *, into: Theme, acting_user: User) -> Theme:
    """Merge ``theme`` into ``into``: its points move there (a history entry each) and it is retired."""
    if into.pk == theme.pk:
        raise LearningError({"into": _("Choose another theme to merge into.")})
    if not into.is_active:
        raise LearningError({"into": _("The theme %(name)s is no longer in use.") % {"name": into.name}})
    if not theme.is_active:
        raise LearningError(_("The theme %(name)s is no longer in use.") % {"name": theme.name})
    through = LearningPoint.themes.through
    points = list(theme.points.order_by("pk"))
    already = set(into.points.filter(pk__in=[p.pk for p in points]).values_list("pk", flat=True))
    through.objects.filter(theme=theme).delete()
    through.objects.bulk_create(
        [through(learningpoint_id=p.pk, theme_id=into.pk) for p in points if p.pk not in already]
    )
    change = [{"field": "themes", "old": theme.name, "new": into.name}]
    LearningHistoryEvent.objects.bulk_create(
        [
            LearningHistoryEvent(
                type=Event.POINT_MOVED, actor=acting_user, point=p, theme=into, changes=change
            )
            for p in points
        ]
    )
    theme.merged_into = into
    theme.retired_on = timezone.localdate()
    theme.save(update_fields=["merged_into", "retired_on"])
    _record(
        Event.THEME_MERGED,
        acting_user=acting_user,
        theme=theme,
        changes=[{"field": "merged_into", "old": "", "new": into.name}],
    )
    return into


@transaction.atomic
def retire_theme(theme: Theme, *, acting_user: User) -> Theme:
    """Stop offering a theme; its points and past figures keep it."""
    if theme.retired_on is not None:
        raise LearningError(_("The theme %(name)s is already retired.") % {"name": theme.name})
    theme.retired_on = timezone.localdate()
    theme.save(update_fields=["retired_on"])
    _record(
        Event.THEME_RETIRED,
        acting_user=acting_user,
        theme=theme,
        changes=[{"field": "retired_on", "old": "", "new": theme.retired_on.isoformat()}],
    )
    return theme


# Learning points


def _check_point(
    complaint: Complaint,
    *,
    what_went_wrong: str,
    themes: Sequence[Theme],
    elements: Sequence[ComplaintElement],
    recorded_on: dt.date,
    summary: str,
    new_themes_allowed: Iterable[Theme] = (),
) -> None:
    errors: dict[str, str] = {}
    if not what_went_wrong.strip():
        errors["what_went_wrong"] = _("Describe what went wrong.")
    if not themes:
        errors["themes"] = _("Choose at least one theme.")
    allowed = {t.pk for t in new_themes_allowed}
    retired = [t.name for t in themes if not t.is_active and t.pk not in allowed]
    if retired:
        errors["themes"] = _("These themes are no longer in use: %(names)s.") % {"names": ", ".join(retired)}
    if any(element.complaint_id != complaint.pk for element in elements):
        errors["elements"] = _("Choose only elements of this complaint.")
    if recorded_on < complaint.received_on:
        errors["recorded_on"] = _("This date lies before the date of receipt (%(date)s).") % {
            "date": long_date(complaint.received_on)
        }
    if recorded_on > timezone.localdate():
        errors["recorded_on"] = _("This date lies in the future.")
    if len(summary) > 200:
        errors["summary"] = _("The summary has at most 200 characters.")
    if errors:
        raise LearningError(errors)


@transaction.atomic
def record_learning_point(
    *,
    complaint: Complaint,
    department: Department,
    what_went_wrong: str,
    what_should_change: str = "",
    themes: Sequence[Theme],
    elements: Sequence[ComplaintElement] = (),
    summary: str = "",
    recorded_on: dt.date | None = None,
    source: str = Source.HANDLER,
    source_reference: str = "",
    acting_user: User | None,
) -> LearningPoint:
    """Record a learning point on a complaint of any kind, for ``department``, under ``themes``."""
    recorded_on = recorded_on or timezone.localdate()
    _check_point(
        complaint,
        what_went_wrong=what_went_wrong,
        themes=themes,
        elements=elements,
        recorded_on=recorded_on,
        summary=summary,
    )
    point = LearningPoint.objects.create(
        complaint=complaint,
        department=department,
        what_went_wrong=what_went_wrong.strip(),
        what_should_change=what_should_change.strip(),
        summary=summary.strip(),
        recorded_on=recorded_on,
        recorded_by=acting_user if getattr(acting_user, "pk", None) else None,
        source=source,
        source_reference=source_reference,
    )
    point.themes.set(themes)
    point.elements.set(elements)
    _record(
        Event.POINT_RECORDED,
        acting_user=acting_user,
        point=point,
        changes=[{"field": "themes", "old": "", "new": _names(themes)}],
    )
    return point


@transaction.atomic
def change_learning_point(
    point: LearningPoint,
    *,
    department: Department,
    what_went_wrong: str,
    what_should_change: str,
    themes: Sequence[Theme],
    elements: Sequence[ComplaintElement] = (),
    summary: str = "",
    acting_user: User,
) -> LearningPoint:
    """Change a learning point; a theme retired since it was recorded may stay on it."""
    _check_point(
        point.complaint,
        what_went_wrong=what_went_wrong,
        themes=themes,
        elements=elements,
        recorded_on=point.recorded_on,
        summary=summary,
        new_themes_allowed=point.themes.all(),
    )
    fields = ["department", "what_went_wrong", "what_should_change", "summary"]
    before: dict[str, Any] = {name: getattr(point, name) for name in fields}
    before["themes"] = _names(point.themes.all())
    before["elements"] = _names(point.elements.all())
    point.department = department
    point.what_went_wrong = what_went_wrong.strip()
    point.what_should_change = what_should_change.strip()
    point.summary = summary.strip()
    point.save(update_fields=fields)
    point.themes.set(themes)
    point.elements.set(elements)
    after: dict[str, Any] = {name: getattr(point, name) for name in fields}
    after["themes"] = _names(themes)
    after["elements"] = _names(elements)
    # The free text may hold personal data: the history notes that it changed, not the words.
    changes = [
        {**change, "old": "…", "new": "…"}
        if change["field"] in ("what_went_wrong", "what_should_change")
        else change
        for change in _diff(before, after)
    ]
    if changes:
        _record(Event.POINT_CHANGED, acting_user=acting_user, point=point, changes=changes)
    return point


# Improvement actions


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
    _record(
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
    before["points"] = _names(action.points.all())
    action.title, action.description = title.strip(), description.strip()
    action.owner, action.department, action.due_on = owner, department, due_on
    action.save(update_fields=fields)
    action.points.set(points)
    after: dict[str, Any] = {name: getattr(action, name) for name in fields}
    after["points"] = _names(points)
    changes = _diff(before, after)
    if changes:
        _record(Event.ACTION_CHANGED, acting_user=acting_user, action=action, changes=changes)
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
    _record(
        Event.ACTION_STATE, acting_user=acting_user, action=action, changes=_diff(before, {"state": state})
    )
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
    reason = _required(reason, "reason", _("Give the reason for dropping the action."))
    _check_step_day(action, on)
    return _set_state(
        action, ActionState.DROPPED, {"dropped_on": on, "drop_reason": reason}, acting_user=acting_user
    )


@transaction.atomic
def add_progress_note(
    action: ImprovementAction, *, text: str, written_on: dt.date | None = None, acting_user: User
) -> ActionProgressNote:
    """Append a dated note on the action's progress; notes are never rewritten."""
    text = _required(text, "text", _("Write how the action is getting on."))
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
    _record(
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
    finding = _required(finding, "finding", _("Describe what the check found."))
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
    _record(
        Event.EFFECT_CHECKED,
        acting_user=acting_user,
        action=action,
        changes=[{"field": "recurred", "old": "", "new": recurred}],
    )
    return check
