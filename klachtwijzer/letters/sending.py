"""Sending letters by e-mail, from the background task worker.

E-mail leaves the web request: ``queue_email`` and ``queue_acknowledgement`` schedule a task
(django-tasks, database backend; run ``klachtwijzer db_worker``) once the transaction commits, so a
rolled-back step never sends anything. The worker sends the letter's text with its PDF attached
(for the copy to the person complained about also the complaint's attachments, Awb 9:9) and then
records it as sent. A failed delivery is kept on the letter (``send_error``) and can be retried.

The acknowledgement (Awb 9:6) of a complaint from the web form is queued automatically; the back
office calls ``queue_acknowledgement(complaint, acting_user=...)`` for complaints it registers.
Without an e-mail address the acknowledgement is made for post and waits in the complaint's letters.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils.translation import gettext as _

from klachtwijzer.accounts.models import Municipality, User
from klachtwijzer.complaints.models import Complaint

from .composing import compose_letter, recipients_for, record_sent
from .context import LetterError
from .models import Letter, LetterChannel, LetterKind

logger = logging.getLogger(__name__)

ATTACHMENT_BUDGET = 20 * 1024 * 1024  # what most mail servers accept in one message


def queue_email(letter: Letter) -> None:
    """Send ``letter`` by e-mail from the worker, once the current transaction has committed."""
    from . import tasks

    letter_id = letter.pk
    transaction.on_commit(lambda: tasks.send_letter.enqueue(letter_id))


def queue_acknowledgement(complaint: Complaint, *, acting_user: User | None) -> None:
    """Have the worker make and send the acknowledgement of receipt (Awb 9:6) after commit."""
    from . import tasks

    complaint_id = complaint.pk
    user_id = acting_user.pk if acting_user is not None and acting_user.pk else None
    transaction.on_commit(lambda: tasks.send_acknowledgement.enqueue(complaint_id, user_id))


def build_message(letter: Letter) -> EmailMessage:
    municipality = Municipality.current()
    body = "\n\n".join([letter.body, _("This letter is attached as a PDF file.")])
    message = EmailMessage(
        subject=letter.subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[letter.recipient_email],
        reply_to=[municipality.email] if municipality.email else None,
    )
    with letter.pdf.open("rb") as pdf:
        message.attach(f"{letter.file_stem}.pdf", pdf.read(), "application/pdf")
    if letter.kind == LetterKind.COPY:
        budget = ATTACHMENT_BUDGET
        for attachment in letter.complaint.attachments.all():
            if attachment.size > budget:
                continue
            with attachment.file.open("rb") as handle:
                message.attach(attachment.filename, handle.read(), attachment.content_type)
            budget -= attachment.size
    return message


def deliver_by_email(letter_id: int) -> Letter:
    """Send a letter made for e-mail and record it as sent; a failure is noted on the letter and raised."""
    letter = Letter.objects.select_related("complaint", "created_by").get(pk=letter_id)
    if letter.sent_at is not None:
        return letter
    if letter.channel != LetterChannel.EMAIL or not letter.recipient_email:
        raise LetterError(_("This letter goes by post."), code="not_email")
    try:
        build_message(letter).send()
    except Exception as error:
        Letter.objects.filter(pk=letter.pk).update(send_error=f"{type(error).__name__}: {error}"[:300])
        raise
    return record_sent(letter, acting_user=letter.created_by)


def make_and_send_acknowledgement(complaint_id: int, user_id: int | None) -> Letter | None:
    """Make the acknowledgement once; e-mail it when there is an address, else leave it for post."""
    complaint = Complaint.objects.select_related("personal_data", "department", "handler").get(
        pk=complaint_id
    )
    if complaint.acknowledged_on or complaint.letters.filter(kind=LetterKind.ACKNOWLEDGEMENT).exists():
        return None
    acting_user = User.objects.filter(pk=user_id).first() if user_id else None
    recipient = recipients_for(complaint, LetterKind.ACKNOWLEDGEMENT)[0]
    channel = LetterChannel.EMAIL if recipient.email else LetterChannel.POST
    try:
        letter = compose_letter(
            complaint,
            kind=LetterKind.ACKNOWLEDGEMENT,
            recipient=recipient,
            channel=channel,
            acting_user=acting_user,
        )
    except LetterError as error:
        logger.warning("No acknowledgement for %s: %s", complaint.reference, "; ".join(error.messages))
        return None
    if channel == LetterChannel.EMAIL:
        return deliver_by_email(letter.pk)
    return letter
