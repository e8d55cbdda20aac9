"""Complaints made through the real use cases, so each factory's complaint obeys the procedure."""

import datetime as dt

from klachtwijzer.accounts.models import Department, User
from klachtwijzer.complaints import handling
from klachtwijzer.complaints.constants import Route, TriageDecision
from klachtwijzer.complaints.models import Complaint


def received_complaint(*, received_on: dt.date = dt.date(2024, 3, 4), **kwargs) -> Complaint:
    personal = kwargs.pop(
        "personal",
        {
            "name": "J. de Vries",
            "email": "j.devries@example.nl",
            "description": "Ik werd onvriendelijk te woord gestaan.",
        },
    )
    return handling.register_complaint(received_on=received_on, personal=personal, **kwargs)


def complaint_in_handling(
    *,
    coordinator: User,
    handler: User,
    department: Department,
    received_on: dt.date = dt.date(2024, 3, 4),
    route: str = Route.FORMAL,
    **kwargs,
) -> Complaint:
    complaint = received_complaint(received_on=received_on, **kwargs)
    handling.triage(
        complaint,
        decision=TriageDecision.AWB_COMPLAINT,
        department=department,
        route=route,
        decided_on=received_on,
        acting_user=coordinator,
    )
    return handling.assign_handler(complaint, handler=handler, acting_user=coordinator)
