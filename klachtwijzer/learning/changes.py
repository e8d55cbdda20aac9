"""What every learning use case shares: the refusal, and the history entry with old -> new.

``LearningError`` carries a Dutch message per field; ``record`` appends a ``LearningHistoryEvent``
(append-only) for a theme, point or action; ``diff`` lists changed values as strings.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Model

from klachtwijzer.accounts.models import User

from .models import LearningHistoryEvent

Event = LearningHistoryEvent.Type


class LearningError(ValidationError):
    """Input a learning use case cannot accept; the message says why, in Dutch."""


def value(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Model):
        return str(value)
    if value is None:
        return ""
    return value


def names(items: Iterable[Model]) -> str:
    return "; ".join(sorted(str(item) for item in items))


def record(
    event: str, *, acting_user: User | None, changes: list[dict[str, Any]] | None = None, **about: Any
) -> None:
    LearningHistoryEvent.objects.create(
        type=event,
        actor=acting_user if getattr(acting_user, "pk", None) else None,
        changes=changes or [],
        **about,
    )


def diff(before: dict[str, Any], after: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {"field": name, "old": value(before[name]), "new": value(after[name])}
        for name in before
        if value(before[name]) != value(after[name])
    ]


def required(value: str, field: str, message: str) -> str:
    if not value.strip():
        raise LearningError({field: message})
    return value.strip()
