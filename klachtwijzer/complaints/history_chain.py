"""The hash chain over the complaint history: the digests (docs/privacy.md, ADR 0010).

Each ``HistoryEvent`` stores ``text_digest``, sha256 over its free text (``note`` and ``changes``), and
``entry_hash``, sha256 over its other fields, the text digest and ``prev_hash``, the hash of the event
before it. Because the chain hashes the digest and not the text, destruction may blank the free text
(``history_gate.redact_events``) and leave the chain whole: the digest stays.

Appending (under the lock of the one-row ``HistoryChainHead``) is in ``history_events.py``, where every
new event is chained; checking the chain in ``history_verify.py``. This module imports neither.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any, Protocol

SEPARATOR = "\x1f"


class ChainedEvent(Protocol):
    """What of a history event goes into its hash."""

    @property
    def complaint_id(self) -> int: ...
    @property
    def at(self) -> dt.datetime: ...
    @property
    def actor_id(self) -> int | None: ...
    @property
    def actor_label(self) -> str: ...
    @property
    def type(self) -> str: ...
    @property
    def text_digest(self) -> str: ...


def text_digest(note: str, changes: Any) -> str:
    """sha256 over the free text: the note and the changes as canonical JSON (sorted keys), so the
    digest is the same whether the changes come from the form or back from the database (jsonb
    reorders keys)."""
    canonical = json.dumps(changes or [], sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(f"{note}{SEPARATOR}{canonical}".encode()).hexdigest()


# The digest of an event without free text: a blank event either had none or was destroyed.
EMPTY_TEXT_DIGEST = text_digest("", [])


def event_digest(event: ChainedEvent, prev_hash: str) -> str:
    """sha256 over the event's kept fields, its text digest and the previous hash, in a fixed order (the
    id is not hashed, so the hash is known before the row is written; the chain's order is ``prev_hash``)."""
    fields = [
        str(event.complaint_id or ""),
        event.at.astimezone(dt.UTC).isoformat(),
        str(event.actor_id or ""),
        event.actor_label,
        event.type,
        event.text_digest,
        prev_hash,
    ]
    return hashlib.sha256(SEPARATOR.join(fields).encode("utf-8")).hexdigest()
