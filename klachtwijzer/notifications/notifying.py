"""Making a notification once, and e-mailing it from the worker after the transaction commits.

``notify`` stores the notification; the unique constraint on (kind, event, recipient) makes a second
call for the same event a no-op (it returns None), whichever process makes it. The e-mail, unless the
recipient turned it off for that kind, is sent by the task ``send_notification_email`` (``tasks.py``)
once the transaction commits (``delivery.py``), and tried again later when the mail server fails.
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from klachtwijzer.accounts.models import User
from klachtwijzer.complaints.models import Complaint

from . import tasks
from .models import EmailOptOut, Notification, NotificationKind

logger = logging.getLogger(__name__)


def notify(
    *,
    recipient: User,
    kind: NotificationKind,
    event_key: str,
    context: dict[str, Any],
    link: str = "",
    complaint: Complaint | None = None,
    send_email: bool = True,
) -> Notification | None:
    """Store a notification for ``recipient`` once per ``kind`` and ``event_key``; None if it exists.

    Subject and text come from the Dutch templates ``notifications/<kind>_subject.txt`` and
    ``<kind>.txt``, which get ``context``, ``recipient``, ``complaint`` and the full ``url``.
    """
    url = f"{settings.SITE_URL}{link}" if link else ""
    context = {**context, "recipient": recipient, "complaint": complaint, "url": url}
    with translation.override(settings.LANGUAGE_CODE):
        subject = " ".join(render_to_string(f"notifications/{kind}_subject.txt", context).split())
        body = render_to_string(f"notifications/{kind}.txt", context).strip()
    try:
        with transaction.atomic():
            notification = Notification.objects.create(
                recipient=recipient,
                kind=kind,
                event_key=event_key,
                complaint=complaint,
                subject=subject[:200],
                body=body,
                link=link,
            )
    except IntegrityError:
        return None
    if send_email and recipient.email and not EmailOptOut.objects.filter(user=recipient, kind=kind).exists():
        notification_id = notification.pk
        transaction.on_commit(lambda: tasks.send_notification_email.enqueue(notification_id))
    return notification


@transaction.atomic
def mark_read(*, notification_ids: list[int] | None, acting_user: User) -> int:
    """Mark ``acting_user``'s own notifications as read (all of them for None); the number marked."""
    unread = Notification.objects.unread().filter(recipient=acting_user)
    if notification_ids is not None:
        unread = unread.filter(pk__in=notification_ids)
    return unread.update(read_at=timezone.now())


@transaction.atomic
def set_email_preferences(*, emailed_kinds: set[str], acting_user: User) -> None:
    """Keep e-mail on for ``emailed_kinds`` and turn it off for every other kind."""
    EmailOptOut.objects.filter(user=acting_user).delete()
    EmailOptOut.objects.bulk_create(
        EmailOptOut(user=acting_user, kind=kind)
        for kind in NotificationKind.values
        if kind not in emailed_kinds
    )
