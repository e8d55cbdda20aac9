"""The use cases that change a complaint during intake and handling (Awb 9:4-9:11).

Every function takes the complaint, keyword-only arguments and the acting user; runs in one
transaction; checks the step against the state machine (``workflow.py``) and the legal rules;
appends a history event with what changed; and refuses with a ``ProcedureError`` in Dutch
otherwise. Ending a complaint is in ``closing.py``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from klachtwijzer.accounts.models import Department, Municipality, Partner, Role, User

from . import attachments, history, references, terms
from .constants import Channel, Form, HearingWaiver, Kind, NotAComplaintKind, Route, Status, TriageDecision
from .dates import long_date
from .models import ComplainantMessage, Complaint, ComplaintElement, HistoryEvent, Nature, PersonalData
from .workflow import ProcedureError, Step, check_step

Event = HistoryEvent.Type

PERSONAL_FIELDS = [
    "name",
    "address",
    "postcode",
    "city",
    "email",
    "phone",
    "person_complained_about",
    "description",
    "desired_outcome",
]
EDITABLE_FACTS = ["channel", "form", "department", "partner", "conduct_on", "about_governing_body"]
HANDLER_ROLES = (Role.HANDLER, Role.COORDINATOR, Role.MANAGER)


def _not_before_receipt(complaint: Complaint, day: dt.date, field: str) -> None:
    if day < complaint.received_on:
        raise ProcedureError(
            {
                field: _("This date lies before the date of receipt (%(date)s).")
                % {"date": long_date(complaint.received_on)}
            }
        )


def _not_in_future(day: dt.date, field: str) -> None:
    if day > timezone.localdate():
        raise ProcedureError({field: _("This date lies in the future.")})


def _save(complaint: Complaint, fields: list[str]) -> None:
    complaint.full_clean(exclude=["staff_complained_about", "natures"], validate_unique=False)
    complaint.save(update_fields=fields)


def _change(
    complaint: Complaint, event: str, values: dict[str, Any], *, acting_user: User | None, note: str = ""
) -> Complaint:
    """Set ``values`` on the complaint, save them and record the step with old → new."""
    before = history.snapshot(complaint, list(values))
    for name, value in values.items():
        setattr(complaint, name, value)
    _save(complaint, list(values))
    history.record(
        complaint,
        event,
        actor=acting_user,
        changes=history.diff(before, history.snapshot(complaint, list(values))),
        note=note,
    )
    return complaint


@transaction.atomic
def register_complaint(
    *,
    received_on: dt.date,
    channel: str = Channel.WEB_FORM,
    form: str = Form.WRITTEN,
    kind: str = Kind.AWB,
    department: Department | None = None,
    partner: Partner | None = None,
    conduct_on: dt.date | None = None,
    natures: Iterable[Nature] = (),
    personal: dict[str, str] | None = None,
    acting_user: User | None = None,
    actor_label: str = "",
) -> Complaint:
    """Register a newly received complaint: give it a reference and compute its terms (Awb 9:4, 9:11)."""
    municipality = Municipality.current()
    if received_on > timezone.localdate():
        raise ProcedureError({"received_on": _("The date of receipt lies in the future.")})
    if conduct_on and conduct_on > received_on:
        raise ProcedureError({"conduct_on": _("The date of the conduct lies after the date of receipt.")})
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
        advisory_committee=committee,
        term_ends_on=terms.handling_term_end(received_on, advisory_committee=committee),
        not_handling_notice_due_on=terms.not_handling_notice_end(received_on),
        ten_week_term_ends_on=terms.extended_term_end(received_on, advisory_committee=committee),
        created_by=acting_user if acting_user and acting_user.pk else None,
    )
    complaint.full_clean(exclude=["staff_complained_about", "natures"])
    complaint.save()
    complaint.natures.set(natures)
    personal_data = PersonalData(complaint=complaint, **(personal or {}))
    personal_data.full_clean()
    personal_data.save()
    note = ""
    if conduct_on and terms.conduct_too_old(conduct_on, received_on):
        note = _("The conduct took place more than a year before filing (Awb 9:8 lid 1b).")
    history.record(complaint, Event.RECEIVED, actor=acting_user, actor_label=actor_label, note=note)
    return complaint


@transaction.atomic
def acknowledge_receipt(complaint: Complaint, *, sent_on: dt.date, acting_user: User | None) -> Complaint:
    """Record the written acknowledgement of receipt (Awb 9:6)."""
    check_step(complaint.status, Step.ACKNOWLEDGE)
    _not_before_receipt(complaint, sent_on, "acknowledged_on")
    if complaint.acknowledged_on:
        raise ProcedureError(
            _("The acknowledgement was already sent on %(date)s.")
            % {"date": long_date(complaint.acknowledged_on)}
        )
    return _change(complaint, Event.ACKNOWLEDGED, {"acknowledged_on": sent_on}, acting_user=acting_user)


@transaction.atomic
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
    from . import closing

    check_step(complaint.status, Step.TRIAGE)
    decided_on = decided_on or timezone.localdate()
    _not_before_receipt(complaint, decided_on, "triaged_on")
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
        return _change(complaint, Event.TRIAGED, values, acting_user=acting_user, note=note)
    if decision == TriageDecision.NOT_A_COMPLAINT:
        if not_a_complaint_kind not in NotAComplaintKind.values:
            message = _("Choose what it is instead: a report, an objection, a question or policy.")
            raise ProcedureError({"not_a_complaint_kind": message})
        values["not_a_complaint_kind"] = not_a_complaint_kind
        _change(complaint, Event.TRIAGED, values, acting_user=acting_user, note=note)
        return closing.close_as_not_a_complaint(complaint, closed_on=decided_on, acting_user=acting_user)
    if decision == TriageDecision.FORWARD:
        _change(complaint, Event.TRIAGED, values, acting_user=acting_user, note=note)
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


@transaction.atomic
def assign_handler(complaint: Complaint, *, handler: User, acting_user: User, reason: str = "") -> Complaint:
    """Give the complaint to an impartial handler (Awb 9:7); handling starts."""
    check_step(complaint.status, Step.ASSIGN)
    check_impartial(complaint, handler, reason=reason)
    status = Status.IN_HANDLING if complaint.status == Status.TRIAGED else complaint.status
    return _change(
        complaint,
        Event.ASSIGNED,
        {"handler": handler, "status": status},
        acting_user=acting_user,
        note=reason,
    )


@transaction.atomic
def record_contact(complaint: Complaint, *, contacted_on: dt.date, note: str, acting_user: User) -> Complaint:
    """Record a contact with the complainant (phone call, conversation, e-mail)."""
    check_step(complaint.status, Step.CONTACT)
    _not_before_receipt(complaint, contacted_on, "contacted_on")
    if not note.strip():
        raise ProcedureError({"note": _("Describe the contact.")})
    history.record(complaint, Event.CONTACT, actor=acting_user, note=f"{long_date(contacted_on)}: {note}")
    return complaint


@transaction.atomic
def wait_for_complainant(complaint: Complaint, *, note: str, acting_user: User) -> Complaint:
    """Mark the complaint as waiting for the complainant. The term runs on (no clock stops in the law)."""
    check_step(complaint.status, Step.WAIT)
    return _change(complaint, Event.WAITING, {"status": Status.WAITING}, acting_user=acting_user, note=note)


@transaction.atomic
def resume_handling(complaint: Complaint, *, note: str = "", acting_user: User | None) -> Complaint:
    check_step(complaint.status, Step.RESUME)
    return _change(
        complaint, Event.RESUMED, {"status": Status.IN_HANDLING}, acting_user=acting_user, note=note
    )


@transaction.atomic
def add_information(
    complaint: Complaint,
    *,
    text: str,
    uploads: Sequence[UploadedFile[Any]] = (),
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


@transaction.atomic
def send_copy_to_person_complained_about(
    complaint: Complaint, *, sent_on: dt.date, acting_user: User
) -> Complaint:
    """Record that the complaint and its attachments went to the person complained about (Awb 9:9)."""
    check_step(complaint.status, Step.COPY)
    _not_before_receipt(complaint, sent_on, "copy_sent_on")
    return _change(complaint, Event.COPY_SENT, {"copy_sent_on": sent_on}, acting_user=acting_user)


@transaction.atomic
def extend_term(
    complaint: Complaint, *, notice_sent_on: dt.date, reason: str, acting_user: User
) -> Complaint:
    """Postpone handling by at most four weeks, announced before the term ends (Awb 9:11 lid 2)."""
    check_step(complaint.status, Step.EXTEND)
    if complaint.extension_notice_on:
        raise ProcedureError(
            _(
                "The term was already extended on %(date)s; a further delay needs the complainant's written "
                "consent."
            )
            % {"date": long_date(complaint.extension_notice_on)}
        )
    _not_before_receipt(complaint, notice_sent_on, "notice_sent_on")
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
    return _change(complaint, Event.EXTENDED, values, acting_user=acting_user, note=reason)


@transaction.atomic
def record_delay_consent(
    complaint: Complaint, *, consent_on: dt.date, until: dt.date, acting_user: User
) -> Complaint:
    """Record the complainant's written consent to a delay beyond the extended term (Awb 9:11 lid 2)."""
    check_step(complaint.status, Step.DELAY_CONSENT)
    _not_before_receipt(complaint, consent_on, "consent_on")
    if until <= complaint.applicable_term_ends_on:
        raise ProcedureError(
            {
                "until": _("The new date must lie after the current term end (%(date)s).")
                % {"date": long_date(complaint.applicable_term_ends_on)}
            }
        )
    values = {"further_delay_consent_on": consent_on, "further_delay_until": until}
    return _change(complaint, Event.DELAY_CONSENT, values, acting_user=acting_user)


