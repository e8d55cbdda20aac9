"""Shared test set-up: which database the tests run on, and fixtures for the organisation."""

import pytest


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


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


def pytest_collection_modifyitems(config, items):
    """In CI's PostgreSQL pass (REQUIRE_POSTGRES=true) a test that needs PostgreSQL must not skip."""
    import os

    from django.conf import settings

    if os.environ.get("REQUIRE_POSTGRES") == "true":
        engine = settings.DATABASES["default"]["ENGINE"]
        assert "postgresql" in engine, f"REQUIRE_POSTGRES is set but the database is {engine}"
