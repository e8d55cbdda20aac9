"""Sending letters by e-mail, from the background task worker.

E-mail leaves the web request: ``queue_email`` and ``queue_acknowledgement`` schedule a task
(django-tasks, database backend; run ``klachtwijzer worker``) once the transaction commits, so a
rolled-back step never sends anything. The worker sends the letter's text with its PDF attached
(for the copy to the person complained about also the complaint's attachments, Awb 9:9) and then
records it as sent (``delivery.py``). A failed delivery is kept on the letter (``send_error``) and can
be retried (``resend_letter``). ``issue_letter`` makes a letter and, for e-mail, queues it in one step.

The acknowledgement (Awb 9:6) of a complaint from the web form is queued automatically; the back
office calls ``queue_acknowledgement(complaint, acting_user=...)`` for complaints it registers.
Without an e-mail address the acknowledgement is made for post and waits in the complaint's letters.
"""

from __future__ import annotations

import logging

from django.db import transaction

from klachtwijzer.accounts.models import User
from klachtwijzer.complaints.models import Complaint

from . import tasks
from .composing import Recipient, compose_letter
from .models import Letter, LetterChannel

logger = logging.getLogger(__name__)


def queue_email(letter: Letter) -> None:
    """Send ``letter`` by e-mail from the worker, once the current transaction has committed."""
    letter_id = letter.pk
    transaction.on_commit(lambda: tasks.send_letter.enqueue(letter_id))


def queue_acknowledgement(complaint: Complaint, *, acting_user: User | None) -> None:
    """Have the worker make and send the acknowledgement of receipt (Awb 9:6) after commit."""
    complaint_id = complaint.pk
    user_id = acting_user.pk if acting_user is not None and acting_user.pk else None
    transaction.on_commit(lambda: tasks.send_acknowledgement.enqueue(complaint_id, user_id))


@transaction.atomic
def issue_letter(
    complaint: Complaint,
    *,
    kind: str,
    recipient: Recipient,
    channel: str,
    extra: str = "",
    with_reason: bool = False,
    acting_user: User,
) -> Letter:
    """Make a letter (``composing.compose_letter``); one made for e-mail is sent once it is stored."""
    letter = compose_letter(
        complaint,
        kind=kind,
        recipient=recipient,
        channel=channel,
        extra=extra,
        with_reason=with_reason,
        acting_user=acting_user,
    )
    if channel == LetterChannel.EMAIL:
        queue_email(letter)
    return letter


@transaction.atomic
def resend_letter(letter: Letter, *, acting_user: User) -> bool:
    """Send an e-mailed letter whose delivery failed once more; False for one sent already or for post.

    The failure noted on the letter is cleared; delivery records the letter as sent in the history.
    """
    if letter.sent_at is not None or letter.channel != LetterChannel.EMAIL:
        return False
    Letter.objects.filter(pk=letter.pk).update(send_error="", send_attempts=0)
    logger.info("Letter %s queued again by user %s.", letter.pk, acting_user.pk)
    queue_email(letter)
    return True
