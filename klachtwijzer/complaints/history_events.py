"""The complaint's history as stored: one ``HistoryEvent`` per step or change, appended and never rewritten.

Neither a queryset nor an event can update or delete events (see ``history.py`` for recording them).
Every new event is chained to the one before it (``history_chain.py``), one by one in ``save`` and
in order in ``bulk_create``; ``HistoryChainHead`` holds the newest hash.
Re-exported from ``models.py``; the complaint is referred to by name so this module does not import it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, NoReturn

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .history_chain import event_digest, text_digest


def event_time() -> dt.datetime:
    """Now, looked up when an event is made (so the demo's clock, which patches ``timezone.now``, holds)."""
    return timezone.now()


class HistoryQuerySet(models.QuerySet["HistoryEvent"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise TypeError("History events are append-only.")

    def delete(self) -> NoReturn:
        raise TypeError("History events are append-only.")

    def bulk_create(self, objs: Iterable[HistoryEvent], *args: Any, **kwargs: Any) -> list[HistoryEvent]:
        """Insert events in one go, chained in the given order under the chain head's lock."""
        if kwargs.get("ignore_conflicts") or kwargs.get("update_conflicts"):
            raise TypeError("History events are chained: every event must be inserted.")
        events = list(objs)
        with chained(events):
            return super().bulk_create(events, *args, **kwargs)


class HistoryEvent(models.Model):
    """One step or change in a complaint's life. Appended, never changed or deleted."""

    class Type(models.TextChoices):
        RECEIVED = "received", _("Received")
        ACKNOWLEDGED = "acknowledged", _("Acknowledgement sent")
        TRIAGED = "triaged", _("Triaged")
        ASSIGNED = "assigned", _("Handler assigned")
        CHANGED = "changed", _("Data changed")
        CONTACT = "contact", _("Contact with the complainant")
        WAITING = "waiting", _("Waiting for the complainant")
        RESUMED = "resumed", _("Handling resumed")
        COPY_SENT = "copy_sent", _("Copy sent to the person complained about")
        NO_COPY = "no_copy", _("Recorded why no copy went to the person complained about")
        EXTENDED = "extended", _("Term extended")
        DELAY_CONSENT = "delay_consent", _("Consent to further delay recorded")
        HEARING_PLANNED = "hearing_planned", _("Hearing planned")
        HEARING_HELD = "hearing_held", _("Hearing held")
        HEARING_WAIVED = "hearing_waived", _("Hearing waived")
        ELEMENT_JUDGED = "element_judged", _("Complaint element judged")
        COMMITTEE_ADVICE = "committee_advice", _("Advice of the advisory committee recorded")
        CLOSED = "closed", _("Closed")
        REOPENED = "reopened", _("Reopened")
        INFORMATION_ADDED = "information_added", _("Information added")
        ATTACHMENT_ADDED = "attachment_added", _("Attachment added")
        LETTER_SENT = "letter_sent", _("Letter sent")
        PERSONAL_DATA_DESTROYED = "destroyed", _("Personal data destroyed")
        STATUS_LINK_REVOKED = "status_link_revoked", _("Status link revoked")
        COMPLETION_REQUESTED = "completion_requested", _("Asked to complete the complaint")
        COMPLETION_LAPSED = "completion_lapsed", _("Not completed by the reply date")
        PUT_IN_WRITING = "put_in_writing", _("Put in writing")

    complaint = models.ForeignKey("complaints.Complaint", on_delete=models.PROTECT, related_name="history")
    # Set before the row is written (not auto_now_add), so the chain can hash it.
    at = models.DateTimeField(_("at"), default=event_time, editable=False, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    actor_label = models.CharField(_("by (description)"), max_length=100, blank=True)
    type = models.CharField(_("event"), max_length=30, choices=Type.choices)
    changes = models.JSONField(_("changes"), default=list, blank=True)
    note = models.TextField(_("note"), blank=True)
    # Tamper evidence (docs/privacy.md): sha256 over the free text, kept when destruction blanks it;
    # sha256 over the other fields, the text digest and the previous event's hash.
    text_digest = models.CharField(_("digest of the free text"), max_length=64, blank=True, editable=False)
    prev_hash = models.CharField(_("previous hash"), max_length=64, blank=True, editable=False)
    entry_hash = models.CharField(_("hash"), max_length=64, blank=True, editable=False)

    objects = HistoryQuerySet.as_manager()

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("history event")
        verbose_name_plural = _("history events")

    def __str__(self) -> str:
        return f"{self.complaint_id} {self.type} {self.at:%Y-%m-%d %H:%M}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise TypeError("History events are append-only.")
        with chained([self]):
            super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise TypeError("History events are append-only.")


class HistoryChainHead(models.Model):
    """One row: the hash of the newest history event, locked while events are appended."""

    last_hash = models.CharField(max_length=64, blank=True)

    def __str__(self) -> str:
        return self.last_hash


def _locked_head() -> HistoryChainHead:
    head = HistoryChainHead.objects.select_for_update().filter(pk=1).first()
    if head is None:
        # INSERT ... ON CONFLICT DO NOTHING: two first writers do not collide.
        HistoryChainHead.objects.bulk_create([HistoryChainHead(pk=1)], ignore_conflicts=True)
        head = HistoryChainHead.objects.select_for_update().get(pk=1)
    return head


@contextmanager
def chained(events: Sequence[HistoryEvent]) -> Iterator[None]:
    """Chain ``events`` (not yet saved, in the order they will be inserted) to the newest event, under the
    chain head's lock (held until the transaction ends, so two processes cannot fork the chain); the
    block inserts them, then the head moves to the last one."""
    with transaction.atomic(savepoint=False):
        head = _locked_head()
        prev = head.last_hash
        for event in events:
            event.text_digest = text_digest(event.note, event.changes)
            event.prev_hash = prev
            event.entry_hash = event_digest(event, prev)
            prev = event.entry_hash
        yield
        if events:
            head.last_hash = prev
            head.save(update_fields=["last_hash"])
