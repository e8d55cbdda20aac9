"""Delivering letters by e-mail, in the background task worker (``tasks.py``; queued by ``sending.py``).

The worker sends the letter's text with its PDF attached (for the copy to the person complained about
also the complaint's attachments, Awb 9:9, as far as they fit in one message) and then records it as
sent. A failed delivery is kept on the letter (``send_error``, counted in ``send_attempts``) and
raised, so the task shows it too and ``tasks.py`` tries again later (``retrying.py``). A letter is
recorded as sent only after the mail server accepted it: until then neither the history nor the
resident's status page says it went out.
Without an e-mail address the acknowledgement is made for post and waits in the complaint's letters.
"""

from __future__ import annotations

import logging

from django.core.mail import EmailMessage
from django.db.models import F
from django.utils.translation import gettext as _

from klachtwijzer.accounts.models import Municipality, User
from klachtwijzer.complaints.committee import advice_of
from klachtwijzer.complaints.models import Complaint

from .composing import compose_letter, recipients_for, record_sent
from .context import LetterError, sender_email
from .models import Letter, LetterChannel, LetterKind
from .paragraphs import without_closing
from .signature import signature

logger = logging.getLogger(__name__)

ATTACHMENT_BUDGET = 20 * 1024 * 1024  # what most mail servers accept in one message


def _attach_committee_advice(message: EmailMessage, letter: Letter) -> None:
    """The outcome letter encloses the advisory committee's advice document (Awb 9:16)."""
    if letter.kind != LetterKind.OUTCOME or not letter.complaint.advisory_committee:
        return
    advice = advice_of(letter.complaint)
    if advice is None or not advice.document:
        return
    with advice.document.open("rb") as handle:
        message.attach(advice.document_name or "advies.pdf", handle.read())


def build_message(letter: Letter) -> EmailMessage:
    municipality = Municipality.current()
    sender = sender_email(municipality)
    body = "\n\n".join(
        [
            without_closing(letter.body),
            signature(letter, municipality).as_text(),
            _("This letter is attached as a PDF file."),
        ]
    )
    message = EmailMessage(
        subject=letter.subject, body=body, from_email=sender, to=[letter.recipient_email], reply_to=[sender]
    )
    with letter.pdf.open("rb") as pdf:
        message.attach(f"{letter.file_stem}.pdf", pdf.read(), "application/pdf")
    _attach_committee_advice(message, letter)
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
    letter: Letter = Letter.objects.select_related("complaint", "created_by").get(pk=letter_id)
    if letter.sent_at is not None:
        return letter
    if letter.channel != LetterChannel.EMAIL or not letter.recipient_email:
        raise LetterError(_("This letter goes by post."), code="not_email")
    try:
        build_message(letter).send()
    except Exception as error:
        Letter.objects.filter(pk=letter.pk).update(
            send_error=f"{type(error).__name__}: {error}"[:300], send_attempts=F("send_attempts") + 1
        )
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
