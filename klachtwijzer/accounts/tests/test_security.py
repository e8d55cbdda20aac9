"""Staff authentication and hardening: lockout, session expiry, the client address, the secret key."""

from __future__ import annotations

import pytest
import time_machine
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory
from django.urls import reverse

from klachtwijzer.accounts.models import Role
from klachtwijzer.accounts.security import client_ip, require_own_secret_key
from klachtwijzer.accounts.tests.factories import UserFactory

PASSWORD = "geheim-wachtwoord-123"
LOGIN = "/inloggen/"


def log_in(client, username, password, **extra):
    """The password step of the login (board members need no second factor; see test_two_factor)."""
    data = {"login_view-current_step": "auth", "auth-username": username, "auth-password": password}
    return client.post(LOGIN, data, **extra)


@pytest.mark.django_db
def test_five_wrong_passwords_lock_the_account_even_for_the_right_one(client, municipality):
    UserFactory(username="anna", role=Role.BOARD)
    for _ in range(4):
        assert log_in(client, "anna", "wrong-password").status_code == 200

    fifth = log_in(client, "anna", "wrong-password")
    right = log_in(client, "anna", PASSWORD)

    assert fifth.status_code == 429
    assert right.status_code == 429
    assert "Te veel pogingen" in right.content.decode()
    assert "over 15 minuten" in right.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_the_lock_holds_for_one_username_and_address_and_ends_after_15_minutes(client, municipality):
    UserFactory(username="anna", role=Role.BOARD)
    UserFactory(username="bram", role=Role.BOARD)
    with time_machine.travel("2026-03-02 09:00 +01:00", tick=False) as traveller:
        for _ in range(5):
            log_in(client, "anna", "wrong-password")

        assert log_in(client, "anna", PASSWORD).status_code == 429
        assert log_in(client, "anna", PASSWORD, REMOTE_ADDR="192.0.2.8").status_code == 302
        client.logout()
        assert log_in(client, "bram", PASSWORD).status_code == 302
        client.logout()

        traveller.shift(16 * 60)
        assert log_in(client, "anna", PASSWORD).status_code == 302


@pytest.mark.django_db
def test_the_administrator_unlocks_an_account_in_the_admin(client, municipality):
    from axes.models import AccessAttempt

    UserFactory(username="anna", role=Role.BOARD)
    for _ in range(5):
        log_in(client, "anna", "wrong-password")
    admin = UserFactory(role=Role.ADMINISTRATOR, is_staff=True, is_superuser=True, username="beheerder")
    attempt = AccessAttempt.objects.get(username="anna")
    admin_client = client.__class__()
    admin_client.force_login(admin)

    response = admin_client.post(
        reverse("admin:axes_accessattempt_delete", args=[attempt.pk]), {"post": "yes"}
    )

    assert response.status_code == 302
    assert log_in(client, "anna", PASSWORD).status_code == 302


@pytest.mark.django_db
def test_a_session_ends_after_30_idle_minutes(client, coordinator, municipality):
    with time_machine.travel("2026-03-02 09:00 +01:00", tick=False) as traveller:
        client.force_login(coordinator)
        assert client.get("/").status_code == 200
        traveller.shift(29 * 60)
        assert client.get("/").status_code == 200
        traveller.shift(31 * 60)

        response = client.get("/")

    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_a_busy_session_still_ends_eight_hours_after_logging_in(client, coordinator, municipality):
    with time_machine.travel("2026-03-02 09:00 +01:00", tick=False) as traveller:
        client.force_login(coordinator)
        for _ in range(16):
            traveller.shift(29 * 60)
            client.get("/")
        traveller.shift(20 * 60)  # 8 hours and 4 minutes after logging in

        response = client.get("/")

    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


def test_the_session_cookie_dies_with_the_browser(settings):
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert settings.SESSION_COOKIE_AGE == 8 * 3600


@pytest.mark.parametrize(
    ("trusted", "peer", "forwarded", "expected"),
    [
        ([], "203.0.113.5", "8.8.8.8", "203.0.113.5"),  # no proxy trusted: the header is ignored
        (["10.0.0.0/8"], "203.0.113.5", "8.8.8.8", "203.0.113.5"),  # not from the proxy: ignored
        (["10.0.0.1"], "10.0.0.1", "8.8.8.8, 198.51.100.7", "198.51.100.7"),  # typed part skipped
        (["10.0.0.0/8"], "10.0.0.1", "198.51.100.7, 10.0.0.2", "198.51.100.7"),  # two proxies
        (["10.0.0.1"], "10.0.0.1", "", "10.0.0.1"),
    ],
)
def test_the_client_address_comes_from_a_trusted_proxy_only(settings, trusted, peer, forwarded, expected):
    settings.TRUSTED_PROXIES = trusted
    request = RequestFactory().get("/", REMOTE_ADDR=peer, HTTP_X_FORWARDED_FOR=forwarded)

    assert client_ip(request) == expected


DEMO_KEY = "django-insecure-klachtwijzer-demo-key-do-not-use-in-production"


@pytest.mark.parametrize("key", [DEMO_KEY, "", "short"])
def test_production_refuses_the_demo_secret_key(settings, key):
    settings.DEBUG = False
    settings.SECRET_KEY = key

    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY"):
        require_own_secret_key()


def test_production_starts_with_its_own_secret_key_and_the_demo_with_the_demo_key(settings):
    settings.DEBUG = False
    settings.SECRET_KEY = "own-" + "Zr8!kq2#" * 6
    require_own_secret_key()
    settings.DEBUG = True
    settings.SECRET_KEY = settings.DEMO_SECRET_KEY
    require_own_secret_key()
