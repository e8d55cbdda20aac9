"""``klachtwijzer worker``: django-tasks-db's ``db_worker`` that also keeps its own schedule.

The same options as ``db_worker``. Before its first task and after every task it runs
``schedule.ensure_schedule``: tasks of a worker that died are queued again and the next daily reminder
pass is queued (``REMINDER_HOUR``), so no cron is needed.
"""

from __future__ import annotations

from typing import Any

from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from klachtwijzer.notifications.schedule import ensure_schedule


class ScheduledWorker(db_worker.Worker):
    def run(self) -> None:
        ensure_schedule()
        super().run()

    def run_task(self, db_task_result: DBTaskResult) -> None:  # type: ignore[type-arg]
        super().run_task(db_task_result)
        ensure_schedule()


class Command(db_worker.Command):
    help = "Run the background task worker: letters, e-mail, the daily reminder pass."

    def handle(self, *args: Any, **options: Any) -> None:
        # db_worker builds its Worker by name; ours adds the schedule and is used for this run only.
        original = db_worker.Worker
        db_worker.Worker = ScheduledWorker  # type: ignore[misc]
        try:
            super().handle(*args, **options)
        finally:
            db_worker.Worker = original  # type: ignore[misc]
