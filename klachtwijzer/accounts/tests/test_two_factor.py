"""Two-factor login for the roles that see personal data: enrolment, the code, recovery codes."""

from __future__ import annotations

import base64

import pytest
import time_machine
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from klachtwijzer.accounts.models import Role
from klachtwijzer.accounts.tests.factories import UserFactory

PASSWORD = "geheim-wachtwoord-123"
LOGIN = "/inloggen/"
SETUP = "/tweestapsverificatie/instellen/"

pytestmark = pytest.mark.django_db


def password_step(client, username):
    return client.post(
        LOGIN, {"login_view-current_step": "auth", "auth-username": username, "auth-password": PASSWORD}
    )


def code_step(client, code, step="token"):
    return client.post(LOGIN, {"login_view-current_step": step, f"{step}-otp_token": code})


def current_code(device):
    return f"{totp(device.bin_key, step=device.step, digits=device.digits):06d}"


def test_a_handler_without_a_device_must_set_one_up_before_seeing_anything(client, municipality):
    UserFactory(username="anna", role=Role.HANDLER)

    password = password_step(client, "anna")
    home = client.get("/")
    complaints = client.get("/klachten/")

    assert password.status_code == 302
    assert home.status_code == 302 and home["Location"] == SETUP
    assert complaints["Location"] == SETUP


def test_enrolment_in_dutch_then_the_back_office_opens(client, municipality):
    user = UserFactory(username="anna", role=Role.HANDLER)
    password_step(client, "anna")

    welcome = client.get(SETUP)
    generator = client.post(SETUP, {"setup_view-current_step": "welcome"})
    secret = base64.b32decode(client.session["django_two_factor-qr_secret_key"])
    wrong = client.post(SETUP, {"setup_view-current_step": "generator", "generator-token": "000000"})
    confirmed_after_wrong_code = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    code = f"{totp(secret):06d}"
    done = client.post(SETUP, {"setup_view-current_step": "generator", "generator-token": code})

    assert "Tweestapsauthenticatie inschakelen" in welcome.content.decode()
    assert 'name="generator-token"' in generator.content.decode()
    assert wrong.status_code == 200 and not confirmed_after_wrong_code
    assert done.status_code == 302
    assert TOTPDevice.objects.get(user=user).confirmed
    assert client.get("/").status_code == 200


def test_with_a_device_the_password_alone_does_not_log_in(client, municipality):
    user = UserFactory(username="anna", role=Role.COORDINATOR)
    device = TOTPDevice.objects.create(user=user, name="default", confirmed=True)

    after_password = password_step(client, "anna")
    assert after_password.status_code == 200
    assert "zescijferige code" in after_password.content.decode()
    assert "_auth_user_id" not in client.session

    with time_machine.travel("2026-03-02 09:00:00 +01:00", tick=False) as traveller:
        wrong = code_step(client, "123456" if current_code(device) != "123456" else "654321")
        assert wrong.status_code == 200 and "_auth_user_id" not in client.session
        traveller.shift(5)  # django-otp makes the next try wait after a wrong code

        right = code_step(client, current_code(device))
        complaints = client.get("/klachten/")
    assert right.status_code == 302
    assert complaints.status_code == 200


def test_a_recovery_code_logs_in_once(client, municipality):
    user = UserFactory(username="anna", role=Role.HANDLER)
    TOTPDevice.objects.create(user=user, name="default", confirmed=True)
    backup = StaticDevice.objects.create(user=user, name="backup")
    backup.token_set.create(token="herstel12")

    password_step(client, "anna")
    client.post(LOGIN, {"wizard_goto_step": "backup"})
    first = code_step(client, "herstel12", step="backup")
    client.logout()
    password_step(client, "anna")
    client.post(LOGIN, {"wizard_goto_step": "backup"})
    second = code_step(client, "herstel12", step="backup")

    assert first.status_code == 302
    assert second.status_code == 200
    assert "_auth_user_id" not in client.session


def test_the_recovery_codes_page_makes_ten_codes(client, municipality, coordinator):
    client.force_login(coordinator)

    response = client.post("/tweestapsverificatie/herstelcodes/")

    assert response.status_code == 302
    assert StaticDevice.objects.get(user=coordinator).token_set.count() == 10


def test_the_privacy_officer_must_set_up_a_second_factor(client, municipality):
    """The privacy officer reads the access log and exports all that is held about a person."""
    UserFactory(username="fg", role=Role.PRIVACY_OFFICER)

    password_step(client, "fg")
    log_page = client.get("/privacy/inzagelog/")

    assert log_page.status_code == 302 and log_page["Location"] == SETUP
    assert client.get("/")["Location"] == SETUP


def test_a_board_member_logs_in_with_the_password_unless_configured(client, municipality, settings):
    UserFactory(username="wethouder", role=Role.BOARD)
    password_step(client, "wethouder")
    assert client.get("/").status_code == 200

    client.logout()
    settings.TWO_FACTOR_ROLES = [*settings.TWO_FACTOR_ROLES, Role.BOARD]
    password_step(client, "wethouder")
    assert client.get("/")["Location"] == SETUP


def test_the_admin_login_leads_to_the_login_with_two_factors(client, municipality):
    response = client.get("/beheer/login/?next=/beheer/")

    assert response.status_code == 302
    assert response["Location"] == "/inloggen/?next=/beheer/"
