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
import hashlib
import logging
import secrets

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from klachtwijzer.accounts.models import Municipality, User
from klachtwijzer.complaints.constants import Kind, Outcome, Status
from klachtwijzer.complaints.extensions import StatusPagePart
from klachtwijzer.complaints.models import Complaint

from .models import Invitation

logger = logging.getLogger(__name__)

SURVEYED_OUTCOMES = (Outcome.JUDGED, Outcome.INFORMAL)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


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
    from . import tasks

    transaction.on_commit(lambda: tasks.send_invitation.enqueue(invitation_id))


def survey_url(token: str) -> str:
    return settings.SITE_URL + reverse("satisfaction:survey", kwargs={"token": token})


def send_invitation(invitation_id: int) -> bool:
    """Make the link's token (only its hash is stored) and e-mail it; False when there is no address."""
    invitation = (
        Invitation.objects.select_related("complaint__personal_data").filter(pk=invitation_id).first()
    )
    if invitation is None or invitation.emailed_at is not None:
        return False
    email = invitation.complaint.personal_data.email
    if not email:
        return False
    token = secrets.token_urlsafe(32)
    Invitation.objects.filter(pk=invitation.pk).update(token_hash=hash_token(token))
    municipality = Municipality.current()
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("How did we handle your complaint %(reference)s?") % {
            "reference": invitation.complaint.reference
        }
        body = _(
            "Dear Sir or Madam,\n\n"
            "Your complaint %(reference)s has been dealt with. We would like to know what you thought of it. "
            "Answering takes about two minutes. Your answers are kept apart from your complaint: the "
            "person who handled it cannot see what you answered.\n\n"
            "%(url)s\n\n"
            "The link works until %(date)s.\n\n"
            "Kind regards,\n%(municipality)s"
        ) % {
            "reference": invitation.complaint.reference,
            "url": survey_url(token),
            "date": invitation.expires_on.strftime("%d-%m-%Y"),
            "municipality": municipality.name,
        }
    send_mail(subject, body, None, [email])
    Invitation.objects.filter(pk=invitation.pk).update(emailed_at=timezone.now())
    logger.info("Survey invitation %s e-mailed.", invitation.pk)
    return True


def status_page_part(complaint: Complaint) -> StatusPagePart | None:
    """The survey's link on the status page of a closed complaint that gets one (no query)."""
    if not gets_survey(complaint):
        return None
    return StatusPagePart(template="satisfaction/status_part.html", context={"complaint": complaint})
