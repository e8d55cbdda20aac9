"""Notifications: a message to one member of staff, in the product and (unless turned off) by e-mail.

Each notification belongs to one event (``event_key``, e.g. the complaint and the term end it warns
about) and one recipient; the database refuses a second one for the same kind, event and recipient,
so a reminder pass that runs twice (or two workers at once) sends each message once.
E-mail is not a safe channel: the texts name the complaint's reference and a link, never the
complainant or what the complaint is about.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class NotificationKind(models.TextChoices):
    ASSIGNED = "assigned", _("A complaint was assigned to you")
    INFORMATION_ADDED = "information_added", _("The complainant added information")
    TERM_DUE = "term_due", _("The handling term ends soon")
    NOTICE_DUE = "notice_due", _("The 4-week date for not handling ends soon")
    ACKNOWLEDGEMENT_MISSED = "acknowledgement_missed", _("The acknowledgement was not sent in time")
    ESCALATION = "escalation", _("A term has passed")
    ACTION_DUE = "action_due", _("An improvement action is due soon")
    ACTION_OVERDUE = "action_overdue", _("An improvement action is overdue")
    DIGEST = "digest", _("Weekly overview")
    OMBUDSMAN_DEADLINE = "ombudsman_deadline", _("An answer to the ombudsman is due")
    PARTNER_REPORT = "partner_report", _("A partner's report on complaints is due")


class NotificationQuerySet(models.QuerySet["Notification"]):
    def unread(self) -> NotificationQuerySet:
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("kind"), max_length=30, choices=NotificationKind.choices)
    event_key = models.CharField(_("event"), max_length=120)
    complaint = models.ForeignKey(
        "complaints.Complaint",
        verbose_name=_("complaint"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("text"))
    link = models.CharField(_("link"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("made at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)
    email_error = models.CharField(_("e-mail failed"), max_length=300, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "event_key", "recipient"], name="notification_once_per_event_and_recipient"
            )
        ]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_recipient_read")]

    def __str__(self) -> str:
        return self.subject


class EmailOptOut(models.Model):
    """A user who wants no e-mail for one kind of notification (they still see it in the product)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=30, choices=NotificationKind.choices)

    class Meta:
        verbose_name = _("e-mail turned off")
        verbose_name_plural = _("e-mail turned off")
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="email_opt_out_once")]

    def __str__(self) -> str:
        return f"{self.user}: {self.kind}"
