"""The forms that end a complaint, and reopening (Awb 9:5, 9:8, 9:12, 2:3), each calling ``closing.py``."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from . import closing, handling
from .constants import NotHandledGround
from .dates import long_date
from .forms import LegalDateField
from .models import Complaint
from .step_forms import StepForm, _note, _today_field, compose_url
from .workflow import Step


class ResolveInformallyForm(StepForm):
    step, slug = Step.RESOLVE_INFORMALLY, "informeel"
    title = _("Resolved informally")
    help = _(
        "The complainant is satisfied (Awb 9:5); the formal duties lapse. The letter confirms it to the "
        "complainant, with what was agreed and the right to still ask for formal handling. The date of "
        "the letter is the date of the resolution."
    )
    submit_label = _("Close as resolved informally")
    letter_kind, letter_date_field = "informal", "resolved_on"
    how = forms.CharField(label=_("How the complainant's satisfaction was established"), max_length=200)
    resolved_by = forms.CharField(label=_("Resolved by"), max_length=200)
    agreement = forms.CharField(
        label=_("What was agreed"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("In plain language, for the complainant: the letter states it."),
        error_messages={"required": _("Describe what was agreed with the complainant.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["resolved_by"].initial = str(self.user)

    def perform(self, data: dict[str, Any]) -> None:
        closing.resolve_informally(
            self.complaint,
            resolved_on=data["resolved_on"],
            how=data["how"],
            resolved_by=data["resolved_by"],
            agreement=data["agreement"],
            acting_user=self.user,
        )


class DeclineForm(StepForm):
    step, slug = Step.DECLINE, "niet-behandelen"
    title = _("Not handling the complaint")
    submit_label = _("Close as not handled")
    error_fields = {"closed_on": "notice_sent_on"}
    letter_kind, letter_date_field = "not_handling", "notice_sent_on"
    ground = forms.ChoiceField(
        label=_("Ground (Awb 9:8)"), choices=NotHandledGround.choices, widget=forms.RadioSelect
    )
    remedy_where = forms.CharField(
        label=_("Where objection or appeal is or was possible"),
        help_text=_("Only for ground 1c or 1d, for instance the body or court; the notice says so."),
        max_length=200,
        required=False,
    )
    remedy_until = LegalDateField(
        label=_("Until when objection or appeal is or was possible"), required=False
    )
    late_reason = _note(_("Why the notice is late"))
    note = _note()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["late_reason"].help_text = _(
            "The notice is due at most four weeks after receipt: by %(date)s (Awb 9:8 lid 3). Required when "
            "the notice is sent later."
        ) % {"date": long_date(self.complaint.not_handling_notice_due_on)}

    def perform(self, data: dict[str, Any]) -> None:
        closing.decline_to_handle(
            self.complaint,
            ground=data["ground"],
            notice_sent_on=data["notice_sent_on"],
            note=data["note"],
            late_reason=data["late_reason"],
            remedy_where=data["remedy_where"],
            remedy_until=data["remedy_until"],
            acting_user=self.user,
        )


class ForwardForm(StepForm):
    step, slug = Step.FORWARD, "doorsturen"
    title = _("Forward the complaint")
    help = _(
        "To the competent body or partner (Awb 2:3); the complaint is closed here. The letters tell the "
        "complainant, and send the complaint on to the body. Their date is the date of forwarding."
    )
    submit_label = _("Close as forwarded")
    error_fields = {"closed_on": "forwarded_on"}
    letter_kind, letter_date_field = "forwarding", "forwarded_on"
    forwarded_to = forms.CharField(label=_("Forwarded to"), max_length=200)

    def perform(self, data: dict[str, Any]) -> None:
        closing.forward_complaint(
            self.complaint, to=data["forwarded_to"], forwarded_on=data["forwarded_on"], acting_user=self.user
        )


class WithdrawForm(StepForm):
    step, slug = Step.WITHDRAW, "intrekken"
    title = _("Complaint withdrawn")
    submit_label = _("Close as withdrawn")
    error_fields = {"closed_on": "withdrawn_on"}
    withdrawn_on = _today_field(_("Withdrawn on"))
    note = _note()

    def perform(self, data: dict[str, Any]) -> None:
        closing.withdraw_complaint(
            self.complaint, withdrawn_on=data["withdrawn_on"], note=data["note"], acting_user=self.user
        )

    def next_url(self) -> str | None:
        """Straight on to the letter that confirms the withdrawal to the complainant."""
        return compose_url(self.complaint, "withdrawal")


class CloseWithJudgementForm(StepForm):
    step, slug = Step.CLOSE_JUDGED, "afsluiten"
    title = _("Close with a judgement")
    help = _(
        "The outcome letter gives the findings, the judgement and the conclusions (Awb 9:12). The overall "
        "judgement follows from the elements' judgements."
    )
    submit_label = _("Close the complaint")
    letter_kind, letter_date_field = "outcome", "closed_on"
    findings = _note(_("Findings"), required=True)
    measures = _note(_("Measures, apology or compensation"))
    departure_reason = _note(_("Why the judgement departs from the advisory committee's advice (if it does)"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.complaint.advisory_committee:
            del self.fields["departure_reason"]

    def perform(self, data: dict[str, Any]) -> None:
        closing.close_with_judgement(
            self.complaint,
            closed_on=data["closed_on"],
            findings=data["findings"],
            measures=data["measures"],
            departure_reason=data.get("departure_reason", ""),
            acting_user=self.user,
        )


class ReopenForm(StepForm):
    step, slug = Step.REOPEN, "heropenen"
    title = _("Reopen the complaint")
    submit_label = _("Reopen")
    reason = _note(_("Reason"), required=True)

    def perform(self, data: dict[str, Any]) -> None:
        closing.reopen_complaint(self.complaint, reason=data["reason"], acting_user=self.user)


class RevokeStatusLinkForm(StepForm):
    step, slug = Step.REVOKE_STATUS_LINK, "statuslink-intrekken"
    title = _("Revoke the status link")
    help = _(
        "The resident's private link to the status page stops working, for example when it reached "
        "someone else. Letters that were sent keep the old link."
    )
    submit_label = _("Revoke the link")
    reason = _note(_("Reason"), required=True)

    @classmethod
    def is_available(cls, complaint: Complaint) -> bool:
        return super().is_available(complaint) and complaint.status_link_revoked_at is None

    def perform(self, data: dict[str, Any]) -> None:
        handling.revoke_status_link(self.complaint, reason=data["reason"], acting_user=self.user)
