"""Answering the survey: one use case, one transaction, at most one answer per complaint."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from .invitations import gets_survey
from .models import COMMENT_MAX_LENGTH, Answer, AnsweredInvitation, Choice3, Invitation
from .tokens import hash_token


class AlreadyAnswered(Exception):
    """The complaint's survey was answered before."""


def find_invitation(token: str, *, today: dt.date) -> Invitation | None:
    """The invitation of an unexpired link, or None (unknown, expired, or the complaint reopened)."""
    if not token or len(token) > 100:
        return None
    invitation = (
        Invitation.objects.select_related("complaint", "answeredinvitation")
        .filter(token_hash=hash_token(token))
        .first()
    )
    return (
        invitation
        if invitation and works(invitation, today=today) and gets_survey(invitation.complaint)
        else None
    )


def works(invitation: Invitation, *, today: dt.date) -> bool:
    return today <= invitation.expires_on


def is_answered(invitation: Invitation) -> bool:
    return AnsweredInvitation.objects.filter(invitation=invitation).exists()


@transaction.atomic
def answer_survey(
    invitation: Invitation, *, score: int, resolved: str, heard: str, comment: str = ""
) -> None:
    """Store the complainant's answers apart from the complaint; refuse a second answer.

    Only the facts of the invitation are copied; the answer row does not point to it. Nothing is added
    to the complaint's history: the case file does not even say that the survey was answered.
    """
    errors: dict[str, str] = {}
    if not 1 <= score <= 10:
        errors["score"] = _("Choose a score from 1 to 10.")
    if resolved not in Choice3.values:
        errors["resolved"] = _("Choose whether your complaint was resolved.")
    if heard not in Choice3.values:
        errors["heard"] = _("Choose whether you felt heard.")
    if len(comment) > COMMENT_MAX_LENGTH:
        errors["comment"] = _("Your comment is too long: use at most %(max)s characters.") % {
            "max": COMMENT_MAX_LENGTH
        }
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            AnsweredInvitation.objects.create(invitation=invitation)
    except IntegrityError as error:
        raise AlreadyAnswered from error
    Answer.objects.create(
        closing_year=invitation.closing_year,
        department=invitation.department,
        route=invitation.route,
        judgement=invitation.judgement,
        score=score,
        resolved=resolved,
        heard=heard,
        comment=comment.strip(),
    )
