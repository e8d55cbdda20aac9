"""The forms that change a complaint's data rather than its state: facts, personal data, information.

Changing the facts or the personal data goes through ``handling.update_complaint`` and
``handling.update_personal_data`` (every change in the history; personal data only by field name);
further information and files through ``handling.add_information`` (files checked by content).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from klachtwijzer.accounts.models import Department, Partner, Role, User

from . import attachments, handling
from .constants import Channel, Form
from .forms import (
    ATTACHMENTS_HELP,
    BoundedModelMultipleChoiceField,
    LegalDateField,
    MultipleFileField,
    PersonalDataFields,
    StaffMultipleChoiceField,
    model_field,
)
from .models import Nature
from .step_forms import StepForm
from .workflow import Step


class VersionedForm(StepForm):
    """A form that changes data: it carries the complaint's version, so a stale save is refused."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["version"] = self.complaint.version


class EditFactsForm(VersionedForm):
    step, slug = Step.EDIT, "gegevens"
    title = _("Change the complaint's data")
    submit_label = _("Save the changes")
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices)
    form = forms.ChoiceField(label=_("Form"), choices=Form.choices, widget=forms.RadioSelect)
    department = forms.ModelChoiceField(
        label=_("Department"), queryset=Department.objects.none(), required=False
    )
    partner = forms.ModelChoiceField(label=_("Partner"), queryset=Partner.objects.none(), required=False)
    conduct_on = LegalDateField(label=_("Date of the conduct"), past=True, required=False)
    dated_on = LegalDateField(
        label=_("Date on the complaint"),
        past=True,
        required=False,
        help_text=_("The date the complainant put on the letter or e-mail (Awb 9:4)."),
    )
    about_governing_body = forms.BooleanField(
        label=_("About the governing body, its chair or a member (Awb 9:7 lid 2)"), required=False
    )
    natures = BoundedModelMultipleChoiceField(
        label=_("Natures"),
        queryset=Nature.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    staff_complained_about = StaffMultipleChoiceField(
        label=_("Staff members complained about"),
        queryset=User.objects.none(),
        required=False,
        help_text=_("They may not handle the complaint (Awb 9:7)."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        complaint = self.complaint
        # Retired or inactive entries already chosen stay choosable, so saving keeps them.
        model_field(self, "department").queryset = Department.objects.filter(
            Q(active=True) | Q(pk=complaint.department_id)
        )
        model_field(self, "partner").queryset = Partner.objects.filter(
            Q(active=True) | Q(pk=complaint.partner_id)
        )
        chosen = list(complaint.natures.values_list("pk", flat=True))
        model_field(self, "natures").queryset = Nature.objects.filter(
            Q(retired_on__isnull=True) | Q(pk__in=chosen)
        )
        staff = list(complaint.staff_complained_about.values_list("pk", flat=True))
        model_field(self, "staff_complained_about").queryset = (
            User.objects.filter(Q(is_active=True) | Q(pk__in=staff))
            .exclude(role__in=[Role.BOARD, Role.ADMINISTRATOR, Role.PARTNER])
            .select_related("department")
        )
        self.fields["staff_complained_about"].widget.attrs["size"] = 8
        if not self.is_bound:
            self.initial.update(
                {name: getattr(complaint, name) for name in ("channel", "form", "conduct_on", "dated_on")},
                department=complaint.department_id,
                partner=complaint.partner_id,
                about_governing_body=complaint.about_governing_body,
                natures=chosen,
                staff_complained_about=staff,
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        conduct_on = data.get("conduct_on")
        if conduct_on and conduct_on > self.complaint.received_on:
            self.add_error("conduct_on", _("The date of the conduct lies after the date of receipt."))
        dated_on = data.get("dated_on")
        if dated_on and dated_on > self.complaint.received_on:
            self.add_error("dated_on", _("The date on the complaint lies after the date of receipt."))
        return data

    def perform(self, data: dict[str, Any]) -> None:
        handling.update_complaint(
            self.complaint,
            acting_user=self.user,
            natures=data["natures"],
            staff_complained_about=data["staff_complained_about"],
            expected_version=data["version"],
            **{name: data[name] for name in handling.EDITABLE_FACTS},
        )


class EditPersonalDataForm(PersonalDataFields, VersionedForm):
    step, slug = Step.EDIT, "persoonsgegevens"
    title = _("Change the complainant's data")
    submit_label = _("Save the changes")

    @classmethod
    def is_available(cls, complaint: Any) -> bool:
        personal = getattr(complaint, "personal_data", None)
        return personal is not None and personal.destroyed_on is None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        personal = getattr(self.complaint, "personal_data", None)
        if personal is not None and not self.is_bound:
            self.initial.update({name: getattr(personal, name) for name in handling.PERSONAL_FIELDS})

    def perform(self, data: dict[str, Any]) -> None:
        if not self.is_available(self.complaint):
            raise ValidationError(_("The personal data were destroyed; they cannot be changed."))
        values = {name: data[name] or "" for name in handling.PERSONAL_FIELDS}
        handling.update_personal_data(
            self.complaint, acting_user=self.user, expected_version=data["version"], **values
        )


class AddInformationForm(StepForm):
    step, slug = Step.ADD_INFORMATION, "informatie"
    title = _("Add information or attachments")
    help = _("Information from the complainant, or documents for the file. A waiting complaint resumes.")
    submit_label = _("Add")
    text = forms.CharField(label=_("Information"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    uploads = MultipleFileField(label=_("Files"), required=False, help_text=ATTACHMENTS_HELP)

    def clean_uploads(self) -> list[Any]:
        uploads = self.cleaned_data.get("uploads") or []
        attachments.validate_attachments(uploads)
        return uploads

    def perform(self, data: dict[str, Any]) -> None:
        handling.add_information(
            self.complaint, text=data["text"], uploads=data["uploads"], acting_user=self.user
        )
