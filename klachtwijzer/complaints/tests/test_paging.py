"""The complaint list pages by keyset: every complaint exactly once, in order, both ways; a capped count."""

import datetime as dt
import itertools

import pytest
import time_machine
from django.urls import reverse

from klachtwijzer.complaints import paging
from klachtwijzer.complaints.models import Complaint
from klachtwijzer.complaints.tests.backoffice import FAST_HASHERS, TODAY, Organisation
from klachtwijzer.complaints.tests.factories import complaint_in_handling, received_complaint

pytestmark = pytest.mark.django_db

DAYS = [dt.date(2024, 4, 2), dt.date(2024, 4, 9), dt.date(2024, 4, 16)]


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def org(municipality, settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS
    return Organisation()


@pytest.fixture
def complaints(org):
    """Complaints with many ties: three days of receipt, two departments and none, two states."""
    departments = itertools.cycle(
        [(org.department, org.handler), (None, None), (org.other_department, org.other_handler)]
    )
    for n in range(23):
        day, (department, handler) = DAYS[n % 3], next(departments)
        if department is None:
            received_complaint(received_on=day)
        else:
            complaint_in_handling(
                coordinator=org.coordinator, handler=handler, department=department, received_on=day
            )
    return list(Complaint.objects.select_related("department"))


def _expected(complaints, sort):
    """The sort worked out in Python from each complaint's own values, independent of the database."""
    values = {
        "received_on": lambda c: c.received_on,
        "reference": lambda c: c.reference,
        "status": lambda c: c.status,
        "sort_department": lambda c: c.department.name if c.department else "",
        "applicable_term_end": lambda c: c.applicable_term_ends_on,
    }
    ordered = list(complaints)
    for key in reversed(paging.SORT_KEYS[sort]):
        ordered.sort(key=values[key.name], reverse=key.descending)
    return [c.reference for c in ordered]


def _listed():
    return Complaint.objects.select_related("department")


@pytest.mark.parametrize("size", [1, 4, 7, 23, 30])
@pytest.mark.parametrize("sort", sorted(paging.SORT_KEYS))
def test_walking_the_pages_shows_every_complaint_once_in_order_both_ways(complaints, sort, size):
    forward, cursor = [], ""
    page = paging.seek_page(_listed(), sort, size=size)
    assert page.first and not page.has_previous
    while True:
        forward.append([c.reference for c in page])
        if not page.has_next:
            break
        cursor = page.next_cursor
        page = paging.seek_page(_listed(), sort, after=cursor, size=size)
        assert page.has_previous and not page.first

    assert [ref for refs in forward for ref in refs] == _expected(complaints, sort)
    assert all(len(refs) == size for refs in forward[:-1])

    backward = [forward[-1]]
    while page.has_previous:
        page = paging.seek_page(_listed(), sort, before=page.previous_cursor, size=size)
        backward.append([c.reference for c in page])
    assert page.first
    # Backwards the pages end at the first row: the first page may be a short one when the last was.
    assert [ref for refs in reversed(backward) for ref in refs] == _expected(complaints, sort)


def test_the_count_stops_at_the_cap(complaints, monkeypatch):
    assert paging.capped_count(_listed()) == (23, False)
    monkeypatch.setattr(paging, "COUNT_CAP", 10)
    assert paging.capped_count(_listed()) == (10, True)
    assert paging.seek_page(_listed(), "-received", size=5).count_capped


@pytest.mark.parametrize(
    "text",
    ["x", "bm90IGpzb24", paging.encode_cursor(["2024-04-02"]), paging.encode_cursor(["gisteren", "TST"])],
)
def test_a_cursor_that_does_not_fit_the_sort_is_refused(text):
    with pytest.raises(paging.BadCursor):
        paging.decode_cursor(text, paging.SORT_KEYS["-received"])


def test_the_list_pages_on_with_links_and_says_more_than_the_cap(client, org, complaints, monkeypatch):
    client.force_login(org.coordinator)
    monkeypatch.setattr("klachtwijzer.complaints.views.PAGE_SIZE", 10)
    first = client.get(reverse("complaints:list")).content.decode()
    assert "23 klachten" in first and "Volgende pagina" in first and "Vorige pagina" not in first
    newest = _expected(complaints, "-received")
    assert newest[0] in first and newest[10] not in first

    cursor = paging.encode_cursor([Complaint.objects.get(reference=newest[9]).received_on, newest[9]])
    second = client.get(reverse("complaints:list"), {"na": cursor}).content.decode()
    assert newest[10] in second and newest[19] in second and newest[9] not in second
    assert "Vorige pagina" in second and "Eerste pagina" in second

    monkeypatch.setattr(paging, "COUNT_CAP", 20)
    assert "Meer dan 20 klachten" in client.get(reverse("complaints:list")).content.decode()


def test_a_broken_page_link_shows_the_first_page_with_a_message(client, org, complaints):
    client.force_login(org.coordinator)
    response = client.get(reverse("complaints:list"), {"na": "kapot", "sort": "term"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Die pagina van de lijst bestaat niet meer" in page
    assert _expected(complaints, "term")[0] in page
