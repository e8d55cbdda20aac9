"""The use cases of ombudsman cases: each one function, one transaction, one history entry.

Every change is also written to the original complaint's history, through the complaints app's own
functions (``complaints.editing``). Opening a case records the referral on the complaint
(``ombudsman_referred_on``), the fact that moves the retention to 10 years (Selectielijst 13.1.2).
Findings against the municipality (an element judged niet behoorlijk, a recommendation) become learning
points with the source ``ombudsman`` through the learning app's use cases.

Notifications are not built here: ``response_deadlines`` lists the upcoming and passed response
deadlines, so a notification app can plug in later.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from klachtwijzer.accounts.models import User
from klachtwijzer.complaints import attachments, editing
from klachtwijzer.complaints.dates import long_date
from klachtwijzer.complaints.models import Complaint, ComplaintElement, Nature
from klachtwijzer.learning import handling as learning
from klachtwijzer.learning.models import LearningPoint, Source

from .models import (
    Action,
    CaseDocument,
    Judgement,
    OmbudsmanCase,
    OmbudsmanKind,
    Recommendation,
    Response,
    ResponseDeadline,
    Verdict,
)


class OmbudsmanError(ValidationError):
    """Input an ombudsman use case cannot accept; the message says why, in Dutch."""


def configured_ombudsman() -> tuple[str, str]:
    """The ombudsman of this municipality from the settings (``OMBUDSMAN_NAME``, ``OMBUDSMAN_KIND``)."""
    kind = str(getattr(settings, "OMBUDSMAN_KIND", OmbudsmanKind.NATIONAL))
    if kind not in OmbudsmanKind.values:
        kind = OmbudsmanKind.NATIONAL
    return str(getattr(settings, "OMBUDSMAN_NAME", "") or OmbudsmanKind(kind).label), kind


def _check_date(complaint: Complaint, day: dt.date, field: str) -> None:
    if day < complaint.received_on:
        raise OmbudsmanError(
            {
                field: _("This date lies before the date of receipt (%(date)s).")
                % {"date": long_date(complaint.received_on)}
            }
        )
    if day > timezone.localdate():
        raise OmbudsmanError({field: _("This date lies in the future.")})


def _log(case: OmbudsmanCase, acting_user: User | None, note: str) -> None:
    editing.record_ombudsman_event(case.complaint, acting_user=acting_user, note=note)


@transaction.atomic
def open_case(
    *,
    complaint: Complaint,
    petition_on: dt.date,
    case_number: str = "",
    ombudsman_name: str = "",
    ombudsman_kind: str = "",
    acting_user: User | None,
) -> OmbudsmanCase:
    """Open an ombudsman case on ``complaint``; its outcome is still open."""
    _check_date(complaint, petition_on, "petition_on")
    default_name, default_kind = configured_ombudsman()
    kind = ombudsman_kind or default_kind
    if kind not in OmbudsmanKind.values:
        raise OmbudsmanError({"ombudsman_kind": _("Choose a kind of ombudsman from the list.")})
    case = OmbudsmanCase.objects.create(
        complaint=complaint,
        ombudsman_name=(ombudsman_name or default_name).strip()[:120],
        ombudsman_kind=kind,
        petition_on=petition_on,
        case_number=case_number.strip()[:60],
    )
    editing.record_ombudsman_referral(
        complaint, referred_on=petition_on, reference=case.case_number, acting_user=acting_user
    )
    _log(case, acting_user, _("Ombudsman case opened (%(name)s).") % {"name": case.ombudsman_name})
    return case


@transaction.atomic
def record_outcome(
    case: OmbudsmanCase, *, action: str, action_on: dt.date | None, acting_user: User | None
) -> OmbudsmanCase:
    """Record what the ombudsman did with the petition (or set it back to not known yet)."""
    if action not in Action.values:
        raise OmbudsmanError({"action": _("Choose what the ombudsman did from the list.")})
    if action != Action.OPEN:
        if action_on is None:
            raise OmbudsmanError({"action_on": _("Fill in the date of the outcome.")})
        _check_date(case.complaint, action_on, "action_on")
        if action_on < case.petition_on:
            raise OmbudsmanError({"action_on": _("The date of the outcome lies before the petition date.")})
    case.action = action
    case.action_on = action_on if action != Action.OPEN else None
    case.save(update_fields=["action", "action_on"])
    _log(case, acting_user, _("Ombudsman: %(action)s.") % {"action": Action(action).label})
    return case


def _finding_point(
    case: OmbudsmanCase, *, text: str, theme_name: str, acting_user: User | None
) -> LearningPoint | None:
    complaint = case.complaint
    if complaint.department is None:
        return None
    theme = learning.find_theme(theme_name) or learning.create_theme(name=theme_name, acting_user=acting_user)
    return learning.record_learning_point(
        complaint=complaint,
        department=complaint.department,
        what_went_wrong=text,
        themes=[theme],
        summary=text[:200],
        source=Source.OMBUDSMAN,
        source_reference=case.case_number,
        acting_user=acting_user,
    )


@transaction.atomic
def judge_element(
    case: OmbudsmanCase,
    *,
    norm: Nature,
    verdict: str,
    element: ComplaintElement | None = None,
    acting_user: User | None,
) -> Judgement:
    """Record the ombudsman's judgement on an element; niet behoorlijk becomes a learning point."""
    if not norm.is_norm:
        raise OmbudsmanError({"norm": _("Choose one of the norms of the Nationale ombudsman.")})
    if verdict not in Verdict.values:
        raise OmbudsmanError({"verdict": _("Choose behoorlijk or niet behoorlijk.")})
    if element is not None and element.complaint_id != case.complaint_id:
        raise OmbudsmanError({"element": _("Choose only elements of this complaint.")})
    judgement = Judgement.objects.create(case=case, element=element, norm=norm, verdict=verdict)
    _log(
        case,
        acting_user,
        _("Ombudsman judged %(verdict)s (%(norm)s).")
        % {"verdict": Verdict(verdict).label, "norm": norm.name},
    )
    if verdict == Verdict.IMPROPER:
        _finding_point(
            case,
            text=_("The ombudsman judged the conduct niet behoorlijk: %(norm)s.") % {"norm": norm.name},
            theme_name=norm.name,
            acting_user=acting_user,
        )
    return judgement


