"""The state machine and the endings of a complaint."""

import datetime as dt

import pytest
import time_machine
from hypothesis import given
from hypothesis import strategies as st

from klachtwijzer.complaints import closing, handling
from klachtwijzer.complaints.constants import (
    Channel,
    Judgement,
    NotAComplaintKind,
    NotHandledGround,
    Outcome,
    Route,
    Status,
    TriageDecision,
)
from klachtwijzer.complaints.models import HistoryEvent
from klachtwijzer.complaints.tests.backoffice import pdf
from klachtwijzer.complaints.tests.factories import complaint_in_handling, received_complaint
from klachtwijzer.complaints.workflow import (
    ProcedureError,
    Step,
    allowed_steps,
    check_step,
    overall_judgement,
)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(dt.datetime(2024, 6, 1, 12, tzinfo=dt.UTC), tick=False):
        yield


@given(st.lists(st.sampled_from(list(Judgement)), min_size=1, max_size=8))
def test_overall_judgement_follows_the_elements(judgements):
    overall = overall_judgement(judgements)

    if all(j == Judgement.FOUNDED for j in judgements):
        assert overall == Judgement.FOUNDED
    elif any(j in (Judgement.FOUNDED, Judgement.PARTLY_FOUNDED) for j in judgements):
        assert overall == Judgement.PARTLY_FOUNDED
    elif Judgement.UNFOUNDED in judgements:
        assert overall == Judgement.UNFOUNDED
    else:
        assert overall == Judgement.NO_JUDGEMENT


def test_a_closed_complaint_only_reopens():
    # Revoking the resident's status link is no step of the procedure; it stays possible after closing.
    assert allowed_steps(Status.CLOSED) == [Step.REOPEN, Step.REVOKE_STATUS_LINK]
    with pytest.raises(ProcedureError, match="Afgehandeld"):
        check_step(Status.CLOSED, Step.EXTEND)


def test_triage_comes_first():
    assert Step.TRIAGE in allowed_steps(Status.RECEIVED)
    assert Step.ASSIGN not in allowed_steps(Status.RECEIVED)
    assert Step.TRIAGE not in allowed_steps(Status.IN_HANDLING)


@pytest.mark.django_db
def test_not_a_complaint_is_closed_at_triage(municipality, coordinator, department):
    complaint = received_complaint()

    handling.triage(
        complaint,
        decision=TriageDecision.NOT_A_COMPLAINT,
        department=department,
        decided_on=dt.date(2024, 3, 5),
        not_a_complaint_kind=NotAComplaintKind.REPORT,
        acting_user=coordinator,
    )

    assert complaint.status == Status.CLOSED
    assert complaint.outcome == Outcome.NOT_A_COMPLAINT
    assert complaint.register_oordeel == "geen klacht"
    assert complaint.kind_label == "Geen klacht, maar een melding"


@pytest.mark.django_db
def test_not_a_complaint_needs_what_it_is_instead_and_stores_nothing_without(
    municipality, coordinator, department
):
    complaint = received_complaint()

    with pytest.raises(ProcedureError) as refused:
        handling.triage(
            complaint,
            decision=TriageDecision.NOT_A_COMPLAINT,
            department=department,
            decided_on=dt.date(2024, 3, 5),
            acting_user=coordinator,
        )

    assert "melding, een bezwaar, een vraag" in str(refused.value.message_dict["not_a_complaint_kind"])
    complaint.refresh_from_db()
    assert complaint.status == Status.RECEIVED
    assert not complaint.history.filter(type="triaged").exists()


@pytest.mark.django_db
def test_forwarding_needs_a_destination(municipality, coordinator, department):
    complaint = received_complaint()

    with pytest.raises(ProcedureError):
        handling.triage(
            complaint,
            decision=TriageDecision.FORWARD,
            department=department,
            forwarded_to=" ",
            decided_on=dt.date(2024, 3, 5),
            acting_user=coordinator,
        )
    complaint.refresh_from_db()
    assert complaint.status == Status.RECEIVED
    assert complaint.history.count() == 1  # nothing half-stored


