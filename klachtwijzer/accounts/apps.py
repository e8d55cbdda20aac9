from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "klachtwijzer.accounts"
    verbose_name = _("Organisation and users")

    def ready(self) -> None:
        from . import security  # noqa: F401  (connects the session clock to user_logged_in)
