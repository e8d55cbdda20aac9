"""The complaint history is tamper-evident: raw SQL that alters, deletes or inserts an event (with the
history's triggers set aside, as the database owner could) breaks the hash chain and ``verify_logs``
names the first broken event; destruction blanks the free text and leaves the chain whole."""

import datetime as dt
import importlib
import io
import threading
from contextlib import contextmanager
from pathlib import Path

import pytest
import time_machine
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, connections, transaction

from klachtwijzer.accounts.models import Role, User
from klachtwijzer.complaints import destruction, history
from klachtwijzer.complaints.closing import withdraw_complaint
from klachtwijzer.complaints.history_chain import EMPTY_TEXT_DIGEST, event_digest, text_digest
from klachtwijzer.complaints.history_gate import redaction_gate
from klachtwijzer.complaints.history_verify import verify_history
from klachtwijzer.complaints.models import HistoryChainHead, HistoryEvent
from klachtwijzer.complaints.register import import_register
from klachtwijzer.complaints.register_file import COLUMNS
from klachtwijzer.complaints.tests.factories import received_complaint

TABLE = HistoryEvent._meta.db_table
MIGRATION = importlib.import_module("klachtwijzer.complaints.migrations.0023_history_chain")


class _Editor:
    """Enough of a schema editor for the migration's trigger helpers, usable inside the test's transaction."""

    connection = connection

    def execute(self, sql):
        with connection.cursor() as cursor:
            cursor.execute(sql)


@contextmanager
def triggers_off():
    """What the database owner can do: set the history's triggers aside (rolled back with the test)."""
    MIGRATION._set_aside(_Editor())
    try:
        yield
    finally:
        MIGRATION._restore(_Editor(), MIGRATION.KEPT)


def _sql(sql, params=()):
    with triggers_off(), connection.cursor() as cursor:
        cursor.execute(sql, params)


def _events(coordinator):
    complaint = received_complaint()
    for n in range(3):
        history.record(
            complaint,
            HistoryEvent.Type.CONTACT,
            actor=coordinator,
            note=f"Mevrouw De Vries gebeld ({n}).",
            changes=[{"field": "phone", "old": "06", "new": f"06-{n}", "z": 1, "a": [n]}],
        )
    return list(HistoryEvent.objects.filter(complaint=complaint).order_by("pk"))


def _verify_fails() -> str:
    with pytest.raises(CommandError) as failure:
        call_command("verify_logs")
    return str(failure.value)


@pytest.mark.django_db
def test_an_untouched_history_verifies(municipality, coordinator, capsys):
    events = _events(coordinator)

    call_command("verify_logs")

    out = capsys.readouterr().out
    assert f"Klachthistorie: {HistoryEvent.objects.count()} gebeurtenissen gecontroleerd" in out
    assert len(events) >= 4
    assert HistoryChainHead.objects.get().last_hash == events[-1].entry_hash
    assert [e.prev_hash for e in events[1:]] == [e.entry_hash for e in events[:-1]]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "change",
    [
        "note = 'Niets aan de hand.'",
        "changes = '[]'",
        "type = 'closed'",
        "actor_label = 'iemand anders'",
        "actor_id = NULL",
    ],
)
def test_an_altered_event_is_named(municipality, coordinator, change):
    events = _events(coordinator)

    _sql(f"UPDATE {TABLE} SET {change} WHERE id = %s", [events[2].pk])

    message = _verify_fails()
    assert f"gebeurtenis {events[2].pk} " in message
    assert events[2].complaint.reference in message


@pytest.mark.django_db
def test_a_new_text_with_a_matching_digest_is_still_found(municipality, coordinator):
    """Rewriting the text and its digest together breaks the event's own hash."""

    events = _events(coordinator)
    _sql(
        f"UPDATE {TABLE} SET note = %s, text_digest = %s WHERE id = %s",
        ["Niets.", text_digest("Niets.", events[1].changes), events[1].pk],
    )

    assert f"gebeurtenis {events[1].pk} " in _verify_fails()


