"""Letters by e-mail through the task queue, delivered to a real SMTP server on this machine."""

import email
import email.policy
import io
import signal
import socket

import pytest
from aiosmtpd.controller import Controller
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult
from pypdf import PdfReader

from klachtwijzer.complaints.models import Complaint, HistoryEvent
from klachtwijzer.complaints.tests.factories import received_complaint
from klachtwijzer.letters import sending
from klachtwijzer.letters.models import Letter, LetterChannel, LetterKind


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(email.message_from_bytes(envelope.content, policy=email.policy.default))
        return "250 OK"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp(settings):
    """A real SMTP server on 127.0.0.1, and Django's settings pointing at it."""
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", port, False
    settings.DEFAULT_FROM_EMAIL = "klachten@teststad.example"
    yield inbox
    controller.stop()


@pytest.fixture
def immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def pdf_of(message) -> str:
    part = next(p for p in message.iter_attachments() if p.get_content_type() == "application/pdf")
    reader = PdfReader(io.BytesIO(part.get_content()))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


@pytest.mark.django_db
def test_the_acknowledgement_task_mails_the_letter_with_its_pdf(
    municipality, smtp, immediate_tasks, django_capture_on_commit_callbacks, settings
):
    municipality.email = "klachten@teststad.nl"
    municipality.save()
    settings.SITE_URL = "http://127.0.0.1:8123"
    complaint = received_complaint()

    with django_capture_on_commit_callbacks(execute=True):
        sending.queue_acknowledgement(complaint, acting_user=None)

    [message] = smtp.messages
    assert message["To"] == "j.devries@example.nl"
    # The resident sees, and replies to, the address the municipality publishes: on the e-mail and the letter.
    assert message["From"] == "klachten@teststad.nl"
    assert message["Reply-To"] == "klachten@teststad.nl"
    assert message["Subject"] == f"Ontvangstbevestiging van uw klacht {complaint.reference}"
    body = message.get_body(("plain",)).get_content()
    assert "15 april 2024" in body
    assert f"http://127.0.0.1:8123/klacht/{complaint.public_token}/" in body
    text = pdf_of(message)
    assert complaint.reference in text and "15 april 2024" in text
    assert "klachten@teststad.nl" in text and "klachten@teststad.example" not in text
    letter = Letter.objects.get()
    [pdf] = [part for part in message.iter_attachments() if part.get_content_type() == "application/pdf"]
    assert pdf.get_filename() == f"{complaint.reference}-ontvangstbevestiging-{letter.pk}.pdf"
    assert letter.sent_at is not None and letter.channel == LetterChannel.EMAIL
    complaint.refresh_from_db()
    assert complaint.acknowledged_on is not None
    assert complaint.history.filter(type=HistoryEvent.Type.LETTER_SENT, actor_label="Klachtwijzer").exists()


@pytest.mark.django_db
def test_without_a_published_address_letters_come_from_the_default_sender(
    municipality, smtp, immediate_tasks, django_capture_on_commit_callbacks
):
    assert not municipality.email
    complaint = received_complaint()

    with django_capture_on_commit_callbacks(execute=True):
        sending.queue_acknowledgement(complaint, acting_user=None)

    [message] = smtp.messages
    assert message["From"] == message["Reply-To"] == "klachten@teststad.example"
    assert "klachten@teststad.example" in pdf_of(message)


@pytest.mark.django_db
def test_without_an_e_mail_address_the_acknowledgement_waits_for_post(
    municipality, smtp, immediate_tasks, django_capture_on_commit_callbacks
):
    complaint = received_complaint(personal={"name": "A. Post", "address": "Laan 2", "city": "Teststad"})

    with django_capture_on_commit_callbacks(execute=True):
        sending.queue_acknowledgement(complaint, acting_user=None)

    letter = Letter.objects.get()
    assert (letter.channel, letter.sent_at) == (LetterChannel.POST, None)
    assert smtp.messages == []


@pytest.mark.django_db
def test_a_failed_delivery_is_kept_on_the_letter(
    municipality, settings, immediate_tasks, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", free_port(), 2
    complaint = received_complaint()

    with django_capture_on_commit_callbacks(execute=True):
        sending.queue_acknowledgement(complaint, acting_user=None)

    letter = Letter.objects.get()
    assert letter.sent_at is None
    assert "ConnectionRefusedError" in letter.send_error
    complaint.refresh_from_db()
    assert complaint.acknowledged_on is None


@pytest.mark.django_db(transaction=True)
def test_the_web_form_acknowledgement_goes_through_the_database_queue_and_the_worker(client, smtp):
    from klachtwijzer.accounts.models import Municipality

    Municipality.objects.create(name="Gemeente Teststad", reference_prefix="TST", address="Postbus 1")
    response = client.post(
        "/klacht-indienen/",
        {
            "name": "Jan",
            "address": "Straat 1",
            "city": "Teststad",
            "email": "jan@example.nl",
            "description": "Boos.",
        },
    )
    assert response.status_code == 302
    task = DBTaskResult.objects.get()
    assert task.status == "READY"
    assert smtp.messages == []

    handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    try:
        call_command(
            "db_worker", batch=True, startup_delay=False, reload=False, worker_id="test", verbosity=0
        )
    finally:
        for sig, handler in handlers.items():
            signal.signal(sig, handler)

    task.refresh_from_db()
    assert task.status == "SUCCESSFUL"
    complaint = Complaint.objects.get()
    [message] = smtp.messages
    assert message["To"] == "jan@example.nl"
    assert complaint.reference in pdf_of(message)
    assert Letter.objects.get(kind=LetterKind.ACKNOWLEDGEMENT).sent_at is not None
    complaint.refresh_from_db()
    assert complaint.acknowledged_on is not None
