"""Each role in the browser, on the demo municipality: where they land, what they see, what they may do.

The demo (``klachtwijzer demo``, made through the real use cases) gives every role open complaints before,
near and past their term, and closed ones. The coordinator filters the list, is refused an extension after
the term and reopens a closed complaint; the handler and the manager see their queues; the manager assigns
within the department only and cannot open another department's complaint; the partner user registers a
complaint about the partner's own service. With KLACHTWIJZER_SCREENSHOTS=1 the walk also takes the
screenshots of the role guides (docs/guide-*.md).
"""

from __future__ import annotations

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from klachtwijzer.complaints.constants import Outcome, Status
from klachtwijzer.complaints.demo import DEMO_PASSWORD, load_demo
from klachtwijzer.complaints.models import Complaint

from .support import assert_accessible, log_in, screenshot, screenshot_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def demo(site):
    result = load_demo(per_year=6, seed=10)
    assert result.created, result.reason
    return result


def queues(page) -> dict[str, int]:
    """The queues on 'Mijn werk' with their counts."""
    counts = {}
    for item in page.locator("#queues li").all():
        count = item.locator(".kw-count").inner_text()
        counts[item.inner_text().removeprefix(count).strip()] = int(count)
    return counts


def test_the_coordinator_filters_is_refused_a_late_extension_and_reopens(page, site, demo):
    log_in(page, site, "coordinator", DEMO_PASSWORD)
    assert list(queues(page)) == [
        "Te beoordelen (triage)",
        "Aan mij toegewezen",
        "Termijn verloopt binnen 7 dagen",
        "Termijn verstreken",
        "Uiterste datum mededeling niet-behandelen (Awb 9:8 lid 3)",
        "Ontvangstbevestiging nog versturen (Awb 9:6)",
        "Aanvulling gevraagd (Awb 9:4)",
    ]
    screenshot(page, "home-coordinator")
    assert_accessible(page, "My work of the coordinator")

    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Alle klachten").click()
    page.get_by_text("Meer filters").click()
    page.get_by_label("Status").select_option(value="open")
    page.get_by_label("Sorteren").select_option(value="term")
    page.get_by_role("button", name="Tonen").click()
    expect(page).to_have_url(re.compile(r"status=open.*sort=term|sort=term.*status=open"))
    open_count = Complaint.objects.open().count()
    expect(page.get_by_role("status")).to_contain_text(f"{open_count} klachten")
    screenshot(page, "list", height=1800)

    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Klacht registreren").click()
    expect(page.get_by_label("Samenwerkingspartner")).to_be_visible()
    screenshot(page, "register")
    page.get_by_role("button", name="Klacht registreren").click()
    expect(page.get_by_role("alert")).to_be_visible()
    assert_accessible(page, "registering a complaint, sent empty")

    overdue = (
        Complaint.objects.overdue(on=timezone.localdate())
        .filter(extension_notice_on=None)
        .order_by("reference")
        .first()
    )
    page.goto(f"{site}{overdue.get_absolute_url()}")
    form = step(page, "Verdagingsbrief")
    form.get_by_label("Reden van de verdaging").fill("Het dossier is nog niet compleet.")
    form.get_by_role("button", name="Verder: de brief en het voorbeeld").click()
    expect(page.get_by_role("alert")).to_contain_text("De verdagingsbrief moet worden verstuurd voordat")
    screenshot(page, "step-error")
    assert_accessible(page, "a refused extension")
    overdue.refresh_from_db()
    assert overdue.extension_notice_on is None

    closed = (
        Complaint.objects.filter(status=Status.CLOSED, outcome=Outcome.JUDGED).order_by("-closed_on").first()
    )
    screenshot_of(page, f"{site}{closed.get_absolute_url()}stap/heropenen/", "step-reopen")
    page.goto(f"{site}{closed.get_absolute_url()}")
    form = step(page, "De klacht heropenen")
    form.get_by_label("Reden").fill("De klager belde: een onderdeel van de klacht is niet beoordeeld.")
    form.get_by_role("button", name="Heropenen").click()
    expect(page.locator("[data-status]")).to_have_text("In behandeling")


