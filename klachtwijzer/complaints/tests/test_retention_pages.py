"""The retention pages: what is due, four eyes in the browser's flow, legal holds, fixed queries."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from klachtwijzer.accounts.models import Role, User
from klachtwijzer.complaints.closing import withdraw_complaint
from klachtwijzer.complaints.models import DestructionList, LegalHold, PersonalData
from klachtwijzer.complaints.tests.factories import received_complaint

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 3, 14, 12, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _now():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def records_manager(db):
    return User.objects.create_user(username="archief", password="x", role=Role.RECORDS_MANAGER)


def _withdrawn(coordinator, number=1):
    made = []
    for _ in range(number):
        complaint = received_complaint(received_on=dt.date(2024, 3, 4))
        made.append(withdraw_complaint(complaint, withdrawn_on=dt.date(2024, 3, 10), acting_user=coordinator))
    return made


def test_propose_approve_by_another_and_carry_out(client, municipality, coordinator, records_manager):
    (complaint,) = _withdrawn(coordinator)
    client.force_login(coordinator)
    page = client.get(reverse("complaints:retention"), {"as_of": "2026-01-01"})
    assert complaint.reference in page.content.decode()
    assert "1 klacht moet op 1 januari 2026 vernietigd worden." in page.content.decode()
    response = client.post(reverse("complaints:retention_propose"), {"as_of": "2026-01-01"})
    proposed = DestructionList.objects.get()
    assert response.url == reverse("complaints:retention_list", args=[proposed.pk])
    # The one who proposed cannot approve: no button, and a post is refused with a Dutch reason.
    assert "Iemand anders moet hem goedkeuren" in client.get(response.url).content.decode()
    refused = client.post(reverse("complaints:retention_approve", args=[proposed.pk]))
    assert refused.status_code == 400
    assert "Een ander dan wie de lijst voorstelde moet hem goedkeuren." in refused.content.decode()
    proposed.refresh_from_db()
    assert proposed.state == DestructionList.State.PROPOSED
    client.force_login(records_manager)
    assert client.post(reverse("complaints:retention_approve", args=[proposed.pk])).status_code == 302
    assert client.post(reverse("complaints:retention_carry_out", args=[proposed.pk])).status_code == 302
    proposed.refresh_from_db()
    assert proposed.state == DestructionList.State.CARRIED_OUT
    assert proposed.counts["complaints"] == 1
    assert PersonalData.objects.get(complaint=complaint).name == ""
    page = client.get(reverse("complaints:retention_list", args=[proposed.pk])).content.decode()
    assert "Uitgevoerd" in page and "Wat is vernietigd" in page


def test_a_hold_keeps_the_complaint_off_and_needs_reasons(client, municipality, coordinator):
    (complaint,) = _withdrawn(coordinator)
    client.force_login(coordinator)
    url = reverse("complaints:retention_hold")
    no_reason = client.post(url, {"reference": complaint.reference, "reason": " "})
    assert no_reason.status_code == 400
    unknown = client.post(url, {"reference": "XYZ-0000-0000", "reason": "Rechtszaak"})
    assert unknown.status_code == 400 and "Er is geen klacht met dit kenmerk." in unknown.content.decode()
    assert not LegalHold.objects.exists()
    assert client.post(url, {"reference": complaint.reference, "reason": "Rechtszaak"}).status_code == 302
    assert (
        "0 klachten moeten op"
        in client.get(reverse("complaints:retention"), {"as_of": "2026-01-01"}).content.decode()
    )
    assert client.post(reverse("complaints:retention_propose"), {"as_of": "2026-01-01"}).status_code == 400
    hold = LegalHold.objects.get()
    assert (
        client.post(reverse("complaints:retention_lift", args=[hold.pk]), {"reason": ""}).status_code == 400
    )
    assert (
        client.post(reverse("complaints:retention_lift", args=[hold.pk]), {"reason": "Uitspraak"}).status_code
        == 302
    )
    hold.refresh_from_db()
    assert hold.lift_reason == "Uitspraak" and hold.lifted_by == coordinator


def test_a_broken_date_gets_a_dutch_message(client, municipality, coordinator):
    client.force_login(coordinator)
    response = client.get(reverse("complaints:retention"), {"as_of": "2026-02-30"})
    assert response.status_code == 400
    assert "Vul een datum in als dd-mm-jjjj" in response.content.decode()


@pytest.mark.parametrize("number", [1, 6])
def test_the_pages_use_a_fixed_number_of_queries(
    client, municipality, coordinator, records_manager, django_assert_max_num_queries, number
):
    made = _withdrawn(coordinator, number)
    for complaint in made[:2]:
        LegalHold.objects.create(complaint=complaint, reason="Woo-verzoek", placed_by=coordinator)
    proposed = DestructionList.objects.create(
        as_of=dt.date(2026, 1, 1), references=[c.reference for c in made], proposed_by=coordinator
    )
    client.force_login(records_manager)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("complaints:retention"), {"as_of": "2026-01-01"}).status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(reverse("complaints:retention_list", args=[proposed.pk])).status_code == 200
