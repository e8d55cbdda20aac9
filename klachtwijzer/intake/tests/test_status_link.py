"""The resident's status link can be revoked by the coordinator and expires a set time after closing."""

import datetime as dt

import pytest
import time_machine

from klachtwijzer.complaints import closing, handling
from klachtwijzer.complaints.models import HistoryEvent
from klachtwijzer.complaints.tests.backoffice import post_step
from klachtwijzer.complaints.tests.factories import complaint_in_handling, received_complaint
from klachtwijzer.complaints.workflow import ProcedureError

pytestmark = pytest.mark.django_db


def status_url(complaint):
    return f"/klacht/{complaint.public_token}/"


def test_the_coordinator_revokes_the_link_and_the_history_says_who_and_why(client, municipality, coordinator):
    complaint = received_complaint()
    assert client.get(status_url(complaint)).status_code == 200
    client.force_login(coordinator)

    response = post_step(client, complaint, "statuslink-intrekken", reason="Link ging naar de buurman")
    client.logout()
    page = client.get(status_url(complaint))

    assert response.status_code == 302
    assert page.status_code == 410
    assert "Deze link werkt niet meer" in page.content.decode()
    assert complaint.reference not in page.content.decode()
    event = complaint.history.get(type=HistoryEvent.Type.STATUS_LINK_REVOKED)
    assert (event.actor, event.note) == (coordinator, "Link ging naar de buurman")


def test_a_handler_cannot_revoke_the_link(municipality, handler):
    complaint = received_complaint()

    with pytest.raises(ProcedureError):
        handling.revoke_status_link(complaint, reason="x", acting_user=handler)
    complaint.refresh_from_db()
    assert complaint.status_link_revoked_at is None


def test_the_link_expires_the_set_number_of_days_after_closing(
    client, municipality, coordinator, handler, department, settings
):
    settings.STATUS_LINK_DAYS_AFTER_CLOSING = 30
    with time_machine.travel("2024-03-20 10:00 +01:00", tick=False):
        complaint = complaint_in_handling(coordinator=coordinator, handler=handler, department=department)
        closing.withdraw_complaint(complaint, withdrawn_on=dt.date(2024, 3, 20), acting_user=handler)
    url = status_url(complaint)

    with time_machine.travel("2024-04-19 12:00 +02:00", tick=False):
        on_the_last_day = client.get(url).status_code
    with time_machine.travel("2024-04-20 12:00 +02:00", tick=False):
        a_day_later = client.get(url).status_code

    assert (on_the_last_day, a_day_later) == (200, 410)


def test_an_unknown_link_is_still_not_found(client, municipality):
    assert client.get("/klacht/00000000-0000-0000-0000-000000000000/").status_code == 404
