"""Demo data: survey invitations for the demo's dealt-with complaints, and answers to part of them.

The department with the most invitations gets enough answers for unsuppressed figures; one other department
gets two, so the dashboard shows a hidden small group. Runs after the complaints (``add_demo_loader``).
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from typing import Any

from django.conf import settings

from klachtwijzer.accounts.models import User
from klachtwijzer.complaints.constants import Kind, Status
from klachtwijzer.complaints.models import Complaint

from .invitations import SURVEYED_OUTCOMES
from .models import Answer, AnsweredInvitation, Choice3, Invitation

COMMENTS = [
    "Ik werd snel teruggebeld.",
    "Fijn dat er naar mij werd geluisterd.",
    "Het duurde lang voordat ik iets hoorde.",
    "De brief was duidelijk.",
    "Ik had graag eerder een gesprek gehad.",
    "",
]  # fmt: skip


def load_satisfaction_demo(*, today: dt.date, coordinator: User, managers: dict[str, User], seed: int) -> Any:
    rng = random.Random(seed)
    complaints = Complaint.objects.filter(
        kind=Kind.AWB, status=Status.CLOSED, outcome__in=SURVEYED_OUTCOMES, closed_on__isnull=False
    ).select_related("department")
    existing = set(Invitation.objects.values_list("complaint_id", flat=True))
    Invitation.objects.bulk_create(
        [
            Invitation(
                complaint=complaint,
                created_on=complaint.closed_on,
                expires_on=complaint.closed_on + dt.timedelta(days=settings.SATISFACTION_SURVEY_DAYS),
                closing_year=complaint.closed_on.year,
                department=complaint.department.name if complaint.department is not None else "",
                route=complaint.route,
                judgement=complaint.judgement,
            )
            for complaint in complaints
            if complaint.pk not in existing and complaint.closed_on is not None
        ]
    )
    by_department: dict[tuple[int, str], list[Invitation]] = defaultdict(list)
    for invitation in Invitation.objects.filter(answeredinvitation__isnull=True).order_by("pk"):
        by_department[(invitation.closing_year, invitation.department)].append(invitation)
    if not by_department:
        return
    groups = sorted(by_department.values(), key=len, reverse=True)
    chosen = groups[0][: max(8, len(groups[0]) * 2 // 3)]
    if len(groups) > 1:
        chosen += groups[1][:2]
    AnsweredInvitation.objects.bulk_create([AnsweredInvitation(invitation=i) for i in chosen])
    answers = [
        Answer(
            closing_year=i.closing_year,
            department=i.department,
            route=i.route,
            judgement=i.judgement,
            score=rng.randint(3, 10),
            resolved=rng.choice(Choice3.values),
            heard=rng.choice(Choice3.values),
            comment=rng.choice(COMMENTS),
        )
        for i in chosen
    ]
    rng.shuffle(answers)  # no order to match with the invitations
    Answer.objects.bulk_create(answers)
