"""Letters that always arrive: retried with backoff while the mail server is down, recovered from a dead
worker, listed for the coordinator when they could not be delivered; the resident is never told otherwise."""

import datetime as dt
import signal

import pytest
import time_machine
from aiosmtpd.controller import Controller
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from klachtwijzer.accounts.models import Municipality
from klachtwijzer.complaints.models import HistoryEvent
from klachtwijzer.complaints.tests.factories import received_complaint
from klachtwijzer.letters import sending
from klachtwijzer.letters.models import Letter
from klachtwijzer.letters.tests.test_sending import Inbox, free_port

pytestmark = pytest.mark.django_db(transaction=True)
SEND_LETTER = "klachtwijzer.letters.tasks.send_letter"


@pytest.fixture
def mail_settings(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", free_port(), 2
    settings.EMAIL_USE_TLS = False
    settings.SEND_RETRIES, settings.SEND_RETRY_BASE_SECONDS = 3, 60
    Municipality.objects.create(name="Gemeente Teststad", reference_prefix="TST", address="Postbus 1")
    return settings


def start_smtp(port):
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    return inbox, controller


def run_worker(command="db_worker"):
    handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    try:
        call_command(command, batch=True, startup_delay=False, reload=False, worker_id="test", verbosity=0)
    finally:
        for sig, handler in handlers.items():
            signal.signal(sig, handler)


def status_page(client, complaint):
    return client.get(f"/klacht/{complaint.public_token}/").content.decode()


def test_a_send_that_fails_is_retried_after_a_wait_and_delivered_when_the_server_is_back(
    mail_settings, client
):
    complaint = received_complaint()
    sending.queue_acknowledgement(complaint, acting_user=None)

    run_worker()  # the mail server is down
    letter = Letter.objects.get()
    assert (letter.sent_at, letter.send_attempts) == (None, 1)
    assert "ConnectionRefusedError" in letter.send_error
    retry = DBTaskResult.objects.get(task_path=SEND_LETTER, status="READY")
    wait = (retry.run_after - timezone.now()).total_seconds()
    assert 50 < wait <= 60
    # Nobody is told the letter went out: not the history, not the resident's status page.
    assert not complaint.history.filter(type=HistoryEvent.Type.LETTER_SENT).exists()
    assert f"/brieven/{letter.pk}.pdf" not in status_page(client, complaint)

    inbox, controller = start_smtp(mail_settings.EMAIL_PORT)
    try:
        run_worker()  # the wait has not passed: nothing is tried yet
        assert inbox.messages == []
        with time_machine.travel(timezone.now() + dt.timedelta(seconds=61)):
            run_worker()
            run_worker()
    finally:
        controller.stop()

    [message] = inbox.messages
    assert message["To"] == "j.devries@example.nl"
    letter.refresh_from_db()
    assert letter.sent_at is not None and letter.send_error == ""
    assert complaint.history.filter(type=HistoryEvent.Type.LETTER_SENT).count() == 1
    assert f"/brieven/{letter.pk}.pdf" in status_page(client, complaint)


def test_after_the_last_try_the_coordinator_sees_the_letter_and_sends_it_again(
    mail_settings, client, coordinator, handler
):
    mail_settings.SEND_RETRIES, mail_settings.SEND_RETRY_BASE_SECONDS = 2, 0
    complaint = received_complaint()
    sending.queue_acknowledgement(complaint, acting_user=None)

    run_worker()  # the first try and both retries fail
    letter = Letter.objects.get()
    assert letter.send_attempts == 3
    assert not DBTaskResult.objects.filter(status="READY").exists()

    client.force_login(handler)
    assert client.get("/brieven/niet-verstuurd/").status_code == 403
    client.force_login(coordinator)
    page = client.get("/brieven/niet-verstuurd/").content.decode()
    assert complaint.reference in page and "ConnectionRefusedError" in page
    assert "geen automatische pogingen meer" in page

    inbox, controller = start_smtp(mail_settings.EMAIL_PORT)
    try:
        response = client.post(f"/brieven/niet-verstuurd/{letter.pk}/opnieuw/", follow=True)
        assert "De brief wordt opnieuw verstuurd" in response.content.decode()
        run_worker()
    finally:
        controller.stop()

    assert len(inbox.messages) == 1
    assert complaint.reference not in client.get("/brieven/niet-verstuurd/").content.decode()


def test_a_task_left_running_by_a_dead_worker_is_picked_up_once(mail_settings):
    inbox, controller = start_smtp(mail_settings.EMAIL_PORT)
    try:
        stale, busy = received_complaint(), received_complaint()
        sending.queue_acknowledgement(stale, acting_user=None)
        sending.queue_acknowledgement(busy, acting_user=None)
        stale_task, busy_task = DBTaskResult.objects.order_by("enqueued_at")
        # The first was claimed an hour ago by a worker that died mid-send; the second was just claimed by
        # a worker that is still at it.
        DBTaskResult.objects.filter(pk=stale_task.pk).update(
            status="RUNNING", started_at=timezone.now() - dt.timedelta(hours=1), worker_ids=["dead"]
        )
        DBTaskResult.objects.filter(pk=busy_task.pk).update(
            status="RUNNING", started_at=timezone.now(), worker_ids=["alive"]
        )

        run_worker("worker")
        run_worker("worker")
    finally:
        controller.stop()

    assert [m["Subject"] for m in inbox.messages] == [f"Ontvangstbevestiging van uw klacht {stale.reference}"]
    stale_task.refresh_from_db()
    busy_task.refresh_from_db()
    assert stale_task.status == "SUCCESSFUL" and stale_task.worker_ids == ["dead", "test"]
    assert busy_task.status == "RUNNING"  # not taken from a live worker
    assert Letter.objects.get(complaint=stale).sent_at is not None
    # The worker keeps its own schedule: the next reminder pass waits in the queue.
    assert DBTaskResult.objects.filter(
        task_path="klachtwijzer.notifications.pass_tasks.scheduled_pass",
        status="READY",
        run_after__gt=timezone.now(),
    ).exists()
