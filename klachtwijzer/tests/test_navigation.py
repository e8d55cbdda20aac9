"""One menu on every logged-in page, showing each role only what it may use, the current page marked."""

import re

import pytest
from django.test import RequestFactory

from klachtwijzer.accounts.models import Role
from klachtwijzer.accounts.tests.factories import PartnerFactory, UserFactory
from klachtwijzer.navigation import build_menu


def main_menu(html: str) -> str:
    return re.search(r'<nav class="kw-nav" aria-label="Hoofdmenu">(.*?)</nav>', html, re.S).group(1)


def queue_menu(html: str) -> str:
    found = re.search(r'<nav class="kw-subnav".*?</nav>', html, re.S)
    return found.group(0) if found else ""


def labels(menu_html: str) -> list[str]:
    return re.findall(r'class="kw-nav__link"[^>]*>([^<]+)</a>', menu_html)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["/brieven/sjablonen/", "/rapportage/2025/", "/klachten/", "/klachten/registreren/"]
)
def test_letters_and_reporting_pages_show_the_same_menu_and_queues_as_the_complaint_pages(
    client, municipality, coordinator, url
):
    client.force_login(coordinator)

    html = client.get(url).content.decode()

    assert labels(main_menu(html)) == [
        "Mijn werk",
        "Alle klachten",
        "Klacht registreren",
        "Dashboard",
        "Cijfers",
        "Leren van klachten",
        "Samenwerkingspartners",
        "Ombudsmanzaken",
        "Bewaren en vernietigen",
        "Briefsjablonen",
        "Niet afgeleverde brieven",
    ]
    assert "Te beoordelen (triage)" in queue_menu(html)
    assert "Termijn verstreken" in queue_menu(html)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "current", "kind"),
    [
        ("/", "Mijn werk", "page"),
        ("/klachten/", "Alle klachten", "page"),
        ("/klachten/registreren/", "Klacht registreren", "page"),
        ("/brieven/sjablonen/", "Briefsjablonen", "page"),
        ("/rapportage/", "Cijfers", "page"),
        ("/rapportage/2025/", "Cijfers", "true"),
        ("/dashboard/", "Dashboard", "page"),
        ("/leren/", "Leren van klachten", "page"),
        ("/leren/themas/", "Leren van klachten", "true"),
    ],
)
def test_the_item_of_the_page_or_its_section_is_marked_current(
    client, municipality, coordinator, url, current, kind
):
    client.force_login(coordinator)

    menu = main_menu(client.get(url).content.decode())

    assert re.findall(r'aria-current="(\w+)">([^<]+)</a>', menu) == [(kind, current)]


@pytest.mark.django_db
def test_a_queue_is_marked_as_the_current_page_in_the_queue_menu(client, municipality, coordinator):
    client.force_login(coordinator)

    html = client.get("/klachten/?queue=overdue").content.decode()

    assert re.findall(r'aria-current="page">([^<]+)</a>', queue_menu(html)) == ["Termijn verstreken"]


@pytest.mark.django_db
def test_my_work_shows_the_queues_as_tiles_not_twice(client, municipality, coordinator):
    client.force_login(coordinator)

    html = client.get("/").content.decode()

    assert queue_menu(html) == ""
    assert 'data-queue="triage"' in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (
            Role.HANDLER,
            [
                "Mijn werk",
                "Alle klachten",
                "Klacht registreren",
                "Cijfers",
                "Leren in mijn afdeling",
                "Leren van klachten",
                "Samenwerkingspartners",
            ],
        ),
        (
            Role.MANAGER,
            [
                "Mijn werk",
                "Alle klachten",
                "Dashboard",
                "Cijfers",
                "Leren in mijn afdeling",
                "Leren van klachten",
                "Samenwerkingspartners",
            ],
        ),
        (Role.PARTNER, ["Mijn werk", "Alle klachten", "Klacht registreren", "Onze cijfers"]),
        (Role.BOARD, ["Dashboard", "Cijfers", "Leren van klachten"]),
        (Role.ADMINISTRATOR, ["Referentiegegevens en gebruikers"]),
    ],
)
def test_each_role_sees_only_what_it_may_use(client, municipality, department, role, expected):
    extra = {"partner": PartnerFactory()} if role == Role.PARTNER else {}
    if role in (Role.HANDLER, Role.MANAGER):
        extra["department"] = department
    user = UserFactory(role=role, **extra)
    user.is_staff = role == Role.ADMINISTRATOR
    user.save()
    client.force_login(user)

    html = client.get("/").content.decode()

    assert labels(main_menu(html)) == expected
    if role in (Role.BOARD, Role.ADMINISTRATOR):
        assert queue_menu(html) == ""


@pytest.mark.django_db
def test_the_menu_reads_no_data(municipality, handler, django_assert_num_queries):
    request = RequestFactory().get("/klachten/?queue=mine")
    request.user = handler

    with django_assert_num_queries(0):
        menu = build_menu(request)

    assert [item.label for item in menu.queues][:1] == ["Aan mij toegewezen"]


@pytest.mark.django_db
def test_nobody_logged_in_gets_no_menu(client, municipality):
    html = client.get("/klacht-indienen/").content.decode()

    assert "kw-nav" not in html and "kw-subnav" not in html


@pytest.mark.django_db
def test_the_menu_links_to_ones_notifications_with_the_number_unread(client, municipality, handler):
    from klachtwijzer.notifications.models import Notification

    Notification.objects.create(recipient=handler, kind="digest", event_key="w1", subject="s", body="b")
    client.force_login(handler)

    menu = main_menu(client.get("/").content.decode())

    assert re.search(r'href="/meldingen/">Meldingen <span class="kw-badge">1<span[^>]*> ongelezen', menu)
