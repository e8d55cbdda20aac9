"""The worker's own schedule, without cron: the daily reminder pass and the pick-up of stale tasks.

``klachtwijzer worker`` calls ``ensure_schedule`` when it starts and after every task it runs, and the
pass itself is a queued task (``pass_tasks.scheduled_pass``) with ``run_after`` set to ``REMINDER_HOUR`` of
its day. So there is always one pass waiting, for today if its hour has not passed and it has not
run yet, else for tomorrow. Running a pass twice sends nothing twice (``reminders.py``).
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from klachtwijzer.letters import retrying

from . import pass_tasks as tasks

logger = logging.getLogger(__name__)

PASS_PATH = tasks.scheduled_pass.module_path
RECOVER_PATH = tasks.recover_stale.module_path


def run_at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(settings.REMINDER_HOUR)))


def ensure_schedule(*, now: dt.datetime | None = None) -> str | None:
    """Recover stale tasks and queue the next reminder pass unless one waits; the day queued, or None."""
    now = now or timezone.now()
    retrying.recover_stale_tasks(now=now)
    if not _waiting(RECOVER_PATH):  # look again while the worker is idle
        later = now + dt.timedelta(minutes=settings.STALE_TASK_MINUTES)
        tasks.recover_stale.using(run_after=later).enqueue()
    if _waiting(PASS_PATH):
        return None
    today = timezone.localdate(now)
    done_today = DBTaskResult.objects.filter(
        task_path=PASS_PATH, run_after__gte=run_at(today), run_after__lt=run_at(today + dt.timedelta(days=1))
    ).exists()
    day = today if not done_today else today + dt.timedelta(days=1)
    tasks.scheduled_pass.using(run_after=run_at(day)).enqueue(day.isoformat())
    logger.info("Reminder pass of %s queued.", day)
    return day.isoformat()


def _waiting(path: str) -> bool:
    return DBTaskResult.objects.filter(
        task_path=path, status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING]
    ).exists()
