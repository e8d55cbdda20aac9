from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "klachtwijzer.partners"
    verbose_name = _("Partners")

    def ready(self) -> None:
        """Register the partners' part of the demo data (``complaints.extensions``)."""
        from klachtwijzer.complaints import extensions

        from .demo import load_partners_demo

        extensions.add_demo_loader(load_partners_demo)
