"""The login page: django-two-factor-auth's wizard, with the single sign-on button when it is on."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from two_factor.views import LoginView as TwoFactorLoginView

from . import oidc


class LoginView(TwoFactorLoginView):  # type: ignore[misc]  # the library ships no types
    def get_context_data(self, form: Any, **kwargs: Any) -> dict[str, Any]:
        context: dict[str, Any] = super().get_context_data(form, **kwargs)
        if oidc.is_configured():
            context["single_sign_on"] = settings.OIDC_PROVIDER_NAME or _("the municipality's account")
        return context