@pytest.mark.django_db
def test_triage_of_an_awb_complaint_needs_department_and_route(municipality, coordinator):
    complaint = received_complaint()

    with pytest.raises(ProcedureError) as error:
        handling.triage(
            complaint,
            decision=TriageDecision.AWB_COMPLAINT,
            department=None,
            route=Route.FORMAL,
            acting_user=coordinator,
        )
    assert "department" in error.value.message_dict


@pytest.mark.django_db
def test_other_kind_is_registered_for_learning(municipality, coordinator, department):
    complaint = received_complaint()

    handling.triage(
        complaint,
        decision=TriageDecision.OTHER_KIND,
        department=department,
        route=Route.INFORMAL,
        decided_on=dt.date(2024, 3, 4),
        acting_user=coordinator,
    )

    assert complaint.kind == "andersoortig"
    assert complaint.status == Status.TRIAGED


@pytest.mark.django_db
def test_informal_resolution_records_how_and_by_whom(municipality, coordinator, handler, department):
    complaint = complaint_in_handling(
        coordinator=coordinator, handler=handler, department=department, route=Route.INFORMAL
    )

    closing.resolve_informally(
        complaint,
        resolved_on=dt.date(2024, 3, 8),
        how="Telefonisch, klager tevreden",
        resolved_by="J. Jansen",
        acting_user=handler,
    )

    assert complaint.outcome == Outcome.INFORMAL
    assert complaint.register_oordeel == "informeel opgelost"
    assert complaint.closed_within_term is True


@pytest.mark.django_db
def test_late_not_handling_notice_is_recorded_with_a_warning(municipality, coordinator, handler, department):
    complaint = complaint_in_handling(coordinator=coordinator, handler=handler, department=department)

    closing.decline_to_handle(
        complaint,
        ground=NotHandledGround.OLDER_THAN_YEAR,
        notice_sent_on=dt.date(2024, 4, 10),
        late_reason="Het dossier lag bij de afdeling Belastingen.",
        acting_user=handler,
    )

    event = complaint.history.get(type=HistoryEvent.Type.CLOSED)
    assert "9:8 lid 3" in event.note
    assert "afdeling Belastingen" in event.note
    assert complaint.not_handled_late_reason == "Het dossier lag bij de afdeling Belastingen."
    assert complaint.not_handled_ground == "1b"
    assert complaint.ombudsman_petition_ends_on == dt.date(2025, 4, 10)


@pytest.mark.django_db
def test_a_late_not_handling_notice_needs_a_reason(municipality, coordinator, handler, department):
    complaint = complaint_in_handling(coordinator=coordinator, handler=handler, department=department)

    with pytest.raises(ProcedureError) as error:
        closing.decline_to_handle(
            complaint,
            ground=NotHandledGround.OLDER_THAN_YEAR,
            notice_sent_on=dt.date(2024, 4, 10),
            late_reason="  ",
            acting_user=handler,
        )

    assert "late_reason" in error.value.message_dict
    assert "9:8 lid 3" in error.value.message_dict["late_reason"][0]
    complaint.refresh_from_db()
    assert complaint.status == Status.IN_HANDLING
    assert complaint.not_handled_ground == ""


@pytest.mark.django_db
def test_a_timely_not_handling_notice_needs_no_reason(municipality, coordinator, handler, department):
    complaint = complaint_in_handling(coordinator=coordinator, handler=handler, department=department)

    closing.decline_to_handle(
        complaint,
        ground=NotHandledGround.OLDER_THAN_YEAR,
        notice_sent_on=complaint.not_handling_notice_due_on,
        late_reason="not stored",
        acting_user=handler,
    )

    assert complaint.status == Status.CLOSED
    assert complaint.not_handled_late_reason == ""


