"""E-mailing the survey link, from the background task worker (``tasks.send_invitation``)."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from klachtwijzer.accounts.models import Municipality

from .models import Invitation
from .tokens import hash_token, new_token

logger = logging.getLogger(__name__)


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
    token = new_token()
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
