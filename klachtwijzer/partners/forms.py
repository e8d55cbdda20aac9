"""The partners' forms: uploading a figures file and recording a conversation."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from klachtwijzer.complaints.forms import BackOfficeForm, LegalDateField

# A figures file holds a few rows per partner; a larger upload is not a figures file.
MAX_FILE_SIZE = 2 * 1024 * 1024


class FiguresUploadForm(BackOfficeForm):
    file = forms.FileField(
        label=_("Figures file (CSV or Excel)"),
        help_text=_("One row per period, in the format described on this page."),
    )
    replace = forms.BooleanField(
        label=_("This file corrects figures reported earlier"),
        required=False,
        help_text=_(
            "Figures reported earlier for an overlapping period are then replaced; they stay in the history."
        ),
    )

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_SIZE:
            raise forms.ValidationError(_("The file is larger than 2 MB; this is not a figures file."))
        return upload


class ConversationForm(BackOfficeForm):
    held_on = LegalDateField(label=_("Date of the conversation"), past=True, initial=timezone.localdate)
    participants = forms.CharField(
        label=_("Who took part"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )
    agreements = forms.CharField(
        label=_("Agreements"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5})
    )
