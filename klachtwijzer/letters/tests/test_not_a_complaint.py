"""The explanation that a submission is not a complaint: what it is instead and where to go, in the
letter (PDF and Word), by e-mail to the resident, and on the resident's status page."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from klachtwijzer.complaints import handling
from klachtwijzer.complaints.constants import NotAComplaintKind, TriageDecision
from klachtwijzer.complaints.dates import long_date
from klachtwijzer.complaints.tests.factories import received_complaint
from klachtwijzer.letters import composing
from klachtwijzer.letters.models import Letter, LetterKind
from klachtwijzer.letters.standard_texts import standard_text
from klachtwijzer.letters.tests.test_rendering import docx_text, make, pdf_text
from klachtwijzer.letters.tests.test_sending import pdf_of, smtp  # noqa: F401 (the SMTP fixture)

pytestmark = pytest.mark.django_db

RECEIVED = dt.date(2024, 3, 4)
WEBSITE = "https://www.teststad.example"


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(dt.datetime(2024, 3, 6, 12, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def site(municipality):
    municipality.website = WEBSITE
    municipality.phone = "14 0123"
    municipality.email = "klachten@teststad.example"
    municipality.save()
    return municipality


def not_a_complaint(coordinator, kind: str, department=None):
    complaint = received_complaint(
        received_on=RECEIVED,
        personal={
            "name": "J. de Vries",
            "address": "Dorpsstraat 1",
            "city": "Teststad",
            "email": "j.devries@example.nl",
        },
    )
    return handling.triage(
        complaint,
        decision=TriageDecision.NOT_A_COMPLAINT,
        department=department,
        not_a_complaint_kind=kind,
        acting_user=coordinator,
    )


@pytest.mark.parametrize(
    ("kind", "where_to_go"),
    [
        (NotAComplaintKind.REPORT, ["Uw bericht is een melding", f"op onze website: {WEBSITE}"]),
        (
            NotAComplaintKind.OBJECTION,
            ["Uw bericht is een bezwaar", "Binnen zes weken", "naar de organisatie die het besluit nam"],
        ),
        (NotAComplaintKind.QUESTION, ["Uw bericht is een vraag", "bel ons op 14 0123"]),
        (NotAComplaintKind.POLICY, ["Uw bericht gaat over beleid", "brief aan de gemeenteraad"]),
    ],
)
def test_the_letter_says_what_it_is_and_where_to_go_in_pdf_and_word(site, coordinator, kind, where_to_go):
    complaint = not_a_complaint(coordinator, kind)

    letter = make(complaint, LetterKind.NOT_A_COMPLAINT, coordinator)

    others = {"melding", "bezwaar", "vraag", "beleid"} - {kind}
    for text in (pdf_text(letter), docx_text(letter)):
        assert f"Uw bericht {complaint.reference} is geen klacht" in text
        assert "Het is geen klacht" in text and "geen oordeel over een klacht" in text
        for words in where_to_go:
            assert words in text
        assert not any(f"Uw bericht is een {other}" in text for other in others)
        assert "J. de Vries" in text and "Dorpsstraat 1" in text


def test_the_letter_cannot_be_made_for_a_complaint_that_is_one(client, site, coordinator):
    complaint = received_complaint(received_on=RECEIVED)
    client.force_login(coordinator)

    page = client.get(
        reverse("letters:compose", kwargs={"reference": complaint.reference}),
        {"kind": LetterKind.NOT_A_COMPLAINT},
    ).content.decode()

    assert "Leg eerst bij de triage vast dat het geen klacht is" in page


def test_only_the_coordinator_makes_it(client, site, coordinator, handler, department):
    complaint = not_a_complaint(coordinator, NotAComplaintKind.REPORT, department=department)
    client.force_login(handler)

    response = client.get(
        reverse("letters:compose", kwargs={"reference": complaint.reference}),
        {"kind": LetterKind.NOT_A_COMPLAINT},
    )

    assert response.status_code == 302  # back to the letters: not a kind this user may make
    assert not Letter.objects.exists()


def test_the_template_is_editable_and_previews_with_sample_values(client, site, coordinator):
    client.force_login(coordinator)
    url = reverse("letters:edit_template", kwargs={"kind": LetterKind.NOT_A_COMPLAINT})

    page = client.get(url).content.decode()
    body = standard_text(LetterKind.NOT_A_COMPLAINT)[1]
    preview = client.post(
        url, {"subject": "Geen klacht {{ reference }}", "body": body, "action": "preview"}
    ).content.decode()

    assert "Uitleg: geen klacht" in page
    assert "Uw bericht is een melding" in preview and WEBSITE in preview


def test_the_resident_gets_the_explanation_by_e_mail_from_the_triage_flow(
    client,
    site,
    coordinator,
    smtp,  # noqa: F811 (the fixture imported above)
    settings,
    django_capture_on_commit_callbacks,
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    complaint = received_complaint(
        received_on=RECEIVED, personal={"name": "J. de Vries", "email": "j.devries@example.nl"}
    )
    client.force_login(coordinator)
    triage = client.post(
        reverse("complaints:step", kwargs={"reference": complaint.reference, "slug": "triage"}),
        {
            "triage-decision": TriageDecision.NOT_A_COMPLAINT,
            "triage-not_a_complaint_kind": NotAComplaintKind.OBJECTION,
            "triage-decided_on": "2024-03-06",
        },
    )
    compose = triage["Location"]

    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(
            compose.split("?")[0],
            {"kind": LetterKind.NOT_A_COMPLAINT, "recipient": "complainant", "action": "email"},
        )

    assert sent.status_code == 302
    [message] = smtp.messages
    assert message["To"] == "j.devries@example.nl"
    assert message["Subject"] == f"Uw bericht {complaint.reference} is geen klacht: zo gaat het verder"
    assert "Binnen zes weken" in message.get_body(("plain",)).get_content()
    assert "Uw bericht is een bezwaar" in pdf_of(message)
    assert complaint.history.filter(note__contains="Uitleg: geen klacht per e-mail verstuurd").exists()


def test_the_status_page_explains_instead_of_promising_a_judgement_date(client, site, coordinator):
    complaint = not_a_complaint(coordinator, NotAComplaintKind.REPORT)
    letter = make(complaint, LetterKind.NOT_A_COMPLAINT, coordinator)
    composing.mark_posted(letter, acting_user=coordinator)

    page = client.get(reverse("intake:status", kwargs={"token": complaint.public_token})).content.decode()

    assert "Uw bericht is geen klacht" in page
    assert "Geen klacht, maar een melding" in page
    assert "Een melding doet u het snelst op de website van de gemeente." in page and WEBSITE in page
    assert "U hoort uiterlijk van ons op" not in page
    assert long_date(complaint.term_ends_on) not in page
    assert "Onze brief" in page and "Uw bericht is een melding" in page  # the letter itself
