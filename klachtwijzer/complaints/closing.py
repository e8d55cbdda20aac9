"""The use cases that end a complaint, and reopening (Awb 9:5, 9:8, 9:12, 2:3).

Each exit sets how the complaint ended (``Outcome``) and its closing date: for a formal judgement
the date of the outcome letter, which also starts the year in which the complainant may petition
the ombudsman (Awb 9:24).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext as _

from klachtwijzer.accounts.models import Role, User

from . import committee, extensions, retention, terms
from .constants import REMEDY_GROUNDS, NotHandledGround, Outcome, Route, Status, TriageDecision
from .dates import long_date
from .locking import changes_complaint
from .models import Complaint, PersonalData
from .steps import Event, change_complaint, not_before_receipt, not_in_future
from .workflow import ProcedureError, Step, check_step, check_written, overall_judgement


def _close(
    complaint: Complaint,
    step: Step,
    *,
    outcome: str,
    closed_on: dt.date,
    acting_user: User | None,
    note: str = "",
    **values: Any,
) -> Complaint:
    check_step(complaint.status, step)
    check_written(complaint.form, step)
    not_before_receipt(complaint, closed_on, "closed_on")
    not_in_future(closed_on, "closed_on")
    values.update(status=Status.CLOSED, outcome=outcome, closed_on=closed_on)
    kept = retention.retention_for(
        outcome=outcome,
        closed_on=closed_on,
        ombudsman_referred_on=complaint.ombudsman_referred_on,
        keep_permanently=bool(complaint.keep_permanently_reason),
    )
    values.update(retention_result=kept.result, destroy_on=kept.destroy_on)
    complaint = change_complaint(complaint, Event.CLOSED, values, acting_user=acting_user, note=note)
    extensions.complaint_closed(complaint, acting_user)
    return complaint


@changes_complaint
def close_with_judgement(
    complaint: Complaint,
    *,
    closed_on: dt.date,
    findings: str,
    measures: str = "",
    departure_reason: str = "",
    acting_user: User,
) -> Complaint:
    """Close a formally handled complaint with the outcome letter (Awb 9:12).

    Requires: the hearing held or waived for a reason of 9:10 lid 2, every element judged, and
    findings. The overall judgement follows from the elements. An oral complaint gets no formal judgement
    until it is put in writing (Awb 9:1, 9:2).
    """
    check_written(complaint.form, Step.CLOSE_JUDGED)
    if not (complaint.hearing_held_on or complaint.hearing_waiver):
        raise ProcedureError(
            _("Hear the complainant or record why that is not needed (Awb 9:10) before judging."),
            code="no_hearing",
        )
    if not (complaint.copy_sent_on or complaint.no_copy_reason):
        raise ProcedureError(
            _(
                "Send the complaint to the person complained about, or record why not "
                "(Awb 9:9), before judging."
            ),
            code="no_copy",
        )
    judgements = [element.judgement for element in complaint.elements.all()]
    if any(not judgement for judgement in judgements):
        raise ProcedureError(_("Judge every complaint element first."), code="element_unjudged")
    if not findings.strip():
        raise ProcedureError({"findings": _("The outcome letter needs the findings (Awb 9:12).")})
    judgement = overall_judgement(judgements)
    committee.check_advice_followed(complaint, judgement, departure_reason)  # Awb 9:16
    personal = complaint.personal_data
    personal.findings = findings
    personal.save(update_fields=["findings"])
    return _close(
        complaint,
        Step.CLOSE_JUDGED,
        outcome=Outcome.JUDGED,
        closed_on=closed_on,
        acting_user=acting_user,
        judgement=judgement,
        measures=measures,
        route=Route.FORMAL,
        ombudsman_petition_ends_on=terms.ombudsman_petition_end(closed_on),
    )


@changes_complaint
def resolve_informally(
    complaint: Complaint,
    *,
    resolved_on: dt.date,
    how: str,
    resolved_by: str,
    agreement: str = "",
    acting_user: User,
) -> Complaint:
    """Close a complaint resolved to the complainant's satisfaction (Awb 9:5); formal duties lapse.

    ``agreement`` (what was agreed) is the complainant's matter and goes with the personal data; the
    confirmation letter states it (``letters/defaults/informal.txt``).
    """
    if not how.strip():
        raise ProcedureError({"how": _("Describe how the complainant's satisfaction was established.")})
    if not resolved_by.strip():
        raise ProcedureError({"resolved_by": _("State who resolved the complaint.")})
    if agreement.strip():
        PersonalData.objects.filter(complaint=complaint).update(informal_agreement=agreement.strip())
    return _close(
        complaint,
        Step.RESOLVE_INFORMALLY,
        outcome=Outcome.INFORMAL,
        closed_on=resolved_on,
        acting_user=acting_user,
        route=Route.INFORMAL,
        informal_resolution_how=how,
        informal_resolution_by=resolved_by,
    )


@changes_complaint
def decline_to_handle(
    complaint: Complaint,
    *,
    ground: str,
    notice_sent_on: dt.date,
    note: str = "",
    late_reason: str = "",
    remedy_where: str = "",
    remedy_until: dt.date | None = None,
    acting_user: User,
) -> Complaint:
    """Decide not to handle the complaint on a ground of Awb 9:8, with written notice.

    The notice is due at most four weeks after receipt (9:8 lid 3); a later notice needs a reason,
    stored on the complaint and in the history. For grounds 1c and 1d (objection or appeal was or is
    possible) the notice says where and until when, so both are required. Not for an oral complaint
    (Awb 9:8 is part of the written procedure).
    """
    check_written(complaint.form, Step.DECLINE)
    errors: dict[str, str] = {}
    if ground not in NotHandledGround.values:
        errors["ground"] = _("Choose a ground of Awb 9:8.")
    late = notice_sent_on > complaint.not_handling_notice_due_on
    if late and not late_reason.strip():
        errors["late_reason"] = _(
            "The notice is later than the four-week term of Awb 9:8 lid 3 (%(date)s): state why."
        ) % {"date": long_date(complaint.not_handling_notice_due_on)}
    needs_remedy = ground in REMEDY_GROUNDS
    if needs_remedy and not remedy_where.strip():
        errors["remedy_where"] = _("State where objection or appeal is or was possible (Awb 9:8 lid 1c/1d).")
    if needs_remedy and remedy_until is None:
        errors["remedy_until"] = _("State until when objection or appeal is or was possible.")
    if errors:
        raise ProcedureError(errors)
    if late:
        warning = _("The notice was sent after the four-week term of Awb 9:8 lid 3 (%(date)s).") % {
            "date": long_date(complaint.not_handling_notice_due_on)
        }
        note = "\n".join(part for part in (note, warning, late_reason.strip()) if part)
    return _close(
        complaint,
        Step.DECLINE,
        outcome=Outcome.NOT_HANDLED,
        closed_on=notice_sent_on,
        acting_user=acting_user,
        note=note,
        not_handled_ground=ground,
        not_handled_notice_on=notice_sent_on,
        not_handled_late_reason=late_reason.strip() if late else "",
        not_handled_remedy_where=remedy_where.strip() if needs_remedy else "",
        not_handled_remedy_until=remedy_until if needs_remedy else None,
        ombudsman_petition_ends_on=terms.ombudsman_petition_end(notice_sent_on),
    )


@changes_complaint
def forward_complaint(
    complaint: Complaint, *, to: str, forwarded_on: dt.date, acting_user: User
) -> Complaint:
    """Send the complaint on to the competent body or partner (Awb 2:3)."""
    if not to.strip():
        raise ProcedureError({"forwarded_to": _("State where the complaint was forwarded to.")})
    return _close(
        complaint,
        Step.FORWARD,
        outcome=Outcome.FORWARDED,
        closed_on=forwarded_on,
        acting_user=acting_user,
        forwarded_to=to,
    )


@changes_complaint
def withdraw_complaint(
    complaint: Complaint, *, withdrawn_on: dt.date, note: str = "", acting_user: User
) -> Complaint:
    """Record that the complainant withdrew the complaint."""
    return _close(
        complaint,
        Step.WITHDRAW,
        outcome=Outcome.WITHDRAWN,
        closed_on=withdrawn_on,
        acting_user=acting_user,
        note=note,
    )


@changes_complaint
def close_as_not_a_complaint(complaint: Complaint, *, closed_on: dt.date, acting_user: User) -> Complaint:
    """Close what turned out to be a report, question or objection."""
    return _close(
        complaint, Step.FORWARD, outcome=Outcome.NOT_A_COMPLAINT, closed_on=closed_on, acting_user=acting_user
    )


@changes_complaint
def reopen_complaint(complaint: Complaint, *, reason: str, acting_user: User) -> Complaint:
    """Reopen a closed complaint; only the coordinator may, and always with a reason."""
    check_step(complaint.status, Step.REOPEN)
    if acting_user.role != Role.COORDINATOR:
        raise ProcedureError(
            _("Only the complaints coordinator may reopen a complaint."), code="not_coordinator"
        )
    if not reason.strip():
        raise ProcedureError({"reason": _("State why the complaint is reopened.")})
    values: dict[str, Any] = {
        "status": Status.IN_HANDLING if complaint.handler_id else Status.TRIAGED,
        "outcome": "",
        "judgement": "",
        "closed_on": None,
        "ombudsman_petition_ends_on": None,
        "retention_result": "",
        "destroy_on": None,
    }
    # Back to triage when it ended there (or never had one): what it is gets decided again.
    ended_at_triage = complaint.triage_decision == TriageDecision.NOT_A_COMPLAINT
    if complaint.triage_decision == "" or complaint.department_id is None or ended_at_triage:
        values["status"] = Status.RECEIVED
    return change_complaint(complaint, Event.REOPENED, values, acting_user=acting_user, note=reason)
