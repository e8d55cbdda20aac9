"""When a letter may be made, and what sending it records."""

import datetime as dt

import pytest
import time_machine

from klachtwijzer.complaints import closing, handling
from klachtwijzer.complaints.constants import HearingWaiver, Judgement, NoCopyReason, NotHandledGround
from klachtwijzer.complaints.models import Complaint, HistoryEvent
from klachtwijzer.complaints.tests.factories import complaint_in_handling, received_complaint
from klachtwijzer.letters import composing
from klachtwijzer.letters.context import LetterError
from klachtwijzer.letters.models import Letter, LetterChannel, LetterKind, LetterTemplate
from klachtwijzer.letters.tests.builders import declined_complaint, judged_complaint


def compose(complaint, kind, user=None, index=0, **kwargs):
    recipient = composing.recipients_for(complaint, kind)[index]
    return composing.compose_letter(
        complaint, kind=kind, recipient=recipient, channel=LetterChannel.POST, acting_user=user, **kwargs
    )


def messages_of(error) -> str:
    return " ".join(error.value.messages)


@pytest.mark.django_db
def test_the_outcome_letter_is_refused_while_the_complaint_is_open(
    municipality, coordinator, handler, department
):
    complaint = complaint_in_handling(coordinator=coordinator, handler=handler, department=department)

    with pytest.raises(LetterError) as error:
        compose(complaint, LetterKind.OUTCOME, handler)

    assert "Handel de klacht eerst af met een oordeel" in messages_of(error)
    assert not Letter.objects.exists()


@pytest.mark.django_db
def test_the_outcome_letter_needs_measures_stated_explicitly(municipality, coordinator, handler, department):
    complaint = judged_complaint(coordinator=coordinator, handler=handler, department=department, measures="")

    with pytest.raises(LetterError) as error:
        compose(complaint, LetterKind.OUTCOME, handler)

    assert "Vermeld de maatregelen; schrijf 'geen' als er geen zijn." in messages_of(error)


@pytest.mark.django_db
def test_measures_geen_is_enough(municipality, coordinator, handler, department):
    complaint = judged_complaint(
        coordinator=coordinator, handler=handler, department=department, measures="geen"
    )

    assert "geen" in compose(complaint, LetterKind.OUTCOME, handler).body


@pytest.mark.django_db
def test_the_outcome_letter_lists_every_missing_part(municipality, coordinator, handler, department):
    complaint = judged_complaint(coordinator=coordinator, handler=handler, department=department)
    personal = complaint.personal_data
    personal.findings = " "
    personal.save()
    complaint.elements.update(reasoning="")
    municipality.ombudsman_address = ""
    municipality.save()

    with pytest.raises(LetterError) as error:
        compose(complaint, LetterKind.OUTCOME, handler)

    text = messages_of(error)
    assert "bevindingen" in text
    assert "Klachtonderdeel 1 heeft geen oordeel met motivering." in text
    assert "naam en het adres van de ombudsman" in text


@pytest.mark.django_db
def test_an_outcome_template_without_the_ombudsman_clause_cannot_make_a_letter(
    municipality, coordinator, handler, department
):
    complaint = judged_complaint(coordinator=coordinator, handler=handler, department=department)
    LetterTemplate.objects.update_or_create(
        kind=LetterKind.OUTCOME,
        defaults={
            "subject": "Uitkomst {{ reference }}",
            "body": "{{ findings }} {% for e in elements %}{{ e.reasoning }}{% endfor %} {{ measures }}"
            "{% if False %}{{ ombudsman_clause }}{% endif %}",
        },
    )

    with pytest.raises(LetterError) as error:
        compose(complaint, LetterKind.OUTCOME, handler)

    assert "laat de ombudsmanclausule weg" in messages_of(error)


@pytest.mark.django_db
def test_the_not_handling_notice_has_the_ground_and_the_ombudsman_clause(
    municipality, coordinator, handler, department
):
    complaint = declined_complaint(coordinator=coordinator, handler=handler, department=department)

    letter = compose(complaint, LetterKind.NOT_HANDLING, handler)

    assert letter.date == dt.date(2024, 3, 20)
    assert "meer dan een jaar voordat u uw klacht indiende" in letter.body
    assert "artikel 9:8, lid 1, onder b" in letter.body
    assert "1b:" not in letter.body
    assert "de Nationale ombudsman" in letter.body
    assert "tot en met 20 maart 2025" in letter.body


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("ground", "sentence"),
    [
        (
            NotHandledGround.OBJECTION_POSSIBLE,
            "U kon of kunt bezwaar maken bij het college, tot en met 1 februari 2024.",
        ),
        (
            NotHandledGround.APPEAL_POSSIBLE,
            "U kon of kunt in beroep gaan bij het college, tot en met 1 februari 2024.",
        ),
    ],
)
def test_the_not_handling_notice_says_where_and_until_when_objection_or_appeal_was_possible(
    municipality, coordinator, handler, department, ground, sentence
):
    complaint = complaint_in_handling(coordinator=coordinator, handler=handler, department=department)
    closing.decline_to_handle(
        complaint,
        ground=ground,
        notice_sent_on=dt.date(2024, 3, 20),
        remedy_where="het college",
        remedy_until=dt.date(2024, 2, 1),
        acting_user=handler,
    )

    letter = compose(complaint, LetterKind.NOT_HANDLING, handler)

    assert sentence in letter.body


