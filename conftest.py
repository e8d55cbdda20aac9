"""Shared test set-up: which database the tests run on, and fixtures for the organisation."""

import pytest


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _force_login_passes_two_factor(monkeypatch):
    """``client.force_login`` stands for a complete login: password and the code from the app.

    The user gets a confirmed TOTP device and the session is marked verified with it, as
    django-two-factor-auth does after the code step. The tests of the login itself post the forms.
    """
    from django.test import Client

    original = Client.force_login

    def force_login(self, user, backend=None):
        original(self, user, backend)
        from klachtwijzer.accounts.security import needs_two_factor

        if needs_two_factor(user):
            from django_otp import DEVICE_ID_SESSION_KEY
            from django_otp.plugins.otp_totp.models import TOTPDevice

            device, _created = TOTPDevice.objects.get_or_create(user=user, name="test", confirmed=True)
            session = self.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()

    monkeypatch.setattr(Client, "force_login", force_login)


@pytest.fixture
def municipality(db):
    from klachtwijzer.accounts.models import Municipality

    return Municipality.objects.create(name="Gemeente Teststad", reference_prefix="TST", address="Postbus 1")


@pytest.fixture
def department(db):
    from klachtwijzer.accounts.tests.factories import DepartmentFactory

    return DepartmentFactory(name="Burgerzaken")


@pytest.fixture
def coordinator(db):
    from klachtwijzer.accounts.models import Role
    from klachtwijzer.accounts.tests.factories import UserFactory

    return UserFactory(role=Role.COORDINATOR, username="coordinator")


@pytest.fixture
def handler(db, department):
    from klachtwijzer.accounts.models import Role
    from klachtwijzer.accounts.tests.factories import UserFactory

    return UserFactory(role=Role.HANDLER, department=department, username="handler")


@pytest.fixture
def org(municipality, settings):
    """Two departments and two partners with someone in every role (``complaints/tests/backoffice.py``)."""
    from klachtwijzer.complaints.tests.backoffice import FAST_HASHERS, Organisation

    settings.PASSWORD_HASHERS = FAST_HASHERS
    return Organisation()


@pytest.fixture
def on_backoffice_today():
    """The back-office tests' Monday 3 June 2024, noon, with the clock standing still."""
    import time_machine

    from klachtwijzer.complaints.tests.backoffice import TODAY

    with time_machine.travel(TODAY, tick=False):
        yield


def pytest_collection_modifyitems(config, items):
    """In CI's PostgreSQL pass (REQUIRE_POSTGRES=true) a test that needs PostgreSQL must not skip."""
    import os

    from django.conf import settings

    if os.environ.get("REQUIRE_POSTGRES") == "true":
        engine = settings.DATABASES["default"]["ENGINE"]
        assert "postgresql" in engine, f"REQUIRE_POSTGRES is set but the database is {engine}"
