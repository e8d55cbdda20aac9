"""Background tasks of the notifications: the e-mail of one notification and the daily reminder pass."""

from __future__ import annotations

import datetime as dt

from django_tasks import task

from klachtwijzer.letters import retrying

from .notifying import deliver_notification_email


@task()
def send_notification_email(notification_id: int, attempt: int = 0) -> None:
    """E-mail one notification; tried again later when the mail server fails."""
    try:
        deliver_notification_email(notification_id)
    except Exception:
        retrying.retry_later(send_notification_email, notification_id, attempt=attempt + 1)
        raise


@task()
def scheduled_pass(day: str) -> None:
    """The reminder pass of ``day`` (ISO date), queued by the worker (``schedule.py``)."""
    from .reminders import run_pass

    run_pass(today=dt.date.fromisoformat(day))


@task()
def recover_stale() -> None:
    """Queue again the tasks of a worker that died (the worker then queues this check again)."""
    retrying.recover_stale_tasks()
