"""One form per step of the procedure (Awb 9:4-9:12), each calling its use case.

``STEP_FORMS`` lists them in the order of the procedure; the slug is both the step's URL part and the
form's prefix, so the forms can share the complaint page. Which ones are offered follows the state
machine (``workflow.allowed_steps``), the user's rights (``access.can_act``) and ``is_available``.
"""

from __future__ import annotations

from typing import Any, ClassVar, cast

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from klachtwijzer.accounts.models import Department, User

from . import access, completeness, handling, judging
from .constants import (
    Form,
    HearingWaiver,
    Judgement,
    NoCopyReason,
    NotAComplaintKind,
    Outcome,
    Route,
    TriageDecision,
)
from .dates import long_date
from .forms import BackOfficeForm, LegalDateField, StaffChoiceField, model_field
from .models import Complaint, ComplaintElement, Hearing, HearingParty, Nature
from .workflow import WRITTEN_ONLY_STEPS, Step, check_step


def _note(label: StrOrPromise | None = None, *, required: bool = False) -> forms.CharField:
    return forms.CharField(
        label=label or _("Note"), required=required, widget=forms.Textarea(attrs={"rows": 3})
    )


def _today_field(label: StrOrPromise, **kwargs: Any) -> LegalDateField:
    return LegalDateField(label=label, past=True, initial=timezone.localdate, **kwargs)


