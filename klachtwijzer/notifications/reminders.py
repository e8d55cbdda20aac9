"""The reminder pass: reminders, escalations and the weekly digest for one day.

``run_pass(today=...)`` may run as often as anyone likes (the worker runs it daily, ``klachtwijzer
send-reminders`` by hand): every notification is made once per event and recipient (``notifying``).
Each kind reads its candidates in a fixed number of queries; only the notifications made cost more.

- The handler, ``REMINDER_WORKING_DAYS`` working days before the handling term (Awb 9:11, extended or
  delayed where that applies) ends, and before the 4-week date for a notice not to handle (Awb 9:8) of
  a complaint not yet triaged; and when the acknowledgement target passed with no acknowledgement.
- The coordinators and the department's managers when a complaint's term has passed (escalation).
- The owner of an improvement action before its due date and when it is overdue.
- Each manager of a department, on ``DIGEST_WEEKDAY``, a digest of the department's week.
- The coordinators (the ombudsman's contact) ``REMINDER_WORKING_DAYS`` working days before a response
  deadline the ombudsman set, and again once it passed (``ombudsman.handling.response_deadlines``).
- A partner's accounthouders when its periodic report is due, and again when it is overdue
  (``partners.due.reports_due``).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.db.models import Count, Q
from django.urls import reverse

from klachtwijzer.accounts.models import Municipality, Role, User
from klachtwijzer.complaints import completeness, terms
from klachtwijzer.complaints.models import Complaint
from klachtwijzer.learning.models import ImprovementAction, LearningPoint
from klachtwijzer.ombudsman.handling import response_deadlines
from klachtwijzer.partners.due import reports_due

from .models import Notification, NotificationKind
from .notifying import notify

DIGEST_DUE_DAYS = 14


def warns_on(end: dt.date, *, today: dt.date, working_days: int) -> bool:
    """Whether ``today`` lies in the last ``working_days`` working days up to ``end`` (end included)."""
    return terms.add_working_days(end, -working_days) <= today <= end


def run_pass(*, today: dt.date, send_email: bool = True) -> dict[str, int]:
    """Make the notifications due on ``today``; the number made of each kind (0 on a second run)."""
    made: dict[str, int] = defaultdict(int)

    def count(kind: NotificationKind, notifications: Iterable[object]) -> None:
        made[kind] += sum(1 for n in notifications if n is not None)

    # Not a notification, but a daily duty of the same pass: a request to complete (Awb 9:4) whose reply
    # date passed without completion is recorded once, and the complaint is handled as it is (ADR 0010).
    completeness.record_lapsed_requests(today=today)
    days = settings.REMINDER_WORKING_DAYS
    horizon = terms.add_working_days(today, days)
    open_complaints = Complaint.objects.awb().open().select_related("handler", "department")

    for complaint in open_complaints.filter(handler__isnull=False).applicable_term_end_lte(horizon):
        end = complaint.applicable_term_ends_on
        if warns_on(end, today=today, working_days=days):
            count(
                NotificationKind.TERM_DUE,
                [_to_handler(complaint, NotificationKind.TERM_DUE, end, send_email)],
            )

    notice_candidates = open_complaints.filter(
        handler__isnull=False,
        triaged_on__isnull=True,
        not_handled_notice_on__isnull=True,
        not_handling_notice_due_on__gte=today,
        not_handling_notice_due_on__lte=horizon,
    )
    for complaint in notice_candidates:
        end = complaint.not_handling_notice_due_on
        count(
            NotificationKind.NOTICE_DUE,
            [_to_handler(complaint, NotificationKind.NOTICE_DUE, end, send_email)],
        )

    coordinators = list(User.objects.filter(role=Role.COORDINATOR, is_active=True))
    # The target date is stored at receipt for every written complaint (Awb 9:6; ``terms.py``).
    unacknowledged = open_complaints.filter(acknowledged_on__isnull=True, acknowledgement_due_on__lt=today)
    for complaint in unacknowledged:
        target = complaint.acknowledgement_due_on
        recipients = [complaint.handler] if complaint.handler else coordinators
        count(
            NotificationKind.ACKNOWLEDGEMENT_MISSED,
            [
                notify(
                    recipient=user,
                    kind=NotificationKind.ACKNOWLEDGEMENT_MISSED,
                    event_key=f"complaint:{complaint.pk}",
                    complaint=complaint,
                    link=complaint.get_absolute_url(),
                    context={"target": target},
                    send_email=send_email,
                )
                for user in recipients
            ],
        )

    managers_by_department: dict[int, list[User]] = defaultdict(list)
    for manager in User.objects.filter(role=Role.MANAGER, is_active=True, department__isnull=False):
        managers_by_department[manager.department_id or 0].append(manager)
    overdue = list(Complaint.objects.awb().overdue(on=today).select_related("handler", "department"))
    list_link = f"{reverse('complaints:list')}?queue=overdue"
    for complaint in overdue:
        end = complaint.applicable_term_ends_on
        recipients = coordinators + managers_by_department.get(complaint.department_id or 0, [])
        count(
            NotificationKind.ESCALATION,
            [
                notify(
                    recipient=user,
                    kind=NotificationKind.ESCALATION,
                    event_key=f"complaint:{complaint.pk}:{end.isoformat()}",
                    complaint=complaint,
                    link=complaint.get_absolute_url(),
                    context={"term_end": end, "list_url": f"{settings.SITE_URL}{list_link}"},
                    send_email=send_email,
                )
                for user in {u.pk: u for u in recipients}.values()
            ],
        )

    actions = ImprovementAction.objects.unfinished().filter(due_on__lte=horizon).select_related("owner")
    for action in actions:
        if not action.owner.is_active:
            continue
        kind = NotificationKind.ACTION_OVERDUE if action.due_on < today else NotificationKind.ACTION_DUE
        if kind == NotificationKind.ACTION_DUE and not warns_on(
            action.due_on, today=today, working_days=days
        ):
            continue
        count(
            kind,
            [
                notify(
                    recipient=action.owner,
                    kind=kind,
                    event_key=f"action:{action.pk}:{action.due_on.isoformat()}",
                    link=action.get_absolute_url(),
                    context={"action": action},
                    send_email=send_email,
                )
            ],
        )

    count(NotificationKind.OMBUDSMAN_DEADLINE, _ombudsman(today, horizon, coordinators, send_email))
    count(NotificationKind.PARTNER_REPORT, _partner_reports(today, send_email))

    if today.weekday() == settings.DIGEST_WEEKDAY:
        count(NotificationKind.DIGEST, _digests(today, managers_by_department, send_email))
    return dict(made)


def _ombudsman(today: dt.date, horizon: dt.date, coordinators: list[User], send_email: bool) -> list[object]:
    """The coordinators, before an answer to the ombudsman is due (once) and when it passed (once more)."""
    made: list[object] = []
    for due in response_deadlines(today=today, within_days=(horizon - today).days):
        deadline = due.deadline
        stage = "passed" if due.passed else "soon"
        link = reverse("ombudsman:case", args=[deadline.case_id])
        for user in coordinators:
            made.append(
                notify(
                    recipient=user,
                    kind=NotificationKind.OMBUDSMAN_DEADLINE,
                    event_key=f"ombudsman-deadline:{deadline.pk}:{deadline.due_on.isoformat()}:{stage}",
                    complaint=deadline.case.complaint,
                    link=link,
                    context={"deadline": deadline, "passed": due.passed},
                    send_email=send_email,
                )
            )
    return made


def _partner_reports(today: dt.date, send_email: bool) -> list[object]:
    """A partner's accounthouders, when its report is due (once) and when it is overdue (once more)."""
    made: list[object] = []
    for report in reports_due(today=today):
        link = reverse("partners:partner", args=[report.partner.pk])
        key = f"partner-report:{report.partner.pk}:{report.expected_to.isoformat()}:{report.state}"
        for user in report.accounthouders:
            if not user.is_active:
                continue
            made.append(
                notify(
                    recipient=user,
                    kind=NotificationKind.PARTNER_REPORT,
                    event_key=key,
                    link=link,
                    context={"report": report, "overdue": report.state == "overdue"},
                    send_email=send_email,
                )
            )
    return made


