"""Checking the hash chain over the complaint history (``klachtwijzer verify_logs``, docs/privacy.md)."""

from __future__ import annotations

from dataclasses import dataclass

from .history_chain import EMPTY_TEXT_DIGEST, event_digest, text_digest
from .models import Complaint, HistoryChainHead, HistoryEvent


@dataclass(frozen=True)
class HistoryBreak:
    """The first event that does not fit the chain, and why (a reason code, not a message)."""

    event_id: int | None
    reference: str
    reason: str


def verify_history() -> tuple[int, HistoryBreak | None]:
    """Walk the chain oldest first; return the number of events checked and the first break.

    Reasons: ``prev`` (an event before it was removed, or this one was inserted), ``altered`` (its fields
    or its free text no longer give its hashes), ``blanked`` (its free text was removed although its
    complaint's personal data were never destroyed), ``tail`` (the newest events were removed).
    """
    head = HistoryChainHead.objects.filter(pk=1).first()
    destroyed = set(
        HistoryEvent.objects.filter(type=HistoryEvent.Type.PERSONAL_DATA_DESTROYED).values_list(
            "complaint_id", flat=True
        )
    )
    expected_prev = ""
    count = 0
    for event in HistoryEvent.objects.order_by("pk").iterator(chunk_size=2000):
        count += 1
        if event.prev_hash != expected_prev:
            return count, _break(event, "prev")
        if event.entry_hash != event_digest(event, event.prev_hash):
            return count, _break(event, "altered")
        if event.note or event.changes:
            if event.text_digest != text_digest(event.note, event.changes):
                return count, _break(event, "altered")
        elif event.text_digest != EMPTY_TEXT_DIGEST and event.complaint_id not in destroyed:
            return count, _break(event, "blanked")
        expected_prev = event.entry_hash
    if expected_prev != (head.last_hash if head else ""):
        return count, HistoryBreak(None, "", "tail")
    return count, None


def _break(event: HistoryEvent, reason: str) -> HistoryBreak:
    reference = Complaint.objects.filter(pk=event.complaint_id).values_list("reference", flat=True).first()
    return HistoryBreak(event.pk, reference or "", reason)