class StepForm(BackOfficeForm):
    """A step on one complaint: validate, call the use case, show its refusal next to the field."""

    step: ClassVar[Step]
    slug: ClassVar[str]
    title: ClassVar[StrOrPromise]
    submit_label: ClassVar[StrOrPromise] = _("Save")
    help: ClassVar[StrOrPromise] = ""
    # A step that stands for a letter: the letter's kind, and the use case's argument that takes the
    # letter's date. Such a step is taken only together with its letter (``extensions.step_letter_flow``):
    # nobody types a "sent on" date, the letter's date is the step's. ``recorded_by_letter``: the step is
    # recorded when the letter was sent (``letters/step_letters.py``), not by ``perform``.
    letter_kind: ClassVar[str] = ""
    letter_date_field: ClassVar[str] = ""
    recorded_by_letter: ClassVar[bool] = False

    def __init__(self, *args: Any, complaint: Complaint, user: User, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", self.slug)
        self.complaint = complaint
        self.user = user
        super().__init__(*args, **kwargs)

    @classmethod
    def is_available(cls, complaint: Complaint) -> bool:
        """Whether to offer the step now (the state machine and the use case decide in the end).

        The steps of the formal procedure are not offered for an oral complaint (Awb 9:1, 9:2;
        ``workflow.WRITTEN_ONLY_STEPS``); an override adds its own condition to this one.
        """
        return cls.step not in WRITTEN_ONLY_STEPS or complaint.form == Form.WRITTEN

    def perform(self, data: dict[str, Any]) -> None:
        raise NotImplementedError

    def perform_with_letter(self, day: Any) -> None:
        """Take a letter-bound step on ``day``, the date of its letter (``letters/step_flow.py``)."""
        check_step(self.complaint.status, self.step)
        if not self.recorded_by_letter:
            self.perform({**self.cleaned_data, self.letter_date_field: day})

    def letter_recipients(self, recipients: list[Any]) -> list[Any]:
        """Who of ``recipients`` gets the step's letter, once the form is valid; everyone by default."""
        return recipients

    def next_url(self) -> str | None:
        """Where the user goes on after the step, when not back to the complaint page."""
        return None

    def warning(self) -> str:
        """A warning to show after the step was taken (it did not stop the step); '' for none."""
        return ""

    def save(self) -> bool:
        if self.letter_kind:
            raise TypeError(f"{type(self).__name__} is taken with its letter (letters/step_flow.py)")
        if not self.is_valid():
            return False
        try:
            check_step(self.complaint.status, self.step)
            self.perform(self.cleaned_data)
        except ValidationError as error:
            self.complaint.refresh_from_db()
            self.add_use_case_error(error)
            return False
        return True


class AcknowledgeForm(StepForm):
    step, slug = Step.ACKNOWLEDGE, "ontvangstbevestiging"
    title = _("Acknowledgement of receipt")
    help = _("Every written complaint is acknowledged in writing (Awb 9:6).")
    error_fields = {"acknowledged_on": "sent_on"}
    letter_kind, letter_date_field, recorded_by_letter = "acknowledgement", "sent_on", True

    @classmethod
    def is_available(cls, complaint: Complaint) -> bool:
        return super().is_available(complaint) and complaint.acknowledged_on is None

    def perform(self, data: dict[str, Any]) -> None:
        handling.acknowledge_receipt(self.complaint, sent_on=data["sent_on"], acting_user=self.user)


class RequestCompletionForm(StepForm):
    """Awb 9:4: ask the complainant to complete a written complaint that lacks a part, with its letter."""

    step, slug = Step.REQUEST_COMPLETION, "aanvulling"
    title = _("Request to complete")
    help = _(
        "The complaint lacks the complainant's name, address, a date or the description of the conduct "
        "(Awb 9:4). The letter names what is missing and the date to reply by. The term runs on meanwhile."
    )
    error_fields = {"completion_requested_on": "requested_on", "completion_reply_by": "reply_by"}
    letter_kind, letter_date_field = "request_to_complete", "requested_on"
    reply_by = LegalDateField(
        label=_("Reply by"),
        help_text=_(
            "The date by which the complainant is asked to complete the complaint; after the letter."
        ),
        error_messages={"required": _("Give the date by which the complainant should reply.")},
    )

    @classmethod
    def is_available(cls, complaint: Complaint) -> bool:
        return super().is_available(complaint) and bool(completeness.missing_parts(complaint))

    def clean_reply_by(self) -> Any:
        reply_by = self.cleaned_data["reply_by"]
        if reply_by is not None and reply_by <= timezone.localdate():
            # The letter is dated today (or the day it went out, which is not later): refuse early.
            raise ValidationError(
                _("The reply date must lie after the date of the letter (%(date)s).")
                % {"date": long_date(timezone.localdate())}
            )
        return reply_by

    def perform(self, data: dict[str, Any]) -> None:
        handling.request_completion(
            self.complaint,
            requested_on=data["requested_on"],
            reply_by=data["reply_by"],
            acting_user=self.user,
        )


class PutInWritingForm(StepForm):
    """Awb 9:1, 9:2: an oral complaint is put in writing; the written procedure applies from then."""

    step, slug = Step.PUT_IN_WRITING, "schriftelijk"
    title = _("Put the complaint in writing")
    help = _(
        "An oral complaint is handled without the formal procedure. When the complainant wants a judgement, "
        "the complaint is put in writing (by the complainant, or by you for them). From then the written "
        "procedure applies: the acknowledgement, the term of six weeks and the judgement."
    )
    submit_label = _("Record as written")
    written_on = _today_field(_("Put in writing on"))
    note = _note()

    @classmethod
    def is_available(cls, complaint: Complaint) -> bool:
        return complaint.form == Form.ORAL

    def perform(self, data: dict[str, Any]) -> None:
        handling.put_in_writing(
            self.complaint, written_on=data["written_on"], note=data["note"], acting_user=self.user
        )


class TriageForm(StepForm):
    step, slug = Step.TRIAGE, "triage"
    title = _("Triage")
    submit_label = _("Save the triage")
    error_fields = {"triaged_on": "decided_on", "closed_on": "decided_on"}
    decision = forms.ChoiceField(
        label=_("Decision"), choices=TriageDecision.choices, widget=forms.RadioSelect
    )
    department = forms.ModelChoiceField(
        label=_("Department"), queryset=Department.objects.active(), required=False
    )
    route = forms.ChoiceField(
        label=_("Route"), choices=Route.choices, widget=forms.RadioSelect, required=False
    )
    forwarded_to = forms.CharField(
        label=_("Forwarded to"),
        max_length=200,
        required=False,
        help_text=_("Only when forwarding: the competent body or partner (Awb 2:3)."),
    )
    not_a_complaint_kind = forms.ChoiceField(
        label=_("What is it instead?"),
        choices=NotAComplaintKind.choices,
        widget=forms.RadioSelect,
        required=False,
        help_text=_(
            "Only when it is not a complaint. Next you send the complainant a letter that explains "
            "where to go instead."
        ),
    )
    decided_on = _today_field(_("Decided on"))
    note = _note()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["department"].initial = self.complaint.department_id

    def perform(self, data: dict[str, Any]) -> None:
        handling.triage(
            self.complaint,
            decision=data["decision"],
            department=data["department"],
            route=data["route"] or "",
            decided_on=data["decided_on"],
            forwarded_to=data["forwarded_to"],
            not_a_complaint_kind=data["not_a_complaint_kind"] or "",
            note=data["note"],
            acting_user=self.user,
        )

    def next_url(self) -> str | None:
        """Not a complaint or forwarded: straight on to the letter, so the resident is not left waiting."""
        if self.complaint.outcome == Outcome.NOT_A_COMPLAINT:
            return compose_url(self.complaint, "not_a_complaint")
        if self.complaint.outcome == Outcome.FORWARDED:
            return compose_url(self.complaint, "forwarding")
        return None


def compose_url(complaint: Complaint, kind: str) -> str | None:
    """The letters app's page that makes a letter of ``kind`` about ``complaint`` (None without it)."""
    try:
        compose = reverse("letters:compose", kwargs={"reference": complaint.reference})
    except NoReverseMatch:
        return None
    return f"{compose}?kind={kind}"


class AssignForm(StepForm):
    step, slug = Step.ASSIGN, "toewijzen"
    title = _("Assign a handler")
    submit_label = _("Assign")
    help = _("The handler may not be involved in the conduct complained about (Awb 9:7).")
    handler = StaffChoiceField(label=_("Handler"), queryset=User.objects.none())
    reason = _note(_("Reason"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_field(self, "handler").queryset = access.assignable_handlers(self.user, self.complaint)
        self.fields["handler"].initial = self.complaint.handler_id
        self.fields["reason"].help_text = _(
            "Only when the complaint is about the governing body itself and one of those complained about "
            "handles it (Awb 9:7 lid 2)."
        )

    def perform(self, data: dict[str, Any]) -> None:
        handling.assign_handler(
            self.complaint, handler=data["handler"], reason=data["reason"], acting_user=self.user
        )


class ContactForm(StepForm):
    step, slug = Step.CONTACT, "contact"
    title = _("Record contact with the complainant")
    contacted_on = _today_field(_("Date of the contact"))
    note = _note(_("What was discussed"), required=True)

    def perform(self, data: dict[str, Any]) -> None:
        handling.record_contact(
            self.complaint, contacted_on=data["contacted_on"], note=data["note"], acting_user=self.user
        )


class WaitForm(StepForm):
    step, slug = Step.WAIT, "wachten"
    title = _("Wait for the complainant")
    help = _("The term runs on while waiting: the law stops no clock.")
    note = _note(_("What are you waiting for?"))

    def perform(self, data: dict[str, Any]) -> None:
        handling.wait_for_complainant(self.complaint, note=data["note"], acting_user=self.user)


class ResumeForm(StepForm):
    step, slug = Step.RESUME, "hervatten"
    title = _("Resume handling")
    note = _note()

    def perform(self, data: dict[str, Any]) -> None:
        handling.resume_handling(self.complaint, note=data["note"], acting_user=self.user)


class CopyForm(StepForm):
    step, slug = Step.COPY, "afschrift"
    title = _("Copy to the person complained about")
    help = _("The complaint and its attachments go to the person complained about (Awb 9:9).")
    error_fields = {"copy_sent_on": "sent_on"}
    letter_kind, letter_date_field, recorded_by_letter = "copy", "sent_on", True

    @classmethod
    def is_available(cls, complaint: Complaint) -> bool:
        return super().is_available(complaint) and complaint.copy_sent_on is None

    def perform(self, data: dict[str, Any]) -> None:
        handling.send_copy_to_person_complained_about(
            self.complaint, sent_on=data["sent_on"], acting_user=self.user
        )


class NoCopyForm(StepForm):
    """Why no copy goes to the person complained about: closing with a judgement needs the copy or this."""

    step, slug = Step.COPY, "geen-afschrift"
    title = _("No copy to the person complained about")
    help = _(
        "A judgement needs the copy to the person complained about (Awb 9:9), or the reason why it is not "
        "sent."
    )
    error_fields = {"no_copy_reason": "reason", "no_copy_note": "note"}
    reason = forms.ChoiceField(label=_("Why no copy is sent"), choices=NoCopyReason.choices)
    note = _note(_("Explanation"))

    @classmethod
    def is_available(cls, complaint: Complaint) -> bool:
        return (
            super().is_available(complaint)
            and complaint.copy_sent_on is None
            and not complaint.no_copy_reason
        )

    def perform(self, data: dict[str, Any]) -> None:
        handling.record_no_copy(
            self.complaint, reason=data["reason"], note=data["note"], acting_user=self.user
        )


class ExtendForm(StepForm):
    step, slug = Step.EXTEND, "verdagen"
    title = _("Extension notice")
    help = _(
        "One extension of at most four weeks, announced in writing to the complainant and the person "
        "complained about before the term ends (Awb 9:11 lid 2)."
    )
    letter_kind, letter_date_field = "extension", "notice_sent_on"
    reason = _note(_("Reason for the extension"), required=True)

    @classmethod
    def is_available(cls, complaint: Complaint) -> bool:
        return super().is_available(complaint) and complaint.extension_notice_on is None

    def perform(self, data: dict[str, Any]) -> None:
        handling.extend_term(
            self.complaint,
            notice_sent_on=data["notice_sent_on"],
            reason=data["reason"],
            acting_user=self.user,
        )


class DelayConsentForm(StepForm):
    step, slug = Step.DELAY_CONSENT, "uitstel"
    title = _("Consent to further delay")
    help = _("Any delay beyond the extended term needs the complainant's written consent (Awb 9:11 lid 2).")
    consent_on = _today_field(_("Consent given on"))
    until = LegalDateField(label=_("Handling delayed until"))
    document = forms.FileField(
        label=_("The written consent"),
        help_text=_("The complainant's letter or e-mail in which they agree (PDF, Word, ODT or a picture)."),
        error_messages={"required": _("Upload the complainant's written consent.")},
    )

    def perform(self, data: dict[str, Any]) -> None:
        handling.record_delay_consent(
            self.complaint,
            consent_on=data["consent_on"],
            until=data["until"],
            document=data["document"],
            acting_user=self.user,
        )


class PlanHearingForm(StepForm):
    step, slug = Step.HEARING, "hoorzitting-plannen"
    title = _("Invite to a hearing")
    help = _(
        "The complainant and the person complained about are offered a hearing (Awb 9:10), together or each "
        "on their own. The invitation states the date, the time, the place or the video link, the reply date "
        "and that they may bring someone."
    )
    letter_kind, letter_date_field = "hearing", "invited_on"
    party = forms.ChoiceField(
        label=_("Who is heard"),
        choices=HearingParty.choices,
        initial=HearingParty.BOTH,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose who is heard.")},
    )
    planned_on = LegalDateField(label=_("Date of the hearing"))
    starts_at = forms.TimeField(
        label=_("Time"),
        help_text=_("For example 14:30."),
        error_messages={
            "required": _("Give the time of the hearing."),
            "invalid": _("Give a time such as 14:30."),
        },
    )
    place = forms.CharField(
        label=_("Place"),
        max_length=200,
        required=False,
        help_text=_("The address and the room, if it is held in a building."),
    )
    video_link = forms.URLField(
        label=_("Video link"),
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text=_("If it is held by video call: the link the parties use."),
        error_messages={"invalid": _("Give a full web address, starting with https://.")},
    )
    reply_by = LegalDateField(
        label=_("Reply by"),
        help_text=_("The date by which the parties are asked to say whether they come; before the hearing."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (data.get("place") or data.get("video_link")) and not self.has_error("video_link"):
            self.add_error("place", _("Give the place of the hearing or a video link."))
        return data

    def letter_recipients(self, recipients: list[Any]) -> list[Any]:
        """Only the parties this hearing is with get the invitation."""
        party = self.cleaned_data.get("party")
        if party == HearingParty.COMPLAINANT:
            return [r for r in recipients if r.role == "complainant"]
        if party == HearingParty.PERSON_COMPLAINED_ABOUT:
            return [r for r in recipients if r.role != "complainant"]
        return recipients

    def perform(self, data: dict[str, Any]) -> None:
        handling.plan_hearing(
            self.complaint,
            party=data["party"],
            planned_on=data["planned_on"],
            starts_at=data["starts_at"],
            place=data["place"],
            video_link=data["video_link"],
            reply_by=data["reply_by"],
            invited_on=data.get("invited_on"),
            acting_user=self.user,
        )

    def warning(self) -> str:
        return judging.hearing_date_warning(self.cleaned_data["planned_on"])


class RecordHearingForm(StepForm):
    step, slug = Step.HEARING, "hoorzitting-verslag"
    title = _("Record the hearing")
    hearing = forms.ModelChoiceField(
        label=_("Which hearing"),
        queryset=Hearing.objects.none(),
        required=False,
        empty_label=_("A hearing with the complainant that was not planned here"),
    )
    held_on = _today_field(_("Held on"))
    report = _note(_("Report of the hearing"), required=True)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField[Hearing], self.fields["hearing"])
        field.queryset = self.complaint.hearings.filter(held_on__isnull=True)
        first = field.queryset.first()
        field.initial = first.pk if first else None

    @classmethod
    def is_available(cls, complaint: Complaint) -> bool:
        return super().is_available(complaint) and (
            complaint.hearing_held_on is None or complaint.hearings.filter(held_on__isnull=True).exists()
        )

    def perform(self, data: dict[str, Any]) -> None:
        handling.record_hearing(
            self.complaint,
            held_on=data["held_on"],
            report=data["report"],
            hearing=data["hearing"],
            acting_user=self.user,
        )


class WaiveHearingForm(StepForm):
    step, slug = Step.HEARING, "niet-horen"
    title = _("Not hearing the complainant")
    help = _("Only for one of the reasons of Awb 9:10 lid 2.")
    reason = forms.ChoiceField(label=_("Reason"), choices=HearingWaiver.choices, widget=forms.RadioSelect)
    note = _note()

    @classmethod
    def is_available(cls, complaint: Complaint) -> bool:
        return (
            super().is_available(complaint)
            and complaint.hearing_held_on is None
            and not complaint.hearing_waiver
        )

    def perform(self, data: dict[str, Any]) -> None:
        handling.waive_hearing(
            self.complaint, reason=data["reason"], note=data["note"], acting_user=self.user
        )


class AddElementForm(StepForm):
    step, slug = Step.JUDGE_ELEMENT, "onderdeel"
    title = _("Add a complaint element")
    help = _("Each part of the complaint is judged on its own.")
    summary = forms.CharField(label=_("Summary"), max_length=300)
    nature = forms.ModelChoiceField(label=_("Nature"), queryset=Nature.objects.active(), required=False)

    def perform(self, data: dict[str, Any]) -> None:
        handling.add_element(
            self.complaint, summary=data["summary"], nature=data["nature"], acting_user=self.user
        )


class JudgeElementForm(StepForm):
    step, slug = Step.JUDGE_ELEMENT, "beoordelen"
    title = _("Judge the complaint element")
    submit_label = _("Save the judgement")
    judgement = forms.ChoiceField(label=_("Judgement"), choices=Judgement.choices, widget=forms.RadioSelect)
    reasoning = _note(_("Reasoning"), required=True)
    nature = forms.ModelChoiceField(label=_("Nature"), queryset=Nature.objects.none(), required=False)

    def __init__(self, *args: Any, element: ComplaintElement, **kwargs: Any) -> None:
        self.element = element
        kwargs.setdefault("prefix", f"{self.slug}-{element.pk}")
        kwargs.setdefault(
            "initial",
            {"judgement": element.judgement, "reasoning": element.reasoning, "nature": element.nature_id},
        )
        super().__init__(*args, **kwargs)
        model_field(self, "nature").queryset = Nature.objects.filter(
            Q(retired_on__isnull=True) | Q(pk=element.nature_id)
        )

    def perform(self, data: dict[str, Any]) -> None:
        handling.judge_element(
            self.element,
            judgement=data["judgement"],
            reasoning=data["reasoning"],
            nature=data["nature"],
            acting_user=self.user,
        )
