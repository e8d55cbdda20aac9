"""The public complaint form and the form for adding information on the status page.

What a written complaint must hold (Awb 9:4): the complainant's name and address, the date, and a
description of the conduct. Every message names the field and says what to do, in Dutch; files are
checked by their content (``complaints.attachments``). The honeypot field ``homepage`` is invisible
to people and assistive technology; a form that fills it in is refused.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from klachtwijzer.accounts.models import Department, Partner
from klachtwijzer.complaints import attachments

DATE_FORMATS = ["%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y", "%Y-%m-%d"]
PHONE = re.compile(r"^\+?[0-9 ()\-]{6,40}$")
POSTCODE_NL = re.compile(r"^([1-9][0-9]{3})\s?([A-Za-z]{2})$")
POSTCODE_ANY = re.compile(r"^[A-Za-z0-9 \-]{2,10}$")
ACCEPT = ".pdf,.jpg,.jpeg,.png,.gif,.webp,.heic,.doc,.docx,.xls,.xlsx,.odt,.ods"
NULL_CHARACTER = _("The text contains a character that is not allowed.")
SPAM_MESSAGE = _("Your complaint could not be sent. Send the form again, or contact us by phone.")


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.Field):
    """Up to five files, each checked by its content; every problem is reported."""

    widget = MultipleFileInput

    def __init__(self, **kwargs: Any):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.widget.attrs["accept"] = ACCEPT

    def to_python(self, value: object) -> list[UploadedFile[bytes]]:
        items = value if isinstance(value, list | tuple) else [value]
        return [item for item in items if isinstance(item, UploadedFile)]

    def validate(self, value: list[UploadedFile[bytes]]) -> None:
        if value:
            attachments.validate_attachments(value)


def text_field(
    label: StrOrPromise,
    *,
    required_message: StrOrPromise | None,
    max_length: int,
    too_long: StrOrPromise,
    textarea: bool = False,
    **kwargs: Any,
) -> forms.CharField:
    """A text field whose every message names the field (required, too long, null characters)."""
    widget = forms.Textarea(attrs={"rows": 8}) if textarea else forms.TextInput()
    widget.attrs.update(kwargs.pop("attrs", {}))
    return forms.CharField(
        label=label,
        required=required_message is not None,
        max_length=max_length,
        widget=widget,
        error_messages={
            "required": required_message or "",
            "max_length": too_long,
            "null_characters_not_allowed": NULL_CHARACTER,
        },
        **kwargs,
    )


def about_target(value: str) -> tuple[Department | None, Partner | None]:
    """The active department or partner that a value of the 'about' list names (one query, or none)."""
    kind, _sep, pk = value.partition("-")
    if not pk.isdigit() or len(pk) > 18:
        return None, None
    if kind == "department":
        return Department.objects.active().filter(pk=pk).first(), None
    if kind == "partner":
        return None, Partner.objects.active().filter(pk=pk).first()
    return None, None


class AboutField(forms.ChoiceField):
    """The department or service, its value checked by the form looking up the chosen one (``clean_about``)
    instead of reading both lists: a valid submission costs one query here instead of two list reads (the
    public form's cost per submission, docs/benchmarks.md). The lists are read when the form is shown.
    """

    def validate(self, value: Any) -> None:
        forms.Field.validate(self, value)


class ComplaintForm(forms.Form):
    name = text_field(
        _("Your name"),
        required_message=_("Enter your name."),
        max_length=200,
        too_long=_("Your name may be at most 200 characters long."),
        attrs={"autocomplete": "name"},
    )
    address = text_field(
        _("Street and house number"),
        required_message=_("Enter your street and house number."),
        max_length=200,
        too_long=_("The address may be at most 200 characters long."),
        attrs={"autocomplete": "address-line1"},
    )
    postcode = text_field(
        _("Postcode"),
        required_message=None,
        max_length=10,
        too_long=_("Enter a postcode like 1234 AB."),
        help_text=_("For example 1234 AB."),
        attrs={"autocomplete": "postal-code", "class": "kw-textbox--short"},
    )
    city = text_field(
        _("Town or city"),
        required_message=_("Enter your town or city."),
        max_length=100,
        too_long=_("The town or city may be at most 100 characters long."),
        attrs={"autocomplete": "address-level2"},
    )
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        help_text=_("We send the acknowledgement of receipt and our letters to this address."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Enter your e-mail address."),
            "invalid": _("Enter an e-mail address like name@example.nl."),
            "max_length": _("The e-mail address may be at most 254 characters long."),
            "null_characters_not_allowed": NULL_CHARACTER,
        },
    )
    phone = text_field(
        _("Phone number"),
        required_message=None,
        max_length=40,
        too_long=_("Enter a phone number of at most 40 characters."),
        help_text=_("So that we can call you to discuss your complaint."),
        attrs={"autocomplete": "tel", "inputmode": "tel", "class": "kw-textbox--short"},
    )
    description = text_field(
        _("What happened?"),
        required_message=_("Describe what happened."),
        max_length=10000,
        too_long=_(
            "The description may be at most 10,000 characters long. Add a longer text as an attachment."
        ),
        textarea=True,
        help_text=_("Describe how you were treated: what happened, where, and who was involved if you know."),
    )
    conduct_on = forms.DateField(
        label=_("When did it happen?"),
        required=False,
        input_formats=DATE_FORMATS,
        help_text=_("The date, for example 17-03-2025. Leave it empty if you do not know."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "kw-textbox--short"}),
        error_messages={"invalid": _("Enter the date like 17-03-2025.")},
    )
    about = AboutField(
        label=_("Department or service"),
        required=False,
        help_text=_("The department or service your complaint is about, if you know."),
        error_messages={"invalid_choice": _("Choose a department or service from the list.")},
    )
    person_complained_about = text_field(
        _("Who helped you?"),
        required_message=None,
        max_length=300,
        too_long=_("The name(s) may be at most 300 characters long."),
        help_text=_("The name of the employee, if you know it."),
    )
    desired_outcome = text_field(
        _("What would you like us to do?"),
        required_message=None,
        max_length=5000,
        too_long=_("This answer may be at most 5,000 characters long."),
        textarea=True,
        help_text=_("For example an apology, an explanation or a change in how we work."),
    )
    attachments = AttachmentsField(
        label=_("Attachments"),
        help_text=_("At most 5 files of at most 10 MB each: PDF, photos (JPG, PNG) or Office documents."),
    )
    homepage = forms.CharField(label=_("Leave this field empty"), required=False, max_length=200)

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        # A callable: the lists are read only when the form is shown (once), not for a valid submission.
        cast(forms.ChoiceField, self.fields["about"]).choices = functools.cache(about_choices)

    def clean_postcode(self) -> str:
        value: str = self.cleaned_data["postcode"].strip()
        if not value:
            return ""
        match = POSTCODE_NL.match(value)
        if match:
            return f"{match.group(1)} {match.group(2).upper()}"
        if POSTCODE_ANY.match(value):
            return value.upper()
        raise ValidationError(_("Enter a postcode like 1234 AB."))

    def clean_phone(self) -> str:
        value: str = self.cleaned_data["phone"].strip()
        if value and not PHONE.match(value):
            raise ValidationError(_("Enter a phone number with digits only, for example 06 12345678."))
        return value

    def clean_conduct_on(self) -> dt.date | None:
        value: dt.date | None = self.cleaned_data["conduct_on"]
        if value and value > timezone.localdate():
            raise ValidationError(_("The date lies in the future. Enter the date on which it happened."))
        if value and value.year < 1900:
            raise ValidationError(_("Check the year of the date."))
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.data.get("homepage"):
            raise ValidationError(SPAM_MESSAGE, code="honeypot")
        return data

    def clean_about(self) -> str:
        value: str = self.cleaned_data.get("about") or ""
        self._about = about_target(value)
        if value and self._about == (None, None):
            message = self.fields["about"].error_messages["invalid_choice"]
            raise ValidationError(message, code="invalid_choice")
        return value

    def department_and_partner(self) -> tuple[Department | None, Partner | None]:
        return getattr(self, "_about", (None, None))


def about_choices() -> list[tuple[Any, Any]]:
    departments = [(f"department-{d.pk}", d.name) for d in Department.objects.active()]
    partners = [
        (f"partner-{p.pk}", f"{p.service} ({p.name})" if p.service else p.name)
        for p in Partner.objects.active()
    ]
    choices: list[tuple[Any, Any]] = [("", _("I don't know"))]
    if departments:
        choices.append((_("Departments"), departments))
    if partners:
        choices.append((_("Services of partner organisations"), partners))
    return choices


class InformationForm(forms.Form):
    text = text_field(
        _("Additional information"),
        required_message=None,
        max_length=10000,
        too_long=_(
            "The information may be at most 10,000 characters long. Add a longer text as an attachment."
        ),
        textarea=True,
    )
    attachments = AttachmentsField(
        label=_("Attachments"),
        help_text=_("At most 5 files of at most 10 MB each: PDF, photos (JPG, PNG) or Office documents."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors and not (data.get("text") or "").strip() and not data.get("attachments"):
            self.add_error("text", _("Write the information you want to add, or add a file."))
        return data
