"""A step that stands for a letter, taken together with that letter: the binding rule of issue 9.

The acknowledgement (Awb 9:6), the copy to the person complained about (9:9), the extension notice (9:11
lid 2), the notice of not handling (9:8 lid 3) and the outcome letter (9:12) are letters in law. Their step
forms (``letter_kind`` in ``complaints/step_forms.py``) have no "sent on" date of their own; this page
takes the step's own data (the findings, the ground, the reason) and how the letter goes:

- by e-mail (an addressee without an e-mail address gets it for post),
- for post (made now as PDF and Word; the handler posts it and marks it as posted),
- or sent outside Klachtwijzer: the handler uploads each letter and says when it went out.

*Preview* takes the step and drafts its letters inside a transaction that is then rolled back, so the
preview shows exactly the letters the step would make, and nothing is stored. *Confirm* takes the step and
makes its letters in one transaction: all or nothing. The letter's date is the step's date (the closing date
for the outcome letter and the notice of not handling), so no legally relevant date exists without its
document. The acknowledgement and the copy are recorded when their letter was sent
(``step_letters.py``); the other steps when their letter was made.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, cast

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from klachtwijzer.accounts.access import user_of
from klachtwijzer.accounts.models import Municipality, User
from klachtwijzer.complaints.audit import log_access
from klachtwijzer.complaints.forms import LegalDateField
from klachtwijzer.complaints.models import Complaint, PersonalDataAccess
from klachtwijzer.complaints.step_forms import StepForm

from . import composing, rendering, sending
from .composing import Recipient
from .forms import EXTRA_MAX
from .models import Letter, LetterChannel, LetterKind


class Delivery:
    EMAIL = "email"
    POST = "post"
    OUTSIDE = "outside"


class _Rollback(Exception):
    """Leaves the preview's transaction without storing anything."""


