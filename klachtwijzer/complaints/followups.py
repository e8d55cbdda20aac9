"""What happens elsewhere after a step on a complaint, without this app knowing who listens.

Apps above complaints (notifications) register a callable here from their ``AppConfig.ready``; every
event appended to a complaint's history (``history.record``) is handed to each of them, inside the
same transaction, so what they store is rolled back with the step. Anything that leaves the process
(an e-mail, a task) must wait for ``transaction.on_commit``. An explicit registry rather than Django
signals: the dependency is visible and one-way (docs/adr/0007-notifications-one-way.md).
Registering the same callable twice has no effect.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .models import HistoryEvent

Followup = Callable[["HistoryEvent"], Any]

_followups: list[Followup] = []


def add_followup(followup: Followup) -> None:
    if followup not in _followups:
        _followups.append(followup)


def followups() -> list[Followup]:
    return list(_followups)


def run_followups(event: HistoryEvent) -> None:
    """Hand ``event`` to every registered followup, in the order registered."""
    for followup in _followups:
        followup(event)
