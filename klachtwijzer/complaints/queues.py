"""The back office's work queues and term filters: which open complaints need attention, and whose.

- To triage: received and not yet triaged (the coordinator's first check).
- Mine: open complaints assigned to the user.
- My department: open complaints of the user's department.
- Due within 7 days: open complaints whose applicable term ends today or in the next 7 days.
- 9:8 notice date (coordinator): open complaints, not yet triaged and without a notice of not
  handling, whose 4-week notice date (Awb 9:8 lid 3) is within 7 days or has passed.
- Overdue: open complaints whose applicable term has ended (Awb 9:11; the extended term after a
  timely extension, or the date the complainant consented to).
- Acknowledgement still to send (Awb 9:6): open written complaints not yet acknowledged.
- Completion requested (Awb 9:4): open written complaints asked to be completed whose data are still
  incomplete, before and after the reply date (``completeness.awaiting_completion``).

Every queue narrows the complaints the user may see (``access.visible_complaints``); it never widens it.
"""

from __future__ import annotations

import datetime as dt
import enum

from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from klachtwijzer.accounts.models import Role, User

from . import completeness
from .constants import Status
from .models import Complaint, ComplaintQuerySet, ComplaintT
from .terms import TermState

DUE_WITHIN_DAYS = 7


class Queue(enum.StrEnum):
    TRIAGE = "triage"
    MINE = "mine"
    DEPARTMENT = "department"
    WEEK = "week"
    OVERDUE = "overdue"
    NOTICE = "notice"
    ACKNOWLEDGE = "acknowledge"
    COMPLETION = "completion"


QUEUE_LABELS: dict[Queue, StrOrPromise] = {
    Queue.TRIAGE: _("To triage"),
    Queue.MINE: _("Assigned to me"),
    Queue.DEPARTMENT: _("My department"),
    Queue.WEEK: _("Due within 7 days"),
    Queue.OVERDUE: _("Overdue"),
    Queue.NOTICE: _("Not-handling notice date (Awb 9:8 lid 3)"),
    Queue.ACKNOWLEDGE: _("Acknowledgement still to send (Awb 9:6)"),
    Queue.COMPLETION: _("Completion requested (Awb 9:4)"),
}

TERM_LABELS: dict[TermState, StrOrPromise] = {
    TermState.ON_TIME: _("On time"),
    TermState.DUE_SOON: _("Due soon"),
    TermState.OVERDUE: _("Overdue"),
}


def queues_for(user: User) -> list[Queue]:
    """The queues that make sense for ``user``'s role, in the order they are shown."""
    queues = []
    if user.role == Role.COORDINATOR:
        queues.append(Queue.TRIAGE)
    if user.role in (Role.COORDINATOR, Role.HANDLER, Role.MANAGER):
        queues.append(Queue.MINE)
    if user.department_id and user.role in (Role.HANDLER, Role.MANAGER, Role.COORDINATOR):
        queues.append(Queue.DEPARTMENT)
    queues = [*queues, Queue.WEEK, Queue.OVERDUE]
    if user.role == Role.COORDINATOR:
        queues.append(Queue.NOTICE)
    if user.role in (Role.COORDINATOR, Role.HANDLER):
        queues.append(Queue.ACKNOWLEDGE)
        queues.append(Queue.COMPLETION)
    return queues


def in_queue(
    complaints: ComplaintQuerySet[ComplaintT], queue: str, *, user: User, today: dt.date
) -> ComplaintQuerySet[ComplaintT]:
    """Narrow ``complaints`` to ``queue``; an unknown queue leaves them as they are."""
    if queue == Queue.TRIAGE:
        return complaints.filter(status=Status.RECEIVED)
    if queue == Queue.MINE:
        return complaints.open().filter(handler=user)
    if queue == Queue.DEPARTMENT:
        if user.department_id is None:
            return complaints.none()
        return complaints.open().filter(department_id=user.department_id)
    if queue == Queue.WEEK:
        return complaints.due_within(on=today, days=DUE_WITHIN_DAYS)
    if queue == Queue.OVERDUE:
        return complaints.overdue(on=today)
    if queue == Queue.NOTICE:
        return (
            complaints.awb()
            .open()
            .filter(
                triaged_on__isnull=True,
                not_handled_notice_on__isnull=True,
                not_handling_notice_due_on__lte=today + dt.timedelta(days=DUE_WITHIN_DAYS),
            )
        )
    if queue == Queue.ACKNOWLEDGE:
        # Written complaints not yet acknowledged (Awb 9:6); the target date is on the complaint's page.
        return (
            complaints.awb().open().filter(acknowledged_on__isnull=True, acknowledgement_due_on__isnull=False)
        )
    if queue == Queue.COMPLETION:
        # Asked to complete (Awb 9:4) and still incomplete, whether the reply date passed or not; the
        # complaint page says when it passed (then the complaint is handled with what is there).
        return completeness.awaiting_completion(complaints.awb())
    return complaints


def in_term_state(
    complaints: ComplaintQuerySet[ComplaintT], state: str, *, today: dt.date, due_soon_days: int
) -> ComplaintQuerySet[ComplaintT]:
    """Open complaints whose term is in ``state`` on ``today``, as ``Complaint.term_status`` says."""
    if state == TermState.OVERDUE:
        return complaints.overdue(on=today)
    if state == TermState.DUE_SOON:
        return complaints.due_within(on=today, days=due_soon_days)
    if state == TermState.ON_TIME:
        return complaints.open().exclude(
            pk__in=Complaint.objects.applicable_term_end_lte(today + dt.timedelta(days=due_soon_days)).values(
                "pk"
            )
        )
    return complaints
