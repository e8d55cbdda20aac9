"""A complaint from the public web form: registered, its files stored and its acknowledgement queued.

One transaction: the complaint (Awb 9:4; channel web form, written), its attachments, and the
acknowledgement (9:6), which the task worker makes and e-mails after the commit. A problem anywhere
leaves nothing stored.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from klachtwijzer.accounts.models import Department, Partner
from klachtwijzer.complaints import attachments, handling, history
from klachtwijzer.complaints.constants import Channel, Form
from klachtwijzer.complaints.models import Complaint
from klachtwijzer.letters.sending import queue_acknowledgement


@transaction.atomic
def submit_complaint(
    *,
    data: dict[str, Any],
    department: Department | None,
    partner: Partner | None,
    uploads: Sequence[UploadedFile[Any]],
) -> Complaint:
    """Register a complaint sent through the public form."""
    personal = {name: (data.get(name) or "").strip() for name in handling.PERSONAL_FIELDS}
    today = timezone.localdate()
    complaint = handling.register_complaint(
        received_on=today,
        dated_on=today,  # the web form is dated the day it is sent (Awb 9:4 lid 2b)
        channel=Channel.WEB_FORM,
        form=Form.WRITTEN,
        department=department,
        partner=partner,
        conduct_on=data.get("conduct_on"),
        personal=personal,
        acting_user=None,
        actor_label=history.complainant_via_web_form(),
    )
    if uploads:
        attachments.add_attachments(
            complaint,
            uploads=uploads,
            from_complainant=True,
            acting_user=None,
            actor_label=history.complainant_via_web_form(),
        )
    queue_acknowledgement(complaint, acting_user=None)
    return complaint