@transaction.atomic
def plan_hearing(complaint: Complaint, *, planned_on: dt.date, acting_user: User) -> Complaint:
    """Invite the complainant and the person complained about to a hearing (Awb 9:10)."""
    check_step(complaint.status, Step.HEARING)
    _not_before_receipt(complaint, planned_on, "planned_on")
    return _change(
        complaint, Event.HEARING_PLANNED, {"hearing_planned_on": planned_on}, acting_user=acting_user
    )


@transaction.atomic
def record_hearing(complaint: Complaint, *, held_on: dt.date, report: str, acting_user: User) -> Complaint:
    """Record the hearing and its report (verslag, Awb 9:10)."""
    check_step(complaint.status, Step.HEARING)
    _not_before_receipt(complaint, held_on, "held_on")
    _not_in_future(held_on, "held_on")
    if not report.strip():
        raise ProcedureError({"report": _("A report of the hearing is required (Awb 9:10).")})
    personal = complaint.personal_data
    personal.hearing_report = report
    personal.save(update_fields=["hearing_report"])
    return _change(
        complaint,
        Event.HEARING_HELD,
        {"hearing_held_on": held_on, "hearing_waiver": ""},
        acting_user=acting_user,
    )


@transaction.atomic
def waive_hearing(complaint: Complaint, *, reason: str, note: str = "", acting_user: User) -> Complaint:
    """Record why the complainant is not heard; only the reasons of Awb 9:10 lid 2 are allowed."""
    check_step(complaint.status, Step.HEARING)
    if reason not in HearingWaiver.values:
        raise ProcedureError({"reason": _("Choose one of the reasons of Awb 9:10 lid 2.")})
    return _change(
        complaint, Event.HEARING_WAIVED, {"hearing_waiver": reason}, acting_user=acting_user, note=note
    )


