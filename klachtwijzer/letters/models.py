"""Letters to the complainant and the person complained about, and the templates they are made from.

The Awb asks for writing at several steps: the acknowledgement (9:6), the notice of not handling
(9:8, with the ombudsman clause), the copy of the complaint to the person complained about (9:9),
the hearing invitation (9:10), the extension notice (9:11 lid 2) and the reasoned outcome letter
(9:12, with the ombudsman clause and its one-year term, 9:24). When triage finds that a submission
is not a complaint, the explanation says what it is instead and where to go. A ``LetterTemplate`` holds the
editable text of each kind; a ``Letter`` is what was made from it for one complaint: the rendered
text and its PDF and DOCX files, kept with the case. Letters hold personal data and are destroyed
with it (``destroy_letters``).
"""

from __future__ import annotations

import uuid
from typing import Self

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class LetterKind(models.TextChoices):
    ACKNOWLEDGEMENT = "acknowledgement", _("Acknowledgement of receipt (Awb 9:6)")
    NOT_HANDLING = "not_handling", _("Notice of not handling (Awb 9:8)")
    COPY = "copy", _("Copy to the person complained about (Awb 9:9)")
    HEARING = "hearing", _("Hearing invitation (Awb 9:10)")
    EXTENSION = "extension", _("Extension notice (Awb 9:11)")
    OUTCOME = "outcome", _("Outcome letter (Awb 9:12)")
    NOT_A_COMPLAINT = "not_a_complaint", _("Explanation: not a complaint")
    HEARING_REPORT = "hearing_report", _("Hearing report (Awb 9:10)")
    INFORMAL = "informal", _("Confirmation of the informal resolution (Awb 9:5)")
    FORWARDING = "forwarding", _("Forwarding notice (Awb 2:3)")
    WITHDRAWAL = "withdrawal", _("Confirmation of the withdrawal")
    REQUEST_TO_COMPLETE = "request_to_complete", _("Request to complete the complaint (Awb 9:4)")


# The word for each kind in a letter's file name, which the resident sees on the attachment and the download
# ("KLW-2024-0001-ontvangstbevestiging-7.pdf"): translated, then made safe for a file name.
FILE_NAME_WORDS = {
    LetterKind.ACKNOWLEDGEMENT: pgettext_lazy("letter file name", "acknowledgement"),
    LetterKind.NOT_HANDLING: pgettext_lazy("letter file name", "notice-not-handled"),
    LetterKind.COPY: pgettext_lazy("letter file name", "copy-of-complaint"),
    LetterKind.HEARING: pgettext_lazy("letter file name", "hearing-invitation"),
    LetterKind.EXTENSION: pgettext_lazy("letter file name", "extension-notice"),
    LetterKind.OUTCOME: pgettext_lazy("letter file name", "outcome"),
    LetterKind.NOT_A_COMPLAINT: pgettext_lazy("letter file name", "explanation-not-a-complaint"),
    LetterKind.HEARING_REPORT: pgettext_lazy("letter file name", "hearing-report"),
    LetterKind.INFORMAL: pgettext_lazy("letter file name", "informal-resolution"),
    LetterKind.FORWARDING: pgettext_lazy("letter file name", "forwarded"),
    LetterKind.WITHDRAWAL: pgettext_lazy("letter file name", "withdrawal"),
    LetterKind.REQUEST_TO_COMPLETE: pgettext_lazy("letter file name", "request-to-complete"),
}


class RecipientRole(models.TextChoices):
    COMPLAINANT = "complainant", _("Complainant")
    PERSON_COMPLAINED_ABOUT = "person_complained_about", _("Person complained about")
    COMPETENT_BODY = "competent_body", _("Body the complaint was forwarded to")


class LetterChannel(models.TextChoices):
    EMAIL = "email", _("E-mail")
    POST = "post", _("Post")
    OUTSIDE = "outside", _("Sent outside Klachtwijzer (uploaded)")


class LetterTemplate(models.Model):
    """The editable text of one kind of letter, in Django's template language."""

    kind = models.CharField(_("kind"), max_length=20, choices=LetterKind.choices, unique=True)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("text"))
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["kind"]
        verbose_name = _("letter template")
        verbose_name_plural = _("letter templates")

    def __str__(self) -> str:
        return str(self.get_kind_display())

    def get_absolute_url(self) -> str:
        return reverse("letters:edit_template", kwargs={"kind": self.kind})


def letter_path(instance: Letter, filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1]
    return f"letters/{instance.date:%Y}/{uuid.uuid4().hex}.{extension}"


class LetterQuerySet(models.QuerySet["Letter"]):
    def to_complainant(self) -> Self:
        return self.filter(recipient_role=RecipientRole.COMPLAINANT)

    def sent(self) -> Self:
        return self.filter(sent_at__isnull=False)


class Letter(models.Model):
    """One letter made for a complaint: its text, its files, and when and how it was sent."""

    complaint = models.ForeignKey(
        "complaints.Complaint", verbose_name=_("complaint"), on_delete=models.CASCADE, related_name="letters"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=LetterKind.choices)
    date = models.DateField(_("date of the letter"))
    recipient_role = models.CharField(_("recipient"), max_length=30, choices=RecipientRole.choices)
    recipient_name = models.CharField(_("recipient's name"), max_length=200, blank=True)
    recipient_address = models.TextField(_("recipient's address"), blank=True)
    recipient_email = models.EmailField(_("recipient's e-mail address"), blank=True)
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("text"))
    pdf = models.FileField(_("PDF"), upload_to=letter_path, blank=True)
    docx = models.FileField(_("Word document"), upload_to=letter_path, blank=True)
    # A letter sent outside Klachtwijzer: the uploaded document itself (PDF, DOCX or ODT).
    external_file = models.FileField(_("uploaded letter"), upload_to=letter_path, blank=True)
    channel = models.CharField(_("sent by"), max_length=10, choices=LetterChannel.choices)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by (user)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    send_error = models.CharField(_("sending failed"), max_length=300, blank=True)
    send_attempts = models.PositiveSmallIntegerField(_("failed attempts to send"), default=0)
    created_at = models.DateTimeField(_("made at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("made by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = LetterQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("letter")
        verbose_name_plural = _("letters")
        indexes = [models.Index(fields=["complaint", "kind"], name="letter_complaint_kind")]

    def __str__(self) -> str:
        return f"{self.complaint_id} {self.kind} {self.date}"

    def get_absolute_url(self) -> str:
        return reverse("letters:detail", kwargs={"reference": self.complaint.reference, "pk": self.pk})

    @property
    def is_sent(self) -> bool:
        return self.sent_at is not None

    @property
    def file_stem(self) -> str:
        """The name of the letter's files without extension: reference, kind (in words) and number."""
        word = slugify(str(FILE_NAME_WORDS[LetterKind(self.kind)]))
        return f"{self.complaint.reference}-{word}-{self.pk}"
