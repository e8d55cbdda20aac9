"""The forms of the ombudsman pages; the use cases in ``handling.py`` check what the forms cannot."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from klachtwijzer.complaints.models import Complaint, ComplaintElement, Nature

from .models import Action, OmbudsmanKind, Response, Verdict

DATE_ERRORS = {"invalid": _("Fill in a date as dd-mm-yyyy, for example 03-06-2024.")}


class DateField(forms.DateField):
    def __init__(self, **kwargs: object) -> None:
        super().__init__(input_formats=["%d-%m-%Y", "%Y-%m-%d"], error_messages=DATE_ERRORS, **kwargs)  # type: ignore[arg-type]


class OpenCaseForm(forms.Form):
    petition_on = DateField(label=_("Petition date"))
    case_number = forms.CharField(label=_("The ombudsman's case number"), max_length=60, required=False)
    ombudsman_name = forms.CharField(label=_("Ombudsman"), max_length=120, required=False)
    ombudsman_kind = forms.ChoiceField(label=_("Kind of ombudsman"), choices=OmbudsmanKind.choices)


class OutcomeForm(forms.Form):
    action = forms.ChoiceField(label=_("What the ombudsman did"), choices=Action.choices)
    action_on = DateField(label=_("Date of the outcome"), required=False)


class ElementChoiceField(forms.ModelChoiceField[ComplaintElement]):
    def label_from_instance(self, obj: ComplaintElement) -> str:
        return f"{obj.position}. {obj.summary}"


class JudgementForm(forms.Form):
    """The ombudsman's judgement on one element of the complaint (or on the complaint as a whole)."""

    element = ElementChoiceField(
        label=_("Complaint element"),
        queryset=ComplaintElement.objects.none(),
        required=False,
        empty_label=_("The complaint as a whole"),
    )
    norm = forms.ModelChoiceField(label=_("Norm"), queryset=Nature.objects.filter(is_norm=True))
    verdict = forms.ChoiceField(label=_("Judgement"), choices=Verdict.choices)

    def __init__(self, *args: Any, complaint: Complaint, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["element"]
        assert isinstance(field, ElementChoiceField)
        field.queryset = ComplaintElement.objects.filter(complaint=complaint).order_by("position")


class RecommendationForm(forms.Form):
    text = forms.CharField(label=_("Recommendation"), widget=forms.Textarea)


class ResponseForm(forms.Form):
    response = forms.ChoiceField(label=_("What the municipality did"), choices=Response.choices)
    explanation = forms.CharField(label=_("Explanation"), widget=forms.Textarea, required=False)


class DeadlineForm(forms.Form):
    description = forms.CharField(label=_("What is asked"), max_length=200)
    due_on = DateField(label=_("Due on"))


class DoneForm(forms.Form):
    done_on = DateField(label=_("Done on"))
