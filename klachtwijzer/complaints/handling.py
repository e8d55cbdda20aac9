"""The use cases that change a complaint during intake and handling (Awb 9:4-9:11).

Every function takes the complaint, keyword-only arguments and the acting user; runs in one
transaction; checks the step against the state machine (``workflow.py``) and the legal rules;
appends a history event with what changed; and refuses with a ``ProcedureError`` in Dutch
otherwise. The hearing and the judgement are in ``judging.py``, correcting a case's facts and personal
data in ``editing.py``, ending a complaint in ``closing.py``; the use cases of the first two are named
here too, so that every step of handling a complaint can be called as ``handling.<name>``. What the steps
share (the date checks, saving a change with its history entry) is in ``steps.py``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from klachtwijzer.accounts.access import HANDLER_ROLES
from klachtwijzer.accounts.models import Department, Municipality, Partner, Role, User

from . import attachments, closing, history, references, terms
from .completeness import missing_parts, sentence
from .constants import Channel, Form, Kind, NoCopyReason, NotAComplaintKind, Route, Status, TriageDecision
from .dates import long_date
from .locking import changes_complaint
from .models import ComplainantMessage, Complaint, Nature, PersonalData
from .steps import Event, change_complaint, not_before_receipt, not_in_future
from .workflow import ProcedureError, Step, check_step, check_written


@transaction.atomic(savepoint=False)
def register_complaint(
    *,
    received_on: dt.date,
    channel: str = Channel.WEB_FORM,
    form: str = Form.WRITTEN,
    kind: str = Kind.AWB,
    department: Department | None = None,
    partner: Partner | None = None,
    conduct_on: dt.date | None = None,
    dated_on: dt.date | None = None,
    natures: Iterable[Nature] = (),
    personal: dict[str, str] | None = None,
    uploads: Sequence[UploadedFile[bytes]] = (),
    acting_user: User | None = None,
    actor_label: str = "",
) -> Complaint:
    """Register a newly received complaint: give it a reference and compute its terms (Awb 9:4, 9:11).

    The files that came with it (``uploads``, checked by content) are stored in the same transaction:
    a refused file leaves nothing registered. ``dated_on`` is the date on the complaint (Awb 9:4 lid 2b;
    the web form passes the day it was sent); without it, or without a name, an address or a description,
    a written complaint is stored all the same and its page shows what is missing (``completeness.py``).
    """
    municipality = Municipality.current()
    if received_on > timezone.localdate():
        raise ProcedureError({"received_on": _("The date of receipt lies in the future.")})
    if conduct_on and conduct_on > received_on:
        raise ProcedureError({"conduct_on": _("The date of the conduct lies after the date of receipt.")})
    if dated_on and dated_on > received_on:
        raise ProcedureError({"dated_on": _("The date on the complaint lies after the date of receipt.")})
    committee = municipality.advisory_committee
    complaint = Complaint(
        reference=references.next_reference(municipality.reference_prefix, received_on.year),
        received_on=received_on,
        channel=channel,
        form=form,
        kind=kind,
        department=department,
        partner=partner,
        conduct_on=conduct_on,
        dated_on=dated_on,
        advisory_committee=committee,
        term_ends_on=terms.handling_term_end(received_on, advisory_committee=committee),
        not_handling_notice_due_on=terms.not_handling_notice_end(received_on),
        ten_week_term_ends_on=terms.extended_term_end(received_on, advisory_committee=committee),
        acknowledgement_due_on=(
            terms.acknowledgement_target(received_on, municipality.acknowledgement_target_days)
            if form == Form.WRITTEN
            else None
        ),
        created_by=acting_user if acting_user and acting_user.pk else None,
    )
    # The fields are checked here; uniqueness (a fresh reference and token) and the check constraints are
    # left to the database, which enforces them anyway: each check would be a round trip per submission.
    complaint.full_clean(
        exclude=["staff_complained_about", "natures"], validate_unique=False, validate_constraints=False
    )
    complaint.save(force_insert=True)
    if natures:
        complaint.natures.add(*natures)
    personal_data = PersonalData(complaint=complaint, **(personal or {}))
    personal_data.full_clean(exclude=["complaint"], validate_unique=False, validate_constraints=False)
    personal_data.save(force_insert=True)
    note = ""
    if conduct_on and terms.conduct_too_old(conduct_on, received_on):
        note = _("The conduct took place more than a year before filing (Awb 9:8 lid 1b).")
    history.record(complaint, Event.RECEIVED, actor=acting_user, actor_label=actor_label, note=note)
    if uploads:
        attachments.add_attachments(
            complaint,
            uploads=uploads,
            from_complainant=True,
            acting_user=acting_user,
            actor_label=actor_label,
        )
    return complaint


@changes_complaint
def acknowledge_receipt(complaint: Complaint, *, sent_on: dt.date, acting_user: User | None) -> Complaint:
    """Record the written acknowledgement of receipt (Awb 9:6)."""
    check_step(complaint.status, Step.ACKNOWLEDGE)
    check_written(complaint.form, Step.ACKNOWLEDGE)
    not_before_receipt(complaint, sent_on, "acknowledged_on")
    if complaint.acknowledged_on:
        raise ProcedureError(
            _("The acknowledgement was already sent on %(date)s.")
            % {"date": long_date(complaint.acknowledged_on)}
        )
    return change_complaint(
        complaint, Event.ACKNOWLEDGED, {"acknowledged_on": sent_on}, acting_user=acting_user
    )


@changes_complaint
def triage(
    complaint: Complaint,
    *,
    decision: str,
    department: Department | None,
    route: str = "",
    decided_on: dt.date | None = None,
    forwarded_to: str = "",
    not_a_complaint_kind: str = "",
    note: str = "",
    acting_user: User,
) -> Complaint:
    """Decide what the complaint is and which way it goes (the coordinator's first check).

    An Awb complaint or another kind goes on to handling; 'not a complaint' and 'forward' close it.
    'Not a complaint' records what it is instead (a report, an objection, a question, policy): the
    case shows it, and the explanation letter and the status page tell the resident where to go.
    """
    check_step(complaint.status, Step.TRIAGE)
    decided_on = decided_on or timezone.localdate()
    not_before_receipt(complaint, decided_on, "triaged_on")
    values: dict[str, Any] = {
        "triage_decision": decision,
        "triaged_on": decided_on,
        "department": department,
        "not_a_complaint_kind": "",
    }
    if decision in (TriageDecision.AWB_COMPLAINT, TriageDecision.OTHER_KIND):
        if department is None:
            raise ProcedureError({"department": _("Choose the department the complaint is about.")})
        if route not in Route.values:
            raise ProcedureError({"route": _("Choose the formal or the informal route.")})
        kind = Kind.AWB if decision == TriageDecision.AWB_COMPLAINT else Kind.OTHER
        values.update(route=route, kind=kind, status=Status.TRIAGED)
        return change_complaint(complaint, Event.TRIAGED, values, acting_user=acting_user, note=note)
    if decision == TriageDecision.NOT_A_COMPLAINT:
        if not_a_complaint_kind not in NotAComplaintKind.values:
            message = _("Choose what it is instead: a report, an objection, a question or policy.")
            raise ProcedureError({"not_a_complaint_kind": message})
        values["not_a_complaint_kind"] = not_a_complaint_kind
        change_complaint(complaint, Event.TRIAGED, values, acting_user=acting_user, note=note)
        return closing.close_as_not_a_complaint(complaint, closed_on=decided_on, acting_user=acting_user)
    if decision == TriageDecision.FORWARD:
        change_complaint(complaint, Event.TRIAGED, values, acting_user=acting_user, note=note)
        return closing.forward_complaint(
            complaint, to=forwarded_to, forwarded_on=decided_on, acting_user=acting_user
        )
    raise ProcedureError({"decision": _("Choose a triage decision.")})


def check_impartial(complaint: Complaint, handler: User, *, reason: str = "") -> None:
    """Awb 9:7: the handler was not involved in the conduct, unless the complaint is about the body itself."""
    if handler.role not in HANDLER_ROLES or not handler.is_active:
        raise ProcedureError({"handler": _("%(user)s cannot handle complaints.") % {"user": handler}})
    if complaint.staff_complained_about.filter(pk=handler.pk).exists():
        if not complaint.about_governing_body:
            raise ProcedureError(
                {
                    "handler": _("%(user)s is complained about and may not handle this complaint (Awb 9:7).")
                    % {"user": handler}
                }
            )
        if not reason.strip():
            raise ProcedureError(
                {
                    "reason": _(
                        "Explain why the governing body handles a complaint about itself (Awb 9:7 lid 2)."
                    )
                }
            )


@changes_complaint
def assign_handler(complaint: Complaint, *, handler: User, acting_user: User, reason: str = "") -> Complaint:
    """Give the complaint to an impartial handler (Awb 9:7); handling starts."""
    check_step(complaint.status, Step.ASSIGN)
    check_impartial(complaint, handler, reason=reason)
    status = Status.IN_HANDLING if complaint.status == Status.TRIAGED else complaint.status
    return change_complaint(
        complaint,
        Event.ASSIGNED,
        {"handler": handler, "status": status},
        acting_user=acting_user,
        note=reason,
    )


@changes_complaint
def record_contact(complaint: Complaint, *, contacted_on: dt.date, note: str, acting_user: User) -> Complaint:
    """Record a contact with the complainant (phone call, conversation, e-mail)."""
    check_step(complaint.status, Step.CONTACT)
    not_before_receipt(complaint, contacted_on, "contacted_on")
    if not note.strip():
        raise ProcedureError({"note": _("Describe the contact.")})
    history.record(complaint, Event.CONTACT, actor=acting_user, note=f"{long_date(contacted_on)}: {note}")
    return complaint


@changes_complaint
def wait_for_complainant(complaint: Complaint, *, note: str, acting_user: User) -> Complaint:
    """Mark the complaint as waiting for the complainant. The term runs on (no clock stops in the law)."""
    check_step(complaint.status, Step.WAIT)
    return change_complaint(
        complaint, Event.WAITING, {"status": Status.WAITING}, acting_user=acting_user, note=note
    )


@changes_complaint
def resume_handling(complaint: Complaint, *, note: str = "", acting_user: User | None) -> Complaint:
    check_step(complaint.status, Step.RESUME)
    return change_complaint(
        complaint, Event.RESUMED, {"status": Status.IN_HANDLING}, acting_user=acting_user, note=note
    )


@changes_complaint
def add_information(
    complaint: Complaint,
    *,
    text: str,
    uploads: Sequence[UploadedFile[bytes]] = (),
    acting_user: User | None,
    actor_label: str = "",
) -> ComplainantMessage | None:
    """Add the complainant's further information and files to an open complaint.

    The words are kept as a ``ComplainantMessage`` (destroyed with the personal data); the history
    only records that information arrived. A complaint waiting for the complainant resumes handling;
    the term does not change (no clock stops in the law, Awb 9:11).
    """
    check_step(complaint.status, Step.ADD_INFORMATION)
    text = text.strip()
    if not text and not uploads:
        raise ProcedureError({"text": _("Write the information you want to add, or add a file.")})
    user = acting_user if acting_user and acting_user.pk else None
    message = None
    if text:
        message = ComplainantMessage.objects.create(complaint=complaint, text=text, added_by=user)
    if uploads:
        attachments.add_attachments(
            complaint,
            uploads=uploads,
            from_complainant=user is None,
            acting_user=user,
            actor_label=actor_label,
        )
    note = _("%(chars)s characters of text, %(files)s file(s).") % {"chars": len(text), "files": len(uploads)}
    history.record(complaint, Event.INFORMATION_ADDED, actor=user, actor_label=actor_label, note=note)
    if complaint.status == Status.WAITING:
        resumed = (
            _("%(user)s added information.") % {"user": user}
            if user
            else _("The complainant added information.")
        )
        resume_handling(complaint, note=resumed, acting_user=user)
    return message


@changes_complaint
def send_copy_to_person_complained_about(
    complaint: Complaint, *, sent_on: dt.date, acting_user: User
) -> Complaint:
    """Record that the complaint and its attachments went to the person complained about (Awb 9:9)."""
    check_step(complaint.status, Step.COPY)
    check_written(complaint.form, Step.COPY)
    not_before_receipt(complaint, sent_on, "copy_sent_on")
    return change_complaint(complaint, Event.COPY_SENT, {"copy_sent_on": sent_on}, acting_user=acting_user)


@changes_complaint
def record_no_copy(complaint: Complaint, *, reason: str, note: str = "", acting_user: User) -> Complaint:
    """Record why the complaint does not go to the person complained about (Awb 9:9)."""
    check_step(complaint.status, Step.COPY)
    check_written(complaint.form, Step.COPY)
    if complaint.copy_sent_on:
        raise ProcedureError(_("The copy was already sent to the person complained about."), code="copy_sent")
    if reason not in NoCopyReason.values:
        raise ProcedureError({"no_copy_reason": _("Choose why no copy is sent.")})
    if reason == NoCopyReason.OTHER and not note.strip():
        raise ProcedureError({"no_copy_note": _("Explain why no copy is sent.")})
    return change_complaint(
        complaint,
        Event.NO_COPY,
        {"no_copy_reason": reason, "no_copy_note": note.strip()},
        acting_user=acting_user,
    )


@changes_complaint
def extend_term(
    complaint: Complaint, *, notice_sent_on: dt.date, reason: str, acting_user: User
) -> Complaint:
    """Postpone handling by at most four weeks, announced before the term ends (Awb 9:11 lid 2)."""
    check_step(complaint.status, Step.EXTEND)
    check_written(complaint.form, Step.EXTEND)
    if complaint.extension_notice_on:
        raise ProcedureError(
            _(
                "The term was already extended on %(date)s; a further delay needs the complainant's written "
                "consent."
            )
            % {"date": long_date(complaint.extension_notice_on)}
        )
    not_before_receipt(complaint, notice_sent_on, "notice_sent_on")
    if notice_sent_on > complaint.term_ends_on:
        raise ProcedureError(
            {
                "notice_sent_on": _("The extension notice must be sent before the term ends (%(date)s).")
                % {"date": long_date(complaint.term_ends_on)}
            }
        )
    if not reason.strip():
        raise ProcedureError({"reason": _("State the reason for the extension.")})
    values = {
        "extension_notice_on": notice_sent_on,
        "extension_reason": reason,
        "extended_term_ends_on": complaint.ten_week_term_ends_on,
    }
    return change_complaint(complaint, Event.EXTENDED, values, acting_user=acting_user, note=reason)


@changes_complaint
def record_delay_consent(
    complaint: Complaint,
    *,
    consent_on: dt.date,
    until: dt.date,
    document: UploadedFile[bytes],
    acting_user: User,
) -> Complaint:
    """Record the complainant's written consent to a delay beyond the extended term (Awb 9:11 lid 2).

    The consent is in writing: its ``document`` (the complainant's letter or e-mail, scanned or saved as a
    file) is stored with the complaint and named on it, so the consent has its document like a letter.
    """
    check_step(complaint.status, Step.DELAY_CONSENT)
    check_written(complaint.form, Step.DELAY_CONSENT)
    not_before_receipt(complaint, consent_on, "consent_on")
    if until <= complaint.applicable_term_ends_on:
        raise ProcedureError(
            {
                "until": _("The new date must lie after the current term end (%(date)s).")
                % {"date": long_date(complaint.applicable_term_ends_on)}
            }
        )
    try:
        (stored,) = attachments.add_attachments(
            complaint, uploads=[document], from_complainant=True, acting_user=acting_user
        )
    except ValidationError as error:
        raise ProcedureError({"document": error.messages}) from None
    values = {
        "further_delay_consent_on": consent_on,
        "further_delay_until": until,
        "further_delay_consent_document": stored,
    }
    return change_complaint(complaint, Event.DELAY_CONSENT, values, acting_user=acting_user)


@changes_complaint
def request_completion(
    complaint: Complaint, *, requested_on: dt.date, reply_by: dt.date | None, acting_user: User
) -> Complaint:
    """Ask the complainant to complete a written complaint that lacks a part of Awb 9:4 lid 2.

    ``requested_on`` is the date of the letter, which names what is missing and ``reply_by``. The term does
    not stop: no clock stops in the law. What happens when the reply date passes without completion is the
    policy of ``docs/adr/0010-incomplete-and-oral-complaints.md`` (``completeness.record_lapse``).
    """
    check_step(complaint.status, Step.REQUEST_COMPLETION)
    check_written(complaint.form, Step.REQUEST_COMPLETION)
    missing = missing_parts(complaint)
    if not missing:
        raise ProcedureError(
            _(
                "The complaint holds the name, the address, a date and a description (Awb 9:4): "
                "nothing is missing."
            ),
            code="complete",
        )
    not_before_receipt(complaint, requested_on, "requested_on")
    if reply_by is None:
        raise ProcedureError({"reply_by": _("Give the date by which the complainant should reply.")})
    if reply_by <= requested_on:
        raise ProcedureError(
            {
                "reply_by": _("The reply date must lie after the date of the letter (%(date)s).")
                % {"date": long_date(requested_on)}
            }
        )
    values = {
        "completion_requested_on": requested_on,
        "completion_reply_by": reply_by,
        "completion_lapsed_on": None,
    }
    note = _("Missing: %(parts)s.") % {"parts": sentence(missing)}
    return change_complaint(complaint, Event.COMPLETION_REQUESTED, values, acting_user=acting_user, note=note)


@changes_complaint
def put_in_writing(
    complaint: Complaint, *, written_on: dt.date, note: str = "", acting_user: User
) -> Complaint:
    """An oral complaint is put in writing (by the complainant, or by staff for them): the written procedure
    applies from then (Awb 9:1, 9:2, 9:4).

    The terms of the written procedure run from the day it was put in writing, the day the written complaint
    was received: the handling term (9:11), the notice date of not handling (9:8 lid 3) and the
    acknowledgement target (9:6), which are stored now like at receipt. ``written_on`` is also its date.
    """
    check_step(complaint.status, Step.PUT_IN_WRITING)
    if complaint.form == Form.WRITTEN:
        raise ProcedureError(_("The complaint is already in writing."), code="written")
    not_before_receipt(complaint, written_on, "written_on")
    not_in_future(written_on, "written_on")
    municipality = Municipality.current()
    committee = complaint.advisory_committee
    values: dict[str, Any] = {
        "form": Form.WRITTEN,
        "dated_on": written_on,
        "term_ends_on": terms.handling_term_end(written_on, advisory_committee=committee),
        "not_handling_notice_due_on": terms.not_handling_notice_end(written_on),
        "ten_week_term_ends_on": terms.extended_term_end(written_on, advisory_committee=committee),
        "acknowledgement_due_on": terms.acknowledgement_target(
            written_on, municipality.acknowledgement_target_days
        ),
    }
    return change_complaint(complaint, Event.PUT_IN_WRITING, values, acting_user=acting_user, note=note)


@changes_complaint
def revoke_status_link(complaint: Complaint, *, reason: str, acting_user: User) -> Complaint:
    """Make the resident's status link stop working, e.g. when it reached the wrong person.

    Only the coordinator may, with a reason; the history records who did it and why.
    """
    check_step(complaint.status, Step.REVOKE_STATUS_LINK)
    if acting_user.role != Role.COORDINATOR:
        raise ProcedureError(
            _("Only the complaints coordinator may revoke the status link."), code="not_coordinator"
        )
    if complaint.status_link_revoked_at is not None:
        raise ProcedureError(_("The status link was already revoked."), code="already_revoked")
    if not reason.strip():
        raise ProcedureError({"reason": _("State why the status link is revoked.")})
    return change_complaint(
        complaint,
        Event.STATUS_LINK_REVOKED,
        {"status_link_revoked_at": timezone.now()},
        acting_user=acting_user,
        note=reason,
    )


# The use cases of the hearing, the judgement and editing, under ``handling`` too (see the docstring).
from .editing import EDITABLE_FACTS, PERSONAL_FIELDS, update_complaint, update_personal_data  # noqa: E402
from .judging import add_element, judge_element, plan_hearing, record_hearing, waive_hearing  # noqa: E402

__all__ = [
    "EDITABLE_FACTS",
    "PERSONAL_FIELDS",
    "acknowledge_receipt",
    "add_element",
    "add_information",
    "assign_handler",
    "check_impartial",
    "extend_term",
    "judge_element",
    "plan_hearing",
    "put_in_writing",
    "record_contact",
    "record_delay_consent",
    "record_hearing",
    "record_no_copy",
    "register_complaint",
    "request_completion",
    "resume_handling",
    "revoke_status_link",
    "send_copy_to_person_complained_about",
    "triage",
    "update_complaint",
    "update_personal_data",
    "wait_for_complainant",
    "waive_hearing",
]
