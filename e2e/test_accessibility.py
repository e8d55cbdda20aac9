"""Accessibility: axe-core finds no serious or critical violation on the pages residents and staff use.

axe-core runs inside Chromium on the page as it is (bundled with ``axe-playwright-python``, no network):
the public form empty and with errors, the status page while open and after the judgement, the login page,
the back office's My work, the list with its filters, the complaint page with every step opened, a step
refused, the letters pages and the letter templates. ``test_roles.py`` checks each role's My work and the
registration form the same way. A failure lists every violation with the elements concerned.
"""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from playwright.sync_api import expect

from klachtwijzer.complaints import attachments, handling
from klachtwijzer.complaints.models import Complaint, Nature
from klachtwijzer.complaints.tests.factories import complaint_in_handling
from klachtwijzer.letters import composing
from klachtwijzer.letters.models import LetterChannel, LetterKind
from klachtwijzer.letters.tests.builders import judged_complaint

from .support import assert_accessible, log_in, screenshot, serious_violations

pytestmark = pytest.mark.browser
live_database = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PERSONAL = {
    "name": "Marloes Jansen",
    "address": "Lindelaan 12",
    "postcode": "1234 AB",
    "city": "Voorbeeld",
    "email": "m.jansen@example.nl",
    "phone": "06 12345678",
    "description": "De medewerker aan de balie was onvriendelijk en stuurde mij weg.",
    "desired_outcome": "Excuses.",
}


def pdf_upload(name: str = "foto-van-de-brief.pdf") -> SimpleUploadedFile:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/pdf")


def complaint_being_handled(organisation) -> Complaint:
    """In handling, with information from the complainant, an attachment, a judged element and a history."""
    coordinator, handler = organisation["coordinator"], organisation["handler"]
    complaint = complaint_in_handling(
        coordinator=coordinator,
        handler=handler,
        department=handler.department,
        received_on=timezone.localdate() - dt.timedelta(days=10),
        personal=PERSONAL,
    )
    attachments.add_attachments(
        complaint, uploads=[pdf_upload()], from_complainant=True, acting_user=None, actor_label="klager"
    )
    handling.record_contact(
        complaint, contacted_on=timezone.localdate(), note="Gebeld over de klacht.", acting_user=handler
    )
    handling.add_information(complaint, text="Ik was er om 9 uur.", acting_user=None, actor_label="klager")
    element = handling.add_element(
        complaint,
        summary="Bejegening aan de balie",
        nature=Nature.objects.get(name="Fatsoenlijke bejegening"),
        acting_user=handler,
    )
    handling.judge_element(element, judgement="gegrond", reasoning="Niet vriendelijk.", acting_user=handler)
    complaint.refresh_from_db()
    return complaint


def closed_with_outcome_letter(organisation) -> Complaint:
    """Closed with a judgement; the outcome letter was posted, so the status page shows it."""
    handler = organisation["handler"]
    complaint = judged_complaint(
        coordinator=organisation["coordinator"], handler=handler, department=handler.department
    )
    [recipient] = composing.recipients_for(complaint, LetterKind.OUTCOME)
    letter = composing.compose_letter(
        complaint,
        kind=LetterKind.OUTCOME,
        recipient=recipient,
        channel=LetterChannel.POST,
        acting_user=handler,
    )
    composing.mark_posted(letter, acting_user=handler)
    return complaint


def test_the_check_itself_finds_what_a_screen_reader_user_would_miss(page):
    """axe-core runs offline in this browser and reports an unlabelled field and an image without text."""
    page.set_content(
        "<html><head><title>t</title></head><body><main><h1>Formulier</h1>"
        "<img src='kaart.png'><input type='text' name='naam'></main></body></html>"
    )
    found = {violation["id"] for violation in serious_violations(page)}
    assert {"image-alt", "label"} <= found
    with pytest.raises(AssertionError, match="image-alt"):
        assert_accessible(page, "a page made to fail")


@live_database
def test_the_public_form_empty_and_with_errors(page, site, organisation):
    page.goto(f"{site}/klacht-indienen/")
    assert_accessible(page, "the public form, empty")

    page.get_by_label("E-mailadres").fill("geen-e-mailadres")
    page.get_by_label("Wanneer gebeurde het?").fill("31-02-2024")
    page.get_by_role("button", name="Klacht versturen").click()
    expect(page.get_by_role("alert")).to_contain_text("Er is iets niet goed ingevuld")
    assert_accessible(page, "the public form with errors")
    screenshot(page, "public-form-errors")

    page.goto(f"{site}/inloggen/")
    assert_accessible(page, "the login page")


@live_database
def test_the_status_page_while_open_and_after_the_judgement(page, site, organisation, settings):
    # The judged complaint was closed on 10 April 2024; keep its status link working on any test day.
    settings.STATUS_LINK_DAYS_AFTER_CLOSING = 36500
    open_complaint = complaint_being_handled(organisation)
    page.goto(f"{site}/klacht/{open_complaint.public_token}/")
    expect(page.get_by_role("heading", name="Informatie toevoegen")).to_be_visible()
    assert_accessible(page, "the status page of an open complaint")

    page.get_by_role("button", name="Toevoegen aan mijn klacht").click()  # nothing filled in: an error
    expect(page.get_by_role("alert")).to_be_visible()
    assert_accessible(page, "the status page with an error in the form")

    closed = closed_with_outcome_letter(organisation)
    page.goto(f"{site}/klacht/{closed.public_token}/")
    expect(page.get_by_role("heading", name="Ons oordeel")).to_be_visible()
    assert_accessible(page, "the status page after the judgement")