@transaction.atomic
def add_recommendation(case: OmbudsmanCase, *, text: str, acting_user: User | None) -> Recommendation:
    """Record a recommendation of the ombudsman; it becomes a learning point."""
    if not text.strip():
        raise OmbudsmanError({"text": _("Describe the recommendation.")})
    recommendation = Recommendation.objects.create(case=case, text=text.strip())
    _log(case, acting_user, _("Ombudsman recommendation recorded."))
    _finding_point(
        case, text=text.strip(), theme_name=_("Recommendation of the ombudsman"), acting_user=acting_user
    )
    return recommendation


@transaction.atomic
def respond_to_recommendation(
    recommendation: Recommendation, *, response: str, explanation: str = "", acting_user: User | None
) -> Recommendation:
    """Record what the municipality did with a recommendation; partly or not needs an explanation."""
    if response not in Response.values:
        raise OmbudsmanError({"response": _("Choose what the municipality did from the list.")})
    if response in (Response.PARTLY, Response.NOT_FOLLOWED) and not explanation.strip():
        raise OmbudsmanError({"explanation": _("Explain why the recommendation is not fully followed.")})
    recommendation.response = response
    recommendation.explanation = explanation.strip()
    recommendation.save(update_fields=["response", "explanation"])
    _log(
        recommendation.case,
        acting_user,
        _("Ombudsman recommendation: %(response)s.") % {"response": Response(response).label},
    )
    return recommendation


@transaction.atomic
def add_deadline(
    case: OmbudsmanCase, *, description: str, due_on: dt.date, acting_user: User | None
) -> ResponseDeadline:
    """Record a date by which the municipality must answer the ombudsman."""
    if not description.strip():
        raise OmbudsmanError({"description": _("Describe what the ombudsman asks.")})
    if due_on < case.petition_on:
        raise OmbudsmanError({"due_on": _("The deadline lies before the petition date.")})
    deadline = ResponseDeadline.objects.create(
        case=case, description=description.strip()[:200], due_on=due_on
    )
    _log(
        case, acting_user, _("Ombudsman response deadline %(date)s recorded.") % {"date": due_on.isoformat()}
    )
    return deadline


@transaction.atomic
def complete_deadline(
    deadline: ResponseDeadline, *, done_on: dt.date, acting_user: User | None
) -> ResponseDeadline:
    """Mark a response deadline as done."""
    _check_date(deadline.case.complaint, done_on, "done_on")
    deadline.done_on = done_on
    deadline.save(update_fields=["done_on"])
    _log(
        deadline.case,
        acting_user,
        _("Ombudsman response deadline %(date)s done.") % {"date": deadline.due_on.isoformat()},
    )
    return deadline


@dataclass(frozen=True)
class DueResponse:
    deadline: ResponseDeadline
    passed: bool


def response_deadlines(*, today: dt.date | None = None, within_days: int = 14) -> list[DueResponse]:
    """The open response deadlines that passed or fall within ``within_days``, passed first (one query).

    For a notification app to plug in later; nothing here sends anything.
    """
    today = today or timezone.localdate()
    open_deadlines = (
        ResponseDeadline.objects.filter(
            done_on__isnull=True, due_on__lte=today + dt.timedelta(days=within_days)
        )
        .select_related("case", "case__complaint")
        .order_by("due_on", "pk")
    )
    return [DueResponse(deadline, deadline.due_on < today) for deadline in open_deadlines]


@transaction.atomic
def add_documents(
    case: OmbudsmanCase, *, uploads: Sequence[UploadedFile[bytes]], received: bool, acting_user: User | None
) -> list[CaseDocument]:
    """Store documents exchanged with the ombudsman; the same checks as complaint attachments, all or none."""
    if not uploads:
        raise OmbudsmanError({"files": _("Choose at least one file.")})
    try:
        types = attachments.validate_attachments(uploads)
    except ValidationError as error:
        raise OmbudsmanError({"files": error.messages}) from None
    documents = []
    for upload, content_type in zip(uploads, types, strict=True):
        upload.seek(0)
        documents.append(
            CaseDocument.objects.create(
                case=case,
                file=upload,
                filename=(upload.name or "")[:255],
                content_type=content_type,
                size=upload.size or 0,
                received=received,
                uploaded_by=acting_user if getattr(acting_user, "pk", None) else None,
            )
        )
    _log(
        case,
        acting_user,
        _("Documents of the ombudsman case added: %(names)s.")
        % {"names": ", ".join(document.filename for document in documents)},
    )
    return documents
