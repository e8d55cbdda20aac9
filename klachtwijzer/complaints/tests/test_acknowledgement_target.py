"""Awb 9:6: the acknowledgement target (working days, a municipality setting) gives each written complaint a
date, a queue of complaints still to acknowledge, and the figure of acknowledgements within the target."""

import datetime as dt

import pytest
import time_machine

from klachtwijzer.complaints import editing, handling
from klachtwijzer.complaints.constants import Form
from klachtwijzer.complaints.models import Complaint
from klachtwijzer.complaints.queues import Queue, in_queue, queues_for
from klachtwijzer.complaints.tests.factories import received_complaint
from klachtwijzer.reporting.figures import compute_period_figures
from klachtwijzer.reporting.periods import Period

pytestmark = pytest.mark.django_db

TODAY = dt.date(2024, 6, 3)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(dt.datetime(2024, 6, 3, 12, tzinfo=dt.UTC), tick=False):
        yield


def test_a_written_complaint_gets_the_target_in_working_days_past_holidays(municipality):
    municipality.acknowledgement_target_days = 5
    municipality.save()

    # Monday 6 May 2024; Thursday 9 May is Ascension Day and the weekend does not count.
    written = received_complaint(received_on=dt.date(2024, 5, 6))
    oral = received_complaint(received_on=dt.date(2024, 5, 6), form=Form.ORAL)

    assert written.acknowledgement_due_on == dt.date(2024, 5, 14)
    assert oral.acknowledgement_due_on is None


def test_the_target_follows_the_municipality_setting(municipality):
    municipality.acknowledgement_target_days = 2
    municipality.save()

    complaint = received_complaint(received_on=dt.date(2024, 5, 31))  # a Friday

    assert complaint.acknowledgement_due_on == dt.date(2024, 6, 4)


def test_a_complaint_recorded_as_written_after_all_gets_its_target(municipality, coordinator):
    complaint = received_complaint(received_on=dt.date(2024, 5, 6), form=Form.ORAL)

    editing.update_complaint(complaint, acting_user=coordinator, form=Form.WRITTEN)

    complaint.refresh_from_db()
    assert complaint.acknowledgement_due_on == dt.date(2024, 5, 14)


def test_the_queue_holds_the_written_complaints_not_yet_acknowledged(municipality, coordinator):
    waiting = received_complaint(received_on=dt.date(2024, 5, 27))
    acknowledged = received_complaint(received_on=dt.date(2024, 5, 27))
    handling.acknowledge_receipt(acknowledged, sent_on=dt.date(2024, 5, 28), acting_user=coordinator)
    received_complaint(received_on=dt.date(2024, 5, 27), form=Form.ORAL)

    found = in_queue(Complaint.objects.all(), Queue.ACKNOWLEDGE, user=coordinator, today=TODAY)

    assert list(found.values_list("pk", flat=True)) == [waiting.pk]


def test_the_coordinator_and_the_handler_have_the_queue_the_manager_not(coordinator, handler, department):
    from klachtwijzer.accounts.models import Role
    from klachtwijzer.accounts.tests.factories import UserFactory

    manager = UserFactory(role=Role.MANAGER, department=department)

    assert Queue.ACKNOWLEDGE in queues_for(coordinator)
    assert Queue.ACKNOWLEDGE in queues_for(handler)
    assert Queue.ACKNOWLEDGE not in queues_for(manager)


def test_the_complaint_page_shows_the_target_until_acknowledged(client, municipality, coordinator):
    complaint = received_complaint(received_on=dt.date(2024, 5, 27))
    client.force_login(coordinator)

    before = client.get(complaint.get_absolute_url()).content.decode()
    handling.acknowledge_receipt(complaint, sent_on=dt.date(2024, 5, 28), acting_user=coordinator)
    after = client.get(complaint.get_absolute_url()).content.decode()

    assert "Ontvangstbevestiging versturen vóór of op" in before and "maandag 3 juni 2024" in before
    assert "Ontvangstbevestiging versturen vóór of op" not in after


def test_the_figures_split_written_and_oral_and_count_acknowledgements_within_the_target(
    municipality, coordinator
):
    on_time = received_complaint(received_on=dt.date(2024, 5, 6))  # target 14 May
    handling.acknowledge_receipt(on_time, sent_on=dt.date(2024, 5, 14), acting_user=coordinator)
    late = received_complaint(received_on=dt.date(2024, 5, 6))
    handling.acknowledge_receipt(late, sent_on=dt.date(2024, 5, 15), acting_user=coordinator)
    received_complaint(received_on=dt.date(2024, 5, 6))  # never acknowledged: the target passed
    received_complaint(received_on=dt.date(2024, 5, 31))  # target 7 June: not yet due, not counted
    received_complaint(received_on=dt.date(2024, 5, 6), form=Form.ORAL)

    figures = compute_period_figures(period=Period(dt.date(2024, 5, 1), dt.date(2024, 5, 31)), as_of=TODAY)[
        "current"
    ]

    assert figures["by_form"] == {"schriftelijk": 4, "mondeling": 1}
    assert figures["to_acknowledge"] == 3
    assert figures["acknowledged_within_target"] == 1
    assert figures["acknowledged_within_target_pct"] == 33.3