@transaction.atomic
def add_element(
    complaint: Complaint, *, summary: str, nature: Nature | None = None, acting_user: User
) -> ComplaintElement:
    """Add a complaint element (klachtonderdeel) to be judged on its own."""
    check_step(complaint.status, Step.JUDGE_ELEMENT)
    if not summary.strip():
        raise ProcedureError({"summary": _("Describe the complaint element.")})
    position = complaint.elements.count() + 1
    element = ComplaintElement.objects.create(
        complaint=complaint, position=position, summary=summary, nature=nature
    )
    history.record(
        complaint,
        Event.CHANGED,
        actor=acting_user,
        changes=_classify_by_element(complaint, nature),
        note=_("Element %(n)s added: %(summary)s") % {"n": position, "summary": summary},
    )
    return element


def _classify_by_element(complaint: Complaint, nature: Nature | None) -> list[dict[str, Any]]:
    """An element's nature is also the complaint's: the figures count natures per complaint."""
    if nature is None or complaint.natures.filter(pk=nature.pk).exists():
        return []
    old = ", ".join(sorted(n.name for n in complaint.natures.all()))
    complaint.natures.add(nature)
    new = ", ".join(sorted(n.name for n in complaint.natures.all()))
    return [{"field": "natures", "old": old, "new": new}]


