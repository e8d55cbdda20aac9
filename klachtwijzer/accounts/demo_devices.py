"""Known authenticator secrets for the demo users, so the demo keeps two-factor login on (docs/adr/0004).

Each demo user whose role needs a second factor gets a confirmed TOTP device whose secret follows
from the username; ``klachtwijzer demo`` prints it, to add to any authenticator app (or to compute
a code with ``demo_code``, as the browser tests do). The secrets are public: demo data only.
"""

from __future__ import annotations

import base64
import hashlib

from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import User
from .security import needs_two_factor


def demo_key(username: str) -> str:
    """The device key (40 hex digits) of a demo user."""
    return hashlib.sha1(f"klachtwijzer-demo-{username}".encode()).hexdigest()


def demo_secret(username: str) -> str:
    """The same key as authenticator apps want it typed in (base32)."""
    return base64.b32encode(bytes.fromhex(demo_key(username))).decode("ascii")


def demo_code(username: str) -> str:
    """The six-digit code an authenticator app shows now for a demo user."""
    return f"{totp(bytes.fromhex(demo_key(username))):06d}"


def give_demo_device(user: User) -> str | None:
    """Give ``user`` the known device when their role needs one; returns the secret to print."""
    if not needs_two_factor(user):
        return None
    TOTPDevice.objects.update_or_create(
        user=user, name="default", defaults={"key": demo_key(user.username), "confirmed": True}
    )
    return demo_secret(user.username)
