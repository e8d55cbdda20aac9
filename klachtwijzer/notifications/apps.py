from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "klachtwijzer.notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        """Listen to the complaints' history and add the notifications' demo data (one-way registries)."""
        from klachtwijzer.complaints import extensions, followups

        from . import pass_tasks, tasks  # noqa: F401  # registers them as safe to run again
        from .demo import load_notifications_demo
        from .events import on_history_event

        followups.add_followup(on_history_event)
        extensions.add_demo_loader(load_notifications_demo)
