from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    name = "klachtwijzer.intake"
    verbose_name = _("Public complaint form")
