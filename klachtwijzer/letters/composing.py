"""Making a letter for a complaint and recording that it was sent.

``compose_letter`` checks that the step allows the letter (``context.check_ready``), fills in the
template, refuses a final letter whose text leaves out what the Awb requires (the findings, every
element's reasoning, the measures and the ombudsman clause: 9:12, 9:24; the ombudsman clause in the
9:8 notice), and stores the text with its PDF and DOCX. ``record_sent`` appends LETTER_SENT to the
complaint's history and records the step the letter belongs to through the handling use cases
(the acknowledgement date, Awb 9:6; the date of the copy to the person complained about, 9:9).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_stubs_ext import StrOrPromise

from klachtwijzer.accounts.models import Municipality, User
from klachtwijzer.complaints import attachments, handling, history
from klachtwijzer.complaints.models import Complaint, HistoryEvent
from klachtwijzer.complaints.workflow import ProcedureError

from . import context, rendering, step_letters
from .context import LetterError
from .models import Letter, LetterChannel, LetterKind, LetterTemplate, RecipientRole
from .standard_texts import standard_text

# The history's note on a sent letter: one whole sentence per way of sending and addressee.
SENT_NOTES: dict[tuple[str, str], StrOrPromise] = {
    (LetterChannel.EMAIL, RecipientRole.COMPLAINANT): gettext_lazy(
        "%(kind)s sent by e-mail to the complainant."
    ),
    (LetterChannel.EMAIL, RecipientRole.PERSON_COMPLAINED_ABOUT): gettext_lazy(
        "%(kind)s sent by e-mail to the person complained about."
    ),
    (LetterChannel.POST, RecipientRole.COMPLAINANT): gettext_lazy(
        "%(kind)s sent by post to the complainant."
    ),
    (LetterChannel.POST, RecipientRole.PERSON_COMPLAINED_ABOUT): gettext_lazy(
        "%(kind)s sent by post to the person complained about."
    ),
    (LetterChannel.OUTSIDE, RecipientRole.COMPLAINANT): gettext_lazy(
        "%(kind)s sent to the complainant outside Klachtwijzer; the letter was uploaded."
    ),
    (LetterChannel.OUTSIDE, RecipientRole.PERSON_COMPLAINED_ABOUT): gettext_lazy(
        "%(kind)s sent to the person complained about outside Klachtwijzer; the letter was uploaded."
    ),
}

# The documents a letter sent outside Klachtwijzer may be uploaded as (checked by content).
UPLOAD_TYPES = {
    "application/pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.oasis.opendocument.text",
}


@dataclasses.dataclass(frozen=True)
class Recipient:
    key: str
    role: str
    name: str
    address: str = ""
    email: str = ""

    @property
    def label(self) -> str:
        role = RecipientRole(self.role).label
        return _("%(name)s (%(role)s)") % {"name": self.name, "role": role} if self.name else str(role)


def recipients_for(complaint: Complaint, kind: str, *, forwarded_to: str = "") -> list[Recipient]:
    """Who a letter of ``kind`` about ``complaint`` can be addressed to.

    ``forwarded_to``: the body the complaint is being forwarded to, while the step that records it is not
    stored yet (``step_flow.py``); otherwise the complaint's own ``forwarded_to``.
    """
    roles = context.RECIPIENT_ROLES[kind]
    found: list[Recipient] = []
    personal = complaint.personal_data
    if RecipientRole.COMPLAINANT in roles:
        found.append(
            Recipient(
                key="complainant",
                role=RecipientRole.COMPLAINANT,
                name=personal.name,
                address=context.complainant_address(complaint),
                email=personal.email,
            )
        )
    if RecipientRole.PERSON_COMPLAINED_ABOUT in roles:
        for user in complaint.staff_complained_about.all():
            found.append(
                Recipient(
                    key=f"staff-{user.pk}",
                    role=RecipientRole.PERSON_COMPLAINED_ABOUT,
                    name=str(user),
                    address=str(user.department or ""),
                    email=user.email,
                )
            )
        if personal.person_complained_about.strip():
            found.append(
                Recipient(
                    key="named",
                    role=RecipientRole.PERSON_COMPLAINED_ABOUT,
                    name=personal.person_complained_about.strip()[:200],
                )
            )
    body = (forwarded_to or complaint.forwarded_to).strip()
    if RecipientRole.COMPETENT_BODY in roles and body:
        found.append(Recipient(key="body", role=RecipientRole.COMPETENT_BODY, name=body[:200]))
    return found


def template_for(kind: str) -> LetterTemplate:
    """The municipality's template of ``kind``, or the standard text while it has none."""
    template = LetterTemplate.objects.filter(kind=kind).first()
    if template is None:
        subject, body = standard_text(kind)
        template = LetterTemplate(kind=kind, subject=subject, body=body)
    return template