@pytest.mark.django_db
def test_blanking_text_outside_destruction_is_found(municipality, coordinator):
    """The gate lets free text be blanked; only a destroyed complaint may have a blanked event."""
    events = _events(coordinator)
    with transaction.atomic(), redaction_gate(), connection.cursor() as cursor:
        cursor.execute(f"UPDATE {TABLE} SET note = '', changes = '[]' WHERE id = %s", [events[1].pk])

    message = _verify_fails()
    assert f"gebeurtenis {events[1].pk} " in message
    assert "nooit vernietigd" in message


@pytest.mark.django_db
def test_a_deleted_event_is_found_at_the_next_one(municipality, coordinator):
    events = _events(coordinator)

    _sql(f"DELETE FROM {TABLE} WHERE id = %s", [events[1].pk])

    message = _verify_fails()
    assert f"gebeurtenis {events[2].pk} " in message
    assert "weggehaald" in message


@pytest.mark.django_db
def test_deleting_the_newest_event_is_found(municipality, coordinator):
    events = _events(coordinator)

    _sql(f"DELETE FROM {TABLE} WHERE id = %s", [events[-1].pk])

    assert "nieuwste gebeurtenissen" in _verify_fails()


@pytest.mark.django_db
@pytest.mark.parametrize("forged_hash", [False, True])
def test_an_inserted_event_is_found(municipality, coordinator, forged_hash):
    """An event inserted after the newest: with a made-up hash it is named; with a correctly computed one
    the chain head still names the real newest event."""
    events = _events(coordinator)
    last = events[-1]
    at = last.at + dt.timedelta(seconds=1)
    forged = HistoryEvent(
        complaint_id=last.complaint_id, at=at, actor_label="x", type="closed", text_digest=EMPTY_TEXT_DIGEST
    )
    entry_hash = event_digest(forged, last.entry_hash) if forged_hash else "0" * 64
    _sql(
        f"INSERT INTO {TABLE} (complaint_id, at, actor_label, type, changes, note, text_digest, prev_hash, "
        "entry_hash) VALUES (%s, %s, 'x', 'closed', '[]', '', %s, %s, %s)",
        [last.complaint_id, at, EMPTY_TEXT_DIGEST, last.entry_hash, entry_hash],
    )

    message = _verify_fails()
    inserted = HistoryEvent.objects.get(actor_label="x")
    if forged_hash:
        assert "nieuwste gebeurtenissen" in message
    else:
        assert f"gebeurtenis {inserted.pk} " in message


@pytest.mark.django_db
def test_both_chains_are_reported(municipality, coordinator):
    from klachtwijzer.complaints import audit
    from klachtwijzer.complaints.models import PersonalDataAccess

    events = _events(coordinator)
    entry = audit.log_access(coordinator, events[0].complaint, PersonalDataAccess.Action.VIEW)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE complaints_personaldataaccess SET detail = 'x' WHERE id = %s", [entry.pk])
    _sql(f"DELETE FROM {TABLE} WHERE id = %s", [events[1].pk])

    message = _verify_fails()
    assert f"regel {entry.pk}" in message and f"gebeurtenis {events[2].pk} " in message


@pytest.mark.django_db
def test_the_gate_keeps_the_chain_columns(municipality, coordinator):
    """Blanking through the gate may not touch the digest or the hashes (both databases' triggers)."""
    from django.db import DatabaseError

    event = _events(coordinator)[1]
    for column in ("text_digest", "prev_hash", "entry_hash"):
        with pytest.raises(DatabaseError), transaction.atomic(), redaction_gate(), connection.cursor() as c:
            c.execute(
                f"UPDATE {TABLE} SET note = '', changes = '[]', {column} = '' WHERE id = %s", [event.pk]
            )


