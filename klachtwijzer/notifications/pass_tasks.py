"""The worker's scheduled tasks (``schedule.py``): the daily reminder pass and the check for stale tasks."""

from __future__ import annotations

import datetime as dt

from django_tasks import task

from klachtwijzer.letters import retrying

from .reminders import run_pass


@task()
def scheduled_pass(day: str) -> None:
    """The reminder pass of ``day`` (ISO date), queued by the worker (``schedule.py``)."""
    run_pass(today=dt.date.fromisoformat(day))


@task()
def recover_stale() -> None:
    """Queue again the tasks of a worker that died (the worker then queues this check again)."""
    retrying.recover_stale_tasks()


retrying.add_recoverable(scheduled_pass, recover_stale)