def _normalised(text: str) -> str:
    return " ".join(text.split())


def check_body_complete(kind: str, body: str, values: dict[str, Any]) -> None:
    """A final letter must really say what the law requires, whatever its template was edited into."""
    required: list[tuple[str, str]] = []
    if kind in (LetterKind.OUTCOME, LetterKind.NOT_HANDLING):
        required.append((values["ombudsman_clause"], _("the ombudsman clause")))
    if kind == LetterKind.OUTCOME:
        required += [(values["findings"], _("the findings")), (values["measures"], _("the measures"))]
        required += [
            (element["reasoning"], _("the reasoning of element %(n)s") % {"n": element["number"]})
            for element in values["elements"]
        ]
    text = _normalised(body)
    missing = [label for value, label in required if _normalised(value) not in text]
    if missing:
        raise LetterError(
            _("The letter's template leaves out %(parts)s; adapt the template first.")
            % {"parts": ", ".join(missing)},
            code="incomplete_text",
        )


def draft_letter(
    complaint: Complaint,
    *,
    kind: str,
    recipient: Recipient,
    channel: str,
    extra: str = "",
    with_reason: bool = False,
    acting_user: User | None,
    today: dt.date | None = None,
) -> Letter:
    """The letter's text for ``recipient``, checked but not stored (the preview).

    A reason recorded for staff (the extension reason) is printed only ``with_reason``: the handler chose it.
    """
    municipality = Municipality.current()
    context.check_ready(complaint, kind, municipality)
    if recipient.role not in context.RECIPIENT_ROLES[kind]:
        raise LetterError(_("This letter does not go to this addressee."), code="recipient")
    if channel == LetterChannel.EMAIL and not recipient.email:
        raise LetterError(
            _("The addressee has no e-mail address; make the letter for post."), code="no_email"
        )
    day = context.letter_date(complaint, kind, today or timezone.localdate())
    template = template_for(kind)
    values = context.build_context(
        complaint,
        kind=kind,
        recipient_role=recipient.role,
        recipient_name=recipient.name,
        day=day,
        municipality=municipality,
        extra=extra.strip(),
        with_reason=with_reason,
    )
    subject = " ".join(rendering.render_text(template.subject, values).split())[:300]
    body = rendering.render_text(template.body, values)
    check_body_complete(kind, body, values)
    return Letter(
        complaint=complaint,
        kind=kind,
        date=day,
        recipient_role=recipient.role,
        recipient_name=recipient.name,
        recipient_address=recipient.address,
        recipient_email=recipient.email if channel == LetterChannel.EMAIL else "",
        subject=subject or str(LetterKind(kind).label),
        body=body,
        channel=channel,
        created_by=acting_user if acting_user and acting_user.pk else None,
    )


@transaction.atomic
def compose_letter(
    complaint: Complaint,
    *,
    kind: str,
    recipient: Recipient,
    channel: str,
    extra: str = "",
    with_reason: bool = False,
    acting_user: User | None,
    today: dt.date | None = None,
) -> Letter:
    """Make a letter of ``kind`` for ``recipient``: text, PDF and DOCX, stored with the complaint."""
    letter = draft_letter(
        complaint,
        kind=kind,
        recipient=recipient,
        channel=channel,
        extra=extra,
        with_reason=with_reason,
        acting_user=acting_user,
        today=today,
    )
    municipality = Municipality.current()
    letter.pdf.save("letter.pdf", ContentFile(rendering.render_pdf(letter, municipality)), save=False)
    letter.docx.save("letter.docx", ContentFile(rendering.render_docx(letter, municipality)), save=False)
    letter.save()
    return letter


def _record_acknowledgement(letter: Letter, acting_user: User | None, day: dt.date) -> None:
    complaint = letter.complaint
    try:
        if not complaint.acknowledged_on:
            handling.acknowledge_receipt(complaint, sent_on=day, acting_user=acting_user)
    except ProcedureError:
        # The complaint moved on meanwhile (e.g. closed); the letter went out all the same.
        pass


def _record_copy(letter: Letter, acting_user: User | None, day: dt.date) -> None:
    complaint = letter.complaint
    try:
        if not complaint.copy_sent_on and acting_user is not None:
            handling.send_copy_to_person_complained_about(complaint, sent_on=day, acting_user=acting_user)
    except ProcedureError:
        pass


step_letters.register(LetterKind.ACKNOWLEDGEMENT, _record_acknowledgement)
step_letters.register(LetterKind.COPY, _record_copy)


