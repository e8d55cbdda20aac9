"""Single sign-on with the municipality's identity provider (OpenID Connect, mozilla-django-oidc).

Optional: on when ``OIDC_RP_CLIENT_ID`` is set (see ``settings.py`` and docs/security.md). The provider's
endpoints come from its discovery document (``OIDC_OP_DISCOVERY_ENDPOINT``, the
``.well-known/openid-configuration`` URL) unless they are set one by one (``OIDC_OP_AUTHORIZATION_ENDPOINT``,
``OIDC_OP_TOKEN_ENDPOINT``, ``OIDC_OP_USER_ENDPOINT``, ``OIDC_OP_JWKS_ENDPOINT``).

Rules:
- The person from the provider becomes an existing, active Klachtwijzer user with the same e-mail address
  (case-insensitive) or, failing that, the same username (``preferred_username``). Exactly one must match.
- No account is created and no role is read from the provider's claims: roles are given in Klachtwijzer
  (docs/access.md).
- The provider asks for the second factor; a session opened this way counts as verified
  (``security.SSO_SESSION_KEY``).
"""

from __future__ import annotations

from typing import Any

import requests
from django.conf import settings
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import import_from_settings
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from .models import User

BACKEND = "klachtwijzer.accounts.oidc.ExistingUserBackend"
DISCOVERED = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
}
_discovery: dict[str, dict[str, Any]] = {}


def is_configured() -> bool:
    return bool(getattr(settings, "OIDC_RP_CLIENT_ID", ""))


def _discovery_document() -> dict[str, Any]:
    url = getattr(settings, "OIDC_OP_DISCOVERY_ENDPOINT", "")
    if not url:
        return {}
    if url not in _discovery:
        response = requests.get(url, timeout=10)
        response.raise_for_status()
        _discovery[url] = response.json()
    return _discovery[url]


def oidc_setting(attr: str, *args: Any) -> Any:
    """A mozilla-django-oidc setting; an endpoint not set comes from the discovery document."""
    if attr in DISCOVERED and not getattr(settings, attr, None):
        endpoint = _discovery_document().get(DISCOVERED[attr])
        if endpoint:
            return endpoint
    return import_from_settings(attr, *args)


class ExistingUserBackend(OIDCAuthenticationBackend):  # type: ignore[misc]  # the library ships no types
    """Logs in the existing user the provider names; never creates one."""

    @staticmethod
    def get_settings(attr: str, *args: Any) -> Any:
        return oidc_setting(attr, *args)

    def filter_users_by_claims(self, claims: dict[str, Any]) -> QuerySet[User]:
        email = (claims.get("email") or "").strip()
        username = (claims.get("preferred_username") or "").strip()
        users = User.objects.filter(is_active=True)
        if email:
            by_email = users.filter(email__iexact=email)
            if by_email.exists():
                return by_email
        if username:
            return users.filter(username=username)
        return users.none()

    def verify_claims(self, claims: dict[str, Any]) -> bool:
        return bool(claims.get("email") or claims.get("preferred_username"))

    def create_user(self, claims: dict[str, Any]) -> None:  # never called: OIDC_CREATE_USER is false
        return None

    def get_or_create_user(self, access_token: Any, id_token: Any, payload: Any) -> User | None:
        user_info = self.get_userinfo(access_token, id_token, payload)
        if not self.verify_claims(user_info):
            return None
        users = self.filter_users_by_claims(user_info)
        return users.get() if users.count() == 1 else None


class AuthenticationRequestView(OIDCAuthenticationRequestView):  # type: ignore[misc]  # the library ships no types
    """Send the browser to the identity provider; not found when single sign-on is off."""

    @staticmethod
    def get_settings(attr: str, *args: Any) -> Any:
        return oidc_setting(attr, *args)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        if is_configured():
            super().__init__(*args, **kwargs)

    def get(self, request: HttpRequest) -> HttpResponse:
        if not is_configured():
            raise Http404
        response: HttpResponse = super().get(request)
        return response


class AuthenticationCallbackView(OIDCAuthenticationCallbackView):  # type: ignore[misc]  # the library ships no types
    """The provider's answer; an unknown person goes back to the login page with a message."""

    @staticmethod
    def get_settings(attr: str, *args: Any) -> Any:
        return oidc_setting(attr, *args)

    def get(self, request: HttpRequest) -> HttpResponse:
        if not is_configured():
            raise Http404
        response: HttpResponse = super().get(request)
        return response

    def login_failure(self) -> HttpResponse:
        from django.contrib import messages
        from django.shortcuts import redirect
        from django.utils.translation import gettext as _

        messages.error(
            self.request,
            _(
                "Logging in through the municipality's account did not work: there is no Klachtwijzer "
                "account with your e-mail address. Ask the complaints coordinator."
            ),
        )
        return redirect(settings.LOGIN_URL)
