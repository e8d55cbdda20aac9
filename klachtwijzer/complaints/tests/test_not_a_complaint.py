"""A submission triaged as not a complaint: the back office shows what it really is, the coordinator
goes straight on to the explanation letter, and the history says who added what."""

import pytest
import time_machine
from django.urls import reverse

from klachtwijzer.complaints import closing, handling
from klachtwijzer.complaints.constants import Kind, NotAComplaintKind, Status, TriageDecision
from klachtwijzer.complaints.tests.backoffice import FAST_HASHERS, TODAY, Organisation, post_step
from klachtwijzer.complaints.tests.factories import received_complaint

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def org(municipality, settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS
    return Organisation()


def _triage_as_not_a_complaint(client, complaint, kind=NotAComplaintKind.REPORT):
    return post_step(
        client,
        complaint,
        "triage",
        decision=TriageDecision.NOT_A_COMPLAINT,
        not_a_complaint_kind=kind,
        decided_on="2024-06-03",
    )


def test_triage_as_not_a_complaint_leads_on_to_the_explanation_letter(client, org):
    complaint = received_complaint(received_on=TODAY.date())
    client.force_login(org.coordinator)

    response = _triage_as_not_a_complaint(client, complaint)

    compose = reverse("letters:compose", kwargs={"reference": complaint.reference})
    assert response.status_code == 302
    assert response["Location"] == f"{compose}?kind=not_a_complaint"
    page = client.get(response["Location"]).content.decode()
    assert "Uitleg: geen klacht" in page
    assert "Stuur de klager nu de brief die dit uitlegt." in page
    complaint.refresh_from_db()
    assert complaint.status == Status.CLOSED
    assert complaint.not_a_complaint_kind == NotAComplaintKind.REPORT


def test_without_what_it_is_instead_the_triage_is_refused_in_dutch(client, org):
    complaint = received_complaint(received_on=TODAY.date())
    client.force_login(org.coordinator)

    response = post_step(
        client, complaint, "triage", decision=TriageDecision.NOT_A_COMPLAINT, decided_on="2024-06-03"
    )

    assert response.status_code == 200
    assert "Kies wat het dan wel is" in response.content.decode()
    complaint.refresh_from_db()
    assert complaint.status == Status.RECEIVED


@pytest.mark.parametrize(
    ("kind", "label"),
    [
        (NotAComplaintKind.REPORT, "Geen klacht, maar een melding"),
        (NotAComplaintKind.OBJECTION, "Geen klacht, maar een bezwaar"),
        (NotAComplaintKind.QUESTION, "Geen klacht, maar een vraag"),
        (NotAComplaintKind.POLICY, "Geen klacht, maar over beleid"),
    ],
)
def test_the_case_page_and_the_list_show_the_real_kind(client, org, kind, label):
    complaint = received_complaint(received_on=TODAY.date())
    client.force_login(org.coordinator)
    _triage_as_not_a_complaint(client, complaint, kind)

    case = client.get(complaint.get_absolute_url()).content.decode()
    listing = client.get(reverse("complaints:list")).content.decode()

    assert label in case
    assert "Klacht volgens de Awb" not in case
    assert f"Afgehandeld: {label}" in listing


def test_the_register_keeps_it_as_received_and_ended_as_geen_klacht(org):
    """The register's format has soort awb with oordeel 'geen klacht': the figures count it among the
    complaints received that ended that way, as docs/register.md defines."""
    complaint = received_complaint(received_on=TODAY.date())
    handling.triage(
        complaint,
        decision=TriageDecision.NOT_A_COMPLAINT,
        department=None,
        not_a_complaint_kind=NotAComplaintKind.OBJECTION,
        acting_user=org.coordinator,
    )

    assert complaint.kind == Kind.AWB
    assert complaint.register_oordeel == "geen klacht"


def test_reopening_it_goes_back_to_triage_which_decides_again(org):
    complaint = received_complaint(received_on=TODAY.date())
    handling.triage(
        complaint,
        decision=TriageDecision.NOT_A_COMPLAINT,
        department=org.department,
        not_a_complaint_kind=NotAComplaintKind.QUESTION,
        acting_user=org.coordinator,
    )

    closing.reopen_complaint(complaint, reason="Het is toch een klacht.", acting_user=org.coordinator)
    assert complaint.status == Status.RECEIVED
    assert complaint.kind_label == "Klacht volgens de Awb"
    handling.triage(
        complaint,
        decision=TriageDecision.AWB_COMPLAINT,
        department=org.department,
        route="formeel",
        acting_user=org.coordinator,
    )

    assert complaint.status == Status.TRIAGED
    assert complaint.outcome == ""
    assert complaint.not_a_complaint_kind == ""


def test_the_history_says_who_added_information(client, org):
    complaint = org.own_complaint()
    client.force_login(org.coordinator)
    post_step(client, complaint, "informatie", text="Gebeld: de klager stuurt de brief na.")
    handling.add_information(
        complaint, text="Hier is de brief.", acting_user=None, actor_label="de klager, via de statuspagina"
    )

    page = client.get(complaint.get_absolute_url()).content.decode()

    coordinator = f"{org.coordinator} (Klachtencoördinator)"
    assert f"door {coordinator}" in page
    assert "door de klager, via de statuspagina" in page
    assert f"toegevoegd door {org.coordinator}" in page  # next to the words themselves
    assert "Informatie toegevoegd door de klager" not in page


def test_after_a_step_the_page_opens_at_the_confirmation(client, org):
    complaint = org.own_complaint()
    client.force_login(org.handler)

    response = post_step(client, complaint, "contact", contacted_on="2024-06-03", note="Gebeld.")

    assert response["Location"] == complaint.get_absolute_url() + "#melding"
    page = client.get(response["Location"]).content.decode()
    assert 'id="melding" role="status" tabindex="-1"' in page
    assert "Opgeslagen: Contact met de klager vastleggen." in page
