"""The background tasks that send letters, in the admin: django-tasks' own pages with Dutch column names.

The package's admin names two columns with untranslated words ("traceback", "run after") and one by its
attribute ("task name"); this subclass gives them translated names and changes nothing else.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django_tasks_db.admin import DBTaskResultAdmin
from django_tasks_db.models import DBTaskResult

admin.site.unregister(DBTaskResult)


@admin.register(DBTaskResult)
class TaskResultAdmin(DBTaskResultAdmin):
    list_display = (
        "id",
        "task",
        "status",
        "enqueued_at",
        "started_at",
        "finished_at",
        "priority",
        "queue_name",
    )

    @admin.display(description=_("task"))
    def task(self, obj: DBTaskResult[Any, Any]) -> str:
        return str(obj.task_name)

    @admin.display(description=_("error report"))
    def formatted_traceback(self, obj: DBTaskResult[Any, Any]) -> str:
        return super().formatted_traceback(obj)

    @admin.display(description=_("run after"))
    def display_run_after(self, obj: DBTaskResult[Any, Any]) -> dt.datetime | str:
        return super().display_run_after(obj)