class DeliveryForm(forms.Form):
    """How the step's letters go: e-mail, post, or already sent outside Klachtwijzer (uploaded)."""

    delivery = forms.ChoiceField(
        label=_("How does the letter go?"),
        widget=forms.RadioSelect,
        choices=[
            (Delivery.EMAIL, _("By e-mail (an addressee without an e-mail address gets it by post)")),
            (Delivery.POST, _("By post: Klachtwijzer makes the letter, you print and post it")),
            (Delivery.OUTSIDE, _("Already sent outside Klachtwijzer: upload the letter")),
        ],
        error_messages={"required": _("Choose how the letter goes.")},
    )
    extra = forms.CharField(
        label=_("Your own paragraph in the letter"),
        required=False,
        max_length=EXTRA_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("A paragraph you write yourself, for the resident, in plain language."),
        error_messages={"max_length": _("The additional text may be at most 5,000 characters long.")},
    )
    sent_on = LegalDateField(
        label=_("Sent on"),
        past=True,
        required=False,
        help_text=_("Only for a letter sent outside Klachtwijzer: the date it went out."),
    )

    def __init__(self, *args: Any, kind: str, recipients: Sequence[Recipient], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.recipients = list(recipients)
        if kind == LetterKind.EXTENSION:
            # A reason typed for staff goes into a resident's letter only when the handler ticks this.
            self.fields["with_reason"] = forms.BooleanField(
                label=_("Put the reason for the extension in the letter"), required=False
            )
        for recipient in self.recipients:
            self.fields[self.file_field(recipient)] = forms.FileField(
                label=gettext("The letter to %(recipient)s") % {"recipient": recipient.label},
                required=False,
                help_text=_("Only for a letter sent outside Klachtwijzer: PDF, Word (DOCX) or ODT."),
            )
        has_email = any(recipient.email for recipient in self.recipients)
        self.fields["delivery"].initial = Delivery.EMAIL if has_email else Delivery.POST

    @staticmethod
    def file_field(recipient: Recipient) -> str:
        return f"file_{recipient.key}"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("delivery") == Delivery.OUTSIDE:
            if not data.get("sent_on"):
                self.add_error("sent_on", _("Give the date the letter was sent."))
            for recipient in self.recipients:
                if not data.get(self.file_field(recipient)):
                    self.add_error(self.file_field(recipient), _("Upload the letter that was sent."))
        return data

    def chosen(self) -> dict[str, Any]:
        """What was chosen; before a choice (the first preview) the defaults."""
        return getattr(self, "cleaned_data", {})

    @property
    def way(self) -> str:
        return str(self.chosen().get("delivery") or self.fields["delivery"].initial)

    def day(self) -> dt.date:
        """The letter's date, which is the step's date."""
        if self.way == Delivery.OUTSIDE:
            return cast(dt.date, self.cleaned_data["sent_on"])
        return timezone.localdate()

    def channel_for(self, recipient: Recipient) -> str:
        if self.way == Delivery.EMAIL and recipient.email:
            return LetterChannel.EMAIL
        return LetterChannel.POST

    def letter_options(self) -> dict[str, Any]:
        data = self.chosen()
        return {"extra": data.get("extra", ""), "with_reason": bool(data.get("with_reason"))}


def preview_step_letters(
    form: StepForm, delivery: DeliveryForm, *, acting_user: User
) -> list[tuple[Letter, SafeString]]:
    """The letters the step would make, drafted on the complaint as the step leaves it; nothing stored."""
    municipality = Municipality.current()
    outside = delivery.way == Delivery.OUTSIDE
    day = (delivery.chosen().get("sent_on") if outside else None) or timezone.localdate()
    previews: list[tuple[Letter, SafeString]] = []
    try:
        with transaction.atomic():
            form.perform_with_letter(day)
            complaint = Complaint.objects.select_related("personal_data", "handler").get(pk=form.complaint.pk)
            # An uploaded letter is its own document: the preview only checks that the step can be taken.
            for recipient in [] if outside else delivery.recipients:
                draft = composing.draft_letter(
                    complaint,
                    kind=delivery.kind,
                    recipient=recipient,
                    channel=delivery.channel_for(recipient),
                    acting_user=acting_user,
                    today=day,
                    **delivery.letter_options(),
                )
                previews.append((draft, rendering.preview_html(draft, municipality)))
            raise _Rollback
    except _Rollback:
        pass
    return previews


@transaction.atomic
def take_step_with_letters(form: StepForm, delivery: DeliveryForm, *, acting_user: User) -> list[Letter]:
    """Take the step and make its letters, one per addressee: all or nothing.

    Letters for e-mail are sent once this transaction has committed; letters for post wait to be marked as
    posted; uploaded letters are recorded as sent on their date.
    """
    day = delivery.day()
    form.perform_with_letter(day)
    complaint = Complaint.objects.select_related("personal_data", "handler").get(pk=form.complaint.pk)
    made: list[Letter] = []
    for recipient in delivery.recipients:
        if delivery.way == Delivery.OUTSIDE:
            upload = cast(UploadedFile[bytes], delivery.cleaned_data[DeliveryForm.file_field(recipient)])
            made.append(
                composing.upload_external_letter(
                    complaint,
                    kind=delivery.kind,
                    recipient_role=recipient.role,
                    recipient_name=recipient.name,
                    sent_on=day,
                    file=upload,
                    acting_user=acting_user,
                )
            )
        else:
            made.append(
                sending.issue_letter(
                    complaint,
                    kind=delivery.kind,
                    recipient=recipient,
                    channel=delivery.channel_for(recipient),
                    acting_user=acting_user,
                    **delivery.letter_options(),
                )
            )
    return made


def _done_message(letters: Sequence[Letter], complaint: Complaint) -> str:
    posts = [letter for letter in letters if letter.channel == LetterChannel.POST]
    parts = [gettext("Saved, with %(count)s letter(s).") % {"count": len(letters)}]
    if any(letter.channel == LetterChannel.EMAIL for letter in letters):
        parts.append(gettext("The e-mail is being sent."))
    if posts:
        parts.append(gettext("Download the letter for post, post it and then mark it as posted."))
        advice = getattr(complaint, "committee_advice", None)
        if letters[0].kind == LetterKind.OUTCOME and advice is not None and advice.document:
            parts.append(gettext("Enclose the advisory committee's advice with the letter (Awb 9:12)."))
    return " ".join(parts)


def step_with_letter(request: HttpRequest, complaint: Complaint, form_class: type[StepForm]) -> HttpResponse:
    """The page of a step that stands for a letter: the step's data, how the letter goes, preview, confirm."""
    user = user_of(request)
    kind = form_class.letter_kind
    posted = request.method == "POST"
    form = form_class(
        request.POST if posted else None, request.FILES if posted else None, complaint=complaint, user=user
    )
    recipients = composing.recipients_for(complaint, kind)
    if posted and form.is_valid():
        pending = str(form.cleaned_data.get("forwarded_to") or "")
        recipients = form.letter_recipients(composing.recipients_for(complaint, kind, forwarded_to=pending))
    chosen = posted and "delivery" in request.POST
    delivery = DeliveryForm(
        request.POST if chosen else None,
        request.FILES if chosen else None,
        kind=kind,
        recipients=recipients,
    )
    page: dict[str, Any] = {
        "complaint": complaint,
        "form": form,
        "delivery": delivery,
        "kind_label": LetterKind(kind).label,
        "previews": [],
        "no_recipients": not recipients,
    }
    log_access(user, complaint, PersonalDataAccess.Action.VIEW, detail=f"step letter {kind}")
    if not posted or not recipients:
        return render(request, "letters/step_with_letter.html", page)
    if form.is_valid() and (not chosen or delivery.is_valid()):
        try:
            if chosen and request.POST.get("action") == "confirm":
                made = take_step_with_letters(form, delivery, acting_user=user)
                messages.success(request, _done_message(made, complaint))
                if form.warning():
                    messages.warning(request, form.warning())
                for letter in made:
                    if letter.channel == LetterChannel.POST:
                        return redirect(letter.get_absolute_url())
                return redirect(complaint.get_absolute_url() + "#melding")
            page["previews"] = preview_step_letters(form, delivery, acting_user=user)
            page["checked"] = chosen
            page["warning"] = form.warning()
        except ValidationError as error:
            form.add_use_case_error(error)
        finally:
            complaint.refresh_from_db()
    return render(request, "letters/step_with_letter.html", page)
