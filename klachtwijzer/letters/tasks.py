"""Background tasks (django-tasks): run by ``klachtwijzer worker`` with the database backend.

A send that fails is queued again with a growing wait (``retrying.retry_later``); the failure stays on
the letter for the coordinator's queue of letters not delivered.
"""

from __future__ import annotations

from django_tasks import task

from . import retrying
from .delivery import deliver_by_email, make_and_send_acknowledgement
from .models import Letter, LetterChannel, LetterKind


@task()
def send_letter(letter_id: int, attempt: int = 0) -> None:
    """E-mail a letter that was made for e-mail; tried again later when the mail server fails."""
    try:
        deliver_by_email(letter_id)
    except Exception:
        retrying.retry_later(send_letter, letter_id, attempt=attempt + 1)
        raise


@task()
def send_acknowledgement(complaint_id: int, user_id: int | None = None) -> None:
    """Make and send the acknowledgement of receipt of a complaint (Awb 9:6)."""
    try:
        make_and_send_acknowledgement(complaint_id, user_id)
    except Exception:
        letter = Letter.objects.filter(
            complaint_id=complaint_id,
            kind=LetterKind.ACKNOWLEDGEMENT,
            channel=LetterChannel.EMAIL,
            sent_at__isnull=True,
        ).first()
        if letter is not None:  # made, not delivered: send that letter again later
            retrying.retry_later(send_letter, letter.pk, attempt=1)
        raise


retrying.add_recoverable(send_letter, send_acknowledgement)
