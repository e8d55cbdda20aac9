from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OmbudsmanConfig(AppConfig):
    name = "klachtwijzer.ombudsman"
    verbose_name = _("Ombudsman cases")

    def ready(self) -> None:
        """Register the complaint page section and the demo data (``complaints.extensions``)."""
        from klachtwijzer.complaints import extensions

        from .demo import load_ombudsman_demo
        from .register_columns import COLUMNS
        from .subject_access import TITLE, ombudsman_cases_of
        from .views import complaint_panel

        extensions.add_register_columns(COLUMNS)
        extensions.add_complaint_panel(complaint_panel)
        extensions.add_demo_loader(load_ombudsman_demo)
        extensions.add_subject_part("ombudsman_cases", TITLE, ombudsman_cases_of)
