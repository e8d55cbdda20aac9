"""Forms of the report pages: the coordinator's texts per section, and the college's adoption date."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .contents import MAX_TEXT_LENGTH, SECTIONS, TEXT_SECTIONS

HELP = {
    "introduction": _("For example the year in a few words, or what changed in the complaints procedure."),
    "conclusions": _("What the figures mean, in the coordinator's words."),
    "attention_points": _("What needs attention next year."),
}


class ReportTextsForm(forms.Form):
    """A text field per section of the report, and the reference date of its figures."""

    as_of = forms.DateField(
        label=_("Reference date of the figures"),
        required=False,
        help_text=_("Leave empty to count what is known today."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        titles = dict(SECTIONS)
        for key in TEXT_SECTIONS:
            self.fields[key] = forms.CharField(
                label=str(titles[key]),
                required=False,
                max_length=MAX_TEXT_LENGTH,
                help_text=HELP.get(key, _("Optional explanation shown below the figures of this section.")),
                widget=forms.Textarea(attrs={"rows": 4 if key in HELP else 2}),
            )

    def texts(self) -> dict[str, str]:
        return {key: self.cleaned_data.get(key) or "" for key in TEXT_SECTIONS}


class AdoptionForm(forms.Form):
    adopted_on = forms.DateField(
        label=_("Adopted by the college on"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
