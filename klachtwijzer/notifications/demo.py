"""The notifications of the demo: those of its open complaints, one reminder pass on the demo's day (no
e-mail), the coordinator's oldest two marked read."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from klachtwijzer.accounts.models import User
from klachtwijzer.complaints.constants import Status

from .models import Notification
from .reminders import run_pass


def load_notifications_demo(
    *, today: dt.date, coordinator: User, managers: dict[str, User], seed: int
) -> Any:
    # The steps of the demo's closed complaints told their handlers too; years later that is only noise.
    Notification.objects.filter(complaint__status=Status.CLOSED).delete()
    made = run_pass(today=today, send_email=False)
    oldest = Notification.objects.filter(recipient=coordinator).order_by("created_at", "pk")[:2]
    Notification.objects.filter(pk__in=[n.pk for n in oldest]).update(read_at=timezone.now())
    return made
