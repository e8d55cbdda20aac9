from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SatisfactionConfig(AppConfig):
    name = "klachtwijzer.satisfaction"
    verbose_name = _("Complainant satisfaction")

    def ready(self) -> None:
        from klachtwijzer.complaints import extensions

        from . import invitations
        from .demo import load_satisfaction_demo

        extensions.add_closing_hook(invitations.invite_after_closing)
        extensions.add_status_page_part(invitations.status_page_part)
        extensions.add_demo_loader(load_satisfaction_demo)
