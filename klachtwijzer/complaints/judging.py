"""Hearing and judging a complaint (Awb 9:10, 9:12): the hearing, the elements and their judgements.

Each takes the complaint (or element), keyword-only arguments and the acting user; runs in one transaction;
checks the step against the state machine; and appends a history event with what changed. Closing with
the outcome letter is in ``closing.py``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from klachtwijzer.accounts.models import User

from . import history, terms
from .constants import HearingWaiver
from .dates import long_date
from .locking import changes_complaint, lock_complaint
from .models import Complaint, ComplaintElement, Hearing, HearingParty, Nature
from .steps import Event, change_complaint, not_before_receipt, not_in_future, raise_version
from .workflow import ProcedureError, Step, check_step, check_written


def hearing_date_warning(day: dt.date) -> str:
    """A warning, not a refusal, when a hearing falls on a Saturday, Sunday or public holiday (the days of
    the Algemene termijnenwet, ``terms.is_working_day``); '' on a working day."""
    if terms.is_working_day(day):
        return ""
    return _(
        "The hearing is planned on %(date)s: a Saturday, Sunday or public holiday. "
        "Check that this is intended."
    ) % {"date": long_date(day)}


@changes_complaint
def plan_hearing(
    complaint: Complaint,
    *,
    planned_on: dt.date,
    reply_by: dt.date | None = None,
    party: str = HearingParty.BOTH,
    starts_at: dt.time | None = None,
    place: str = "",
    video_link: str = "",
    invited_on: dt.date | None = None,
    acting_user: User,
) -> Hearing:
    """Invite one party or both to a hearing (Awb 9:10); each hearing gets a record of its own.

    ``reply_by`` is the date by which the invited are asked to answer; it lies before the hearing. Only
    after it has passed may the complainant's hearing be waived because they did not answer. A hearing on
    a weekend day or public holiday is allowed, with a warning in the history. The invitation letter
    (``letters/step_flow.py``) needs the time and a place or a video link; ``invited_on`` is its date.
    The complainant's hearing is also summarised on the complaint.
    """
    check_step(complaint.status, Step.HEARING)
    check_written(complaint.form, Step.HEARING)
    if party not in HearingParty.values:
        raise ProcedureError({"party": _("Choose who is heard.")})
    not_before_receipt(complaint, planned_on, "planned_on")
    if reply_by is not None:
        not_before_receipt(complaint, reply_by, "reply_by")
        if reply_by >= planned_on:
            raise ProcedureError({"reply_by": _("The reply date must lie before the date of the hearing.")})
    if invited_on is not None and reply_by is not None and reply_by < invited_on:
        raise ProcedureError({"reply_by": _("The reply date lies before the date of the invitation.")})
    hearing = Hearing(
        complaint=complaint,
        party=party,
        planned_on=planned_on,
        starts_at=starts_at,
        place=place.strip(),
        video_link=video_link.strip(),
        reply_by=reply_by,
        invited_on=invited_on,
    )
    hearing.full_clean(exclude=["complaint"])
    hearing.save()
    note = " ".join(
        part for part in (str(hearing.get_party_display()), hearing_date_warning(planned_on)) if part
    )
    if hearing.hears_complainant:
        change_complaint(
            complaint,
            Event.HEARING_PLANNED,
            {"hearing_planned_on": planned_on, "hearing_reply_by": reply_by},
            acting_user=acting_user,
            note=note,
        )
    else:
        raise_version(complaint)
        history.record(complaint, Event.HEARING_PLANNED, actor=acting_user, note=note)
    return hearing


def open_hearings(complaint: Complaint) -> list[Hearing]:
    """The planned hearings not yet recorded as held, first planned first."""
    return list(complaint.hearings.filter(held_on__isnull=True))


@changes_complaint
def record_hearing(
    complaint: Complaint,
    *,
    held_on: dt.date,
    report: str,
    hearing: Hearing | None = None,
    acting_user: User,
) -> Complaint:
    """Record a hearing and its report (verslag, Awb 9:10).

    Without ``hearing``, the first planned hearing with the complainant, or a new record of a hearing with
    the complainant (one held without a planned invitation, by phone say).
    """
    check_step(complaint.status, Step.HEARING)
    check_written(complaint.form, Step.HEARING)
    not_before_receipt(complaint, held_on, "held_on")
    not_in_future(held_on, "held_on")
    if not report.strip():
        raise ProcedureError({"report": _("A report of the hearing is required (Awb 9:10).")})
    if hearing is None:
        hearing = next((h for h in open_hearings(complaint) if h.hears_complainant), None) or Hearing(
            complaint=complaint, party=HearingParty.COMPLAINANT, planned_on=held_on
        )
    elif hearing.complaint_id != complaint.pk or hearing.held_on is not None:
        raise ProcedureError(
            {"hearing": _("Choose a planned hearing of this complaint that was not recorded yet.")}
        )
    hearing.held_on = held_on
    hearing.report = report
    hearing.save()
    if not hearing.hears_complainant:
        raise_version(complaint)
        history.record(
            complaint, Event.HEARING_HELD, actor=acting_user, note=str(hearing.get_party_display())
        )
        return complaint
    personal = complaint.personal_data
    personal.hearing_report = report
    personal.save(update_fields=["hearing_report"])
    return change_complaint(
        complaint,
        Event.HEARING_HELD,
        {"hearing_held_on": held_on, "hearing_waiver": ""},
        acting_user=acting_user,
        note=str(hearing.get_party_display()),
    )


@changes_complaint
def waive_hearing(complaint: Complaint, *, reason: str, note: str = "", acting_user: User) -> Complaint:
    """Record why the complainant is not heard; only the reasons of Awb 9:10 lid 2 are allowed."""
    check_step(complaint.status, Step.HEARING)
    check_written(complaint.form, Step.HEARING)
    if reason not in HearingWaiver.values:
        raise ProcedureError({"reason": _("Choose one of the reasons of Awb 9:10 lid 2.")})
    if reason == HearingWaiver.NO_ANSWER:
        reply_by = complaint.hearing_reply_by
        if reply_by is None or reply_by >= timezone.localdate():
            raise ProcedureError(
                {
                    "reason": _(
                        "'Did not answer' is possible only after the reply date of the invitation has passed."
                    )
                    if reply_by is None
                    else _("'Did not answer' is possible only after the reply date (%(date)s) has passed.")
                    % {"date": long_date(reply_by)}
                }
            )
    return change_complaint(
        complaint, Event.HEARING_WAIVED, {"hearing_waiver": reason}, acting_user=acting_user, note=note
    )


@changes_complaint
def add_element(
    complaint: Complaint, *, summary: str, nature: Nature | None = None, acting_user: User
) -> ComplaintElement:
    """Add a complaint element (klachtonderdeel) to be judged on its own."""
    check_step(complaint.status, Step.JUDGE_ELEMENT)
    check_written(complaint.form, Step.JUDGE_ELEMENT)
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
    lock_complaint(complaint)
    check_step(complaint.status, Step.JUDGE_ELEMENT)
    check_written(complaint.form, Step.JUDGE_ELEMENT)
    if not reasoning.strip():
        raise ProcedureError({"reasoning": _("Give the reasons for the judgement (Awb 9:12).")})
    before = history.snapshot(element, ["judgement", "nature"])
    element.judgement = judgement
    element.reasoning = reasoning
    if nature is not None:
        element.nature = nature
    element.full_clean()
    element.save()
    raise_version(complaint)
    history.record(
        complaint,
        Event.ELEMENT_JUDGED,
        actor=acting_user,
        changes=history.diff(before, history.snapshot(element, ["judgement", "nature"]))
        + _classify_by_element(complaint, element.nature),
        note=element.summary,
    )
    return element