@transaction.atomic
def record_sent(letter: Letter, *, acting_user: User | None, day: dt.date | None = None) -> Letter:
    """Mark ``letter`` as sent, note it in the complaint's history and record its step."""
    letter = Letter.objects.select_for_update().select_related("complaint").get(pk=letter.pk)
    if letter.sent_at is not None:
        return letter
    user = acting_user if acting_user and acting_user.pk else None
    letter.sent_at = timezone.now()
    letter.sent_by = user
    letter.send_error = ""
    letter.save(update_fields=["sent_at", "sent_by", "send_error"])
    history.record(
        letter.complaint,
        HistoryEvent.Type.LETTER_SENT,
        actor=user,
        actor_label="" if user else "Klachtwijzer",
        note=str(SENT_NOTES[(letter.channel, letter.recipient_role)])
        % {"kind": LetterKind(letter.kind).label},
    )
    step_letters.on_letter_sent(letter, user, day or timezone.localdate())
    return letter


@transaction.atomic
def upload_external_letter(
    complaint: Complaint,
    *,
    kind: str,
    recipient_role: str,
    sent_on: dt.date,
    file: UploadedFile[bytes],
    acting_user: User,
    recipient_name: str = "",
) -> Letter:
    """Store a letter of ``kind`` sent outside Klachtwijzer (PDF, DOCX or ODT) as sent on ``sent_on``.

    The file is checked by its content like an attachment; the step the letter stands for is recorded
    through the registry (``step_letters``), with ``sent_on`` as its date. All or nothing.
    """
    if recipient_role not in context.RECIPIENT_ROLES[kind]:
        raise LetterError(_("This letter does not go to this addressee."), code="recipient")
    if sent_on > timezone.localdate():
        raise LetterError(_("The date the letter was sent cannot lie in the future."), code="future")
    if sent_on < complaint.received_on:
        raise LetterError(
            _("The date the letter was sent cannot lie before the complaint was received."), code="early"
        )
    try:
        content_type = attachments.validate_attachment(file)
    except ValidationError as error:
        raise LetterError(" ".join(error.messages), code="file") from None
    if content_type not in UPLOAD_TYPES:
        raise LetterError(
            _("Upload the letter as a PDF, Word (DOCX) or OpenDocument (ODT) file."), code="file_type"
        )
    letter = Letter(
        complaint=complaint,
        kind=kind,
        date=sent_on,
        recipient_role=recipient_role,
        recipient_name=recipient_name[:200],
        subject=str(LetterKind(kind).label),
        body="",
        channel=LetterChannel.OUTSIDE,
        created_by=acting_user,
    )
    extension = attachments.ALLOWED[content_type]
    letter.external_file.save(f"letter.{sorted(extension)[0]}", file, save=False)
    letter.save()
    return record_sent(letter, acting_user=acting_user, day=sent_on)


def mark_posted(letter: Letter, *, acting_user: User) -> Letter:
    """Record that a letter made for post was printed and posted."""
    if letter.channel != LetterChannel.POST:
        raise LetterError(_("This letter goes by e-mail."), code="not_post")
    return record_sent(letter, acting_user=acting_user)


@transaction.atomic
def letters_for_subject_access(complaint_ids: Sequence[int]) -> dict[int, list[dict[str, Any]]]:
    """The letters of these complaints for an AVG access request: what was sent to whom, when, how; not
    the letter's text (``complaints/subject_access.py`` keeps only those to the person). One query."""
    found: dict[int, list[dict[str, Any]]] = {}
    for letter in Letter.objects.filter(complaint_id__in=list(complaint_ids)).order_by("date", "pk"):
        found.setdefault(letter.complaint_id, []).append(
            {
                "kind": str(letter.get_kind_display()),
                "date": letter.date.isoformat(),
                "recipient_role": letter.recipient_role,
                "recipient": str(letter.get_recipient_role_display()),
                "recipient_name": letter.recipient_name,
                "recipient_address": letter.recipient_address,
                "recipient_email": letter.recipient_email,
                "subject": letter.subject,
                "channel": str(letter.get_channel_display()),
                "sent_at": letter.sent_at.isoformat() if letter.sent_at else "",
            }
        )
    return found


def destroy_letters(complaint: Complaint) -> int:
    """Delete a complaint's letters and their files (part of destroying its personal data)."""
    count = 0
    for letter in Letter.objects.filter(complaint=complaint):
        for field in (letter.pdf, letter.docx, letter.external_file):
            if field:
                field.delete(save=False)
        letter.delete()
        count += 1
    return count
