"""The back office through the browser-less client: a person can do the whole procedure without the
Django admin, refusals show in Dutch next to the field, and no input makes a page answer 500."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from klachtwijzer.complaints.constants import Judgement, Outcome, Status
from klachtwijzer.complaints.models import Complaint, HistoryEvent, Nature, PersonalDataAccess
from klachtwijzer.complaints.tests.backoffice import (
    FAST_HASHERS,
    TODAY,
    Organisation,
    pdf,
    post_step,
    post_step_with_letter,
    step_url,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def org(municipality, settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS
    return Organisation()


def _register(client, org, **extra):
    data = {
        "channel": "telefoon",
        "form": "written",
        "received_on": "2024-05-06",
        "name": "Anna Jansen",
        "address": "Dorpsstraat 1",
        "postcode": "1234 AB",
        "city": "Teststad",
        "description": "De ambtenaar aan de balie was onbeleefd.",
        **extra,
    }
    return client.post(reverse("complaints:register"), data)


def _ok(response):
    assert response.status_code == 302, response.content.decode()[:3000]
    return response


def test_a_person_does_the_whole_formal_procedure(client, org):
    nature = Nature.objects.get(name="Fatsoenlijke bejegening")
    client.force_login(org.coordinator)
    response = _ok(_register(client, org, attachments=[pdf()], person_complained_about="Medewerker balie"))
    complaint = Complaint.objects.get()
    assert response.url == complaint.get_absolute_url()
    assert complaint.attachments.count() == 1

    _ok(
        post_step(
            client,
            complaint,
            "triage",
            decision="awb",
            department=org.department.pk,
            route="formeel",
            decided_on="2024-05-07",
        )
    )
    _ok(post_step(client, complaint, "toewijzen", handler=org.handler.pk))
    client.force_login(org.handler)
    _ok(post_step_with_letter(client, complaint, "ontvangstbevestiging"))
    _ok(post_step(client, complaint, "contact", contacted_on="2024-05-09", note="Gebeld over de klacht"))
    _ok(post_step_with_letter(client, complaint, "afschrift"))
    _ok(post_step_with_letter(client, complaint, "verdagen", reason="Hoorzitting nodig"))
    # The copy's date is the day its letter was posted; the extension's is the day its letters were made.
    for letter in complaint.letters.filter(kind="copy"):
        _ok(client.post(reverse("letters:mark_posted", args=[complaint.reference, letter.pk])))
    _ok(
        post_step_with_letter(
            client,
            complaint,
            "hoorzitting-plannen",
            party="both",
            planned_on="2024-06-05",
            starts_at="10:00",
            place="Stadhuis, kamer 2.14",
            reply_by="2024-06-04",
        )
    )
    _ok(post_step(client, complaint, "hoorzitting-verslag", held_on="2024-06-03", report="Beide gehoord"))
    _ok(post_step(client, complaint, "onderdeel", summary="Toon van het gesprek", nature=nature.pk))
    _ok(post_step(client, complaint, "onderdeel", summary="Niet teruggebeld"))
    first, second = complaint.elements.order_by("position")
    for element, judgement in ((first, Judgement.FOUNDED), (second, Judgement.UNFOUNDED)):
        url = reverse("complaints:judge_element", args=[complaint.reference, element.pk])
        prefix = f"beoordelen-{element.pk}"
        _ok(client.post(url, {f"{prefix}-judgement": judgement, f"{prefix}-reasoning": "Gebleken"}))
    _ok(post_step_with_letter(client, complaint, "afsluiten", findings="Bevindingen", measures="Excuses"))

    complaint.refresh_from_db()
    assert complaint.status == Status.CLOSED
    assert complaint.closed_on == TODAY.date()
    outcome = complaint.letters.get(kind="outcome")
    assert outcome.date == complaint.closed_on and outcome.pdf and outcome.channel == "post"
    assert complaint.extension_notice_on == TODAY.date()
    assert complaint.copy_sent_on == TODAY.date()
    assert sorted(complaint.letters.filter(kind="extension").values_list("recipient_role", flat=True)) == [
        "complainant",
        "person_complained_about",
    ]
    assert complaint.judgement == Judgement.PARTLY_FOUNDED
    assert complaint.extended_term_ends_on == dt.date(2024, 7, 15)

    client.force_login(org.coordinator)
    _ok(post_step(client, complaint, "heropenen", reason="Nieuwe feiten"))
    complaint.refresh_from_db()
    assert complaint.status == Status.IN_HANDLING

    page = client.get(complaint.get_absolute_url()).content.decode()
    for event in (
        HistoryEvent.Type.RECEIVED,
        HistoryEvent.Type.TRIAGED,
        HistoryEvent.Type.ASSIGNED,
        HistoryEvent.Type.EXTENDED,
        HistoryEvent.Type.HEARING_HELD,
        HistoryEvent.Type.CLOSED,
        HistoryEvent.Type.REOPENED,
    ):
        assert f'data-event="{event}"' in page
    assert "Afgehandeld → In behandeling" in page  # the reopening's old → new


def test_informal_resolution_and_the_other_exits(client, org):
    client.force_login(org.coordinator)
    complaints = []
    for _n in range(4):
        _ok(_register(client, org))
    complaints = list(Complaint.objects.order_by("reference"))
    informal, declined, forwarded, withdrawn = complaints

    _ok(
        post_step(
            client,
            informal,
            "triage",
            decision="awb",
            department=org.department.pk,
            route="informeel",
            decided_on="2024-05-07",
        )
    )
    _ok(
        post_step_with_letter(
            client,
            informal,
            "informeel",
            how="Telefonisch excuses",
            resolved_by="A. Behandelaar",
            agreement="U krijgt binnen een week een nieuwe afspraak.",
        )
    )
    _ok(post_step_with_letter(client, declined, "niet-behandelen", ground="1b"))
    _ok(
        post_step(
            client, forwarded, "triage", decision="forward", forwarded_to="Provincie", decided_on="2024-05-07"
        )
    )
    _ok(post_step(client, withdrawn, "intrekken", withdrawn_on="2024-05-21", note="Klager trok in"))

    outcomes = dict(Complaint.objects.values_list("reference", "outcome"))
    assert outcomes == {
        informal.reference: Outcome.INFORMAL,
        declined.reference: Outcome.NOT_HANDLED,
        forwarded.reference: Outcome.FORWARDED,
        withdrawn.reference: Outcome.WITHDRAWN,
    }


def test_waiting_waiving_the_hearing_and_further_delay(client, org):
    complaint = org.own_complaint()
    client.force_login(org.handler)
    _ok(post_step(client, complaint, "wachten", note="Wacht op stukken"))
    complaint.refresh_from_db()
    assert complaint.status == Status.WAITING
    _ok(post_step(client, complaint, "hervatten"))
    _ok(post_step(client, complaint, "niet-horen", reason="waived"))
    _ok(post_step_with_letter(client, complaint, "verdagen", reason="Drukte"))
    refused = post_step(client, complaint, "uitstel", consent_on="2024-06-03", until="2024-08-01")
    assert "Upload de schriftelijke toestemming van de klager." in refused.content.decode()
    _ok(
        post_step(
            client, complaint, "uitstel", consent_on="2024-06-03", until="2024-08-01", document=pdf("ja.pdf")
        )
    )
    complaint.refresh_from_db()
    assert complaint.status == Status.IN_HANDLING
    assert complaint.hearing_waiver == "waived"
    assert complaint.applicable_term_ends_on == dt.date(2024, 8, 1)
    assert complaint.further_delay_consent_document.filename == "ja.pdf"


def test_editing_facts_and_personal_data_and_adding_information(client, org):
    complaint = org.own_complaint()
    nature = Nature.objects.get(name="Voortvarendheid")
    client.force_login(org.handler)
    _ok(
        post_step(
            client,
            complaint,
            "gegevens",
            channel="brief",
            form="written",
            department=org.department.pk,
            partner="",
            natures=[nature.pk],
            staff_complained_about=[org.other_handler.pk],
        )
    )
    _ok(post_step(client, complaint, "persoonsgegevens", name="Anna de Vries", description="Nieuwe tekst"))
    response = client.post(
        step_url(complaint, "informatie"),
        {"informatie-text": "Nog een brief", "informatie-uploads": [pdf("2.pdf")]},
    )
    _ok(response)

    complaint.refresh_from_db()
    assert complaint.channel == "brief"
    assert list(complaint.natures.all()) == [nature]
    assert list(complaint.staff_complained_about.all()) == [org.other_handler]
    assert complaint.personal_data.name == "Anna de Vries"
    assert complaint.attachments.count() == 2
    assert complaint.messages.get().text == "Nog een brief"
    assert PersonalDataAccess.objects.filter(complaint=complaint, action="edit").exists()
    rectified = PersonalDataAccess.objects.get(
        complaint=complaint, action="edit", detail__startswith="persoonsgegevens"
    )
    assert "name" in rectified.detail and "description" in rectified.detail
    assert "Anna de Vries" not in rectified.detail and "Nieuwe tekst" not in rectified.detail


def test_the_complaint_page_shows_everything_and_logs_the_view(client, org):
    complaint = org.own_complaint(email="anna@example.nl")
    client.force_login(org.handler)

    page = client.get(complaint.get_absolute_url()).content.decode()

    assert "Anna Eigenaar" in page and "Eigen tekst" in page and "anna@example.nl" in page
    assert "brief.pdf" in page
    assert complaint.term_ends_on.strftime("%Y") in page
    assert 'id="geschiedenis"' in page
    assert 'id="stap-contact"' in page  # a step this handler may take
    assert 'id="stap-triage"' not in page  # triage is done, and only the coordinator's
    assert (
        PersonalDataAccess.objects.filter(user=org.handler, complaint=complaint, action="view").count() == 1
    )


def test_attachment_download_is_served_as_attachment_and_logged(client, org):
    complaint = org.own_complaint()
    attachment = complaint.attachments.get()
    client.force_login(org.handler)

    response = client.get(reverse("complaints:attachment", args=[complaint.reference, attachment.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert PersonalDataAccess.objects.filter(complaint=complaint, action="download").count() == 1


def test_partner_registers_for_its_own_services_only(client, org):
    client.force_login(org.partner_user)
    _ok(_register(client, org, partner=org.other_partner.pk))
    complaint = Complaint.objects.get()
    assert complaint.partner == org.partner


def test_handler_registering_without_department_lands_on_my_work(client, org):
    handler_without = org.handler
    handler_without.department = None
    handler_without.save()
    client.force_login(handler_without)
    response = _ok(_register(client, org))
    assert response.url == reverse("complaints:home")


# Refusals in Dutch, next to the field


def _field_error(page: str, field_id: str) -> str:
    start = page.index(f'id="{field_id}_error"')
    return page[start : page.index("</div>", start)]


def test_a_missing_field_is_named_in_dutch_next_to_it(client, org):
    complaint = org.own_complaint()
    client.force_login(org.handler)
    response = post_step(client, complaint, "contact", contacted_on="2024-06-03", note="")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Dit veld is verplicht." in _field_error(page, "id_contact-note")
    assert 'href="#id_contact-note"' in page  # the error summary links to the field
    assert 'aria-invalid="true"' in page


def test_extension_after_the_term_is_refused_next_to_the_date(client, org):
    complaint = org.own_complaint()
    with time_machine.travel(dt.datetime(2024, 6, 20, 12, tzinfo=dt.UTC), tick=False):
        client.force_login(org.handler)
        response = post_step_with_letter(client, complaint, "verdagen", reason="Drukte")
    assert "voordat de termijn afloopt" in response.content.decode()
    assert "error-summary" in response.content.decode()
    complaint.refresh_from_db()
    assert complaint.extension_notice_on is None


def test_assigning_the_person_complained_about_is_refused(client, org):
    complaint = org.own_complaint()
    complaint.staff_complained_about.add(org.other_handler)
    client.force_login(org.coordinator)
    response = post_step(client, complaint, "toewijzen", handler=org.other_handler.pk)
    assert "Awb 9:7" in _field_error(response.content.decode(), "id_toewijzen-handler")
    complaint.refresh_from_db()
    assert complaint.handler == org.handler


def test_closing_without_hearing_is_refused_above_the_form(client, org):
    complaint = org.own_complaint()
    client.force_login(org.handler)
    response = post_step_with_letter(client, complaint, "afsluiten", findings="Bevindingen")
    page = response.content.decode()
    assert "Awb 9:10" in page and "error-summary" in page
    complaint.refresh_from_db()
    assert complaint.status == Status.IN_HANDLING


def test_a_step_the_state_does_not_allow_is_explained(client, org):
    complaint = org.own_complaint()
    client.force_login(org.coordinator)
    response = post_step(
        client,
        complaint,
        "triage",
        decision="awb",
        department=org.department.pk,
        route="formeel",
        decided_on="2024-06-03",
    )
    assert response.status_code == 200
    assert "zolang de klacht de status" in response.content.decode()


def test_a_date_in_the_future_is_refused(client, org):
    client.force_login(org.coordinator)
    response = _register(client, org, received_on="2024-06-04")
    assert "toekomst" in _field_error(response.content.decode(), "id_received_on")
    assert not Complaint.objects.exists()


def test_a_wrong_attachment_is_refused_and_nothing_is_stored(client, org):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(org.coordinator)
    fake = SimpleUploadedFile("virus.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = _register(client, org, attachments=[fake])
    assert "virus.pdf" in _field_error(response.content.decode(), "id_attachments")
    assert not Complaint.objects.exists()


def test_invalid_filters_are_reported_in_dutch_and_ignored(client, org):
    org.own_complaint()
    client.force_login(org.coordinator)
    response = client.get(reverse("complaints:list"), {"received_from": "gisteren", "sort": "drop table"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Voer een geldige datum in." in page
    assert "TST-2024-0001" in page
