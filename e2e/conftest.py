"""End-to-end fixtures: Debian's Chromium driven by Playwright, a real SMTP server, the task worker.

The browser is the system's (/usr/bin/chromium, package ``chromium``); Playwright's own browser download is
never used. When no Chromium is installed the browser tests skip with that reason; CI installs it.

Screenshots for the role guides (``docs/img/``) are written only with ``KLACHTWIJZER_SCREENSHOTS=1``, so an
ordinary test run never rewrites the documentation. A failing browser test leaves a screenshot of each of
its pages in ``test-artifacts/``.
"""

from __future__ import annotations

import os
import shutil
import socket
from collections.abc import Callable, Iterator

import pytest
from aiosmtpd.controller import Controller
from django.core.cache import cache

from .support import ARTIFACTS, PASSWORD, VIEWPORT, Mailbox, run_tasks  # noqa: F401 (run_tasks: for tests)

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--font-render-hinting=none",
    "--lang=nl-NL",
]
# The browser's own texts (date fields, file buttons) in Dutch, as residents see them; needs Debian's
# chromium-l10n, without it they stay English (only the screenshots notice).
CHROMIUM_ENV = {**os.environ, "LANG": "nl_NL.UTF-8", "LANGUAGE": "nl"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_server(settings) -> Iterator[Mailbox]:
    """A real SMTP server on 127.0.0.1; Django's SMTP backend delivers to it."""
    mailbox = Mailbox()
    port = free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    try:
        yield mailbox
    finally:
        controller.stop()


def _serialized_contents() -> dict[str, str]:
    from django.db import connections

    return {
        alias: connections[alias]._test_serialized_contents
        for alias in connections
        if hasattr(connections[alias], "_test_serialized_contents")
    }


def _hand_over(serialized: dict[str, str]) -> None:
    """Give Django's connections, as this thread sees them while Playwright runs, the serialized database.

    Playwright's sync API keeps an asyncio event loop running in this thread; Django then hands the thread
    new connection objects, which lack the copy of the migrated data that ``serialized_rollback`` restores
    (the 22 natures, the letter templates). Without it a transactional test would leave them deleted, and
    the flush would re-create content types that a later serialized test then collides with.
    """
    from django.db import connections

    for alias, contents in serialized.items():
        connections[alias]._test_serialized_contents = contents


@pytest.fixture(scope="module")
def browser(django_db_setup):
    """Chromium, for the tests of one module: Django's async-unsafe flag is set only while it runs."""
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"no Chromium at {CHROMIUM}: install Debian's package 'chromium'")
    from playwright.sync_api import sync_playwright

    serialized = _serialized_contents()
    # Playwright's sync API runs an event loop in this thread; Django's ORM calls from the test are safe.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            _hand_over(serialized)
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, args=CHROMIUM_ARGS, env=CHROMIUM_ENV
            )
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep the pages of a failed browser test as screenshots in test-artifacts/."""
    report = yield
    if report.when == "call" and report.failed:
        for number, page in enumerate(getattr(item, "funcargs", {}).get("_open_pages", [])):
            if not page.is_closed():
                ARTIFACTS.mkdir(exist_ok=True)
                page.screenshot(path=ARTIFACTS / f"{item.name}-{number}.png", full_page=True)
    return report


@pytest.fixture
def _open_pages() -> list:
    return []


@pytest.fixture
def new_page(browser, _open_pages) -> Iterator[Callable]:
    """Open a page in a browser context of its own: one per person, so each has their own session."""
    contexts = []

    def open_page():
        context = browser.new_context(locale="nl-NL", viewport=VIEWPORT, accept_downloads=True)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        _open_pages.append(page)
        return page

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


@pytest.fixture
def site(live_server, settings) -> Iterator[str]:
    """The live server's address. Links in letters point at it; each test starts without rate-limit counts."""
    settings.SITE_URL = live_server.url
    cache.clear()
    yield live_server.url
    cache.clear()


@pytest.fixture
def organisation(site):
    """A municipality with two departments, a coordinator and a handler who can log in."""
    from klachtwijzer.accounts.models import Department, Municipality, Role, User

    municipality = Municipality.objects.create(
        name="Gemeente Voorbeeld",
        reference_prefix="KLW",
        address="Postbus 100\n1234 AB Voorbeeld",
        phone="14 0123",
        email="klachten@voorbeeld.example",
        website="https://www.voorbeeld.example",
    )
    burgerzaken = Department.objects.create(name="Burgerzaken")
    Department.objects.create(name="Openbare Ruimte")
    coordinator = User.objects.create_user(
        "coordinator",
        password=PASSWORD,
        email="f.elamrani@voorbeeld.example",
        first_name="Fatima",
        last_name="El Amrani",
        role=Role.COORDINATOR,
    )
    handler = User.objects.create_user(
        "behandelaar",
        password=PASSWORD,
        email="j.bakker@voorbeeld.example",
        first_name="Jeroen",
        last_name="Bakker",
        role=Role.HANDLER,
        department=burgerzaken,
    )
    from klachtwijzer.accounts.demo_devices import give_demo_device

    give_demo_device(coordinator)
    give_demo_device(handler)
    return {"municipality": municipality, "coordinator": coordinator, "handler": handler}
