"""The advisory committee (Awb 9:13-9:16): its hearing and advice, and a decision that departs from it.

Where the municipality has a committee (``Municipality.advisory_committee``, copied onto each complaint
at receipt), the committee hears the parties (9:15) and advises (9:16 lid 1). The handler records the
hearing date, the advice (text, an uploaded document, or both) and the judgement it recommends. Closing
with a judgement then needs the advice; a judgement other than the recommended one needs the reason
(9:12 lid 2 with 9:16 lid 2: the outcome letter says why it departs), checked by ``check_advice_followed``.
The advice goes with the outcome letter: the letter mentions it and the e-mail encloses the document.
The handling term with a committee is ten weeks (Awb 9:11 lid 1).
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from klachtwijzer.accounts.models import User

from . import history
from .attachments import validate_attachment
from .constants import Judgement
from .locking import changes_complaint
from .models import CommitteeAdvice, Complaint, HistoryEvent
from .steps import not_before_receipt, not_in_future
from .workflow import ProcedureError, Step, check_written


@changes_complaint
def record_advice(
    complaint: Complaint,
    *,
    hearing_on: dt.date,
    advised_on: dt.date,
    recommended_judgement: str,
    advice: str = "",
    document: UploadedFile[bytes] | None = None,
    acting_user: User,
) -> CommitteeAdvice:
    """Record (or correct) the committee's hearing and advice on ``complaint``; all or nothing."""
    if not complaint.advisory_committee:
        raise ProcedureError(
            _("This complaint is not handled by an advisory committee, so there is no advice to record."),
            code="no_committee",
        )
    if complaint.closed_on:
        raise ProcedureError(_("The complaint is closed; reopen it to change the advice."), code="closed")
    check_written(complaint.form, Step.CLOSE_JUDGED)
    not_before_receipt(complaint, hearing_on, "hearing_on")
    not_in_future(hearing_on, "hearing_on")
    not_in_future(advised_on, "advised_on")
    if advised_on < hearing_on:
        raise ProcedureError({"advised_on": _("The advice cannot be given before the committee's hearing.")})
    if recommended_judgement not in Judgement.values:
        raise ProcedureError({"recommended_judgement": _("Choose the judgement the committee recommends.")})
    if not advice.strip() and document is None:
        raise ProcedureError({"advice": _("Type the advice or upload the committee's advice document.")})
    if document is not None:
        try:
            validate_attachment(document)
        except ValidationError as error:
            raise ProcedureError({"document": error.messages}) from None
    with transaction.atomic():
        record, _created = CommitteeAdvice.objects.get_or_create(
            complaint=complaint,
            defaults={"hearing_on": hearing_on, "advised_on": advised_on, "recommended_judgement": ""},
        )
        record.hearing_on, record.advised_on = hearing_on, advised_on
        record.recommended_judgement = recommended_judgement
        record.advice = advice.strip()
        record.recorded_by = acting_user
        if document is not None:
            record.document_name = (document.name or "")[:255]
            record.document.save(document.name or "advies.pdf", document, save=False)
        record.save()
        history.record(
            complaint,
            HistoryEvent.Type.COMMITTEE_ADVICE,
            actor=acting_user,
            note=str(Judgement(recommended_judgement).label),
        )
    return record


def advice_of(complaint: Complaint) -> CommitteeAdvice | None:
    try:
        return complaint.committee_advice
    except CommitteeAdvice.DoesNotExist:
        return None


def destroy_advice(complaint: Complaint) -> int:
    """Blank the advice's free text and delete its document (part of destroying the personal data)."""
    record = advice_of(complaint)
    if record is None:
        return 0
    if record.document:
        record.document.delete(save=False)
    record.advice = record.departure_reason = record.document_name = ""
    record.save(update_fields=["advice", "departure_reason", "document", "document_name"])
    return 1


def check_advice_followed(complaint: Complaint, judgement: str, departure_reason: str) -> None:
    """With a committee: the advice must be recorded, and a judgement departing from it says why.

    Stores the reason on the advice, so the outcome letter can state it. Without a committee: nothing.
    """
    if not complaint.advisory_committee:
        return
    record = advice_of(complaint)
    if record is None:
        raise ProcedureError(
            _("Record the advice of the advisory committee first (Awb 9:16)."), code="no_advice"
        )
    reason = departure_reason.strip()
    if judgement != record.recommended_judgement and not reason:
        raise ProcedureError(
            {
                "departure_reason": _(
                    "Your judgement (%(judgement)s) differs from the committee's advice (%(advice)s). "
                    "Write why; the outcome letter states it (Awb 9:16)."
                )
                % {
                    "judgement": str(Judgement(judgement).label).lower(),
                    "advice": str(Judgement(record.recommended_judgement).label).lower(),
                }
            }
        )
    record.departure_reason = reason if judgement != record.recommended_judgement else ""
    record.save(update_fields=["departure_reason"])
