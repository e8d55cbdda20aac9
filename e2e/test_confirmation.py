"""After a step the confirmation is where the user looks: in view, with the focus, and for 'not a
complaint' the coordinator lands on the explanation letter with the confirmation above it."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from klachtwijzer.complaints import handling
from klachtwijzer.complaints.tests.factories import complaint_in_handling, received_complaint

from .support import assert_accessible, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def in_viewport(page, selector: str) -> bool:
    """Whether the element's top lies inside the visible part of the window."""
    return page.locator(selector).evaluate(
        "element => { const box = element.getBoundingClientRect();"
        " return box.top >= 0 && box.top < window.innerHeight && box.height > 0; }"
    )


def step(page, title: str):
    details = page.locator("details.kw-step").filter(has=page.locator("summary", has_text=title))
    details.locator("summary").click()
    return details.locator("form")


def test_the_confirmation_of_a_step_is_in_view_and_has_the_focus(page, site, organisation):
    from klachtwijzer.accounts.models import Department

    handler = organisation["handler"]
    complaint = complaint_in_handling(
        coordinator=organisation["coordinator"],
        handler=handler,
        department=Department.objects.get(name="Burgerzaken"),
    )
    for n in range(12):  # a long history, far below the top of the page
        handling.record_contact(
            complaint, contacted_on=complaint.received_on, note=f"Gesprek {n}", acting_user=handler
        )
    log_in(page, site, "behandelaar")
    page.goto(f"{site}{complaint.get_absolute_url()}")

    form = step(page, "Contact met de klager vastleggen")
    form.get_by_label("Wat is besproken").fill("Mevrouw Jansen gebeld over haar klacht.")
    form.get_by_role("button", name="Opslaan").click()

    message = page.get_by_role("status")
    expect(message).to_contain_text("Opgeslagen: Contact met de klager vastleggen.")
    assert page.url.endswith("#melding")
    assert in_viewport(page, "#melding"), "the confirmation is off-screen"
    expect(page.locator("#melding")).to_be_focused()
    assert_accessible(page, "the complaint page after a step")


def test_not_a_complaint_goes_on_to_the_explanation_letter(page, site, organisation):
    complaint = received_complaint(
        personal={"name": "M. Jansen", "email": "m.jansen@example.nl", "description": "Lamp kapot."}
    )
    log_in(page, site, "coordinator")
    page.goto(f"{site}{complaint.get_absolute_url()}")

    form = step(page, "Triage")
    form.get_by_label("Geen klacht (melding, vraag of bezwaar)", exact=True).check()
    form.get_by_label("Geen klacht, maar een melding", exact=True).check()
    form.get_by_role("button", name="Triage opslaan").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Uitleg: geen klacht")
    expect(page.get_by_role("status")).to_contain_text("Stuur de klager nu de brief die dit uitlegt.")
    assert in_viewport(page, "#melding")
    page.get_by_role("button", name="Voorbeeld bekijken").click()
    expect(page.locator(".kw-letter-paper")).to_contain_text("Uw bericht is een melding")
    expect(page.locator(".kw-letter-paper")).to_contain_text("https://www.voorbeeld.example")
