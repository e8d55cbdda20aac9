"""The demo data's letters: every step that stands for a letter gets it, on the step's own day.

Rendering hundreds of real letters would make loading the demo slow, so each letter is stored as sent
outside Klachtwijzer (``composing.upload_external_letter``): a one-page PDF that says which letter it
stands for. The rule holds in the demo as in use: no legally relevant date without its document.
Registered with ``extensions.set_demo_letters`` in ``apps.py``.
"""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile

from klachtwijzer.accounts.models import User
from klachtwijzer.complaints.dates import long_date
from klachtwijzer.complaints.demo_texts import demo_letter_pdf
from klachtwijzer.complaints.models import Complaint

from . import composing
from .models import LetterKind


def make_demo_letters(complaint: Complaint, kind: str, day: dt.date, acting_user: User) -> int:
    """Store the letters of ``kind`` about ``complaint`` as sent on ``day``; how many were made."""
    complaint = Complaint.objects.select_related("personal_data").get(pk=complaint.pk)
    recipients = composing.recipients_for(complaint, kind)
    for recipient in recipients:
        pdf = demo_letter_pdf(
            str(LetterKind(kind).label), complaint.reference, recipient.name, long_date(day)
        )
        composing.upload_external_letter(
            complaint,
            kind=kind,
            recipient_role=recipient.role,
            recipient_name=recipient.name,
            sent_on=day,
            file=SimpleUploadedFile(f"{kind}.pdf", pdf, content_type="application/pdf"),
            acting_user=acting_user,
        )
    return len(recipients)
