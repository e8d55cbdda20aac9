"""E-mailing one notification, in the worker (``tasks.send_notification_email``)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils import timezone

from klachtwijzer.accounts.models import Municipality

from .models import Notification


def deliver_notification_email(notification_id: int) -> bool:
    """E-mail a notification once; False when it was e-mailed already or is gone.

    A failure is noted on the notification and raised (``tasks.py`` tries again later).
    """
    notification = Notification.objects.select_related("recipient").filter(pk=notification_id).first()
    if notification is None or notification.emailed_at is not None or not notification.recipient.email:
        return False
    municipality = Municipality.current()
    sender = municipality.email or settings.DEFAULT_FROM_EMAIL
    message = EmailMessage(
        subject=notification.subject,
        body=notification.body,
        from_email=sender,
        to=[notification.recipient.email],
    )
    try:
        message.send()
    except Exception as error:
        Notification.objects.filter(pk=notification.pk).update(
            email_error=f"{type(error).__name__}: {error}"[:300]
        )
        raise
    Notification.objects.filter(pk=notification.pk).update(emailed_at=timezone.now(), email_error="")
    return True
