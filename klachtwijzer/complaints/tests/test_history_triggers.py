"""The database itself refuses changes to the history, except blanking free text through the gate."""

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from klachtwijzer.complaints import history
from klachtwijzer.complaints.history_gate import redact_events, redaction_gate
from klachtwijzer.complaints.models import HistoryEvent
from klachtwijzer.complaints.tests.factories import received_complaint

pytestmark = pytest.mark.django_db
REFUSED = DatabaseError


@pytest.fixture
def event(municipality, coordinator):
    complaint = received_complaint()
    return history.record(
        complaint,
        HistoryEvent.Type.CHANGED,
        actor=coordinator,
        changes=[{"field": "name", "old": "Jan", "new": "Piet"}],
        note="Mevrouw De Vries belde.",
    )


def _sql(sql, params=()):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_the_database_refuses_update_and_delete_without_the_gate(event):
    with pytest.raises(REFUSED):
        _sql("UPDATE complaints_historyevent SET note = '' WHERE id = %s", [event.pk])
    with pytest.raises(REFUSED):
        _sql("DELETE FROM complaints_historyevent WHERE id = %s", [event.pk])
    assert HistoryEvent.objects.get(pk=event.pk).note == "Mevrouw De Vries belde."


def test_the_gate_allows_only_blanking_free_text(event):
    for sql in (
        "UPDATE complaints_historyevent SET note = 'iets anders' WHERE id = %s",
        "UPDATE complaints_historyevent SET note = '', changes = '[]', type = 'closed' WHERE id = %s",
        "UPDATE complaints_historyevent SET note = '', changes = '[]', actor_label = 'x' WHERE id = %s",
        "DELETE FROM complaints_historyevent WHERE id = %s",
    ):
        with pytest.raises(REFUSED), transaction.atomic(), redaction_gate(), connection.cursor() as cursor:
            cursor.execute(sql, [event.pk])
    with transaction.atomic(), redaction_gate(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE complaints_historyevent SET note = '', changes = '[]' WHERE id = %s", [event.pk]
        )
    blanked = HistoryEvent.objects.get(pk=event.pk)
    assert (blanked.note, blanked.changes, blanked.type) == ("", [], HistoryEvent.Type.CHANGED)


def test_the_gate_closes_when_the_block_ends(event):
    with transaction.atomic():
        with redaction_gate():
            pass
        with pytest.raises(REFUSED), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                "UPDATE complaints_historyevent SET note = '', changes = '[]' WHERE id = %s", [event.pk]
            )


def test_redact_events_blanks_every_event_of_the_complaint(event):
    assert redact_events(event.complaint_id) >= 1
    assert (
        not HistoryEvent.objects.filter(complaint_id=event.complaint_id).exclude(note="", changes=[]).exists()
    )


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_postgresql_refuses_truncate(event):
    with pytest.raises(REFUSED):
        _sql("TRUNCATE complaints_historyevent CASCADE")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_flush_command_still_empties_the_history(municipality, coordinator):
    """pytest-django empties the database with ``flush`` after a transactional test; the history's
    triggers must let that one command through (serialized_rollback: the next such test reloads the
    content types instead of meeting the ones a post-migrate signal made)."""
    history.record(received_complaint(), HistoryEvent.Type.CHANGED, note="x")

    call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=True)

    assert not HistoryEvent.objects.exists()
