"""A notification e-mail that fails is tried again after a wait and arrives once when the server is back."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from klachtwijzer.accounts.models import Municipality, Role
from klachtwijzer.accounts.tests.factories import UserFactory
from klachtwijzer.letters.tests.test_always_arrive import run_worker, start_smtp
from klachtwijzer.letters.tests.test_sending import free_port
from klachtwijzer.notifications.models import Notification, NotificationKind
from klachtwijzer.notifications.notifying import notify

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_failed_notification_e_mail_is_retried_and_sent_once(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", free_port(), 2
    settings.EMAIL_USE_TLS = False
    settings.SEND_RETRIES, settings.SEND_RETRY_BASE_SECONDS = 3, 30
    Municipality.objects.create(name="Gemeente Teststad", reference_prefix="TST", address="Postbus 1")
    manager = UserFactory(username="m", role=Role.MANAGER, email="m@teststad.nl")
    notify(recipient=manager, kind=NotificationKind.DIGEST, event_key="digest:1", context={"week": 1})

    run_worker()
    notification = Notification.objects.get()
    assert notification.emailed_at is None and "ConnectionRefusedError" in notification.email_error
    assert DBTaskResult.objects.filter(status="READY").count() == 1

    inbox, controller = start_smtp(settings.EMAIL_PORT)
    try:
        with time_machine.travel(timezone.now() + dt.timedelta(seconds=31)):
            run_worker()
            run_worker()
    finally:
        controller.stop()

    assert [m["To"] for m in inbox.messages] == ["m@teststad.nl"]
    notification.refresh_from_db()
    assert notification.emailed_at is not None and notification.email_error == ""
    # Asked again for the same event, nothing new is made or sent.
    assert notify(recipient=manager, kind=NotificationKind.DIGEST, event_key="digest:1", context={}) is None
