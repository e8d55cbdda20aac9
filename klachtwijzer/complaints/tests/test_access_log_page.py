"""The privacy officer's search of the access log: filters, paging, fixed queries, nobody else."""

import pytest
from django.urls import reverse
from django.utils import timezone

from klachtwijzer.accounts.models import Role, User
from klachtwijzer.complaints import audit
from klachtwijzer.complaints.models import PersonalDataAccess
from klachtwijzer.complaints.tests.factories import received_complaint

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(db):
    return User.objects.create_user(username="fg", password="x", role=Role.PRIVACY_OFFICER)


@pytest.fixture
def looks(municipality, coordinator, handler):
    first, second = received_complaint(), received_complaint()
    audit.log_access(coordinator, first, PersonalDataAccess.Action.VIEW, "complaint page")
    audit.log_access(handler, second, PersonalDataAccess.Action.DOWNLOAD, "attachment")
    audit.log_search(handler, "Jansen", persons=True)
    return first, second


def _rows(response):
    return response.content.decode().count('<tr class="utrecht-table__row">') - 1


def test_the_officer_searches_by_user_reference_kind_and_period(client, officer, looks, handler):
    _first, second = looks
    client.force_login(officer)
    url = reverse("complaints:access_log")
    assert _rows(client.get(url)) == 3
    assert _rows(client.get(url, {"user": handler.pk})) == 2
    by_reference = client.get(url, {"reference": second.reference})
    assert _rows(by_reference) == 1 and second.reference in by_reference.content.decode()
    assert _rows(client.get(url, {"action": "search"})) == 1
    today = timezone.localdate().isoformat()
    assert _rows(client.get(url, {"start": today, "end": today})) == 3
    assert "0 regels" in client.get(url, {"end": "2000-01-01"}).content.decode()


def test_bad_filters_get_a_dutch_message(client, officer, looks):
    client.force_login(officer)
    url = reverse("complaints:access_log")
    response = client.get(url, {"start": "2026-02-30", "action": "steal"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Vul een datum in als dd-mm-jjjj" in body and "Kies een soort inzage uit de lijst." in body
    assert "De begindatum" in client.get(url, {"start": "2026-03-02", "end": "2026-03-01"}).content.decode()


@pytest.mark.parametrize("role", [r for r in Role.values if r != Role.PRIVACY_OFFICER])
def test_no_other_role_reads_the_log(client, looks, role):
    from klachtwijzer.accounts.tests.factories import PartnerFactory

    partner = PartnerFactory() if role == Role.PARTNER else None
    user = User.objects.create_user(username=f"u-{role}", password="x", role=role, partner=partner)
    client.force_login(user)
    assert client.get(reverse("complaints:access_log")).status_code == 403


@pytest.mark.parametrize("extra", [0, 120])
def test_paged_in_a_fixed_number_of_queries(
    client, officer, looks, coordinator, django_assert_max_num_queries, extra
):
    first, _second = looks
    for _ in range(extra):
        audit.log_access(coordinator, first, PersonalDataAccess.Action.VIEW, "complaint page")
    client.force_login(officer)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("complaints:access_log"), {"page": "2"})
    assert response.status_code == 200
    assert _rows(response) == (50 if extra else 3)