@live_database
def test_the_satisfaction_survey_empty_with_errors_and_answered(page, site, organisation, settings):
    settings.STATUS_LINK_DAYS_AFTER_CLOSING = 36500
    settings.SATISFACTION_SURVEY_DAYS = 36500
    closed = closed_with_outcome_letter(organisation)
    page.goto(f"{site}/klacht/{closed.public_token}/")
    page.get_by_role("link", name="Beantwoord de vragen").click()
    expect(page.get_by_role("heading", name="Wat vond u van de behandeling van uw klacht?")).to_be_visible()
    assert_accessible(page, "the satisfaction survey, empty")

    page.get_by_role("button", name="Verstuur mijn antwoorden").click()  # nothing chosen: errors
    expect(page.get_by_role("alert")).to_be_visible()
    assert_accessible(page, "the satisfaction survey with errors")

    page.get_by_role("group", name="Welk cijfer").get_by_label("8", exact=True).check()
    page.get_by_role("group", name="Is uw klacht opgelost?").get_by_label("Deels").check()
    page.get_by_role("group", name="Voelde u zich gehoord?").get_by_label("Ja").check()
    page.get_by_role("button", name="Verstuur mijn antwoorden").click()
    expect(page.get_by_role("heading", name="Bedankt voor uw antwoorden")).to_be_visible()
    assert_accessible(page, "the satisfaction survey, answered")


@live_database
def test_the_back_office_pages(page, site, organisation):
    complaint = complaint_being_handled(organisation)
    closed_with_outcome_letter(organisation)
    log_in(page, site, "coordinator")
    assert_accessible(page, "My work")

    page.goto(f"{site}/klachten/?status=open&sort=term")
    page.get_by_text("Meer filters").click()
    assert_accessible(page, "the list with more filters open")
    page.goto(f"{site}/klachten/?received_from=31-02-2024")
    expect(page.get_by_role("alert")).to_be_visible()
    assert_accessible(page, "the list with a filter that makes no sense")

    page.goto(f"{site}/klachten/{complaint.reference}/")
    assert_accessible(page, "the complaint page")
    for summary in page.locator("details.kw-step > summary").all():
        summary.click()
    assert_accessible(page, "the complaint page with every step open")

    page.goto(f"{site}/klachten/{complaint.reference}/stap/verdagen/")
    page.get_by_role("button", name="Voorbeeld van de brief bekijken").click()
    expect(page.get_by_role("alert")).to_be_visible()
    assert_accessible(page, "a step refused")
    page.get_by_label("Reden van de verdaging").fill("Het dossier is nog niet compleet.")
    page.get_by_role("button", name="Voorbeeld van de brief bekijken").click()
    expect(page.get_by_role("heading", name="Voorbeeld bekijken", level=2)).to_be_visible()
    assert_accessible(page, "a step with the preview of its letter")

    page.goto(f"{site}/klachten/{complaint.reference}/brieven/")
    assert_accessible(page, "the letters of a complaint")
    page.get_by_label("Soort brief").select_option(label="Ontvangstbevestiging (Awb 9:6)")
    page.get_by_role("button", name="Volgende").click()
    assert_accessible(page, "composing a letter")
    page.get_by_role("button", name="Voorbeeld bekijken").click()
    expect(page.get_by_role("heading", name="Voorbeeld bekijken", level=2)).to_be_visible()
    assert_accessible(page, "the preview of a letter")

    page.goto(f"{site}/brieven/sjablonen/")
    assert_accessible(page, "the letter templates")
    page.goto(f"{site}/brieven/sjablonen/outcome/")
    assert_accessible(page, "editing the outcome letter's template")


def tab_to(page, target, *, limit: int = 60) -> None:
    """Press Tab until ``target`` (a locator) has the keyboard focus, as a keyboard user does."""
    for _ in range(limit):
        if target.evaluate("element => element === document.activeElement"):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {target}")


@live_database
def test_the_public_form_works_with_the_keyboard_alone(page, site, organisation):
    page.goto(f"{site}/klacht-indienen/")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Naar de inhoud")).to_be_focused()

    submit = page.get_by_role("button", name="Klacht versturen")
    tab_to(page, submit)
    page.keyboard.press("Enter")
    summary = page.get_by_role("alert")
    expect(summary).to_be_focused()
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.keyboard.type("Marloes Jansen")
    expect(page.get_by_label("Uw naam")).to_have_value("Marloes Jansen")

    for label, text in (
        ("Straat en huisnummer", "Lindelaan 12"),
        ("Woonplaats", "Voorbeeld"),
        ("E-mailadres", "m.jansen@example.nl"),
        ("Wat is er gebeurd?", "De medewerker aan de balie was onvriendelijk."),
    ):
        tab_to(page, page.get_by_label(label))
        page.keyboard.type(text)
    tab_to(page, submit)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Uw klacht is ontvangen")
