"""Notifications straight after a step on a complaint, from the complaints' history (``followups.py``)."""

from __future__ import annotations

from klachtwijzer.complaints.models import HistoryEvent

from .models import NotificationKind
from .notifying import notify

Event = HistoryEvent.Type

KINDS = {
    Event.ASSIGNED: NotificationKind.ASSIGNED,
    Event.INFORMATION_ADDED: NotificationKind.INFORMATION_ADDED,
}


def on_history_event(event: HistoryEvent) -> None:
    """Tell the handler that a complaint was assigned to them, or that the complainant added information."""
    kind = KINDS.get(event.type)  # type: ignore[call-overload]
    if kind is None:
        return
    complaint = event.complaint
    handler = complaint.handler
    if handler is None or handler.pk == event.actor_id or not handler.is_active:
        return  # nobody to tell, or the handler did it themselves
    notify(
        recipient=handler,
        kind=kind,
        event_key=f"history:{event.pk}",
        complaint=complaint,
        link=complaint.get_absolute_url(),
        context={},
    )
