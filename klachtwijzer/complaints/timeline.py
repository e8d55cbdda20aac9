"""The complaint's history as a timeline for people: who, when, what, and each change as old → new.

History events store field names and raw values (``history.py``); here they get their Dutch labels,
and stored choice values (a status, a judgement) their Dutch names.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from .models import Complaint, ComplaintElement, HistoryEvent, PersonalData

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
SOURCES: tuple[type[models.Model], ...] = (Complaint, PersonalData, ComplaintElement)


@dataclass
class Change:
    label: StrOrPromise
    old: Any
    new: Any


@dataclass
class Entry:
    at: dt.datetime
    actor: Any
    what: StrOrPromise
    type: str
    note: str
    changes: list[Change] = field(default_factory=list)


def _field(name: str) -> models.Field[Any, Any] | None:
    for model in SOURCES:
        try:
            found = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if isinstance(found, models.Field):
            return found
    return None


def _display(model_field: models.Field[Any, Any] | None, value: Any) -> Any:
    if value in ("", None):
        return "-"
    if model_field is not None and model_field.choices:
        return dict(model_field.flatchoices).get(value, value)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, str) and ISO_DATE.fullmatch(value):
        try:
            return date_format(dt.date.fromisoformat(value), "j F Y")
        except ValueError:
            return value
    return value


def describe_change(change: dict[str, Any]) -> Change:
    name = str(change.get("field", ""))
    model_field = _field(name)
    label = model_field.verbose_name if model_field is not None else name
    return Change(
        label=label,
        old=_display(model_field, change.get("old")),
        new=_display(model_field, change.get("new")),
    )


def actor_of(event: HistoryEvent) -> StrOrPromise:
    """Who took the step: a member of staff by name and role, else the recorded description
    (the complainant through the form or the status page, the command line, the task worker)."""
    if event.actor is not None:
        return gettext("%(name)s (%(role)s)") % {"name": event.actor, "role": event.actor.get_role_display()}
    return event.actor_label or _("automatically")


def timeline(events: Iterable[HistoryEvent]) -> list[Entry]:
    """The events, oldest first, ready to show."""
    return [
        Entry(
            at=event.at,
            actor=actor_of(event),
            what=event.get_type_display(),
            type=event.type,
            note=event.note,
            changes=[describe_change(change) for change in event.changes if isinstance(change, dict)],
        )
        for event in events
    ]