@pytest.mark.django_db
def test_the_not_handling_notice_waits_for_where_and_until_when(
    municipality, coordinator, handler, department
):
    complaint = declined_complaint(coordinator=coordinator, handler=handler, department=department)
    # As a register import can leave it: ground 1c without where and until when.
    Complaint.objects.filter(pk=complaint.pk).update(not_handled_ground=NotHandledGround.OBJECTION_POSSIBLE)
    complaint.refresh_from_db()

    with pytest.raises(LetterError) as error:
        compose(complaint, LetterKind.NOT_HANDLING, handler)

    assert "bezwaar of beroep" in messages_of(error)


@pytest.mark.django_db
def test_letters_wait_for_their_step(municipality, coordinator, handler, department):
    complaint = complaint_in_handling(coordinator=coordinator, handler=handler, department=department)

    for kind, message in [
        (LetterKind.HEARING, "Plan eerst het hoorgesprek"),
        (LetterKind.EXTENSION, "Leg eerst de verdaging vast"),
        (LetterKind.NOT_HANDLING, "Leg eerst het besluit vast"),
    ]:
        with pytest.raises(LetterError) as error:
            compose(complaint, kind, handler)
        assert message in messages_of(error)


@pytest.mark.django_db
def test_extension_and_hearing_letters_go_to_both_parties(municipality, coordinator, handler, department):
    complaint = complaint_in_handling(coordinator=coordinator, handler=handler, department=department)
    complaint.staff_complained_about.add(coordinator)
    with time_machine.travel(dt.datetime(2024, 4, 1, 12, tzinfo=dt.UTC)):
        handling.extend_term(
            complaint, notice_sent_on=dt.date(2024, 4, 1), reason="Drukte.", acting_user=handler
        )
        handling.plan_hearing(
            complaint,
            planned_on=dt.date(2024, 4, 8),
            starts_at=dt.time(10, 0),
            place="Stadhuis, kamer 2.14",
            acting_user=handler,
        )

    recipients = composing.recipients_for(complaint, LetterKind.EXTENSION)
    to_complainant = compose(complaint, LetterKind.EXTENSION, handler, index=0, with_reason=True)
    to_colleague = compose(
        complaint, LetterKind.HEARING, handler, index=1, extra="Om 10.00 uur in het stadhuis."
    )

    assert [r.role for r in recipients] == ["complainant", "person_complained_about"]
    assert "13 mei 2024" in to_complainant.body  # receipt + 70 days, moved under the Atw
    assert "Drukte." in to_complainant.body
    assert "8 april 2024" in to_colleague.body and "Om 10.00 uur in het stadhuis." in to_colleague.body
    assert "/klacht/" not in to_colleague.body  # the private link only goes to the complainant


@pytest.mark.django_db
def test_sending_the_acknowledgement_records_the_step_and_the_history(municipality, coordinator):
    complaint = received_complaint()
    letter = compose(complaint, LetterKind.ACKNOWLEDGEMENT, coordinator)

    with time_machine.travel(dt.datetime(2024, 3, 6, 9, tzinfo=dt.UTC)):
        composing.record_sent(letter, acting_user=coordinator)
        composing.record_sent(letter, acting_user=coordinator)  # a second time changes nothing

    complaint.refresh_from_db()
    assert complaint.acknowledged_on == dt.date(2024, 3, 6)
    assert complaint.history.filter(type=HistoryEvent.Type.ACKNOWLEDGED).count() == 1
    event = complaint.history.get(type=HistoryEvent.Type.LETTER_SENT)
    assert event.actor == coordinator
    assert "Ontvangstbevestiging" in event.note
    with pytest.raises(LetterError, match="al verstuurd"):
        compose(complaint, LetterKind.ACKNOWLEDGEMENT, coordinator)


@pytest.mark.django_db
def test_sending_the_copy_records_the_date_of_the_copy(municipality, coordinator, handler, department):
    complaint = complaint_in_handling(coordinator=coordinator, handler=handler, department=department)
    complaint.staff_complained_about.add(coordinator)
    letter = compose(complaint, LetterKind.COPY, handler)

    composing.record_sent(letter, acting_user=handler)

    complaint.refresh_from_db()
    assert complaint.copy_sent_on is not None
    assert "onvriendelijk te woord gestaan" in letter.body


