"""Background task of the notifications: the e-mail of one notification (the schedule's are in
``pass_tasks.py``)."""

from __future__ import annotations

from django_tasks import task

from klachtwijzer.letters import retrying

from .delivery import deliver_notification_email


@task()
def send_notification_email(notification_id: int, attempt: int = 0) -> None:
    """E-mail one notification; tried again later when the mail server fails."""
    try:
        deliver_notification_email(notification_id)
    except Exception:
        retrying.retry_later(send_notification_email, notification_id, attempt=attempt + 1)
        raise


retrying.add_recoverable(send_notification_email)
