"""E-mail that always arrives: a failed send is tried again later, a task of a dead worker is picked up.

django-tasks (0.12) and its database backend (django-tasks-db 0.13) run a task once: a task that raises
is marked failed and stays so, and a task whose worker died stays "running" for ever. Both are small
to add on top (docs/adr/0007-notifications-one-way.md):

- ``retry_later`` queues the same task again with ``run_after`` (which the database backend honours),
  waiting ``SEND_RETRY_BASE_SECONDS`` and twice as long each time, at most ``SEND_RETRIES`` times.
- ``recover_stale_tasks`` puts a task that has been "running" for longer than ``STALE_TASK_MINUTES``
  back in the queue, so the next worker runs it; only tasks registered as safe to run again
  (``add_recoverable``), not e.g. the report jobs, which have rules of their own. Sending is
  idempotent (a letter or notification already marked as sent is not sent again), so a task picked
  up twice sends once.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks.base import Task, TaskResultStatus
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)


def backoff(attempt: int) -> dt.timedelta:
    """How long to wait before try ``attempt`` (1 is the first retry): base, 2 x base, 4 x base, ..."""
    return dt.timedelta(seconds=settings.SEND_RETRY_BASE_SECONDS * 2 ** max(attempt - 1, 0))


def retry_later(task: Task[Any, Any], *args: Any, attempt: int) -> bool:
    """Queue ``task(*args, attempt=attempt)`` after its backoff; False when the tries are used up.

    A backend that cannot defer (the immediate backend of some tests) gets no retry.
    """
    if attempt > settings.SEND_RETRIES or not task.get_backend().supports_defer:
        return False
    run_after = timezone.now() + backoff(attempt)
    deferred = task.using(run_after=run_after)
    transaction.on_commit(lambda: deferred.enqueue(*args, attempt=attempt))
    logger.info("%s%r tried again (try %s) after %s.", task.name, args, attempt, run_after)
    return True


_recoverable: set[str] = set()


def add_recoverable(*tasks: Task[Any, Any]) -> None:
    """Mark ``tasks`` as safe to run again when their worker died (they send each thing once)."""
    _recoverable.update(task.module_path for task in tasks)


def recover_stale_tasks(*, now: dt.datetime | None = None) -> int:
    """Queue again the recoverable tasks left "running" by a worker that died; the number recovered."""
    now = now or timezone.now()
    cutoff = now - dt.timedelta(minutes=settings.STALE_TASK_MINUTES)
    stale = DBTaskResult.objects.filter(
        status=TaskResultStatus.RUNNING, started_at__lt=cutoff, task_path__in=sorted(_recoverable)
    )
    recovered = stale.update(status=TaskResultStatus.READY, started_at=None, run_after=now)
    if recovered:
        logger.warning("%s task(s) of a worker that stopped were queued again.", recovered)
    return recovered
