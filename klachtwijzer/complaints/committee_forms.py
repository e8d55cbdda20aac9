"""The step form for the advisory committee's hearing and advice (Awb 9:15-9:16; see ``committee.py``)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from . import committee
from .constants import Judgement
from .models import Complaint
from .step_forms import StepForm, _note, _today_field
from .workflow import Step


class CommitteeAdviceForm(StepForm):
    step, slug = Step.HEARING, "advies-commissie"
    title = _("Record the advice of the advisory committee")
    help = _(
        "The advisory committee heard the parties and gave its advice (Awb 9:15 and 9:16). Type the advice, "
        "upload the committee's document, or both. The advice goes with the outcome letter."
    )
    hearing_on = _today_field(_("The committee heard the parties on"))
    advised_on = _today_field(_("The committee gave its advice on"))
    recommended_judgement = forms.ChoiceField(
        label=_("Judgement the committee recommends"),
        choices=[("", ""), *Judgement.choices],
        error_messages={"required": _("Choose the judgement the committee recommends.")},
    )
    advice = _note(_("The advice"))
    document = forms.FileField(label=_("The committee's advice document (PDF or Word)"), required=False)

    @classmethod
    def is_available(cls, complaint: Complaint) -> bool:
        return super().is_available(complaint) and complaint.advisory_committee

    def perform(self, data: dict[str, Any]) -> None:
        committee.record_advice(
            self.complaint,
            hearing_on=data["hearing_on"],
            advised_on=data["advised_on"],
            recommended_judgement=data["recommended_judgement"],
            advice=data["advice"],
            document=data.get("document"),
            acting_user=self.user,
        )
