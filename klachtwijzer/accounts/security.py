"""Who is asking, for how long, and with which key: the rules every request and process start obey.

- Secret key (BIO 10.1): with ``DEBUG`` false the web and worker processes refuse to start on the demo
  ``SECRET_KEY`` that is published in the repository (``require_own_secret_key``).
- Client address: ``X-Forwarded-For`` is read only when the request comes from a trusted proxy
  (``TRUSTED_PROXIES``, addresses or networks); the client is then the right-most address in the header
  that is not itself a trusted proxy. Anything further left was typed by the client. The rate limit of
  the public form and the login lockout both use this address.
- Session expiry: a staff session ends ``SESSION_COOKIE_AGE`` seconds after logging in (8 hours) or
  ``SESSION_IDLE_TIMEOUT`` seconds after its last request (30 minutes), whichever comes first; the
  cookie itself dies with the browser (``SESSION_EXPIRE_AT_BROWSER_CLOSE``).
"""

from __future__ import annotations

import ipaddress
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.core.exceptions import ImproperlyConfigured
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# django-two-factor-auth's own Dutch says "Token"; this catalogue, read first, says "Code".
TWO_FACTOR_LABELS = (gettext_lazy("Token"),)

LOGGED_IN_AT = "klachtwijzer_logged_in_at"
# Set when the session was opened through single sign-on; the identity provider did the second factor.
SSO_SESSION_KEY = "klachtwijzer_single_sign_on"
LAST_SEEN_AT = "klachtwijzer_last_seen_at"
# The last-seen time is written at most once a minute, so a page does not cost a session write each time.
LAST_SEEN_RESOLUTION = 60


def require_own_secret_key() -> None:
    """Refuse to serve production with the demo key: anyone could forge sessions and status links."""
    if settings.DEBUG:
        return
    key = settings.SECRET_KEY
    if not key or key == settings.DEMO_SECRET_KEY or len(key) < 40:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set (or is the demo key from the repository, or shorter than 40 characters). "
            "Production (DEBUG=false) needs its own secret key: set the environment variable SECRET_KEY "
            "to a long random string, for example the output of "
            "`python3 -c 'import secrets; print(secrets.token_urlsafe(50))'`."
        )


def _networks() -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    return [ipaddress.ip_network(item, strict=False) for item in settings.TRUSTED_PROXIES]


def _is_trusted(address: str, networks: list[ipaddress.IPv4Network | ipaddress.IPv6Network]) -> bool:
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(parsed in network for network in networks)


def client_ip(request: HttpRequest) -> str:
    """The client's address as sent, trusting ``X-Forwarded-For`` only from a trusted proxy; '' if none."""
    peer = str(request.META.get("REMOTE_ADDR", ""))
    networks = _networks()
    if not networks or not _is_trusted(peer, networks):
        return peer
    forwarded = [part.strip() for part in str(request.META.get("HTTP_X_FORWARDED_FOR", "")).split(",")]
    for address in reversed([part for part in forwarded if part]):
        if not _is_trusted(address, networks):
            return address
    return peer


def axes_client_address(request: HttpRequest) -> str | None:
    """The address django-axes counts failed logins for (same rule as the rate limit); None if unreadable."""
    address = client_ip(request)
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:  # e.g. the request Django's test client makes up for force_login
        return None


@receiver(user_logged_in)
def _start_session_clock(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if request is not None and hasattr(request, "session"):
        now = int(time.time())
        request.session[LOGGED_IN_AT] = now
        request.session[LAST_SEEN_AT] = now
        if getattr(user, "backend", "") == "klachtwijzer.accounts.oidc.ExistingUserBackend":
            request.session[SSO_SESSION_KEY] = True


class SessionTimeoutMiddleware:
    """Log out a session that is older than its maximum age or has been idle too long."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = int(time.time())
            logged_in_at = int(request.session.get(LOGGED_IN_AT, now))
            last_seen_at = int(request.session.get(LAST_SEEN_AT, now))
            if (
                now - logged_in_at > settings.SESSION_COOKIE_AGE
                or now - last_seen_at > settings.SESSION_IDLE_TIMEOUT
            ):
                logout(request)
                messages.info(request, _("You were logged out because your session had expired."))
                return redirect(settings.LOGIN_URL)
            if LOGGED_IN_AT not in request.session:
                request.session[LOGGED_IN_AT] = now
            if now - last_seen_at >= LAST_SEEN_RESOLUTION or LAST_SEEN_AT not in request.session:
                request.session[LAST_SEEN_AT] = now
        return self.get_response(request)


def locked_out(request: HttpRequest, original_response: Any, credentials: Any) -> HttpResponse:
    """django-axes' answer to a locked username and address: the Dutch page, status 429."""
    context = {
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "lockout_minutes": round(settings.AXES_COOLOFF_TIME * 60),
    }
    return render(request, "registration/locked_out.html", context, status=429)


class NoStoreMiddleware:
    """No page is kept by a browser or a proxy: almost every page shows personal data (BIO 8.2).

    Static files are served (and cached) by WhiteNoise before this point; a view that sets its own
    ``Cache-Control`` keeps it.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not response.has_header("Cache-Control"):
            add_never_cache_headers(response)
        return response


def needs_two_factor(user: Any) -> bool:
    """Whether ``user``'s role must log in with a second factor (``TWO_FACTOR_ROLES``)."""
    return bool(user.is_authenticated and getattr(user, "role", None) in settings.TWO_FACTOR_ROLES)


class RequireTwoFactorMiddleware:
    """A role that sees personal data reaches nothing but the two-factor pages until it is verified.

    Without a device the user is sent to set one up; with one (a session that somehow skipped the
    code) back to the login. A session that came through single sign-on is trusted: the identity
    provider asks for the second factor (docs/security.md).
    """

    OPEN_URL_NAMES = {"logout"}

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view: Any, args: Any, kwargs: Any) -> HttpResponse | None:
        user: Any = request.user
        if not needs_two_factor(user) or user.is_verified() or request.session.get(SSO_SESSION_KEY):
            return None
        match = request.resolver_match
        if match is not None and (match.namespace == "two_factor" or match.url_name in self.OPEN_URL_NAMES):
            return None
        from django_otp import devices_for_user

        if any(True for _device in devices_for_user(user)):
            logout(request)
            return redirect(settings.LOGIN_URL)
        return redirect("two_factor:setup")
