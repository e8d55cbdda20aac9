"""The complaint's history: every step and every field change, appended and never rewritten.

``record`` appends an event; ``diff`` lists the changed fields of a complaint as (field, old, new)
so that a step can record what it changed. A step without a member of staff names who took it in
``actor_label``, translated when it is recorded (the complainant through the form or the status page).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import models
from django.utils.translation import gettext

from . import followups
from .models import Complaint, HistoryEvent


def complainant_via_web_form() -> str:
    """How the complainant, who has no account, appears in the history for the public form."""
    return gettext("the complainant, through the web form")


def complainant_via_status_page() -> str:
    """How the complainant appears in the history for what they add through their status page."""
    return gettext("the complainant, through the status page")


def display_value(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, models.Model):
        return str(value)
    if value is None:
        return ""
    return value


def snapshot(instance: models.Model, fields: list[str]) -> dict[str, Any]:
    return {name: display_value(getattr(instance, name)) for name in fields}


def diff(before: dict[str, Any], after: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {"field": name, "old": before[name], "new": after[name]}
        for name in before
        if before[name] != after.get(name)
    ]


def record(
    complaint: Complaint,
    event_type: str,
    *,
    actor: Any = None,
    actor_label: str = "",
    changes: list[dict[str, Any]] | None = None,
    note: str = "",
) -> HistoryEvent:
    """Append one event to ``complaint``'s history and hand it to the registered followups."""
    event = HistoryEvent.objects.create(
        complaint=complaint,
        type=event_type,
        actor=actor if getattr(actor, "pk", None) else None,
        actor_label=actor_label,
        changes=changes or [],
        note=note,
    )
    followups.run_followups(event)
    return event
