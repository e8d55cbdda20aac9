"""The demo's notifications: each overdue complaint escalated once to each person concerned; a second pass
makes nothing."""

import datetime as dt
from collections import Counter

import pytest
import time_machine

from klachtwijzer.accounts.models import Role, User
from klachtwijzer.complaints.demo import load_demo
from klachtwijzer.complaints.models import Complaint
from klachtwijzer.notifications.models import Notification, NotificationKind
from klachtwijzer.notifications.reminders import run_pass

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2025, 3, 14, 15, tzinfo=dt.UTC)
TODAY = dt.date(2025, 3, 14)


def test_the_demo_escalates_each_overdue_complaint_once_and_a_second_pass_sends_nothing(
    django_capture_on_commit_callbacks,
):
    with time_machine.travel(NOW, tick=False):
        load_demo(per_year=12)
        overdue = list(Complaint.objects.awb().overdue(on=TODAY))
        assert overdue
        coordinators = list(User.objects.filter(role=Role.COORDINATOR, is_active=True))
        escalations = Counter(
            Notification.objects.filter(kind=NotificationKind.ESCALATION).values_list(
                "complaint", "recipient"
            )
        )
        for complaint in overdue:
            managers = User.objects.filter(role=Role.MANAGER, department=complaint.department_id)
            for user in [*coordinators, *managers]:
                assert escalations[(complaint.pk, user.pk)] == 1
        assert {complaint for complaint, _ in escalations} == {c.pk for c in overdue}

        before = Notification.objects.count()
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            assert sum(run_pass(today=TODAY).values()) == 0
        assert Notification.objects.count() == before
        assert callbacks == []  # no e-mail queued either

    kinds = set(Notification.objects.values_list("kind", flat=True))
    assert {NotificationKind.ASSIGNED, NotificationKind.ESCALATION} <= kinds
    assert Notification.objects.filter(read_at__isnull=False).exists()
    assert Notification.objects.filter(read_at__isnull=True).exists()
