"""No lost update: a stale form is refused in Dutch, and concurrent steps on one complaint make one change."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
import time_machine
from django.db import connection, connections

from klachtwijzer.complaints import closing
from klachtwijzer.complaints.constants import Status
from klachtwijzer.complaints.models import Complaint, HistoryEvent
from klachtwijzer.complaints.tests.backoffice import FAST_HASHERS, Organisation, post_step
from klachtwijzer.complaints.tests.factories import complaint_in_handling

STALE = "Iemand anders heeft deze klacht veranderd nadat u het formulier opende."


@pytest.fixture
def org(db, settings, municipality):
    settings.PASSWORD_HASHERS = FAST_HASHERS
    return Organisation()


def facts(complaint, version, channel):
    return {
        "channel": channel,
        "form": "written",
        "department": complaint.department_id,
        "partner": "",
        "version": version,
    }


def test_the_second_editor_of_the_facts_gets_a_message_instead_of_overwriting(client, org):
    complaint = org.own_complaint()
    opened_on = complaint.version
    client.force_login(org.handler)
    first = post_step(client, complaint, "gegevens", **facts(complaint, opened_on, "brief"))
    client.force_login(org.coordinator)

    second = post_step(client, complaint, "gegevens", **facts(complaint, opened_on, "telefoon"))

    assert first.status_code == 302
    assert second.status_code == 200
    assert STALE in second.content.decode()
    complaint.refresh_from_db()
    assert complaint.channel == "brief"
    assert complaint.version == opened_on + 1
    changed = complaint.history.filter(type=HistoryEvent.Type.CHANGED)
    assert changed.count() == 1


def test_a_stale_personal_data_form_does_not_overwrite_the_newer_name(client, org):
    complaint = org.own_complaint()
    opened_on = complaint.version
    client.force_login(org.handler)
    post_step(
        client, complaint, "persoonsgegevens", name="Anna de Vries", description="Tekst", version=opened_on
    )

    stale = post_step(
        client, complaint, "persoonsgegevens", name="A. Jansen", description="Tekst", version=opened_on
    )

    assert STALE in stale.content.decode()
    complaint.refresh_from_db()
    assert complaint.personal_data.name == "Anna de Vries"


def test_a_form_opened_on_the_current_version_saves(client, org):
    complaint = org.own_complaint()
    client.force_login(org.handler)
    page = client.get(complaint.get_absolute_url())
    assert f'name="gegevens-version" value="{complaint.version}"' in page.content.decode()

    response = post_step(client, complaint, "gegevens", **facts(complaint, complaint.version, "brief"))

    assert response.status_code == 302


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_four_quick_withdrawals_make_one_closing(municipality, coordinator, handler, department):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: set DATABASE_URL=postgres://... (CI's PostgreSQL pass runs it)")
    with time_machine.travel("2024-03-20 10:00 +01:00", tick=False):
        complaint = complaint_in_handling(coordinator=coordinator, handler=handler, department=department)
    clicks = 4
    barrier = threading.Barrier(clicks)
    outcomes: list[str] = []

    def withdraw() -> None:
        own_copy = Complaint.objects.get(pk=complaint.pk)  # each request loads the page's complaint
        try:
            barrier.wait(timeout=10)
            closing.withdraw_complaint(own_copy, withdrawn_on=dt.date(2024, 3, 20), acting_user=handler)
            outcomes.append("closed")
        except Exception as error:
            outcomes.append(type(error).__name__)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=withdraw) for _ in range(clicks)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["ProcedureError"] * (clicks - 1) + ["closed"]
    complaint.refresh_from_db()
    assert complaint.status == Status.CLOSED
    assert complaint.history.filter(type=HistoryEvent.Type.CLOSED).count() == 1
