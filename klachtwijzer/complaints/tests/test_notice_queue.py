"""The coordinator's queue of complaints whose 4-week notice date (Awb 9:8 lid 3) nears or passed."""

import datetime as dt

import pytest
import time_machine

from klachtwijzer.complaints import closing
from klachtwijzer.complaints.constants import NotHandledGround
from klachtwijzer.complaints.models import Complaint
from klachtwijzer.complaints.queues import Queue, in_queue, queues_for
from klachtwijzer.complaints.tests.factories import complaint_in_handling, received_complaint

TODAY = dt.date(2024, 6, 3)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(dt.datetime(2024, 6, 3, 12, tzinfo=dt.UTC), tick=False):
        yield


def test_only_the_coordinator_has_the_notice_queue(coordinator, handler):
    assert Queue.NOTICE in queues_for(coordinator)
    assert Queue.NOTICE not in queues_for(handler)


def test_the_queue_holds_untriaged_complaints_whose_notice_date_nears_or_passed(
    municipality, coordinator, handler, department
):
    nearing = received_complaint(received_on=dt.date(2024, 5, 10))  # notice date 7 June: within 7 days
    passed = received_complaint(received_on=dt.date(2024, 4, 15))  # notice date 13 May: passed
    far = received_complaint(received_on=dt.date(2024, 5, 30))  # notice date 27 June
    triaged = complaint_in_handling(
        coordinator=coordinator, handler=handler, department=department, received_on=dt.date(2024, 4, 15)
    )
    declined = complaint_in_handling(
        coordinator=coordinator, handler=handler, department=department, received_on=dt.date(2024, 5, 10)
    )
    closing.decline_to_handle(
        declined, ground=NotHandledGround.TOO_SMALL, notice_sent_on=dt.date(2024, 6, 1), acting_user=handler
    )

    found = set(
        in_queue(Complaint.objects.all(), Queue.NOTICE, user=coordinator, today=TODAY).values_list(
            "pk", flat=True
        )
    )

    assert found == {nearing.pk, passed.pk}
    assert far.pk not in found and triaged.pk not in found


def test_the_home_page_shows_the_queue_to_the_coordinator(client, municipality, coordinator):
    received_complaint(received_on=dt.date(2024, 4, 15))
    client.force_login(coordinator)

    page = client.get("/").content.decode()

    assert "?queue=notice" in page
    assert "Awb 9:8 lid 3" in page
