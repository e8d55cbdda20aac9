"""The complaint's history: every step and every field change, appended and never rewritten.

``record`` appends an event; ``diff`` lists the changed fields of a complaint as (field, old, new)
so that a step can record what it changed.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import models

from .models import Complaint, HistoryEvent


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
    """Append one event to ``complaint``'s history."""
    return HistoryEvent.objects.create(
        complaint=complaint,
        type=event_type,
        actor=actor if getattr(actor, "pk", None) else None,
        actor_label=actor_label,
        changes=changes or [],
        note=note,
    )
