"""Spam defence for the public pages: at most a few submissions per client address per hour.

Counts live in Django's cache (no new dependency): a fixed window of one hour per address and per
action, e.g. ``intake:submit:203.0.113.7``. IPv6 addresses count per /64 network, since one
household or device gets a whole /64. ``X-Forwarded-For`` counts only when the request comes from a
trusted proxy (``TRUSTED_PROXIES``; see ``accounts.security.client_ip``): then the client is the
right-most address the trusted proxies did not add, and anything the client typed before it is ignored.

The default cache is per process (``LocMemCache``); with several web processes set ``REDIS_URL`` or
``CACHE_URL=db://klachtwijzer-cache`` (and run ``klachtwijzer createcachetable``) so they share the
counts. Limits, both environment variables: ``INTAKE_SUBMISSIONS_PER_HOUR`` (default 5) for new
complaints and ``INTAKE_ADDITIONS_PER_HOUR`` (default 20) for additions on the status page.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from klachtwijzer.accounts.security import client_ip

WINDOW_SECONDS = 3600
DEFAULT_LIMITS = {"submit": 5, "add": 20, "survey": 20}
SETTING_NAMES = {
    "submit": "INTAKE_SUBMISSIONS_PER_HOUR",
    "add": "INTAKE_ADDITIONS_PER_HOUR",
    "survey": "SATISFACTION_ANSWERS_PER_HOUR",
}


def client_address(request: HttpRequest) -> str:
    """The client's address, reduced to its /64 network for IPv6; 'unknown' when unreadable."""
    raw = client_ip(request)
    try:
        address = ipaddress.ip_address(raw)
    except ValueError:
        return "unknown"
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)


def limit_for(action: str) -> int:
    return int(getattr(settings, SETTING_NAMES[action], DEFAULT_LIMITS[action]))


def _key(action: str, request: HttpRequest) -> str:
    return f"intake:{action}:{client_address(request)}"


def is_limited(request: HttpRequest, action: str) -> bool:
    """Whether this address has used up its submissions for ``action`` this hour."""
    return int(cache.get(_key(action, request), 0)) >= limit_for(action)


def count(request: HttpRequest, action: str) -> None:
    """Count one submission for this address."""
    key = _key(action, request)
    if cache.add(key, 1, WINDOW_SECONDS):
        return
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, WINDOW_SECONDS)
