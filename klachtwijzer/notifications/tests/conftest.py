"""A real SMTP server on this machine for the notification e-mails, and the clock of the tests."""

import pytest
from aiosmtpd.controller import Controller

from klachtwijzer.letters.tests.test_sending import Inbox, free_port


@pytest.fixture
def smtp(settings):
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", controller.port, False
    settings.DEFAULT_FROM_EMAIL = "klachten@teststad.example"
    settings.SITE_URL = "http://127.0.0.1:8101"
    yield inbox
    controller.stop()


@pytest.fixture
def immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
