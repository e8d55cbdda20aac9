"""The admin is the administrator's place for reference data, in Dutch; complaints are not there."""

import pytest
from django.urls import reverse

from klachtwijzer.accounts.models import Role
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
