"""The whole procedure in the browser, as the people involved do it (Awb 9:4-9:12).

A resident files a complaint with an attachment on the public form; the acknowledgement arrives by e-mail.
The coordinator triages it and assigns a handler. The handler records contact, sends the extension notice,
records the hearing, adds and judges the complaint elements, closes with a judgement and sends the outcome
letter; the letters arrive at a real SMTP server. The resident's status page then shows the judgement.
Every step goes through the real pages, by their Dutch labels, as a person would.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from klachtwijzer.complaints.models import Complaint, Nature
from klachtwijzer.letters.context import long_date

from .support import log_in, pdfs_of, run_tasks, screenshot, screenshot_of, text_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

RESIDENT_EMAIL = "m.jansen@example.nl"


def small_pdf(path) -> str:
    """A real one-page PDF, as a photographed letter saved as PDF would be."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    with open(path, "wb") as handle:
        writer.write(handle)
    return str(path)


def file_complaint(page, site: str, attachment: str) -> tuple[str, str]:
    """The resident fills in the public form; returns the reference and the private status link."""
    page.goto(f"{site}/klacht-indienen/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Klacht indienen")
    page.get_by_label("Uw naam").fill("Marloes Jansen")
    page.get_by_label("Straat en huisnummer").fill("Lindelaan 12")
    page.get_by_label("Postcode").fill("1234ab")
    page.get_by_label("Woonplaats").fill("Voorbeeld")
    page.get_by_label("E-mailadres").fill(RESIDENT_EMAIL)
    page.get_by_label("Wat is er gebeurd?").fill(
        "Ik kwam mijn paspoort ophalen. De medewerker aan de balie was onvriendelijk en zei dat ik "
        "maar terug moest komen. Ik had er een vrije ochtend voor genomen."
    )
    page.get_by_label("Afdeling of dienst").select_option(label="Burgerzaken")
    page.get_by_label("Wat wilt u dat wij doen?").fill("Excuses, en dat het de volgende keer beter gaat.")
    page.get_by_label("Bijlagen").set_input_files(attachment)
    screenshot(page, "public-form", full_page=True)
    page.get_by_role("button", name="Klacht versturen").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Uw klacht is ontvangen")
    reference = page.locator(".kw-reference").inner_text()
    status_link = page.get_by_role("link", name=re.compile(r"klacht.[0-9a-f]{8}-[0-9a-f]{4}-")).get_attribute(
        "href"
    )
    screenshot(page, "submitted")
    return reference, status_link


def test_a_complaint_from_the_web_form_to_the_outcome_letter(
    new_page, site, organisation, smtp_server, tmp_path
):
    assert Nature.objects.count() >= 22, "the natures of the data migration are missing"
    resident = new_page()
    reference, status_link = file_complaint(resident, site, small_pdf(tmp_path / "brief-van-de-balie.pdf"))
    complaint = Complaint.objects.get(reference=reference)

    run_tasks()
    [acknowledgement] = smtp_server.to(RESIDENT_EMAIL)
    assert reference in acknowledgement["Subject"]
    body = text_of(acknowledgement)
    assert reference in body
    assert long_date(complaint.term_ends_on) in body
    assert status_link in body

    coordinator = new_page()
    log_in(coordinator, site, "coordinator")
    triage_and_assign(coordinator, site, reference)

    handler = new_page()
    log_in(handler, site, "behandelaar")
    handler.get_by_role("link", name=reference).click()
    expect(handler.get_by_role("heading", level=1)).to_have_text(f"Klacht {reference}")
    record_contact_and_extend(handler, site, reference)
    run_tasks()
    [_ack, extension] = smtp_server.to(RESIDENT_EMAIL)
    complaint.refresh_from_db()
    assert extension["Subject"] == f"Wij hebben meer tijd nodig voor uw klacht {reference}"
    assert long_date(complaint.extended_term_ends_on) in text_of(extension)
    resident.goto(status_link)
    expect(resident.locator(".kw-summary")).to_contain_text("In behandeling")
    expect(resident.locator(".kw-summary")).to_contain_text(
        f"{long_date(complaint.extended_term_ends_on)} (de termijn is verdaagd)"
    )

    handler.goto(f"{site}{complaint.get_absolute_url()}")
    refused_before_the_hearing(handler, site, reference)
    record_copy(handler)
    invite_to_the_hearing(handler, site, reference)
    record_hearing(handler, site, reference)
    add_and_judge_elements(handler)
    screenshot(handler, "complaint", height=1400)
    screenshot(handler, "complaint-elements", height=1400, at="#onderdelen")
    close_with_judgement(handler)
    run_tasks()
    outcome = smtp_server.to(RESIDENT_EMAIL)[-1]
    assert outcome["Subject"] == f"Afhandeling van uw klacht {reference}"
    [(filename, pdf)] = pdfs_of(outcome).items()
    assert filename.endswith(".pdf")
    for expected in (FINDINGS, REASONS[0], REASONS[1], MEASURES, "deels gegrond", "Nationale ombudsman"):
        assert " ".join(expected.split()) in pdf, expected
    handler.goto(f"{site}{complaint.letters.get(kind='outcome').get_absolute_url()}")
    expect(handler.locator(".kw-summary")).to_contain_text("Verstuurd per e-mail op")

    resident.goto(status_link)
    expect(resident.get_by_role("heading", level=1)).to_have_text(f"Uw klacht {reference}")
    expect(resident.locator(".kw-summary")).to_contain_text("Afgehandeld")
    expect(resident.get_by_role("heading", name="Ons oordeel")).to_be_visible()
    expect(resident.locator(".kw-letter-paper")).to_contain_text(FINDINGS)
    expect(resident.locator(".kw-letter-paper")).to_contain_text("deels gegrond")
    letters = resident.get_by_role("link", name=re.compile("Downloaden"))
    expect(letters).to_have_count(4)  # the acknowledgement, the extension notice, the invitation, the outcome
    screenshot(resident, "status", full_page=True)
    with resident.expect_download() as download:
        letters.last.click()
    assert download.value.suggested_filename.endswith(".pdf")


