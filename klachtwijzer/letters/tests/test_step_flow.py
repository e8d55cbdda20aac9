"""A step that stands for a letter is taken on one page together with its letter (``letters/step_flow.py``):
the preview stores nothing, the confirm stores the step and its letters or nothing, and the step's date is
the letter's date."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from klachtwijzer.complaints import committee, handling
from klachtwijzer.complaints.constants import HearingWaiver, Judgement, NoCopyReason, Status
from klachtwijzer.complaints.models import Complaint, PersonalDataAccess
from klachtwijzer.complaints.tests.backoffice import (
    TODAY,
    pdf,
    post_step_with_letter,
    step_url,
)
from klachtwijzer.letters.models import Letter, LetterChannel, LetterKind

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("on_backoffice_today")]


@pytest.fixture
def complaint(org, client) -> Complaint:
    client.force_login(org.handler)
    return org.own_complaint(email="anna@example.nl", person_complained_about="Medewerker balie")


def test_the_step_page_asks_how_the_letter_goes_and_logs_the_look(client, org, complaint):
    response = client.get(step_url(complaint, "verdagen"))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Hoe gaat de brief weg?" in page
    assert "anna@example.nl" in page and "Medewerker balie" in page
    assert PersonalDataAccess.objects.filter(
        complaint=complaint, user=org.handler, detail="step letter extension"
    ).exists()


def test_the_preview_shows_the_letters_and_stores_nothing(client, complaint):
    response = post_step_with_letter(client, complaint, "verdagen", action="preview", reason="Drukte")

    page = response.content.decode()
    assert response.status_code == 200
    assert page.count("kw-letter-paper__head") == 2  # the complainant and the person complained about
    assert "Anna Eigenaar" in page and "Medewerker balie" in page
    complaint.refresh_from_db()
    assert complaint.extension_notice_on is None
    assert not Letter.objects.exists()


def test_the_reason_for_an_extension_goes_into_the_letter_only_when_ticked(client, complaint):
    reason = "Het team is onderbezet door ziekte"

    without = post_step_with_letter(client, complaint, "verdagen", action="preview", reason=reason)
    with_reason = post_step_with_letter(
        client, complaint, "verdagen", action="preview", reason=reason, letter={"with_reason": "on"}
    )

    # The reason stands once in the form field; in the letters only when ticked.
    assert without.content.decode().count(reason) == 1
    assert with_reason.content.decode().count(reason) == 3


def test_confirming_by_email_takes_the_step_with_its_letters_dated_today(client, complaint):
    response = post_step_with_letter(client, complaint, "verdagen", delivery="email", reason="Drukte")

    complaint.refresh_from_db()
    assert complaint.extension_notice_on == TODAY.date()
    letters = {
        letter.recipient_name: letter for letter in complaint.letters.filter(kind=LetterKind.EXTENSION)
    }
    assert letters["Anna Eigenaar"].channel == LetterChannel.EMAIL
    # The person complained about has no e-mail address here: that letter is made for the post, and the
    # handler is taken to it.
    assert letters["Medewerker balie"].channel == LetterChannel.POST
    assert response.status_code == 302 and response.url == letters["Medewerker balie"].get_absolute_url()
    assert {letter.date for letter in letters.values()} == {TODAY.date()}


def test_the_acknowledgement_counts_only_once_its_letter_was_posted(client, complaint):
    response = post_step_with_letter(client, complaint, "ontvangstbevestiging", delivery="post")

    letter = complaint.letters.get(kind=LetterKind.ACKNOWLEDGEMENT)
    assert response.status_code == 302 and response.url == letter.get_absolute_url()
    complaint.refresh_from_db()
    assert complaint.acknowledged_on is None

    client.post(reverse("letters:mark_posted", args=[complaint.reference, letter.pk]))

    complaint.refresh_from_db()
    assert complaint.acknowledged_on == TODAY.date()


def test_a_letter_sent_outside_is_uploaded_and_dates_the_step(client, complaint):
    response = post_step_with_letter(
        client,
        complaint,
        "ontvangstbevestiging",
        delivery="outside",
        letter={"sent_on": "2024-05-08", "file_complainant": pdf("bevestiging.pdf")},
    )

    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.acknowledged_on == dt.date(2024, 5, 8)
    letter = complaint.letters.get()
    assert letter.channel == LetterChannel.OUTSIDE and letter.external_file


@pytest.mark.parametrize(
    ("letter", "message"),
    [
        ({"sent_on": "2024-05-08"}, "Upload de brief die is verstuurd."),
        ({"file_complainant": pdf()}, "Vul de datum in waarop de brief is verstuurd."),
        (
            {"sent_on": "2024-05-08", "file_complainant": SimpleUploadedFile("brief.pdf", b"just text")},
            "geen PDF",
        ),
    ],
)
def test_an_incomplete_upload_is_refused_in_dutch_and_stores_nothing(client, complaint, letter, message):
    response = post_step_with_letter(
        client, complaint, "ontvangstbevestiging", delivery="outside", letter=letter
    )

    assert response.status_code == 200
    assert message.lower() in response.content.decode().lower()
    complaint.refresh_from_db()
    assert complaint.acknowledged_on is None
    assert not Letter.objects.exists()


def test_a_refused_step_makes_no_letter(client, complaint):
    # Closing needs the hearing settled and every element judged (Awb 9:10, 9:12): nothing is made.
    response = post_step_with_letter(client, complaint, "afsluiten", findings="Bevindingen", measures="geen")

    assert response.status_code == 200 and "error-summary" in response.content.decode()
    complaint.refresh_from_db()
    assert complaint.status == Status.IN_HANDLING and complaint.closed_on is None
    assert not Letter.objects.exists()


def test_closing_makes_the_outcome_letter_and_asks_to_enclose_the_committees_advice(
    client, org, municipality, complaint
):
    municipality.advisory_committee = True
    municipality.save()
    complaint.advisory_committee = True
    complaint.save(update_fields=["advisory_committee"])
    handling.waive_hearing(complaint, reason=HearingWaiver.WAIVED, acting_user=org.handler)
    handling.record_no_copy(complaint, reason=NoCopyReason.SAFETY, acting_user=org.handler)
    element = handling.add_element(complaint, summary="Bejegening", acting_user=org.handler)
    handling.judge_element(
        element, judgement=Judgement.UNFOUNDED, reasoning="Niets mis.", acting_user=org.handler
    )
    committee.record_advice(
        complaint,
        hearing_on=dt.date(2024, 5, 27),
        advised_on=dt.date(2024, 5, 29),
        recommended_judgement=Judgement.UNFOUNDED,
        document=SimpleUploadedFile("advies.pdf", pdf().read()),
        acting_user=org.handler,
    )

    response = post_step_with_letter(client, complaint, "afsluiten", findings="Bevindingen", measures="geen")

    assert response.status_code == 302
    followed = client.get(response.url).content.decode()
    assert "Stuur het advies van de klachtencommissie mee met de brief" in followed
    complaint.refresh_from_db()
    outcome = complaint.letters.get(kind=LetterKind.OUTCOME)
    assert complaint.status == Status.CLOSED
    assert outcome.date == complaint.closed_on == TODAY.date()


def test_an_informal_resolution_is_confirmed_in_writing_with_the_agreement_and_the_right_to_go_on(
    client, org, complaint
):
    agreement = "De medewerker belt u deze week terug over uw afspraak."
    data = {"how": "telefonisch", "resolved_by": "A. Behandelaar", "agreement": agreement}

    preview = post_step_with_letter(client, complaint, "informeel", action="preview", **data)
    response = post_step_with_letter(client, complaint, "informeel", delivery="post", **data)

    page = " ".join(preview.content.decode().split())
    assert agreement in page and "Telefonisch." in page
    assert "alsnog formeel te behandelen" in page  # the right to still ask for formal handling
    letter = complaint.letters.get(kind=LetterKind.INFORMAL)
    assert response.status_code == 302 and response.url == letter.get_absolute_url()
    complaint.refresh_from_db()
    assert complaint.status == Status.CLOSED and complaint.closed_on == letter.date == TODAY.date()
    assert complaint.informal_resolution_how == "telefonisch"
    assert complaint.informal_resolution_by == "A. Behandelaar"
    assert complaint.personal_data.informal_agreement == agreement


def test_an_informal_resolution_needs_what_was_agreed(client, complaint):
    response = post_step_with_letter(
        client, complaint, "informeel", how="telefonisch", resolved_by="A. Behandelaar", agreement=""
    )

    assert "Beschrijf wat met de klager is afgesproken." in response.content.decode()
    complaint.refresh_from_db()
    assert complaint.status == Status.IN_HANDLING
    assert not Letter.objects.exists()


def test_forwarding_tells_the_complainant_and_sends_the_complaint_to_the_body(client, complaint):
    response = post_step_with_letter(
        client, complaint, "doorsturen", delivery="email", forwarded_to="Waterschap Voorbeeldland"
    )

    letters = {
        letter.recipient_role: letter for letter in complaint.letters.filter(kind=LetterKind.FORWARDING)
    }
    to_complainant, to_body = letters["complainant"], letters["competent_body"]
    assert to_complainant.channel == LetterChannel.EMAIL
    assert "doorgestuurd naar Waterschap Voorbeeldland" in " ".join(to_complainant.body.split())
    # The body has no e-mail address here: its letter, with the complaint in it, is made for the post.
    assert to_body.channel == LetterChannel.POST and to_body.recipient_name == "Waterschap Voorbeeldland"
    assert "Eigen tekst" in to_body.body  # the complaint's description
    assert response.status_code == 302 and response.url == to_body.get_absolute_url()
    complaint.refresh_from_db()
    assert complaint.status == Status.CLOSED and complaint.closed_on == to_body.date == TODAY.date()


def test_withdrawing_goes_on_to_the_letter_that_confirms_it(client, complaint):
    from klachtwijzer.complaints.tests.backoffice import post_step

    response = post_step(client, complaint, "intrekken", withdrawn_on="2024-05-31", note="Klaagster belde")

    assert response.status_code == 302 and response.url.endswith("?kind=withdrawal")
    compose = client.get(response.url).content.decode()
    assert "Bevestiging van de intrekking" in compose
