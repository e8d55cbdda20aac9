from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningConfig(AppConfig):
    name = "klachtwijzer.learning"
    verbose_name = _("Learning from complaints")

    def ready(self) -> None:
        """Register what learning adds to the complaints app (``complaints.extensions``)."""
        from klachtwijzer.complaints import extensions

        from .demo import load_learning_demo
        from .register_columns import COLUMNS
        from .subject_access import TITLE, learning_points_of
        from .views import complaint_panel

        extensions.add_register_columns(COLUMNS)
        extensions.add_complaint_panel(complaint_panel)
        extensions.add_demo_loader(load_learning_demo)
        extensions.add_subject_part("learning_points", TITLE, learning_points_of)
