"""Complaints at the points where letters are made, built through the real use cases."""

from __future__ import annotations

import datetime as dt

from klachtwijzer.accounts.models import Department, User
from klachtwijzer.complaints import closing, handling
from klachtwijzer.complaints.constants import HearingWaiver, Judgement, NoCopyReason, NotHandledGround
from klachtwijzer.complaints.models import Complaint
from klachtwijzer.complaints.tests.factories import complaint_in_handling

RECEIVED = dt.date(2024, 3, 4)
CLOSED = dt.date(2024, 4, 10)
FINDINGS = "De medewerker reageerde kortaf toen mevrouw om uitleg vroeg."
REASONING = "Een medewerker hoort inwoners geduldig en vriendelijk te woord te staan."
MEASURES = "De medewerker volgt een training klantcontact."


def judged_complaint(
    *, coordinator: User, handler: User, department: Department, measures: str = MEASURES, **personal: str
) -> Complaint:
    """A complaint closed with a judgement on 10 April 2024: one element, founded, with findings."""
    complaint = complaint_in_handling(
        coordinator=coordinator,
        handler=handler,
        department=department,
        received_on=RECEIVED,
        personal={
            "name": "J. de Vries",
            "address": "Dorpsstraat 1",
            "postcode": "1234 AB",
            "city": "Teststad",
            "email": "j.devries@example.nl",
            "description": "Ik werd aan de balie onvriendelijk te woord gestaan.",
            **personal,
        },
    )
    handling.record_no_copy(complaint, reason=NoCopyReason.NO_PERSON, acting_user=handler)
    handling.waive_hearing(complaint, reason=HearingWaiver.WAIVED, acting_user=handler)
    element = handling.add_element(complaint, summary="Bejegening aan de balie", acting_user=handler)
    handling.judge_element(element, judgement=Judgement.FOUNDED, reasoning=REASONING, acting_user=handler)
    return closing.close_with_judgement(
        complaint, closed_on=CLOSED, findings=FINDINGS, measures=measures, acting_user=handler
    )


def declined_complaint(*, coordinator: User, handler: User, department: Department) -> Complaint:
    """A complaint not handled on ground 1b (Awb 9:8), notice sent on 20 March 2024."""
    complaint = complaint_in_handling(
        coordinator=coordinator, handler=handler, department=department, received_on=RECEIVED
    )
    return closing.decline_to_handle(
        complaint,
        ground=NotHandledGround.OLDER_THAN_YEAR,
        notice_sent_on=dt.date(2024, 3, 20),
        acting_user=handler,
    )