def _to_handler(
    complaint: Complaint, kind: NotificationKind, end: dt.date, send_email: bool
) -> Notification | None:
    assert complaint.handler is not None
    return notify(
        recipient=complaint.handler,
        kind=kind,
        event_key=f"complaint:{complaint.pk}:{end.isoformat()}",
        complaint=complaint,
        link=complaint.get_absolute_url(),
        context={"end": end},
        send_email=send_email,
    )


def _digests(today: dt.date, managers: dict[int, list[User]], send_email: bool) -> list[object]:
    """One digest per manager: the department's open, due-soon and overdue complaints, new learning
    points of the past week and improvement actions due (a fixed number of queries per pass)."""
    due_soon_days = Municipality.current().due_soon_days
    soon = today + dt.timedelta(days=due_soon_days)
    figures: dict[int, Mapping[str, Any]] = {
        row["department"]: row
        for row in Complaint.objects.awb()
        .open()
        .filter(department__in=list(managers))
        .with_applicable_term_end()
        .values("department")
        .annotate(
            open=Count("pk"),
            overdue=Count("pk", filter=Q(applicable_term_end__lt=today)),
            due_soon=Count("pk", filter=Q(applicable_term_end__gte=today, applicable_term_end__lte=soon)),
        )
    }
    points = dict(
        LearningPoint.objects.filter(
            department__in=list(managers), recorded_on__gt=today - dt.timedelta(days=7)
        )
        .values("department")
        .annotate(n=Count("pk"))
        .values_list("department", "n")
    )
    actions: dict[int, Mapping[str, Any]] = {
        row["department"]: row
        for row in ImprovementAction.objects.unfinished()
        .filter(department__in=list(managers), due_on__lte=today + dt.timedelta(days=DIGEST_DUE_DAYS))
        .values("department")
        .annotate(
            due=Count("pk", filter=Q(due_on__gte=today)), overdue=Count("pk", filter=Q(due_on__lt=today))
        )
    }
    year, week, _ = today.isocalendar()
    made: list[object] = []
    for department_id, users in managers.items():
        row = figures.get(department_id, {})
        context = {
            "open": row.get("open", 0),
            "due_soon": row.get("due_soon", 0),
            "overdue": row.get("overdue", 0),
            "learning_points": points.get(department_id, 0),
            "actions_due": actions.get(department_id, {}).get("due", 0),
            "actions_overdue": actions.get(department_id, {}).get("overdue", 0),
            "week": week,
            "due_days": DIGEST_DUE_DAYS,
        }
        for user in users:
            made.append(
                notify(
                    recipient=user,
                    kind=NotificationKind.DIGEST,
                    event_key=f"digest:{year}-W{week:02d}",
                    link=reverse("learning:department"),
                    context={**context, "department": user.department},
                    send_email=send_email,
                )
            )
    return made
