"""Inviting the complainant to the survey, after closing.

Which endings get a survey: a complaint *dealt with* under Awb chapter 9, that is judged
(``Outcome.JUDGED``, Awb 9:12) or resolved informally (``Outcome.INFORMAL``, Awb 9:5). Those are the
complaints whose handling the complainant can judge. Not for withdrawn, not handled (9:8), forwarded
(2:3, another body handles it) or not a complaint, and not for other kinds of complaints: there was no
handling to rate, or the municipality did not do it.

The invitation is made in the closing transaction (``invite_after_closing``, registered in
``complaints.extensions``); once it commits a task makes the link's token, stores its hash and e-mails
the link (without an e-mail address nothing is sent). The status page shows the survey too, through
the status link, so a complainant who gets letters by post can answer as well.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from klachtwijzer.accounts.models import User
from klachtwijzer.complaints.constants import Kind, Outcome, Status
from klachtwijzer.complaints.extensions import StatusPagePart
from klachtwijzer.complaints.models import Complaint

from . import tasks
from .models import Invitation

SURVEYED_OUTCOMES = (Outcome.JUDGED, Outcome.INFORMAL)


def gets_survey(complaint: Complaint) -> bool:
    """Whether the way ``complaint`` ended gets a survey (see the module's docstring)."""
    return (
        complaint.kind == Kind.AWB
        and complaint.status == Status.CLOSED
        and complaint.outcome in SURVEYED_OUTCOMES
    )


def invite_after_closing(complaint: Complaint, acting_user: User | None) -> None:
    """Make the survey invitation of a closed complaint; the e-mail goes once the closing commits.

    A complaint closed again after reopening keeps its first invitation (at most one answer each);
    its facts follow the latest closing while it is unanswered.
    """
    if not gets_survey(complaint) or complaint.closed_on is None:
        return
    facts = {
        "closing_year": complaint.closed_on.year,
        "department": complaint.department.name if complaint.department is not None else "",
        "route": complaint.route,
        "judgement": complaint.judgement,
    }
    invitation, created = Invitation.objects.get_or_create(
        complaint=complaint,
        defaults={
            **facts,
            "created_on": timezone.localdate(),
            "expires_on": complaint.closed_on + dt.timedelta(days=settings.SATISFACTION_SURVEY_DAYS),
        },
    )
    if not created:
        if hasattr(invitation, "answeredinvitation"):
            return
        Invitation.objects.filter(pk=invitation.pk).update(**facts)
        return
    invitation_id = invitation.pk
    transaction.on_commit(lambda: tasks.send_invitation.enqueue(invitation_id))


def status_page_part(complaint: Complaint) -> StatusPagePart | None:
    """The survey's link on the status page of a closed complaint that gets one (no query)."""
    if not gets_survey(complaint):
        return None
    return StatusPagePart(template="satisfaction/status_part.html", context={"complaint": complaint})
