from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop, pgettext_lazy
from django_tasks_db.apps import TasksAppConfig


class LettersConfig(AppConfig):
    default = True  # this module holds a second configuration, for another app
    name = "klachtwijzer.letters"
    verbose_name = _("Letters")

    def ready(self) -> None:
        """Load the tasks, so a worker knows which of them it may run again (``retrying.py``), let the
        destruction of a complaint's personal data destroy its letters too, list them for an AVG access
        request, and take the steps that stand for a letter together with it (``step_flow.py``), also in the
        demo data (``demo_letters.py``)."""
        from klachtwijzer.complaints import extensions

        from . import tasks  # noqa: F401
        from .composing import destroy_letters, letters_for_subject_access
        from .demo_letters import make_demo_letters
        from .step_flow import step_with_letter

        extensions.add_destroyer(destroy_letters)
        extensions.add_subject_letters(letters_for_subject_access)
        extensions.set_step_letter_flow(step_with_letter)
        extensions.set_demo_letters(make_demo_letters)


class TasksDatabaseConfig(TasksAppConfig):
    """django-tasks' database queue, which sends the letters; named in Dutch in the admin."""

    default = False
    verbose_name = _("Background tasks")  # type: ignore[assignment]  # the package declares a plain str


# django-tasks' own labels, as that package writes them. Listed here so that makemessages puts them in this
# app's catalogue: Django's translations are shared, so the package's labels in the admin then read in Dutch.
TASK_LABELS = (
    gettext_noop("Task Result"),
    gettext_noop("Task Results"),
    gettext_noop("status"),
    gettext_noop("enqueued at"),
    gettext_noop("started at"),
    gettext_noop("finished at"),
    gettext_noop("args kwargs"),
    gettext_noop("priority"),
    gettext_noop("task path"),
    gettext_noop("worker id"),
    gettext_noop("queue name"),
    gettext_noop("backend name"),
    gettext_noop("run after"),
    gettext_noop("return value"),
    gettext_noop("exception class path"),
    gettext_noop("traceback"),
    pgettext_lazy("Task", "Ready"),
    pgettext_lazy("Task", "Running"),
    pgettext_lazy("Task", "Failed"),
    pgettext_lazy("Task", "Successful"),
)
