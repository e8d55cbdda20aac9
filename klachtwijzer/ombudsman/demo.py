"""Ombudsman cases in the demo data, one in every state, through the use cases (made-up texts)."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from klachtwijzer.accounts.models import User
from klachtwijzer.complaints.models import Complaint, Nature

from . import handling
from .models import Action, Response, Verdict


def _closed(today: dt.date) -> QuerySet[Complaint]:
    return (
        Complaint.objects.filter(closed_on__isnull=False, closed_on__lte=today - dt.timedelta(days=60))
        .exclude(department__isnull=True)
        .order_by("-closed_on", "pk")
    )


def load_ombudsman_demo(
    *, today: dt.date, coordinator: User, managers: dict[str, User], seed: int = 11
) -> int:
    """Five cases: open with a passed deadline, open with one coming, forwarded back, intervention,
    and a report with judgements and recommendations; returns the number of cases made."""
    complaints = list(_closed(today)[:5])
    norms = list(Nature.objects.filter(is_norm=True).order_by("pk")[:2])
    made = 0
    for index, complaint in enumerate(complaints):
        assert complaint.closed_on is not None
        petition_on = min(complaint.closed_on + dt.timedelta(days=20), today - dt.timedelta(days=30))
        case = handling.open_case(
            complaint=complaint,
            petition_on=petition_on,
            case_number=f"2024.{41200 + index}",
            acting_user=coordinator,
        )
        made += 1
        if index == 0:
            handling.add_deadline(
                case,
                description="Reactie op het verzoek om informatie",
                due_on=today - dt.timedelta(days=3),
                acting_user=coordinator,
            )
        elif index == 1:
            handling.add_deadline(
                case,
                description="Zienswijze op het verslag",
                due_on=today + dt.timedelta(days=10),
                acting_user=coordinator,
            )
        elif index == 2:
            handling.record_outcome(
                case, action=Action.FORWARDED, action_on=petition_on, acting_user=coordinator
            )
        elif index == 3:
            deadline = handling.add_deadline(
                case,
                description="Reactie op de interventie",
                due_on=petition_on + dt.timedelta(days=14),
                acting_user=coordinator,
            )
            handling.complete_deadline(
                deadline, done_on=petition_on + dt.timedelta(days=10), acting_user=coordinator
            )
            handling.record_outcome(
                case,
                action=Action.INTERVENTION,
                action_on=petition_on + dt.timedelta(days=12),
                acting_user=coordinator,
            )
        elif norms:
            handling.judge_element(case, norm=norms[0], verdict=Verdict.PROPER, acting_user=coordinator)
            handling.judge_element(case, norm=norms[-1], verdict=Verdict.IMPROPER, acting_user=coordinator)
            followed = handling.add_recommendation(
                case, text="Bel een klager terug binnen twee werkdagen.", acting_user=coordinator
            )
            handling.respond_to_recommendation(followed, response=Response.FOLLOWED, acting_user=coordinator)
            partly = handling.add_recommendation(
                case, text="Leg elke terugbelafspraak vast in het zaaksysteem.", acting_user=coordinator
            )
            handling.respond_to_recommendation(
                partly,
                response=Response.PARTLY,
                explanation="Het zaaksysteem kan dit pas vanaf volgend jaar.",
                acting_user=coordinator,
            )
            handling.record_outcome(
                case,
                action=Action.REPORT,
                action_on=petition_on + dt.timedelta(days=25),
                acting_user=coordinator,
            )
    return made
