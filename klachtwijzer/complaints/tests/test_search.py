"""Finding a complaint by reference, by the complainant or the person complained about, and by words
(complaints/search.py; docs/guide-coordinator.md, "Finding a complaint")."""

import re

import pytest
from django.db import connection
from django.urls import reverse

from klachtwijzer.accounts.models import Role
from klachtwijzer.accounts.tests.factories import UserFactory
from klachtwijzer.complaints import search
from klachtwijzer.complaints.tests.factories import received_complaint

pytestmark = pytest.mark.django_db


@pytest.fixture
def complaints(municipality):
    return {
        "devries": received_complaint(
            personal={
                "name": "Johanna de Vries",
                "email": "j.devries@example.nl",
                "phone": "06-12345678",
                "description": "De containers in de Breestraat zijn niet geleegd.",
            }
        ),
        "bakker": received_complaint(
            personal={
                "name": "Pieter Bakker",
                "email": "pieter@bakker.example",
                "person_complained_about": "baliemedewerker Smit",
                "description": "Ik werd onvriendelijk te woord gestaan.",
            }
        ),
    }


def found(client, text) -> set[str]:
    page = client.get(reverse("complaints:list"), {"q": text}).content.decode()
    return set(re.findall(r'href="/klachten/([A-Z]+-\d{4}-\d+)/"', page))


@pytest.mark.parametrize(
    ("text", "who"),
    [
        ("vries", {"devries"}),  # the surname, in any case
        ("J.DEVRIES@example", {"devries"}),  # part of the e-mail address
        ("06-1234", {"devries"}),
        ("0612345678", {"devries"}),  # the number as said on the phone, without the stored dash
        ("06 1234 5678", {"devries"}),
        ("(06) 12-34-56-78", {"devries"}),
        ("12345678", {"devries"}),
        ("0612345679", set()),
        ("Smit", {"bakker"}),  # the person complained about
        ("onvriendelijk", {"bakker"}),  # words of the description
        ("Jansen", set()),
    ],
)
def test_the_coordinator_finds_a_complaint_by_the_person(client, coordinator, complaints, text, who):
    client.force_login(coordinator)

    assert found(client, text) == {complaints[name].reference for name in who}


def test_the_reference_is_found_by_its_beginning_in_any_case(client, coordinator, complaints):
    client.force_login(coordinator)
    reference = complaints["bakker"].reference

    assert found(client, reference[:-1].lower()) >= {reference}
    assert found(client, reference) == {reference}
    assert found(client, reference[3:]) == set()  # the middle of a reference is not its beginning


def test_a_search_of_two_letters_looks_at_the_reference_only(client, coordinator, complaints):
    client.force_login(coordinator)

    assert found(client, "Sm") == set()
    assert found(client, complaints["devries"].reference[:2]) == {c.reference for c in complaints.values()}


def test_a_role_without_personal_data_finds_by_reference_only(client, complaints):
    client.force_login(UserFactory(role=Role.BOARD))

    response = client.get(reverse("complaints:list"), {"q": "Vries"})

    assert response.status_code == 403  # a board member has no complaint list at all


def test_many_matches_are_listed_as_well_as_few(client, coordinator, complaints, monkeypatch):
    client.force_login(coordinator)
    monkeypatch.setattr(search, "FEW", 1)  # two matches are "many": the subquery path

    assert found(client, "example") == {c.reference for c in complaints.values()}
    assert found(client, "vries") == {complaints["devries"].reference}


def test_on_postgresql_words_are_found_in_their_other_forms(client, coordinator, complaints):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's Dutch text search (CI's PostgreSQL pass runs it)")
    client.force_login(coordinator)

    assert found(client, "container geleegd") == {complaints["devries"].reference}


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_postgresql_has_the_phone_digits_index_on_the_search_expression():
    # The index serves the search only when it is built on exactly the expression the search writes.
    from django.db.models import Value

    from klachtwijzer.complaints.models import PersonalData

    query = PersonalData.objects.annotate(phone_digits=search.phone_digits()).filter(
        phone_digits__contains=Value("0612")
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'personaldata_phone_digits_trgm'")
        (definition,) = cursor.fetchone()
        cursor.execute("SET enable_seqscan = off")
    plan = query.explain()
    assert "gin_trgm_ops" in definition
    assert "personaldata_phone_digits_trgm" in plan
