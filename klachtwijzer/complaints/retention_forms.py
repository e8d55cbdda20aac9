"""The forms of the retention pages: a date, a legal hold and the reason it is lifted."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class AsOfForm(forms.Form):
    as_of = forms.DateField(
        label=_("Due for destruction on"),
        input_formats=["%Y-%m-%d", "%d-%m-%Y"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Fill in a date as dd-mm-yyyy, for example 03-06-2024.")},
    )


class HoldForm(forms.Form):
    reference = forms.CharField(label=_("Complaint reference"), max_length=30)
    reason = forms.CharField(label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class LiftForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for lifting"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
