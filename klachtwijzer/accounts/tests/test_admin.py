"""The admin is the administrator's place for reference data, in Dutch; complaints are not there."""

import pytest
from django.urls import reverse

from klachtwijzer.accounts.models import Role, User
from klachtwijzer.accounts.tests.factories import UserFactory
from klachtwijzer.complaints.models import Nature
from klachtwijzer.letters.tasks import send_letter

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, municipality):
    user = UserFactory(role=Role.ADMINISTRATOR, is_staff=True, is_superuser=True, username="beheerder")
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    ("url_name", "dutch"),
    [
        ("admin:accounts_department_changelist", "afdeling"),
        ("admin:accounts_partner_changelist", "partner"),
        ("admin:accounts_user_changelist", "gebruiker"),
        ("admin:complaints_nature_changelist", "aard"),
    ],
)
def test_reference_data_pages_are_in_dutch(admin_client, url_name, dutch):
    response = admin_client.get(reverse(url_name))

    assert response.status_code == 200
    assert dutch in response.content.decode().lower()


def test_the_catalogue_holds_the_22_norms_in_four_groups(admin_client):
    response = admin_client.get(reverse("admin:complaints_nature_changelist"))

    assert Nature.objects.filter(is_norm=True).count() == 22
    assert "Fatsoenlijke bejegening" in response.content.decode()
    assert set(Nature.objects.values_list("group", flat=True)) == {"open", "respectful", "engaged", "fair"}


def test_a_nature_is_retired_not_deleted(admin_client):
    nature = Nature.objects.get(name="Voortvarendheid")

    response = admin_client.post(reverse("admin:complaints_nature_delete", args=[nature.pk]), {"post": "yes"})

    assert response.status_code == 403
    assert Nature.objects.filter(pk=nature.pk).exists()


def test_complaints_cannot_be_edited_in_the_admin(admin_client):
    response = admin_client.get("/beheer/complaints/complaint/")

    assert response.status_code == 404


def test_an_administrator_adds_a_department(admin_client):
    response = admin_client.post(
        reverse("admin:accounts_department_add"), {"name": "Sociaal Domein", "email": "", "active": "on"}
    )

    assert response.status_code == 302
    from klachtwijzer.accounts.models import Department

    assert Department.objects.filter(name="Sociaal Domein").exists()


def test_the_background_tasks_read_in_dutch(admin_client):
    send_letter.enqueue(1)  # a waiting task, so that the list has rows and columns
    index = admin_client.get(reverse("admin:index")).content.decode()
    tasks = admin_client.get(reverse("admin:django_tasks_database_dbtaskresult_changelist")).content.decode()

    assert "Achtergrondtaken" in index and "Taakresultaten" in index
    assert "Tasks Database Backend" not in index and "Task Results" not in index
    for dutch in ("Taak", "In de wachtrij gezet op", "Gestart op", "Klaar op", "Prioriteit", "Wachtrij"):
        assert dutch in tasks
    assert "Klaar om uit te voeren" in tasks  # the task's state
    for english in ("Task name", "Enqueued at", "Queue name", "Task Result", "Ready"):
        assert english not in tasks


def _change_form(user, **changes):
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": "on",
        "is_staff": "on" if user.is_staff else "",
        "is_superuser": "on" if user.is_superuser else "",
        "role": user.role,
        "department": user.department_id or "",
        "partner": user.partner_id or "",
        "last_login_0": "",
        "last_login_1": "",
        "date_joined_0": "2024-01-01",
        "date_joined_1": "09:00:00",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value != ""}


def test_the_administrator_cannot_give_themselves_a_role_that_sees_complaints(admin_client):
    me = User.objects.get(username="beheerder")

    admin_client.post(
        reverse("admin:accounts_user_change", args=[me.pk]), _change_form(me, role="coordinator")
    )

    me.refresh_from_db()
    assert me.role == Role.ADMINISTRATOR


def test_the_administrator_cannot_create_a_handler_or_raise_a_board_member_to_coordinator(admin_client):
    board = UserFactory(role=Role.BOARD, username="wethouder")
    add = admin_client.post(
        reverse("admin:accounts_user_add"),
        {"username": "nieuw", "password1": "Zr8!kq2#lang", "password2": "Zr8!kq2#lang", "role": "handler"},
    )
    change = admin_client.post(
        reverse("admin:accounts_user_change", args=[board.pk]), _change_form(board, role="coordinator")
    )

    assert add.status_code == 200
    assert "Selecteer een geldige keuze" in add.content.decode()
    assert not User.objects.filter(username="nieuw").exists()
    assert change.status_code == 200
    board.refresh_from_db()
    assert board.role == Role.BOARD


def test_the_administrator_cannot_take_over_a_handlers_account(admin_client, handler):
    password = admin_client.get(reverse("admin:auth_user_password_change", args=[handler.pk]))
    admin_client.post(
        reverse("admin:accounts_user_change", args=[handler.pk]),
        _change_form(handler, email="beheerder@example.nl", role="coordinator"),
    )

    assert password.status_code == 403
    handler.refresh_from_db()
    assert (handler.role, handler.email) == (Role.HANDLER, "")


def test_a_coordinator_with_admin_access_grants_the_handler_role(client, municipality):
    from django.contrib.auth.models import Permission

    coordinator = UserFactory(role=Role.COORDINATOR, is_staff=True, username="klachtencoordinator")
    coordinator.user_permissions.set(Permission.objects.filter(codename__in=["add_user", "change_user"]))
    board = UserFactory(role=Role.BOARD, username="wethouder")
    client.force_login(coordinator)

    response = client.post(
        reverse("admin:accounts_user_change", args=[board.pk]), _change_form(board, role="handler")
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    board.refresh_from_db()
    assert board.role == Role.HANDLER
