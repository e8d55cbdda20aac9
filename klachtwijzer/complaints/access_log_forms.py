"""The access log's search form: by user, complaint reference, period and kind of look."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from klachtwijzer.accounts.models import User

from .models import PersonalDataAccess

DATE_ERRORS = {"invalid": _("Fill in a date as dd-mm-yyyy, for example 03-06-2024.")}


class AccessLogSearchForm(forms.Form):
    user = forms.ModelChoiceField(
        label=_("User"),
        queryset=User.objects.order_by("username"),
        required=False,
        error_messages={"invalid_choice": _("Choose a user from the list.")},
    )
    reference = forms.CharField(label=_("Complaint reference"), max_length=40, required=False)
    start = forms.DateField(
        label=_("From"), required=False, input_formats=["%Y-%m-%d", "%d-%m-%Y"], error_messages=DATE_ERRORS
    )
    end = forms.DateField(
        label=_("Until"), required=False, input_formats=["%Y-%m-%d", "%d-%m-%Y"], error_messages=DATE_ERRORS
    )
    action = forms.ChoiceField(
        label=_("Kind of look"),
        choices=[("", _("All kinds")), *PersonalDataAccess.Action.choices],
        required=False,
        error_messages={"invalid_choice": _("Choose a kind of look from the list.")},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            raise forms.ValidationError(_("The start date must be on or before the end date."))
        return data

    def filter(self, entries: QuerySet[PersonalDataAccess]) -> QuerySet[PersonalDataAccess]:
        """The entries that match the valid fields (an invalid form filters nothing out but shows why)."""
        data = self.cleaned_data if self.is_valid() else {}
        conditions = Q()
        if data.get("user"):
            conditions &= Q(user=data["user"])
        if data.get("reference"):
            conditions &= Q(reference__iexact=data["reference"].strip())
        if data.get("start"):
            conditions &= Q(at__date__gte=data["start"])
        if data.get("end"):
            conditions &= Q(at__date__lte=data["end"])
        if data.get("action"):
            conditions &= Q(action=data["action"])
        return entries.filter(conditions)
