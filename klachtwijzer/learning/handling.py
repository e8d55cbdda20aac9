"""The use cases of themes and learning points (improvement actions: ``improvement_actions.py``).

Every function takes keyword-only arguments and the acting user, runs in one transaction, appends a
``LearningHistoryEvent`` with what changed (old -> new), and refuses with a ``LearningError`` in Dutch
when the input is wrong, leaving nothing stored.

- Themes are matched case-insensitively; merging moves every point of a theme to the surviving one
  (one history entry per point) and keeps the merged theme, retired, for the history.
- A point needs a text and at least one active theme; the elements it names are the complaint's own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from klachtwijzer.accounts.models import Department, User
from klachtwijzer.complaints.dates import long_date
from klachtwijzer.complaints.models import Complaint, ComplaintElement

from .changes import Event, LearningError, diff, names, record, required
from .models import (
    LearningHistoryEvent,
    LearningPoint,
    Source,
    Theme,
)

# Themes


def find_theme(name: str) -> Theme | None:
    """The theme called ``name`` whatever its case, or None."""
    return Theme.objects.filter(name__iexact=name.strip()).first()


def _check_theme_name(name: str, *, exclude: Theme | None = None) -> str:
    name = required(name, "name", _("Give the theme a name."))
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
    record(
        Event.THEME_CREATED,
        acting_user=acting_user,
        theme=theme,
        changes=diff({"name": ""}, {"name": theme.name}),
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
    changes = diff(before, {"name": theme.name, "description": theme.description})
    if changes:
        record(Event.THEME_RENAMED, acting_user=acting_user, theme=theme, changes=changes)
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
    record(
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
    record(
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
    record(
        Event.POINT_RECORDED,
        acting_user=acting_user,
        point=point,
        changes=[{"field": "themes", "old": "", "new": names(themes)}],
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
    before["themes"] = names(point.themes.all())
    before["elements"] = names(point.elements.all())
    point.department = department
    point.what_went_wrong = what_went_wrong.strip()
    point.what_should_change = what_should_change.strip()
    point.summary = summary.strip()
    point.save(update_fields=fields)
    point.themes.set(themes)
    point.elements.set(elements)
    after: dict[str, Any] = {name: getattr(point, name) for name in fields}
    after["themes"] = names(themes)
    after["elements"] = names(elements)
    # The free text may hold personal data: the history notes that it changed, not the words.
    changes = [
        {**change, "old": "…", "new": "…"}
        if change["field"] in ("what_went_wrong", "what_should_change")
        else change
        for change in diff(before, after)
    ]
    if changes:
        record(Event.POINT_CHANGED, acting_user=acting_user, point=point, changes=changes)
    return point
