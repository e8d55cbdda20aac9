"""The advisory committee (Awb 9:13-9:16): its advice is recorded, enclosed with the outcome letter, and a
decision that departs from it says why."""

import datetime as dt
from pathlib import Path

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from klachtwijzer.complaints import closing, committee, handling
from klachtwijzer.complaints.constants import HearingWaiver, Judgement, NoCopyReason
from klachtwijzer.complaints.tests.factories import complaint_in_handling
from klachtwijzer.complaints.workflow import ProcedureError
from klachtwijzer.letters import composing, delivery
from klachtwijzer.letters.context import sample_context
from klachtwijzer.letters.models import LetterChannel, LetterKind
from klachtwijzer.letters.rendering import render_text
from klachtwijzer.letters.standard_texts import standard_text

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def with_committee(municipality, coordinator, handler, department):
    municipality.advisory_committee = True
    municipality.save()
    complaint = complaint_in_handling(
        coordinator=coordinator,
        handler=handler,
        department=department,
        received_on=dt.date(2024, 3, 4),
        personal={"name": "J. de Vries", "email": "j.devries@example.nl", "description": "Kortaf."},
    )
    handling.waive_hearing(complaint, reason=HearingWaiver.WAIVED, acting_user=handler)
    handling.record_no_copy(complaint, reason=NoCopyReason.NO_PERSON, acting_user=handler)  # Awb 9:9
    element = handling.add_element(complaint, summary="Bejegening", acting_user=handler)
    handling.judge_element(
        element, judgement=Judgement.UNFOUNDED, reasoning="Niets mis.", acting_user=handler
    )
    return complaint


def advise(complaint, handler, judgement=Judgement.UNFOUNDED, **kwargs):
    return committee.record_advice(
        complaint,
        hearing_on=dt.date(2024, 3, 20),
        advised_on=dt.date(2024, 3, 27),
        recommended_judgement=judgement,
        acting_user=handler,
        **{"advice": "De commissie adviseert de klacht ongegrond te verklaren.", **kwargs},
    )


def close(complaint, handler, **kwargs):
    return closing.close_with_judgement(
        complaint,
        closed_on=dt.date(2024, 4, 10),
        findings="Bevindingen.",
        measures="geen",
        acting_user=handler,
        **kwargs,
    )


@pytest.mark.django_db
def test_with_a_committee_the_complaint_cannot_close_without_its_advice(with_committee, handler):
    with pytest.raises(ProcedureError, match="advies van de klachtadviescommissie"):
        close(with_committee, handler)

    with_committee.refresh_from_db()
    assert with_committee.closed_on is None


@pytest.mark.django_db
def test_a_judgement_that_departs_from_the_advice_needs_the_reason(with_committee, handler):
    advise(with_committee, handler, judgement=Judgement.FOUNDED)

    with pytest.raises(ProcedureError) as refused:
        close(with_committee, handler)
    closed = close(with_committee, handler, departure_reason="De medewerker volgde het protocol.")

    assert "wijkt af" in str(refused.value.message_dict["departure_reason"])
    assert closed.closed_on == dt.date(2024, 4, 10)
    assert closed.committee_advice.departure_reason == "De medewerker volgde het protocol."


@pytest.mark.django_db
def test_following_the_advice_needs_no_reason(with_committee, handler):
    advise(with_committee, handler, judgement=Judgement.UNFOUNDED)

    closed = close(with_committee, handler)

    assert closed.judgement == Judgement.UNFOUNDED


@pytest.mark.django_db
def test_advice_needs_text_or_a_document_and_a_committee(
    with_committee, handler, municipality, coordinator, department
):
    with pytest.raises(ProcedureError):
        advise(with_committee, handler, advice="")
    municipality.advisory_committee = False
    municipality.save()
    without = complaint_in_handling(coordinator=coordinator, handler=handler, department=department)
    with pytest.raises(ProcedureError, match="niet behandeld door een klachtadviescommissie"):
        advise(without, handler)


@pytest.mark.django_db
def test_the_outcome_letter_mentions_the_advice_and_the_e_mail_encloses_it(with_committee, handler):
    document = SimpleUploadedFile("advies-commissie.pdf", PDF, content_type="application/pdf")
    advise(with_committee, handler, judgement=Judgement.FOUNDED, document=document)
    close(with_committee, handler, departure_reason="De medewerker volgde het protocol.")
    recipient = composing.recipients_for(with_committee, LetterKind.OUTCOME)[0]

    letter = composing.compose_letter(
        with_committee,
        kind=LetterKind.OUTCOME,
        recipient=recipient,
        channel=LetterChannel.EMAIL,
        acting_user=handler,
    )
    message = delivery.build_message(letter)

    assert "klachtencommissie" in letter.body and "Haar advies was: gegrond" in letter.body
    assert "Dit is de reden: De medewerker volgde het protocol." in letter.body
    assert "advies-commissie.pdf" in [name for name, _content, _type in message.attachments]


@pytest.mark.django_db
def test_the_acknowledgement_says_the_committee_handles_the_complaint(municipality):
    _subject, body = standard_text(LetterKind.ACKNOWLEDGEMENT)
    values = sample_context(municipality)

    with_committee = render_text(body, {**values, "advisory_committee": True})
    without = render_text(body, values)

    assert "klachtencommissie" in with_committee and "tien weken" in with_committee
    assert "klachtencommissie" not in without and "zes weken" in without


@pytest.mark.django_db
def test_the_handler_records_the_advice_with_its_document_on_the_step_page(client, with_committee, handler):
    from klachtwijzer.complaints.tests.backoffice import pdf, post_step

    client.force_login(handler)
    with time_machine.travel(dt.datetime(2024, 4, 1, 12, tzinfo=dt.UTC)):
        response = post_step(
            client,
            with_committee,
            "advies-commissie",
            hearing_on="2024-03-20",
            advised_on="2024-03-27",
            recommended_judgement=Judgement.FOUNDED,
            document=pdf("advies.pdf"),
        )

    assert response.status_code == 302
    advice = committee.advice_of(with_committee)
    assert advice.recommended_judgement == Judgement.FOUNDED and advice.document_name == "advies.pdf"
    assert with_committee.history.filter(type="committee_advice").exists()


@pytest.mark.django_db
def test_the_advice_step_is_offered_only_with_a_committee(
    client, municipality, coordinator, handler, department
):
    from klachtwijzer.complaints.committee_forms import CommitteeAdviceForm

    without = complaint_in_handling(coordinator=coordinator, handler=handler, department=department)

    assert not CommitteeAdviceForm.is_available(without)


@pytest.mark.django_db
def test_destroying_the_personal_data_blanks_the_advice_and_deletes_its_document(with_committee, handler):
    from klachtwijzer.complaints import extensions

    document = SimpleUploadedFile("advies-commissie.pdf", PDF, content_type="application/pdf")
    advice = advise(with_committee, handler, document=document)
    stored = advice.document.path

    assert committee.destroy_advice in extensions.destroyers()
    committee.destroy_advice(with_committee)

    advice.refresh_from_db()
    assert advice.advice == "" and not advice.document
    assert not Path(stored).exists()