@transaction.atomic
def judge_element(
    element: ComplaintElement,
    *,
    judgement: str,
    reasoning: str,
    nature: Nature | None = None,
    acting_user: User,
) -> ComplaintElement:
    """Judge one complaint element: gegrond, deels gegrond, ongegrond or geen oordeel, with reasons."""
    complaint = element.complaint
    check_step(complaint.status, Step.JUDGE_ELEMENT)
    if not reasoning.strip():
        raise ProcedureError({"reasoning": _("Give the reasons for the judgement (Awb 9:12).")})
    before = history.snapshot(element, ["judgement", "nature"])
    element.judgement = judgement
    element.reasoning = reasoning
    if nature is not None:
        element.nature = nature
    element.full_clean()
    element.save()
    history.record(
        complaint,
        Event.ELEMENT_JUDGED,
        actor=acting_user,
        changes=history.diff(before, history.snapshot(element, ["judgement", "nature"]))
        + _classify_by_element(complaint, element.nature),
        note=element.summary,
    )
    return element


def _check_handler_not_complained_about(complaint: Complaint, staff: list[User], *, about_body: bool) -> None:
    if complaint.handler_id in {user.pk for user in staff} and not about_body:
        raise ProcedureError(
            {
                "staff_complained_about": _(
                    "%(user)s handles this complaint and cannot also be complained about (Awb 9:7)."
                )
                % {"user": complaint.handler}
            }
        )


def _set_many(complaint: Complaint, field: str, items: list[Any]) -> list[dict[str, Any]]:
    """Replace a many-to-many field's items; the change as (field, old, new) names, if any."""
    manager = getattr(complaint, field)
    old = sorted(str(item) for item in manager.all())
    new = sorted(str(item) for item in items)
    if old == new:
        return []
    manager.set(items)
    return [{"field": field, "old": ", ".join(old), "new": ", ".join(new)}]


@transaction.atomic
def update_complaint(
    complaint: Complaint,
    *,
    acting_user: User,
    natures: Iterable[Nature] | None = None,
    staff_complained_about: Iterable[User] | None = None,
    **values: Any,
) -> Complaint:
    """Change the case's facts (channel, department, ...); every changed field goes into the history.

    The handler may not become one of the staff complained about (Awb 9:7), unless the complaint is
    about the governing body itself.
    """
    check_step(complaint.status, Step.EDIT)
    unknown = set(values) - set(EDITABLE_FACTS)
    if unknown:
        raise ValueError(f"Not editable: {sorted(unknown)}")
    if staff_complained_about is not None:
        staff_complained_about = list(staff_complained_about)
        about_body = values.get("about_governing_body", complaint.about_governing_body)
        _check_handler_not_complained_about(complaint, staff_complained_about, about_body=about_body)
    changed = {name: value for name, value in values.items() if getattr(complaint, name) != value}
    changes: list[dict[str, Any]] = []
    if changed:
        before = history.snapshot(complaint, list(changed))
        for name, value in changed.items():
            setattr(complaint, name, value)
        _save(complaint, list(changed))
        changes = history.diff(before, history.snapshot(complaint, list(changed)))
    for field, items in (("natures", natures), ("staff_complained_about", staff_complained_about)):
        if items is not None:
            changes += _set_many(complaint, field, list(items))
    if changes:
        history.record(complaint, Event.CHANGED, actor=acting_user, changes=changes)
    return complaint


@transaction.atomic
def update_personal_data(complaint: Complaint, *, acting_user: User, **values: str) -> PersonalData:
    """Change the complainant's data; the history names the fields changed but not their contents."""
    unknown = set(values) - set(PERSONAL_FIELDS)
    if unknown:
        raise ValueError(f"Not editable: {sorted(unknown)}")
    personal = complaint.personal_data
    changed = [name for name, value in values.items() if getattr(personal, name) != value]
    for name in changed:
        setattr(personal, name, values[name])
    personal.full_clean()
    personal.save()
    if changed:
        history.record(
            complaint,
            Event.CHANGED,
            actor=acting_user,
            changes=[{"field": name, "old": "…", "new": "…"} for name in changed],
        )
    return personal
