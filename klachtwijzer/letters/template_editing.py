"""The coordinator's use case on letter templates: saving the text of one kind of letter.

The text is checked as the editor checks it (``rendering.validate_template``: only known variables, the
required ones present); the template itself records who changed it last and when.
"""

from __future__ import annotations

from django.db import transaction

from klachtwijzer.accounts.models import User

from .models import LetterTemplate
from .rendering import validate_template


@transaction.atomic
def save_letter_template(*, kind: str, subject: str, body: str, acting_user: User) -> LetterTemplate:
    """Store ``subject`` and ``body`` as the template of ``kind``, changed by ``acting_user``."""
    validate_template(kind, subject, body)
    template = LetterTemplate.objects.select_for_update().filter(kind=kind).first()
    if template is None:
        template = LetterTemplate(kind=kind)
    template.subject = subject
    template.body = body
    template.updated_by = acting_user
    template.full_clean()
    template.save()
    return template
