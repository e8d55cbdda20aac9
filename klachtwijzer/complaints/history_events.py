"""The complaint's history as stored: one ``HistoryEvent`` per step or change, appended and never rewritten.

Neither a queryset nor an event can update or delete events (see ``history.py`` for recording them).
Re-exported from ``models.py``; the complaint is referred to by name so this module does not import it.
"""

from __future__ import annotations

from typing import Any, NoReturn

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class HistoryQuerySet(models.QuerySet["HistoryEvent"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise TypeError("History events are append-only.")

    def delete(self) -> NoReturn:
        raise TypeError("History events are append-only.")


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
    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)
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
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise TypeError("History events are append-only.")
