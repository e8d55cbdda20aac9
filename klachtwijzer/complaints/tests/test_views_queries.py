"""Back-office pages use a fixed number of queries whatever the number of complaints."""

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from klachtwijzer.complaints import handling
from klachtwijzer.complaints.models import Nature
from klachtwijzer.complaints.paging import encode_cursor
from klachtwijzer.complaints.tests.backoffice import FAST_HASHERS, TODAY, Organisation, post_step
from klachtwijzer.complaints.tests.factories import complaint_in_handling, received_complaint

pytestmark = pytest.mark.django_db

PAGES = [
    "/",
    "/klachten/",
    "/klachten/?queue=triage",
    "/klachten/?queue=mine",
    "/klachten/?queue=department",
    "/klachten/?queue=week",
    "/klachten/?queue=overdue",
    "/klachten/?queue=notice",
    "/klachten/?queue=acknowledge",
    "/klachten/?q=TST&status=open&term=on_time&sort=term",
    "/klachten/?q=onvriendelijk&sort=department&na="
    + encode_cursor(["Afdeling", dt.date(2024, 5, 1), "TST"]),
    "/klachten/?status=closed&voor=" + encode_cursor([dt.date(2024, 4, 20), "TST-2024-0002"]),
]


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def org(municipality, settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS
    return Organisation()


def _add_complaints(org, count):
    natures = list(Nature.objects.all()[:3])
    for n in range(count):
        # Spread so that even the first five hold overdue, due-soon and on-time complaints.
        received_on = dt.date(2024, 4, 1) + dt.timedelta(days=(n * 11) % 60)
        if n % 3 == 0:
            received_complaint(received_on=received_on, partner=org.partner)
            continue
        complaint = complaint_in_handling(
            coordinator=org.coordinator,
            handler=org.handler if n % 2 else org.coordinator,
            department=org.department,
            received_on=received_on,
            partner=org.partner,
        )
        handling.update_complaint(complaint, acting_user=org.coordinator, natures=natures[: n % 4])


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("role", ["coordinator", "handler", "manager", "partner_user"])
def test_home_queues_and_list_do_not_grow_with_the_data(client, org, role, django_assert_max_num_queries):
    client.force_login(org.user(role))
    _add_complaints(org, 5)
    few = {url: _count(client, url) for url in PAGES}
    _add_complaints(org, 45)
    many = {url: _count(client, url) for url in PAGES}

    assert many == few
    for url in PAGES:
        with django_assert_max_num_queries(20):
            client.get(url)


def test_complaint_page_does_not_grow_with_its_history(client, org):
    complaint = org.own_complaint()
    client.force_login(org.handler)
    url = complaint.get_absolute_url()
    few = _count(client, url)
    for n in range(10):
        post_step(client, complaint, "contact", contacted_on="2024-06-03", note=f"Gesprek {n}")
        post_step(client, complaint, "onderdeel", summary=f"Onderdeel {n}")
    post_step(client, complaint, "informatie", text="Meer informatie")
    assert _count(client, url) == few
    assert reverse("complaints:detail", args=[complaint.reference]) == url
