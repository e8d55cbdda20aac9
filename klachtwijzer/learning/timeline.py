"""The history of a theme, point or action as the pages show it: field labels and values in Dutch."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext as _

from .models import (
    ActionProgressNote,
    ActionState,
    EffectCheck,
    ImprovementAction,
    LearningHistoryEvent,
    LearningPoint,
    Theme,
)

MODELS = (ImprovementAction, LearningPoint, Theme, EffectCheck)


@dataclass
class Entry:
    event: LearningHistoryEvent
    changes: list[dict[str, Any]]


def _label(field: str) -> str:
    if field == "notes":
        return str(ActionProgressNote._meta.verbose_name_plural)
    for model in MODELS:
        try:
            return str(getattr(model._meta.get_field(field), "verbose_name", field))
        except FieldDoesNotExist:
            continue
    return field


def _shown(field: str, value: Any) -> Any:
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if field == "state" and value in ActionState.values:
        return ActionState(value).label
    return value


def timeline(events: Iterable[LearningHistoryEvent]) -> list[Entry]:
    """Each event with its changes labelled (the field's name in Dutch, a state by its label)."""
    return [
        Entry(
            event,
            [
                {
                    "label": _label(change["field"]),
                    "old": _shown(change["field"], change["old"]),
                    "new": _shown(change["field"], change["new"]),
                }
                for change in event.changes
            ],
        )
        for event in events
    ]