def open_complaint(page, site: str, reference: str) -> None:
    """From 'Alle klachten', search the reference and open the complaint."""
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Alle klachten").click()
    page.get_by_label("Zoeken").fill(reference)
    page.get_by_role("button", name="Tonen").click()
    expect(page.get_by_role("status")).to_have_text("1 klacht")
    page.get_by_role("link", name=reference).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Klacht {reference}")


def step(page, title: str):
    """Open a step under 'Volgende stappen' on the complaint page; returns its form."""
    details = page.locator("details.kw-step").filter(has=page.locator("summary", has_text=title))
    details.locator("summary").click()
    return details.locator("form")


def triage_and_assign(page, site: str, reference: str) -> None:
    open_complaint(page, site, reference)
    with page.expect_download() as download:
        page.get_by_role("link", name="brief-van-de-balie.pdf").click()
    assert download.value.suggested_filename == "brief-van-de-balie.pdf"
    screenshot_of(page, f"{site}/klachten/{reference}/stap/triage/", "step-triage")
    form = step(page, "Triage")
    form.get_by_label("Klacht volgens de Awb", exact=True).check()
    form.get_by_label("Afdeling").select_option(label="Burgerzaken")
    form.get_by_label("Formeel", exact=True).check()
    form.get_by_role("button", name="Triage opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("Opgeslagen: Triage")

    screenshot_of(page, f"{site}/klachten/{reference}/stap/toewijzen/", "step-assign")
    form = step(page, "Klachtbehandelaar toewijzen")
    form.get_by_label("Klachtbehandelaar").select_option(label="Jeroen Bakker (Burgerzaken)")
    form.get_by_role("button", name="Toewijzen").click()
    expect(page.get_by_role("status")).to_contain_text("Opgeslagen")


def record_contact_and_extend(page, site: str, reference: str) -> None:
    form = step(page, "Contact met de klager vastleggen")
    form.get_by_label("Wat is besproken").fill("Mevrouw Jansen gebeld; zij wil excuses en een gesprek.")
    form.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("Opgeslagen")

    screenshot_of(page, f"{site}/klachten/{reference}/stap/verdagen/", "step-extend")
    form = step(page, "Verdagingsbrief")
    form.get_by_label("Reden van de verdaging").fill(
        "De medewerker is met verlof; wij willen haar eerst horen voordat wij oordelen."
    )
    take_with_letter(page, form)
    expect(page.get_by_role("status")).to_contain_text("Opgeslagen, met 1 brief of brieven.")


def take_with_letter(page, form) -> None:
    """A step that stands for a letter: its page shows the letter's preview; send it by e-mail."""
    form.get_by_role("button", name="Verder: de brief en het voorbeeld").click()
    expect(page.get_by_role("heading", name="Voorbeeld bekijken", level=2)).to_be_visible()
    expect(page.locator(".kw-letter-paper")).to_contain_text("Marloes Jansen")
    page.get_by_role("radio", name=re.compile("Per e-mail")).check()
    page.get_by_role("button", name="Stap opslaan en brief versturen").click()
    expect(page.get_by_role("status")).to_contain_text("De e-mail wordt verstuurd.")


FINDINGS = "Wij hebben met u en met de baliemedewerker gesproken en de afspraak in de agenda nagekeken."
REASONS = (
    "U bent aan de balie niet behandeld zoals u mag verwachten; u had meteen geholpen moeten worden.",
    "De wachttijd bleef binnen de termijn die wij noemen voor het ophalen van een paspoort.",
)
MEASURES = "De teamleider bespreekt de bejegening met het team. Wij bieden u onze excuses aan."


def refused_before_the_hearing(page, site: str, reference: str) -> None:
    """Closing without a hearing is refused with the reason above the form; nothing is stored."""
    form = step(page, "Afhandelen met een oordeel")
    form.get_by_label("Bevindingen").fill(FINDINGS)
    form.get_by_role("button", name="Verder: de brief en het voorbeeld").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Hoor eerst de klager of leg vast waarom dat niet nodig is")
    screenshot(page, "step-close")
    page.get_by_role("link", name=f"Terug naar klacht {reference}").click()
    expect(page.locator("[data-status]")).to_have_text("In behandeling")


def record_copy(page) -> None:
    """Awb 9:9: nobody identifiable is complained about here, so no copy goes out; the reason is recorded."""
    form = step(page, "Geen afschrift aan de persoon over wie geklaagd wordt")
    form.get_by_label("Waarom er geen afschrift wordt gestuurd").select_option(
        label="Er wordt niet over een aan te wijzen persoon geklaagd"
    )
    form.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("Opgeslagen")


def invite_to_the_hearing(page, site: str, reference: str) -> None:
    """Awb 9:10: the invitation is taken with its letter and states date, time, place and reply date."""
    today = timezone.localdate()
    form = step(page, "Uitnodigen voor een hoorgesprek")
    form.get_by_label("De klager en de persoon over wie geklaagd wordt, samen").check()
    form.get_by_label("Datum van het hoorgesprek").fill((today + dt.timedelta(days=7)).isoformat())
    form.get_by_label("Tijd", exact=True).fill("14:30")
    form.get_by_label(re.compile("^Plaats")).fill("Stadhuis, Stadhuisplein 1, kamer 2.14")
    form.get_by_label("Reageren vóór of op").fill((today + dt.timedelta(days=3)).isoformat())
    form.get_by_role("button", name="Verder: de brief en het voorbeeld").click()
    expect(page.locator(".kw-letter-paper").first).to_contain_text("om 14:30 uur")
    screenshot(page, "step-invite-with-letter", full_page=True)
    page.get_by_role("radio", name=re.compile("Per e-mail")).check()
    page.get_by_role("button", name="Stap opslaan en brief versturen").click()
    expect(page.get_by_role("status")).to_contain_text("De e-mail wordt verstuurd.")


def record_hearing(page, site: str, reference: str) -> None:
    screenshot_of(page, f"{site}/klachten/{reference}/stap/hoorzitting-verslag/", "step-hearing")
    form = step(page, "Hoorgesprek vastleggen")
    form.get_by_label("Verslag van het hoorgesprek").fill(
        "Mevrouw Jansen en de baliemedewerker gehoord. De medewerker erkent dat zij kortaf was."
    )
    form.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("Opgeslagen: Hoorgesprek vastleggen")


def add_and_judge_elements(page) -> None:
    for summary, nature in (
        ("Bejegening aan de balie", "Fatsoenlijke bejegening"),
        ("Wachttijd bij het ophalen van het paspoort", "Voortvarendheid"),
    ):
        form = step(page, "Klachtonderdeel toevoegen")
        form.get_by_label("Samenvatting").fill(summary)
        form.get_by_label("Aard").select_option(label=nature)
        form.get_by_role("button", name="Opslaan").click()
        expect(page.get_by_role("status")).to_contain_text("Opgeslagen")
    for number, judgement, reasoning in ((1, "Gegrond", REASONS[0]), (2, "Ongegrond", REASONS[1])):
        page.get_by_role("link", name=f"Onderdeel {number} beoordelen").click()
        page.get_by_label(judgement, exact=True).check()
        page.get_by_label("Motivering").fill(reasoning)
        if number == 1:
            screenshot(page, "judge-element")
        page.get_by_role("button", name="Oordeel opslaan").click()
        expect(page.get_by_role("status")).to_contain_text(f"Opgeslagen: het oordeel over onderdeel {number}")
    table = page.locator("#onderdelen + .utrecht-table-container table")
    expect(table).to_contain_text("Gegrond")
    expect(table).to_contain_text("Ongegrond")


def close_with_judgement(page) -> None:
    form = step(page, "Afhandelen met een oordeel")
    form.get_by_label("Bevindingen").fill(FINDINGS)
    form.get_by_label("Maatregelen, excuses of vergoeding").fill(MEASURES)
    take_with_letter(page, form)
    expect(page.locator("[data-status]")).to_have_text("Afgehandeld")
