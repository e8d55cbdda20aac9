"""Destroying the personal data of complaints whose retention has run out (Selectielijst 2020, 13).

A legal hold blocks destruction. A destruction list holds every complaint due on a date minus those on
hold; a coordinator or records manager proposes it, another of them approves it (four eyes: the one who
proposed may not approve), and carrying it out destroys, per complaint and all in one transaction: the
personal data (blanked, ``destroyed_on`` set), the complainant's messages, the attachments, the letters
(through ``extensions.add_destroyer``) and the free text of the history (through ``history_gate``). What
stays is the tombstone: the complaint's facts, reference, dates and Selectielijst result, which is all
the figures count. The list, with its approver, time and counts, is the log.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from klachtwijzer.accounts.access import can_manage_retention
from klachtwijzer.accounts.models import User

from . import extensions, history, retention
from .constants import Status
from .history_events import HistoryEvent
from .history_gate import redact_events
from .models import ComplainantMessage, Complaint, DestructionList, LegalHold, PersonalData
from .workflow import ProcedureError

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
    "hearing_report",
    "findings",
    "informal_agreement",
    "notes",
]


def _coordinator(user: User | None) -> None:
    """Retention is for the coordinator and the records manager (``accounts.access.RETENTION_ROLES``)."""
    if user is None or not can_manage_retention(user):
        raise ProcedureError(
            _("Only the complaints coordinator or the records manager may do this."), code="not_coordinator"
        )


def recompute(complaint: Complaint) -> dict[str, Any]:
    """The stored retention fields as ``retention_for`` computes them now."""
    kept = retention.retention_for(
        outcome=complaint.outcome,
        closed_on=complaint.closed_on,
        ombudsman_referred_on=complaint.ombudsman_referred_on,
        keep_permanently=bool(complaint.keep_permanently_reason),
    )
    return {"retention_result": kept.result, "destroy_on": kept.destroy_on}


def recompute_all() -> int:
    """Bring every complaint's stored result and destruction date in step; how many changed."""
    changed = 0
    with transaction.atomic():
        fields = ["outcome", "closed_on", "ombudsman_referred_on", "keep_permanently_reason"]
        for complaint in Complaint.objects.only("pk", "retention_result", "destroy_on", *fields):
            values = recompute(complaint)
            if values != {"retention_result": complaint.retention_result, "destroy_on": complaint.destroy_on}:
                Complaint.objects.filter(pk=complaint.pk).update(**values)
                changed += 1
    return changed


def on_hold() -> Exists:
    return Exists(LegalHold.objects.filter(complaint=OuterRef("pk"), lifted_at__isnull=True))


def due(as_of: dt.date) -> QuerySet[Complaint]:
    """Closed complaints whose destruction date has come, not yet destroyed, not on hold."""
    return (
        Complaint.objects.filter(status=Status.CLOSED, destroy_on__lte=as_of)
        .exclude(personal_data__destroyed_on__isnull=False)
        .exclude(on_hold())
        .order_by("destroy_on", "reference")
    )


def place_hold(complaint: Complaint, *, reason: str, acting_user: User) -> LegalHold:
    _coordinator(acting_user)
    if not reason.strip():
        raise ProcedureError({"reason": _("State why the complaint may not be destroyed.")})
    with transaction.atomic():
        hold = LegalHold.objects.create(complaint=complaint, reason=reason.strip(), placed_by=acting_user)
        history.record(complaint, HistoryEvent.Type.CHANGED, actor=acting_user, note=_("Legal hold placed."))
    return hold


def lift_hold(hold: LegalHold, *, reason: str, acting_user: User) -> LegalHold:
    _coordinator(acting_user)
    if hold.lifted_at is not None:
        raise ProcedureError(_("This legal hold was already lifted."), code="lifted")
    if not reason.strip():
        raise ProcedureError({"reason": _("State why the legal hold is lifted.")})
    with transaction.atomic():
        hold.lifted_at = timezone.now()
        hold.lifted_by = acting_user
        hold.lift_reason = reason.strip()
        hold.save(update_fields=["lifted_at", "lifted_by", "lift_reason"])
        history.record(
            hold.complaint, HistoryEvent.Type.CHANGED, actor=acting_user, note=_("Legal hold lifted.")
        )
    return hold


def keep_permanently(complaint: Complaint, *, reason: str, acting_user: User) -> Complaint:
    """Selectielijst 13.1.3: the coordinator keeps a complaint permanently, with a reason."""
    _coordinator(acting_user)
    if not reason.strip():
        raise ProcedureError({"reason": _("State why the complaint is kept permanently.")})
    with transaction.atomic():
        complaint.keep_permanently_reason = reason.strip()
        values = recompute(complaint)
        Complaint.objects.filter(pk=complaint.pk).update(keep_permanently_reason=reason.strip(), **values)
        history.record(complaint, HistoryEvent.Type.CHANGED, actor=acting_user, note=_("Kept permanently."))
    return complaint


