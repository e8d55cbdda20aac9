"""The procedure's steps, through the use cases, on the real database."""

import datetime as dt

import pytest
import time_machine

from klachtwijzer.accounts.models import Role
from klachtwijzer.accounts.tests.factories import UserFactory
from klachtwijzer.complaints import closing, handling
from klachtwijzer.complaints.constants import (
    HearingWaiver,
    Judgement,
    NoCopyReason,
    Outcome,
    Route,
    Status,
    TriageDecision,
)
from klachtwijzer.complaints.models import HistoryEvent
from klachtwijzer.complaints.tests.factories import complaint_in_handling, received_complaint
from klachtwijzer.complaints.workflow import ProcedureError

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(dt.datetime(2024, 6, 1, 12, tzinfo=dt.UTC), tick=False):
        yield


def test_registration_gives_reference_and_stores_terms(municipality):
    complaint = received_complaint(received_on=dt.date(2024, 3, 4))

    assert complaint.reference == "TST-2024-0001"
    assert complaint.status == Status.RECEIVED
    assert complaint.term_ends_on == dt.date(2024, 4, 15)
    assert complaint.not_handling_notice_due_on == dt.date(2024, 4, 2)  # 1 April is Easter Monday
    assert complaint.personal_data.name == "J. de Vries"
    assert list(complaint.history.values_list("type", flat=True)) == [HistoryEvent.Type.RECEIVED]


def test_references_count_on_per_year_without_gaps(municipality):
    refs = [received_complaint(received_on=dt.date(2024, 1, day)).reference for day in (2, 3, 4)]
    other_year = received_complaint(received_on=dt.date(2023, 12, 30)).reference

    assert refs == ["TST-2024-0001", "TST-2024-0002", "TST-2024-0003"]
    assert other_year == "TST-2023-0001"


def test_full_formal_procedure(municipality, coordinator, handler, department):
    complaint = complaint_in_handling(coordinator=coordinator, handler=handler, department=department)
    handling.extend_term(complaint, notice_sent_on=dt.date(2024, 4, 10), reason="Drukte", acting_user=handler)
    handling.record_no_copy(complaint, reason=NoCopyReason.NO_PERSON, acting_user=handler)
    handling.record_hearing(complaint, held_on=dt.date(2024, 4, 20), report="Verslag", acting_user=handler)
    first = handling.add_element(complaint, summary="Toon van het gesprek", acting_user=handler)
    second = handling.add_element(complaint, summary="Te laat teruggebeld", acting_user=handler)
    handling.judge_element(first, judgement=Judgement.FOUNDED, reasoning="Bevestigd", acting_user=handler)
    handling.judge_element(
        second, judgement=Judgement.UNFOUNDED, reasoning="Niet gebleken", acting_user=handler
    )

    closing.close_with_judgement(
        complaint,
        closed_on=dt.date(2024, 5, 1),
        findings="Bevindingen",
        measures="Excuses",
        acting_user=handler,
    )

    complaint.refresh_from_db()
    assert complaint.status == Status.CLOSED
    assert complaint.outcome == Outcome.JUDGED
    assert complaint.judgement == Judgement.PARTLY_FOUNDED
    assert complaint.extended_term_ends_on == dt.date(2024, 5, 13)
    assert complaint.ombudsman_petition_ends_on == dt.date(2025, 5, 1)
    assert complaint.closed_within_term is True


def test_extension_after_the_term_is_refused(municipality, coordinator, handler, department):
    complaint = complaint_in_handling(coordinator=coordinator, handler=handler, department=department)

    with pytest.raises(ProcedureError, match="voordat de termijn afloopt"):
        handling.extend_term(
            complaint, notice_sent_on=dt.date(2024, 4, 16), reason="Drukte", acting_user=handler
        )


def test_second_extension_needs_consent(municipality, coordinator, handler, department):
    complaint = complaint_in_handling(coordinator=coordinator, handler=handler, department=department)
    handling.extend_term(complaint, notice_sent_on=dt.date(2024, 4, 1), reason="Drukte", acting_user=handler)

    with pytest.raises(ProcedureError, match="instemming van de klager"):
        handling.extend_term(
            complaint, notice_sent_on=dt.date(2024, 4, 2), reason="Weer", acting_user=handler
        )


def test_judgement_needs_hearing_or_waiver(municipality, coordinator, handler, department):
    complaint = complaint_in_handling(coordinator=coordinator, handler=handler, department=department)
    handling.record_no_copy(complaint, reason=NoCopyReason.NO_PERSON, acting_user=handler)
    element = handling.add_element(complaint, summary="Bejegening", acting_user=handler)
    handling.judge_element(
        element, judgement=Judgement.UNFOUNDED, reasoning="Niet gebleken", acting_user=handler
    )

    with pytest.raises(ProcedureError, match="Awb 9:10"):
        closing.close_with_judgement(
            complaint, closed_on=dt.date(2024, 4, 1), findings="x", acting_user=handler
        )

    handling.waive_hearing(complaint, reason=HearingWaiver.WAIVED, acting_user=handler)
    closing.close_with_judgement(complaint, closed_on=dt.date(2024, 4, 1), findings="x", acting_user=handler)
    assert complaint.judgement == Judgement.UNFOUNDED


