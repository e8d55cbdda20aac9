"""Forms of the letter pages: choosing a kind, composing a letter and editing a template."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from . import rendering
from .composing import Recipient
from .context import LetterError
from .models import LetterKind, LetterTemplate

EXTRA_MAX = 5000
BODY_MAX = 20000


class KindForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of letter"),
        error_messages={
            "required": _("Choose a kind of letter."),
            "invalid_choice": _("Choose a kind of letter."),
        },
    )

    def __init__(self, *args: Any, kinds: Sequence[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["kind"]).choices = [
            (kind, LetterKind(kind).label) for kind in kinds
        ]


def recipient_choice(recipient: Recipient) -> str:
    """The addressee as the compose form offers it: with the e-mail address, or that there is none."""
    if recipient.email:
        return f"{recipient.label} · {recipient.email}"
    return gettext("%(recipient)s · no e-mail address: post only") % {"recipient": recipient.label}


class ComposeForm(forms.Form):
    recipient = forms.ChoiceField(
        label=_("Addressee"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the addressee."), "invalid_choice": _("Choose the addressee.")},
    )
    extra = forms.CharField(
        label=_("Your own paragraph in the letter"),
        required=False,
        max_length=EXTRA_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "A paragraph you write yourself; the letter has a place for it after the standard text. "
            "For instance the time and place of the hearing. Write it for the resident, in plain language."
        ),
        error_messages={"max_length": _("The additional text may be at most 5,000 characters long.")},
    )

    def __init__(self, *args: Any, recipients: Sequence[Recipient], reason: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if reason:
            # A reason typed for staff goes into a resident's letter only when the handler ticks this.
            self.fields["with_reason"] = forms.BooleanField(
                label=_("Put the reason for the extension in the letter"),
                required=False,
                help_text=gettext("The reason as recorded for staff: %(reason)s") % {"reason": reason},
            )
        self.recipients = {recipient.key: recipient for recipient in recipients}
        cast(forms.ChoiceField, self.fields["recipient"]).choices = [
            (recipient.key, recipient_choice(recipient)) for recipient in recipients
        ]
        if len(recipients) == 1:
            self.fields["recipient"].initial = recipients[0].key

    def chosen_recipient(self) -> Recipient:
        return self.recipients[self.cleaned_data["recipient"]]


class TemplateForm(forms.ModelForm[LetterTemplate]):
    class Meta:
        model = LetterTemplate
        fields = ["subject", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 24, "class": "kw-code", "spellcheck": "true"})}
        error_messages = {
            "subject": {"required": _("Enter the subject."), "max_length": _("The subject is too long.")},
            "body": {
                "required": _("Enter the text of the letter."),
                "max_length": _("The text may be at most 20,000 characters long."),
            },
        }

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        body = cast(forms.CharField, self.fields["body"])
        body.max_length = BODY_MAX
        body.validators.append(MaxLengthValidator(BODY_MAX))
        body.widget.attrs["maxlength"] = str(BODY_MAX)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        try:
            rendering.validate_template(self.instance.kind, data.get("subject", ""), data.get("body", ""))
        except LetterError as error:
            for message in error.messages:
                self.add_error("body", message)
        return data