@pytest.mark.django_db
@pytest.mark.parametrize("ground", [NotHandledGround.OBJECTION_POSSIBLE, NotHandledGround.APPEAL_POSSIBLE])
def test_objection_or_appeal_grounds_need_where_and_until_when(
    municipality, coordinator, handler, department, ground
):
    complaint = complaint_in_handling(coordinator=coordinator, handler=handler, department=department)

    with pytest.raises(ProcedureError) as error:
        closing.decline_to_handle(
            complaint, ground=ground, notice_sent_on=dt.date(2024, 3, 10), acting_user=handler
        )
    assert {"remedy_where", "remedy_until"} <= set(error.value.message_dict)
    complaint.refresh_from_db()
    assert complaint.status == Status.IN_HANDLING

    closing.decline_to_handle(
        complaint,
        ground=ground,
        notice_sent_on=dt.date(2024, 3, 10),
        remedy_where="de rechtbank Noord-Holland",
        remedy_until=dt.date(2024, 2, 1),
        acting_user=handler,
    )
    assert complaint.not_handled_remedy_where == "de rechtbank Noord-Holland"
    assert complaint.not_handled_remedy_until == dt.date(2024, 2, 1)


@pytest.mark.django_db
def test_other_grounds_store_no_remedy(municipality, coordinator, handler, department):
    complaint = complaint_in_handling(coordinator=coordinator, handler=handler, department=department)

    closing.decline_to_handle(
        complaint,
        ground=NotHandledGround.TOO_SMALL,
        notice_sent_on=dt.date(2024, 3, 10),
        remedy_where="de rechtbank",
        remedy_until=dt.date(2024, 2, 1),
        acting_user=handler,
    )

    assert complaint.not_handled_remedy_where == ""
    assert complaint.not_handled_remedy_until is None


@pytest.mark.django_db
def test_not_handling_needs_a_ground(municipality, coordinator, handler, department):
    complaint = complaint_in_handling(coordinator=coordinator, handler=handler, department=department)

    with pytest.raises(ProcedureError):
        closing.decline_to_handle(
            complaint, ground="9", notice_sent_on=dt.date(2024, 3, 10), acting_user=handler
        )
    assert complaint.status == Status.IN_HANDLING


@pytest.mark.django_db
def test_changes_are_recorded_old_to_new(municipality, coordinator, handler, department):
    complaint = complaint_in_handling(coordinator=coordinator, handler=handler, department=department)

    handling.update_complaint(complaint, channel=Channel.PHONE, acting_user=handler)

    event = complaint.history.filter(type=HistoryEvent.Type.CHANGED).latest("at")
    assert event.changes == [{"field": "channel", "old": "webformulier", "new": "telefoon"}]
    assert event.actor == handler


@pytest.mark.django_db
def test_closing_date_cannot_lie_in_the_future(municipality, coordinator, handler, department):
    complaint = complaint_in_handling(coordinator=coordinator, handler=handler, department=department)

    with pytest.raises(ProcedureError):
        closing.withdraw_complaint(complaint, withdrawn_on=dt.date(2024, 7, 1), acting_user=handler)


@pytest.mark.django_db
def test_waiting_does_not_stop_the_term(municipality, coordinator, handler, department):
    complaint = complaint_in_handling(coordinator=coordinator, handler=handler, department=department)
    term = complaint.term_ends_on

    handling.wait_for_complainant(complaint, note="Gevraagd om stukken", acting_user=handler)
    handling.resume_handling(complaint, acting_user=handler)

    assert complaint.term_ends_on == term
    assert complaint.status == Status.IN_HANDLING


@pytest.mark.django_db
def test_further_delay_with_consent_moves_the_working_term(municipality, coordinator, handler, department):
    complaint = complaint_in_handling(coordinator=coordinator, handler=handler, department=department)
    handling.extend_term(complaint, notice_sent_on=dt.date(2024, 4, 1), reason="Drukte", acting_user=handler)

    handling.record_delay_consent(
        complaint,
        consent_on=dt.date(2024, 5, 1),
        until=dt.date(2024, 6, 14),
        document=pdf("toestemming.pdf"),
        acting_user=handler,
    )

    assert complaint.further_delay_consent_document.filename == "toestemming.pdf"
    assert complaint.applicable_term_ends_on == dt.date(2024, 6, 14)
    assert complaint.legal_term_ends_on == dt.date(2024, 5, 13)
