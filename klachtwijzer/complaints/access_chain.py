"""The hash chain over the personal-data access log (docs/privacy.md).

Each entry's ``entry_hash`` is sha256 over its own fields and ``prev_hash``, the hash of the entry
before it; the one-row ``AccessLogChainHead`` holds the newest hash and is locked
(``select_for_update``) while an entry is appended, so two processes cannot fork the chain.
``verify_access_log`` walks the chain and names the first entry that does not fit.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from django.db import transaction

from .personal_data import AccessLogChainHead, PersonalDataAccess


def entry_digest(entry: PersonalDataAccess, prev_hash: str) -> str:
    """sha256 over the entry's fields and the previous hash, in a fixed order (the order of the chain is
    ``prev_hash``; the id is not hashed so the hash is known before the row is written)."""
    fields = [
        str(entry.complaint_id or ""),
        entry.reference,
        str(entry.user_id or ""),
        entry.actor_label,
        entry.action,
        entry.detail,
        entry.at.isoformat(),
        prev_hash,
    ]
    return hashlib.sha256("\x1f".join(fields).encode("utf-8")).hexdigest()


def _head() -> AccessLogChainHead:
    head = AccessLogChainHead.objects.select_for_update().filter(pk=1).first()
    if head is None:
        AccessLogChainHead.objects.get_or_create(pk=1)
        head = AccessLogChainHead.objects.select_for_update().get(pk=1)
    return head


def append(**fields: object) -> PersonalDataAccess:
    """Create one access-log entry chained to the newest one, under the chain head's lock."""
    # No savepoint: three queries per entry (lock the head, insert, move the head), whatever the log's size.
    with transaction.atomic(savepoint=False):
        head = _head()
        entry = PersonalDataAccess(prev_hash=head.last_hash, **fields)
        entry.entry_hash = entry_digest(entry, head.last_hash)
        entry.save(force_insert=True)
        head.last_hash = entry.entry_hash
        head.save(update_fields=["last_hash"])
    return entry


def prune(before: dt.datetime) -> tuple[int, str]:
    """Delete the oldest entries written before ``before``, keeping the chain verifiable.

    Only a prefix of the chain goes (every entry older than the first one kept, by id); the chain
    head's ``anchor`` becomes the ``prev_hash`` of the oldest kept entry (or the newest hash when none
    is kept), so ``verify_access_log`` starts there and still finds any later change. Returns how
    many entries were deleted and the new anchor.
    """
    with transaction.atomic():
        head = _head()
        first_kept = PersonalDataAccess.objects.filter(at__gte=before).order_by("pk").first()
        if first_kept is None:
            doomed = PersonalDataAccess.objects.all()
            anchor = head.last_hash
        else:
            doomed = PersonalDataAccess.objects.filter(pk__lt=first_kept.pk)
            anchor = first_kept.prev_hash
        deleted = doomed.delete()[0]
        if deleted:
            head.anchor = anchor
            head.save(update_fields=["anchor"])
    return deleted, head.anchor


@dataclass(frozen=True)
class Break:
    """The first entry that does not fit the chain, and why (an English msgid-free reason code)."""

    entry_id: int | None
    reason: str


def verify_access_log() -> tuple[int, Break | None]:
    """Walk the chain oldest first; return the number of entries checked and the first break."""
    head = AccessLogChainHead.objects.filter(pk=1).first()
    expected_prev = head.anchor if head else ""
    count = 0
    for entry in PersonalDataAccess.objects.order_by("pk").iterator(chunk_size=2000):
        count += 1
        if entry.prev_hash != expected_prev:
            # Something before this entry was deleted or inserted.
            return count, Break(entry.pk, "prev")
        if entry.entry_hash != entry_digest(entry, entry.prev_hash):
            return count, Break(entry.pk, "altered")
        expected_prev = entry.entry_hash
    last = head.last_hash if head else ""
    if expected_prev != last:
        # The newest entries were deleted (or the head was changed).
        return count, Break(None, "tail")
    return count, None