@pytest.mark.django_db
def test_a_copy_needs_someone_complained_about(municipality, coordinator, handler, department):
    complaint = complaint_in_handling(coordinator=coordinator, handler=handler, department=department)

    assert composing.recipients_for(complaint, LetterKind.COPY) == []


@pytest.mark.django_db
def test_destroying_letters_removes_their_files(municipality, coordinator, handler, department):
    complaint = judged_complaint(coordinator=coordinator, handler=handler, department=department)
    letter = compose(complaint, LetterKind.OUTCOME, handler)
    storage, name = letter.pdf.storage, letter.pdf.name

    assert composing.destroy_letters(complaint) == 1

    assert not Letter.objects.exists()
    assert not storage.exists(name)


@pytest.mark.django_db
def test_a_complaint_judged_after_a_hearing_waiver_ombudsman_term_is_one_year(
    municipality, coordinator, handler, department
):
    complaint = complaint_in_handling(coordinator=coordinator, handler=handler, department=department)
    handling.record_no_copy(complaint, reason=NoCopyReason.SAFETY, acting_user=handler)
    handling.waive_hearing(complaint, reason=HearingWaiver.CLEARLY_UNFOUNDED, acting_user=handler)
    element = handling.add_element(complaint, summary="Wachttijd", acting_user=handler)
    handling.judge_element(
        element, judgement=Judgement.UNFOUNDED, reasoning="Binnen de norm.", acting_user=handler
    )
    closing.close_with_judgement(
        complaint, closed_on=dt.date(2024, 4, 2), findings="F.", measures="geen", acting_user=handler
    )

    letter = compose(complaint, LetterKind.OUTCOME, handler)

    assert "tot en met 2 april 2025" in letter.body
    assert "Ons oordeel over uw klacht als geheel: ongegrond." in letter.body


@pytest.mark.django_db
def test_the_hearing_report_goes_to_both_parties_once_the_hearing_is_recorded(
    municipality, coordinator, handler, department
):
    complaint = complaint_in_handling(coordinator=coordinator, handler=handler, department=department)
    complaint.staff_complained_about.add(coordinator)
    with time_machine.travel(dt.datetime(2024, 4, 10, 12, tzinfo=dt.UTC)):
        handling.plan_hearing(
            complaint, planned_on=dt.date(2024, 4, 8), reply_by=dt.date(2024, 4, 4), acting_user=handler
        )
        with pytest.raises(LetterError) as error:
            compose(complaint, LetterKind.HEARING_REPORT, handler)
        assert "Leg eerst het hoorgesprek en het verslag vast" in messages_of(error)

        handling.record_hearing(
            complaint,
            held_on=dt.date(2024, 4, 8),
            report="Beide partijen lichtten hun kant toe.",
            acting_user=handler,
        )
        recipients = composing.recipients_for(complaint, LetterKind.HEARING_REPORT)
        letters = [compose(complaint, LetterKind.HEARING_REPORT, handler, index=i) for i in range(2)]

    assert [r.role for r in recipients] == ["complainant", "person_complained_about"]
    for letter in letters:
        assert "Beide partijen lichtten hun kant toe." in letter.body
        assert "8 april 2024" in letter.body
        assert letter.pdf and letter.docx


@pytest.mark.django_db
def test_the_hearing_invitation_gives_the_reply_date_and_the_right_to_bring_someone(
    municipality, coordinator, handler, department
):
    complaint = complaint_in_handling(coordinator=coordinator, handler=handler, department=department)
    with time_machine.travel(dt.datetime(2024, 4, 1, 12, tzinfo=dt.UTC)):
        handling.plan_hearing(
            complaint,
            planned_on=dt.date(2024, 4, 8),
            reply_by=dt.date(2024, 4, 4),
            starts_at=dt.time(14, 30),
            video_link="https://video.gemeente.example/gesprek-42",
            acting_user=handler,
        )

    letter = compose(complaint, LetterKind.HEARING, handler)

    assert "8 april 2024 om 14:30 uur" in letter.body
    assert "https://video.gemeente.example/gesprek-42" in letter.body
    assert "uiterlijk 4 april 2024" in letter.body
    assert "U mag iemand meenemen" in letter.body


@pytest.mark.django_db
def test_a_hearing_invitation_without_its_time_and_place_is_refused(
    municipality, coordinator, handler, department
):
    complaint = complaint_in_handling(coordinator=coordinator, handler=handler, department=department)
    with time_machine.travel(dt.datetime(2024, 4, 1, 12, tzinfo=dt.UTC)):
        handling.plan_hearing(complaint, planned_on=dt.date(2024, 4, 8), acting_user=handler)

    with pytest.raises(LetterError) as error:
        compose(complaint, LetterKind.HEARING, handler)

    assert "tijd" in messages_of(error)
