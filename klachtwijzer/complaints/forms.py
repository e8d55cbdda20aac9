"""The back office's forms: the shared form behaviour, the list's filters and the staff intake.

Forms only parse input; every change goes through the use cases in ``handling.py`` and ``closing.py``.
A use case that refuses (a ``ProcedureError``, a ``ValidationError``) has its message shown next to
the field it names, or above the form when it names none. The steps of the procedure are in
``step_forms.py``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from klachtwijzer.accounts.access import can_search_text
from klachtwijzer.accounts.models import Department, Partner, Role, User

from . import access, attachments, handling
from .constants import REGISTER_OORDEEL, Channel, Form, Kind, NatureGroup, Outcome, Status
from .models import Nature
from .queues import QUEUE_LABELS, TERM_LABELS, queues_for

EARLIEST_DATE = dt.date(1990, 1, 1)
FUTURE_YEARS = 10
BIGINT_MAX = 2**63 - 1
ATTACHMENTS_HELP = _("At most 5 files of at most 10 MB each: PDF, images or Office documents.")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


class LegalDateField(forms.DateField):
    """A date in the procedure: not absurdly early or late, and with ``past=True`` not in the future."""

    widget = DateInput

    def __init__(self, *, past: bool = False, **kwargs: Any) -> None:
        self.past = past
        super().__init__(**kwargs)

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value in self.empty_values:
            return
        today = timezone.localdate()
        if value < EARLIEST_DATE:
            raise ValidationError(_("Enter a date from 1 January 1990 onwards."), code="too_early")
        if self.past and value > today:
            raise ValidationError(_("This date lies in the future."), code="future")
        if value.year > today.year + FUTURE_YEARS:
            raise ValidationError(_("This date lies too far in the future."), code="too_late")


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; ``attachments.validate_attachments`` checks them together."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(**kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        items = data if isinstance(data, list | tuple) else [data]
        cleaned = [super(MultipleFileField, self).clean(item, initial) for item in items if item]
        if self.required and not cleaned:
            raise ValidationError(self.error_messages["required"], code="required")
        return [item for item in cleaned if item]


class BackOfficeForm(forms.Form):
    """A form whose use case's refusal is shown next to the fields it names.

    Rendered through ``partials/form_field.html`` and ``partials/error_summary.html``, which give
    every control its Utrecht classes and its ARIA attributes.
    """

    # A use case's field name → this form's field name, where they differ.
    error_fields: ClassVar[dict[str, str]] = {}

    def add_use_case_error(self, error: ValidationError) -> None:
        """Put a use case's refusal next to the field it names, or above the form."""
        add_use_case_error(self, error, field_names=self.error_fields)


def add_use_case_error(
    form: forms.BaseForm, error: ValidationError, *, field_names: Mapping[str, str] | None = None
) -> None:
    """Put a use case's refusal next to the field it names (``field_names`` maps a use case's name to the
    form's where they differ), or above the form when it names none of the form's fields."""
    names = field_names or {}
    if hasattr(error, "error_dict"):
        for key, errors in error.error_dict.items():
            name = names.get(key, key)
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def choice_field(form: forms.BaseForm, name: str) -> forms.ChoiceField:
    return cast(forms.ChoiceField, form.fields[name])


def model_field(form: forms.BaseForm, name: str) -> forms.ModelChoiceField[Any]:
    return cast("forms.ModelChoiceField[Any]", form.fields[name])


def person_label(user: User) -> str:
    name = str(user)
    return f"{name} ({user.department})" if user.department_id else name


if TYPE_CHECKING:
    # The stubs make the model choice fields generic; Django's classes take no type arguments at run time.
    _UserChoiceField = forms.ModelChoiceField[User]
    _ModelMultipleChoiceField = forms.ModelMultipleChoiceField[Any]
else:
    _UserChoiceField = forms.ModelChoiceField
    _ModelMultipleChoiceField = forms.ModelMultipleChoiceField


class StaffChoiceField(_UserChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return person_label(obj)


class BoundedModelMultipleChoiceField(_ModelMultipleChoiceField):
    """Ids beyond the database's integer range are invalid choices (SQLite would fail on them)."""

    def clean(self, value: Any) -> Any:
        for pk in value if isinstance(value, list | tuple) else ():
            try:
                number = int(str(pk))
            except (TypeError, ValueError):
                continue  # the parent reports it as an invalid choice
            if abs(number) > BIGINT_MAX:
                raise ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": pk}
                )
        return super().clean(value)