def test_person_complained_about_cannot_handle(municipality, coordinator, handler, department):
    complaint = received_complaint()
    complaint.staff_complained_about.add(handler)
    handling.triage(
        complaint,
        decision=TriageDecision.AWB_COMPLAINT,
        department=department,
        route=Route.FORMAL,
        decided_on=dt.date(2024, 3, 5),
        acting_user=coordinator,
    )

    with pytest.raises(ProcedureError, match="9:7"):
        handling.assign_handler(complaint, handler=handler, acting_user=coordinator)
    complaint.refresh_from_db()
    assert complaint.handler is None


def test_only_coordinator_reopens(municipality, coordinator, handler, department):
    complaint = complaint_in_handling(coordinator=coordinator, handler=handler, department=department)
    closing.withdraw_complaint(complaint, withdrawn_on=dt.date(2024, 3, 10), acting_user=handler)

    with pytest.raises(ProcedureError, match="klachtencoördinator"):
        closing.reopen_complaint(complaint, reason="Fout", acting_user=handler)
    closing.reopen_complaint(complaint, reason="Klager belde terug", acting_user=coordinator)

    assert complaint.status == Status.IN_HANDLING
    assert complaint.closed_on is None
    reopened = complaint.history.get(type=HistoryEvent.Type.REOPENED)
    assert {"field": "status", "old": "closed", "new": "in_handling"} in reopened.changes
    assert reopened.actor == coordinator


def test_history_cannot_be_rewritten(municipality):
    complaint = received_complaint()
    event = complaint.history.get()

    with pytest.raises(TypeError):
        event.save()
    with pytest.raises(TypeError):
        complaint.history.all().delete()
    assert complaint.history.count() == 1


def test_partner_user_cannot_be_handler(municipality, coordinator, department):
    from klachtwijzer.accounts.tests.factories import PartnerFactory

    partner_user = UserFactory(role=Role.PARTNER, partner=PartnerFactory())
    complaint = received_complaint()
    handling.triage(
        complaint,
        decision=TriageDecision.AWB_COMPLAINT,
        department=department,
        route=Route.FORMAL,
        decided_on=dt.date(2024, 3, 5),
        acting_user=coordinator,
    )
    with pytest.raises(ProcedureError):
        handling.assign_handler(complaint, handler=partner_user, acting_user=coordinator)


def test_an_elements_nature_classifies_the_complaint(municipality, coordinator, handler, department):
    from klachtwijzer.complaints.models import Nature

    complaint = complaint_in_handling(coordinator=coordinator, handler=handler, department=department)
    bejegening = Nature.objects.get(name="Fatsoenlijke bejegening")

    element = handling.add_element(complaint, summary="Toon", nature=bejegening, acting_user=handler)
    handling.judge_element(element, judgement=Judgement.FOUNDED, reasoning="Bevestigd", acting_user=handler)

    assert list(complaint.natures.values_list("name", flat=True)) == ["Fatsoenlijke bejegening"]
    changed = complaint.history.filter(type=HistoryEvent.Type.CHANGED).latest("at")
    assert {"field": "natures", "old": "", "new": "Fatsoenlijke bejegening"} in changed.changes


def test_judging_needs_the_copy_or_a_reason_why_not(municipality, coordinator, handler, department):
    complaint = complaint_in_handling(coordinator=coordinator, handler=handler, department=department)
    handling.waive_hearing(complaint, reason=HearingWaiver.WAIVED, acting_user=handler)
    element = handling.add_element(complaint, summary="Bejegening", acting_user=handler)
    handling.judge_element(
        element, judgement=Judgement.UNFOUNDED, reasoning="Niet gebleken", acting_user=handler
    )

    with pytest.raises(ProcedureError, match="Awb 9:9"):
        closing.close_with_judgement(
            complaint, closed_on=dt.date(2024, 4, 1), findings="x", acting_user=handler
        )
    with pytest.raises(ProcedureError) as other_without_text:
        handling.record_no_copy(complaint, reason=NoCopyReason.OTHER, note="  ", acting_user=handler)
    assert "no_copy_note" in other_without_text.value.message_dict

    handling.record_no_copy(
        complaint, reason=NoCopyReason.OTHER, note="Anonieme melding", acting_user=handler
    )
    closing.close_with_judgement(complaint, closed_on=dt.date(2024, 4, 1), findings="x", acting_user=handler)
    complaint.refresh_from_db()
    assert complaint.status == Status.CLOSED
    assert complaint.history.filter(type=HistoryEvent.Type.NO_COPY).count() == 1


def test_the_handler_records_on_its_page_why_no_copy_is_sent(client, settings, municipality):
    from klachtwijzer.complaints.tests.backoffice import FAST_HASHERS, Organisation, post_step, step_url

    settings.PASSWORD_HASHERS = FAST_HASHERS
    org = Organisation()
    complaint = org.own_complaint()
    client.force_login(org.handler)
    page = client.get(complaint.get_absolute_url()).content.decode()
    assert step_url(complaint, "geen-afschrift") in page

    post_step(client, complaint, "geen-afschrift", reason="other", note="")  # "other" needs the explanation
    complaint.refresh_from_db()
    assert not complaint.no_copy_reason

    post_step(client, complaint, "geen-afschrift", reason="no_person", note="")
    complaint.refresh_from_db()
    assert complaint.no_copy_reason == "no_person"
    assert (
        step_url(complaint, "geen-afschrift") not in client.get(complaint.get_absolute_url()).content.decode()
    )
