"""Complaints with given facts, made through the real use cases (handling.py, closing.py).

``complaint`` registers, triages, assigns, optionally extends, and ends a complaint with the register's
``oordeel`` value, so every stored term and outcome is the one the procedure itself produces.
Call it while time-machine stands after the closing date (use cases refuse dates in the future).
"""

import datetime as dt
from collections.abc import Iterable

from klachtwijzer.accounts.models import Department, Partner, User
from klachtwijzer.complaints import closing, handling
from klachtwijzer.complaints.constants import (
    REGISTER_OORDEEL,
    Channel,
    HearingWaiver,
    Kind,
    NoCopyReason,
    NotAComplaintKind,
    Outcome,
    Route,
    TriageDecision,
)
from klachtwijzer.complaints.models import Complaint, Nature

PERSONAL = {
    "name": "Annemarie Geheimnaam",
    "email": "annemarie@geheim.example",
    "phone": "06-12345678",
    "description": "Vrije tekst met een geheim detail: Kastanjelaan 13.",
}


def complaint(
    *,
    received_on: dt.date,
    department: Department,
    staff: User,
    oordeel: str | None = None,
    closed_on: dt.date | None = None,
    extended_on: dt.date | None = None,
    kind: str = Kind.AWB,
    channel: str = Channel.WEB_FORM,
    partner: Partner | None = None,
    natures: Iterable[Nature] = (),
) -> Complaint:
    """A complaint received on ``received_on``; closed on ``closed_on`` with ``oordeel`` when given."""
    item = handling.register_complaint(
        received_on=received_on,
        channel=channel,
        department=department,
        partner=partner,
        natures=list(natures),
        personal=dict(PERSONAL),
        acting_user=staff,
    )
    outcome, judgement = REGISTER_OORDEEL[oordeel] if oordeel else (None, None)
    if outcome in (Outcome.NOT_A_COMPLAINT, Outcome.FORWARDED):
        decision = (
            TriageDecision.NOT_A_COMPLAINT if outcome == Outcome.NOT_A_COMPLAINT else TriageDecision.FORWARD
        )
        assert closed_on
        return handling.triage(
            item,
            decision=decision,
            department=department,
            decided_on=closed_on,
            forwarded_to="Omgevingsdienst",
            not_a_complaint_kind=NotAComplaintKind.REPORT,
            acting_user=staff,
        )
    handling.triage(
        item,
        decision=TriageDecision.AWB_COMPLAINT if kind == Kind.AWB else TriageDecision.OTHER_KIND,
        department=department,
        route=Route.INFORMAL if outcome == Outcome.INFORMAL else Route.FORMAL,
        decided_on=received_on,
        acting_user=staff,
    )
    handling.assign_handler(item, handler=staff, acting_user=staff)
    if extended_on:
        handling.extend_term(item, notice_sent_on=extended_on, reason="Drukte", acting_user=staff)
    if outcome is None:
        return item
    assert closed_on
    return _end(item, outcome, judgement, closed_on, staff)


def _end(item: Complaint, outcome: str, judgement: str | None, closed_on: dt.date, staff: User) -> Complaint:
    if outcome == Outcome.JUDGED:
        handling.record_no_copy(item, reason=NoCopyReason.NO_PERSON, acting_user=staff)
        handling.waive_hearing(item, reason=HearingWaiver.WAIVED, acting_user=staff)
        element = handling.add_element(item, summary="Bejegening", acting_user=staff)
        handling.judge_element(element, judgement=judgement or "", reasoning="Onderzocht", acting_user=staff)
        return closing.close_with_judgement(
            item, closed_on=closed_on, findings="Bevindingen", acting_user=staff
        )
    if outcome == Outcome.INFORMAL:
        return closing.resolve_informally(
            item, resolved_on=closed_on, how="Telefonisch", resolved_by="Behandelaar", acting_user=staff
        )
    if outcome == Outcome.WITHDRAWN:
        return closing.withdraw_complaint(item, withdrawn_on=closed_on, acting_user=staff)
    return closing.decline_to_handle(item, ground="2", notice_sent_on=closed_on, acting_user=staff)
