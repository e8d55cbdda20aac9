"""The access log is tamper-evident: raw SQL that alters, deletes or inserts an entry breaks the hash
chain and ``verify_logs`` names the first broken entry; compose, preview and list searches are logged."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.urls import reverse

from klachtwijzer.complaints import audit
from klachtwijzer.complaints.models import PersonalDataAccess
from klachtwijzer.complaints.tests.factories import received_complaint
from klachtwijzer.letters.models import LetterKind
from klachtwijzer.letters.tests.builders import judged_complaint

TABLE = PersonalDataAccess._meta.db_table


def _three_entries(coordinator):
    complaint = received_complaint()
    return [
        audit.log_access(coordinator, complaint, PersonalDataAccess.Action.VIEW, f"look {n}")
        for n in range(3)
    ]


def _verify_fails() -> str:
    with pytest.raises(CommandError) as failure:
        call_command("verify_logs")
    return str(failure.value)


@pytest.mark.django_db
def test_an_untouched_log_verifies(municipality, coordinator, capsys):
    _three_entries(coordinator)

    call_command("verify_logs")

    assert "3" in capsys.readouterr().out


@pytest.mark.django_db
def test_an_altered_entry_is_named(municipality, coordinator):
    entries = _three_entries(coordinator)
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {TABLE} SET detail = %s WHERE id = %s", ["nothing to see", entries[1].pk])

    assert f" {entries[1].pk}" in _verify_fails()


@pytest.mark.django_db
def test_a_deleted_entry_is_found_at_the_next_one(municipality, coordinator):
    entries = _three_entries(coordinator)
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE} WHERE id = %s", [entries[1].pk])

    assert f" {entries[2].pk}" in _verify_fails()


@pytest.mark.django_db
def test_deleting_the_newest_entry_is_found(municipality, coordinator):
    entries = _three_entries(coordinator)
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE} WHERE id = %s", [entries[2].pk])

    _verify_fails()


@pytest.mark.django_db
def test_an_inserted_entry_is_named(municipality, coordinator):
    entries = _three_entries(coordinator)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {TABLE} (reference, actor_label, action, detail, at, prev_hash, entry_hash) "
            "VALUES ('', 'someone', 'view', 'forged', %s, %s, %s)",
            [entries[2].at, entries[2].entry_hash, "0" * 64],
        )

    message = _verify_fails()
    forged = PersonalDataAccess.objects.get(detail="forged")
    assert f" {forged.pk}" in message


@pytest.mark.django_db
def test_compose_and_preview_are_logged(client, municipality, coordinator, handler, department):
    closed = judged_complaint(coordinator=coordinator, handler=handler, department=department)
    client.force_login(handler)
    url = reverse("letters:compose", kwargs={"reference": closed.reference})

    client.get(url, {"kind": LetterKind.OUTCOME})
    client.post(url, {"kind": LetterKind.OUTCOME, "recipient": "complainant"})

    details = set(
        PersonalDataAccess.objects.filter(user=handler, complaint=closed).values_list("detail", flat=True)
    )
    assert {f"letter compose {LetterKind.OUTCOME}", f"letter preview {LetterKind.OUTCOME}"} <= details
    call_command("verify_logs")


@pytest.mark.django_db
def test_a_list_search_is_logged_once_by_its_shape_not_its_words(client, municipality, coordinator):
    for _ in range(3):
        received_complaint()
    client.force_login(coordinator)

    response = client.get(reverse("complaints:list"), {"q": "lantaarnpaal kapot"})

    assert response.status_code == 200
    entry = PersonalDataAccess.objects.get(action=PersonalDataAccess.Action.SEARCH)
    assert entry.user == coordinator
    assert "2 words" in entry.detail and "lantaarnpaal" not in entry.detail
    client.get(reverse("complaints:list"))
    assert PersonalDataAccess.objects.filter(action=PersonalDataAccess.Action.SEARCH).count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("kept", [0, 2])
def test_pruning_keeps_the_chain_verifiable_and_tampering_still_shows(
    municipality, coordinator, settings, capsys, kept
):
    import datetime as dt

    import time_machine

    settings.ACCESS_LOG_YEARS = 5
    complaint = received_complaint()
    with time_machine.travel(dt.datetime(2019, 1, 10, 12, tzinfo=dt.UTC), tick=False):
        for n in range(3):
            audit.log_access(coordinator, complaint, PersonalDataAccess.Action.VIEW, f"old {n}")
    recent = [
        audit.log_access(coordinator, complaint, PersonalDataAccess.Action.VIEW, f"new {n}")
        for n in range(kept)
    ]
    call_command("prune_access_log")
    assert "3" in capsys.readouterr().out
    assert list(PersonalDataAccess.objects.order_by("pk").values_list("pk", flat=True)) == sorted(
        e.pk for e in recent
    )
    call_command("verify_logs")
    later = audit.log_access(coordinator, complaint, PersonalDataAccess.Action.VIEW, "after pruning")
    call_command("verify_logs")
    victim = recent[0] if recent else later
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE} WHERE id = %s", [victim.pk])
    assert _verify_fails() != ""