class StaffMultipleChoiceField(BoundedModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return person_label(obj)


SORTS: dict[str, tuple[Any, tuple[str, ...]]] = {
    "-received": (_("Newest first"), ("-received_on", "-reference")),
    "received": (_("Oldest first"), ("received_on", "reference")),
    "term": (_("Term ends soonest"), ("applicable_term_end", "reference")),
    "-term": (_("Term ends latest"), ("-applicable_term_end", "-reference")),
    "reference": (_("Reference"), ("reference",)),
    "status": (_("Status"), ("status", "-received_on", "-reference")),
    "department": (_("Department"), ("department__name", "-received_on", "-reference")),
}
DEFAULT_SORT = "-received"


def _choices(pairs: Any, empty: Any = None) -> list[tuple[str, Any]]:
    return [("", empty or _("All")), *pairs]


class ComplaintFilterForm(BackOfficeForm):
    """The list's filters, read from the query string; an invalid filter is reported and ignored."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    queue = forms.ChoiceField(label=_("Queue"), required=False)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=_choices([("open", _("Open")), *Status.choices])
    )
    term = forms.ChoiceField(
        label=_("Term"), required=False, choices=_choices([(k.value, v) for k, v in TERM_LABELS.items()])
    )
    department = forms.ModelChoiceField(
        label=_("Department"), queryset=Department.objects.all(), required=False
    )
    nature = forms.ModelChoiceField(label=_("Nature"), queryset=Nature.objects.all(), required=False)
    channel = forms.ChoiceField(label=_("Channel"), required=False, choices=_choices(Channel.choices))
    partner = forms.ModelChoiceField(label=_("Partner"), queryset=Partner.objects.all(), required=False)
    handler = StaffChoiceField(label=_("Handler"), queryset=User.objects.none(), required=False)
    received_from = LegalDateField(label=_("Received from"), required=False)
    received_to = LegalDateField(label=_("Received until"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=_choices(Kind.choices))
    complaint_form = forms.ChoiceField(
        label=_("Written or oral"), required=False, choices=_choices(Form.choices)
    )
    nature_group = forms.ChoiceField(
        label=_("Group of natures"), required=False, choices=_choices(NatureGroup.choices)
    )
    oordeel = forms.ChoiceField(label=_("How it ended"), required=False)
    closed_from = LegalDateField(label=_("Closed from"), required=False)
    closed_to = LegalDateField(label=_("Closed until"), required=False)
    sort = forms.ChoiceField(
        label=_("Sort by"), required=False, choices=[(key, label) for key, (label, _order) in SORTS.items()]
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        choice_field(self, "queue").choices = _choices([(q.value, QUEUE_LABELS[q]) for q in queues_for(user)])
        choice_field(self, "oordeel").choices = _choices(oordeel_choices())
        # Only the handlers of complaints the user may see: a partner learns no other staff names.
        handlers = access.visible_complaints(user).values("handler")
        model_field(self, "handler").queryset = User.objects.filter(pk__in=handlers).select_related(
            "department"
        )
        if can_search_text(user):
            self.fields["q"].help_text = _(
                "The beginning of the reference, the name, e-mail address or phone number of the complainant "
                "or of the person complained about, or words from the description (at least 3 characters)."
            )
        else:
            self.fields["q"].help_text = _("The beginning of the reference.")
        if user.role == Role.PARTNER:
            del self.fields["partner"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for first, last in (("received_from", "received_to"), ("closed_from", "closed_to")):
            start, end = data.get(first), data.get(last)
            if start and end and start > end:
                self.add_error(last, _("This date lies before the start date."))
        return data


class PersonalDataFields(forms.Form):
    """The complainant's data as staff enter and correct them (``handling.PERSONAL_FIELDS``)."""

    name = forms.CharField(label=_("Name"), max_length=200, required=False)
    address = forms.CharField(label=_("Address"), max_length=200, required=False)
    postcode = forms.CharField(label=_("Postcode"), max_length=10, required=False)
    city = forms.CharField(label=_("City"), max_length=100, required=False)
    email = forms.EmailField(label=_("E-mail address"), required=False)
    phone = forms.CharField(label=_("Phone number"), max_length=40, required=False)
    person_complained_about = forms.CharField(
        label=_("Person(s) complained about"), max_length=300, required=False
    )
    description = forms.CharField(
        label=_("What happened"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        help_text=_("The conduct complained about. A written complaint without it is asked to be completed."),
    )
    desired_outcome = forms.CharField(
        label=_("What the complainant wants"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


def oordeel_choices() -> list[tuple[str, Any]]:
    """How a complaint ended, in the register's one ``oordeel`` column, with the model's labels."""
    return [
        (key, judgement.label if outcome == Outcome.JUDGED and judgement else outcome.label)
        for key, (outcome, judgement) in REGISTER_OORDEEL.items()
    ]


class RegisterComplaintForm(PersonalDataFields, BackOfficeForm):
    """A complaint received by phone, letter, desk or e-mail, entered by staff or a partner."""

    field_order = [
        "channel",
        "form",
        "received_on",
        "department",
        "partner",
        "conduct_on",
        "dated_on",
        *handling.PERSONAL_FIELDS,
        "attachments",
    ]

    channel = forms.ChoiceField(
        label=_("Received by"),
        choices=[(c.value, c.label) for c in Channel if c != Channel.WEB_FORM],
        initial=Channel.PHONE,
    )
    form = forms.ChoiceField(
        label=_("Form"),
        choices=Form.choices,
        initial=Form.WRITTEN,
        widget=forms.RadioSelect,
        help_text=_(
            "Only written complaints (letter, e-mail, web form) follow the procedure of Awb 9:4-9:12."
        ),
    )
    received_on = LegalDateField(label=_("Date of receipt"), past=True, initial=timezone.localdate)
    department = forms.ModelChoiceField(
        label=_("Department"),
        queryset=Department.objects.active(),
        required=False,
        help_text=_("Leave empty when unknown; the coordinator decides at triage."),
    )
    partner = forms.ModelChoiceField(label=_("Partner"), queryset=Partner.objects.active(), required=False)
    conduct_on = LegalDateField(label=_("Date of the conduct"), past=True, required=False)
    dated_on = LegalDateField(
        label=_("Date on the complaint"),
        past=True,
        required=False,
        help_text=_(
            "The date on the letter or e-mail. A written complaint needs a name, an address, a date and a "
            "description (Awb 9:4); leave out what it lacks: the complaint is registered and its page shows "
            "what is missing."
        ),
    )
    attachments = MultipleFileField(
        label=_("Attachments"),
        required=False,
        help_text=ATTACHMENTS_HELP,
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        if user.role == Role.PARTNER:
            del self.fields["partner"]
        elif user.department_id:
            self.fields["department"].initial = user.department_id

    def clean_attachments(self) -> list[Any]:
        files = self.cleaned_data.get("attachments") or []
        attachments.validate_attachments(files)
        return files

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        received_on, dated_on = data.get("received_on"), data.get("dated_on")
        if received_on and dated_on and dated_on > received_on:
            self.add_error("dated_on", _("The date on the complaint lies after the date of receipt."))
        if not (str(data.get("description") or "").strip() or str(data.get("name") or "").strip()):
            # An incomplete complaint is registered (Awb 9:4), an empty one is not: nothing to ask about.
            self.add_error(
                "description",
                _(
                    "Fill in what the complaint is about, or at least who made it: without either it is "
                    "not a complaint."
                ),
            )
        return data

    def registration(self) -> dict[str, Any]:
        """The arguments of ``handling.register_complaint`` from the valid form (the partner is fixed for
        a partner user)."""
        data = self.cleaned_data
        return {
            "received_on": data["received_on"],
            "channel": data["channel"],
            "form": data["form"],
            "department": data.get("department"),
            "partner": self.user.partner if self.user.role == Role.PARTNER else data.get("partner"),
            "conduct_on": data.get("conduct_on"),
            "dated_on": data.get("dated_on"),
            "personal": {name: data.get(name) or "" for name in handling.PERSONAL_FIELDS},
            "uploads": data["attachments"],
        }