@pytest.mark.django_db
def test_destruction_blanks_the_text_and_leaves_the_chain_whole(municipality, coordinator, capsys):
    other = User.objects.create_user(username="tweede", password="x", role=Role.COORDINATOR)
    with time_machine.travel(dt.datetime(2024, 3, 10, 12, tzinfo=dt.UTC), tick=False):
        events = _events(coordinator)
        complaint = withdraw_complaint(
            events[0].complaint, withdrawn_on=dt.date(2024, 3, 10), acting_user=coordinator
        )
    kept = received_complaint(received_on=dt.date(2025, 1, 2))
    history.record(kept, HistoryEvent.Type.CONTACT, actor=coordinator, note="Blijft staan.")

    with time_machine.travel(dt.datetime(2026, 3, 14, 12, tzinfo=dt.UTC), tick=False):
        proposed = destruction.propose(as_of=dt.date(2026, 3, 14), acting_user=coordinator)
        destruction.approve(proposed, acting_user=other)
        destruction.carry_out(proposed)

    blanked = HistoryEvent.objects.filter(complaint=complaint).exclude(
        type=HistoryEvent.Type.PERSONAL_DATA_DESTROYED
    )
    assert blanked.count() > len(events)
    assert all(e.note == "" and e.changes == [] for e in blanked)
    assert [blanked.get(pk=e.pk).text_digest for e in events] == [e.text_digest for e in events]
    assert HistoryEvent.objects.get(complaint=kept, type=HistoryEvent.Type.CONTACT).note == "Blijft staan."
    call_command("verify_logs")
    assert "de keten is heel" in capsys.readouterr().out

    # Afterwards an altered event of the destroyed complaint is still found.
    _sql(f"UPDATE {TABLE} SET type = 'closed' WHERE id = %s", [events[1].pk])
    assert f"gebeurtenis {events[1].pk} " in _verify_fails()


@pytest.mark.django_db
def test_a_register_import_chains_its_events(municipality):
    with time_machine.travel(dt.datetime(2025, 1, 15, 12, tzinfo=dt.UTC), tick=False):
        pad = "," * (len(COLUMNS) - 5)
        rows = [f"TST-2024-00{n:02d},2024-03-0{n},brief,awb,Burgerzaken{pad}" for n in range(1, 6)]
        data = ("\n".join([",".join(COLUMNS), *rows]) + "\n").encode()
        import_register(io.BytesIO(data), filename="oud.csv")

    assert HistoryEvent.objects.count() == 5
    assert verify_history() == (5, None)


@pytest.mark.django_db
def test_the_migration_computes_the_same_chain_for_existing_events(municipality, coordinator):
    """The migration's backfill gives the events the hashes the program gives them."""
    events = _events(coordinator)
    _sql(f"UPDATE {TABLE} SET text_digest = '', prev_hash = '', entry_hash = ''")
    HistoryChainHead.objects.all().delete()
    assert verify_history()[1] is not None

    with triggers_off():
        MIGRATION.chain_existing(apps, None)

    assert verify_history() == (len(events), None)
    fresh = HistoryEvent.objects.order_by("pk")
    assert [e.entry_hash for e in fresh] == [e.entry_hash for e in events]


@pytest.mark.skipif("connection.vendor != 'postgresql'")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_concurrent_writers_do_not_fork_the_chain(municipality, coordinator):
    """Two processes appending at the same moment: each waits for the chain head's lock."""
    complaints = [received_complaint(), received_complaint()]
    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def write(complaint):
        try:
            start.wait()
            for n in range(15):
                with transaction.atomic():
                    history.record(complaint, HistoryEvent.Type.CONTACT, note=f"{n}")
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write, args=(c,)) for c in complaints]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    count, broken = verify_history()
    assert broken is None
    assert count == HistoryEvent.objects.count() >= 30
    assert len(set(HistoryEvent.objects.values_list("prev_hash", flat=True))) == count


def test_the_migration_names_the_sqlite_columns_it_keeps():
    """Every column of the history but the free text stays the same under the SQLite trigger."""
    columns = {f.column for f in HistoryEvent._meta.concrete_fields} - {"note", "changes"}
    assert set(MIGRATION.KEPT) == columns
    assert Path(MIGRATION.__file__).name == "0023_history_chain.py"