def test_the_handler_sees_their_queues(page, site, demo):
    log_in(page, site, "behandelaar", DEMO_PASSWORD)
    assert list(queues(page)) == [
        "Aan mij toegewezen",
        "Mijn afdeling",
        "Termijn verloopt binnen 7 dagen",
        "Termijn verstreken",
        "Ontvangstbevestiging nog versturen (Awb 9:6)",
        "Aanvulling gevraagd (Awb 9:4)",
    ]
    expect(page.get_by_role("heading", name="Open klachten die aan mij zijn toegewezen")).to_be_visible()
    screenshot(page, "home-handler")
    assert_accessible(page, "My work of a handler")


def test_the_manager_assigns_within_the_department_and_sees_no_other(page, site, demo):
    log_in(page, site, "manager", DEMO_PASSWORD)
    expect(page.get_by_role("heading", name="Open klachten van mijn afdeling")).to_be_visible()
    screenshot(page, "home-manager")
    assert_accessible(page, "My work of a manager")

    own = Complaint.objects.open().filter(department__name="Openbare Ruimte").exclude(status=Status.RECEIVED)
    complaint = own.order_by("reference").first()
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Alle klachten").click()
    page.get_by_role("link", name=complaint.reference).click()
    form = step(page, "Klachtbehandelaar toewijzen")
    options = form.get_by_label("Klachtbehandelaar").locator("option").all_inner_texts()
    assert [option for option in options if "(" in option] == ["Peter de Groot (Openbare Ruimte)"]
    screenshot_of(page, f"{site}{complaint.get_absolute_url()}stap/toewijzen/", "step-assign-manager")

    other = Complaint.objects.filter(department__name="Burgerzaken").first()
    page.goto(f"{site}{other.get_absolute_url()}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Pagina niet gevonden")
    assert_accessible(page, "the page-not-found page")


def test_the_partner_registers_a_complaint_about_its_own_service(page, site, demo):
    log_in(page, site, "partner", DEMO_PASSWORD)
    screenshot(page, "home-partner")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Klacht registreren").click()
    expect(page.get_by_text("De klacht wordt geregistreerd als klacht over")).to_contain_text(
        "Afvalbedrijf Regio Voorbeeld"
    )
    expect(page.get_by_label("Samenwerkingspartner")).to_have_count(0)
    screenshot(page, "register-partner")
    assert_accessible(page, "registering as a partner user")

    page.get_by_label("Ontvangen via").select_option(label="Telefoon")
    page.get_by_label(re.compile(r"^Naam\b")).fill("Henk de Boer")
    page.get_by_label(re.compile(r"^Telefoonnummer")).fill("06 98765432")
    page.get_by_label("Wat er is gebeurd").fill(
        "De container is drie keer niet geleegd; de chauffeur reed door."
    )
    page.get_by_role("button", name="Klacht registreren").click()
    expect(page.get_by_role("status")).to_contain_text("is geregistreerd")
    expect(page.locator("#gegevens + dl")).to_contain_text("Afvalbedrijf Regio Voorbeeld")


def step(page, title: str):
    """Open a step under 'Volgende stappen' on the complaint page; returns its form."""
    details = page.locator("details.kw-step").filter(has=page.locator("summary", has_text=title))
    details.locator("summary").click()
    return details.locator("form")


def test_the_accounthouder_follows_the_partners_reports(page, site, demo):
    log_in(page, site, "coordinator", DEMO_PASSWORD)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Samenwerkingspartners").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Samenwerkingspartners")
    table = page.locator('[data-table="partners"]')
    expect(table).to_contain_text("te laat")
    screenshot(page, "partners-overview")
    assert_accessible(page, "the partners overview")

    table.get_by_role("link", name="Sociaal Wijkteam Voorbeeld").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sociaal Wijkteam Voorbeeld")
    screenshot(page, "partner-page", height=1400)
    assert_accessible(page, "a partner's page")