def propose(*, as_of: dt.date, acting_user: User | None) -> DestructionList:
    """A list of every complaint due on ``as_of`` minus holds (``acting_user`` None: the command line)."""
    if acting_user is not None:
        _coordinator(acting_user)
    references = list(due(as_of).values_list("reference", flat=True))
    if not references:
        raise ProcedureError(_("No complaint is due for destruction on this date."), code="none_due")
    return DestructionList.objects.create(as_of=as_of, references=references, proposed_by=acting_user)


def _locked(destruction_list: DestructionList) -> DestructionList:
    """The list as stored now, locked until the transaction ends (inside ``transaction.atomic``): two
    clicks, or two people, on the same list wait for each other, and the second sees the first's result."""
    locked = DestructionList.objects.select_for_update().get(pk=destruction_list.pk)
    for field in ("state", "approved_by_id", "approved_at", "carried_out_at", "counts"):
        setattr(destruction_list, field, getattr(locked, field))
    return destruction_list


def approve(destruction_list: DestructionList, *, acting_user: User) -> DestructionList:
    _coordinator(acting_user)
    with transaction.atomic():
        _locked(destruction_list)
        if destruction_list.state != DestructionList.State.PROPOSED:
            raise ProcedureError(_("This destruction list is not waiting for approval."), code="not_proposed")
        if destruction_list.proposed_by_id == acting_user.pk:
            raise ProcedureError(
                _("Someone other than the one who proposed the list must approve it."), code="four_eyes"
            )
        destruction_list.state = DestructionList.State.APPROVED
        destruction_list.approved_by = acting_user
        destruction_list.approved_at = timezone.now()
        destruction_list.save(update_fields=["state", "approved_by", "approved_at"])
    return destruction_list


def _destroy(complaint: Complaint, today: dt.date, counts: dict[str, int], files: list[Any]) -> None:
    personal = PersonalData.objects.filter(complaint=complaint).first()
    if personal is not None:
        for name in PERSONAL_FIELDS:
            setattr(personal, name, "")
        personal.destroyed_on = today
        personal.save()
    else:
        PersonalData.objects.create(complaint=complaint, destroyed_on=today)
    counts["personal_data"] += 1
    complaint.hearings.exclude(report="").update(report="")  # the reports of the hearings (Awb 9:10)
    counts["messages"] += ComplainantMessage.objects.filter(complaint=complaint).delete()[0]
    for attachment in complaint.attachments.all():
        files.append(attachment.file)
        attachment.delete()
        counts["attachments"] += 1
    for destroyer in extensions.destroyers():
        counts["letters"] += destroyer(complaint)
    counts["history_redacted"] += redact_events(complaint.pk)
    history.record(
        complaint,
        HistoryEvent.Type.PERSONAL_DATA_DESTROYED,
        note=_("Personal data, free text and files destroyed; the history's free text was blanked."),
        actor_label=_("Destruction list of %(date)s") % {"date": today.isoformat()},
    )


def carry_out(destruction_list: DestructionList, *, acting_user: User | None = None) -> DestructionList:
    """Destroy every complaint on an approved list, all or nothing, and log the counts on the list."""
    today = timezone.localdate()
    counts = dict.fromkeys(["complaints", "personal_data", "messages", "attachments", "letters"], 0)
    counts["history_redacted"] = 0
    files: list[Any] = []
    with transaction.atomic():
        _locked(destruction_list)
        if destruction_list.state != DestructionList.State.APPROVED:
            raise ProcedureError(
                _("Only an approved destruction list can be carried out."), code="not_approved"
            )
        complaints = list(Complaint.objects.filter(reference__in=destruction_list.references))
        held = Complaint.objects.filter(pk__in=[c.pk for c in complaints]).filter(on_hold())
        if held.exists():
            raise ProcedureError(
                _("A complaint on the list is on legal hold: %(reference)s.")
                % {"reference": held.values_list("reference", flat=True)[0]},
                code="on_hold",
            )
        for complaint in complaints:
            _destroy(complaint, today, counts, files)
            counts["complaints"] += 1
        destruction_list.state = DestructionList.State.CARRIED_OUT
        destruction_list.carried_out_at = timezone.now()
        destruction_list.counts = counts
        destruction_list.save(update_fields=["state", "carried_out_at", "counts"])
        transaction.on_commit(lambda: [f.delete(save=False) for f in files if f])
    return destruction_list


def destroy_due(*, as_of: dt.date, approved_by: User) -> DestructionList:
    """The command line's path: propose, approve and carry out at once, all or nothing."""
    with transaction.atomic():
        destruction_list = propose(as_of=as_of, acting_user=None)
        approve(destruction_list, acting_user=approved_by)
        return carry_out(destruction_list, acting_user=approved_by)
