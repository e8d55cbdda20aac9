from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    name = "klachtwijzer.complaints"
    verbose_name = _("Complaints")

    def ready(self) -> None:
        from . import extensions
        from .committee import destroy_advice

        # The committee's advice text and document hold personal data: they go with the rest.
        extensions.add_destroyer(destroy_advice)
