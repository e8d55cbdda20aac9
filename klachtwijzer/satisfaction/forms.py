from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import COMMENT_MAX_LENGTH, Choice3

SCORES = [(str(n), str(n)) for n in range(1, 11)]


class SurveyForm(forms.Form):
    score = forms.TypedChoiceField(
        label=_("What score do you give the handling of your complaint? (1 is very bad, 10 is very good)"),
        choices=SCORES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose a score from 1 to 10."),
            "invalid_choice": _("Choose a score from 1 to 10."),
        },
    )
    resolved = forms.ChoiceField(
        label=_("Has your complaint been resolved?"),
        choices=Choice3.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose whether your complaint was resolved."),
            "invalid_choice": _("Choose whether your complaint was resolved."),
        },
    )
    heard = forms.ChoiceField(
        label=_("Did you feel heard?"),
        choices=Choice3.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose whether you felt heard."),
            "invalid_choice": _("Choose whether you felt heard."),
        },
    )
    comment = forms.CharField(
        label=_("Do you want to tell us anything else?"),
        help_text=_("Do not write your name or other personal details here. At most 1000 characters."),
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "max_length": _("Your comment is too long: use at most %(limit_value)d characters."),
        },
    )
