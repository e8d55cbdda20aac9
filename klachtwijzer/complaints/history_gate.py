"""The one controlled path by which the append-only history may change: blanking free text.

``redaction_gate()`` opens the database triggers (migration 0010) within the current transaction so
that the free-text fields of history events (``note``, ``changes``) may be set to ``''`` and ``[]``;
every other change, and every delete, is still refused by the database. ``redact_history`` is the
only caller: it blanks a complaint's events and appends a history event saying that it did.
``flush_gate()`` lets Django's ``flush`` command (the test suite) empty the table.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection, transaction


@contextmanager
def redaction_gate() -> Iterator[None]:
    """Open the history's triggers for blanking free text until the block ends (inside a transaction)."""
    if not connection.in_atomic_block:
        raise RuntimeError("The redaction gate opens only inside a transaction.")
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT set_config('klachtwijzer.history_redaction', 'on', true)")
        else:
            cursor.execute("INSERT INTO complaints_history_gate (purpose) VALUES ('redaction')")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SELECT set_config('klachtwijzer.history_redaction', 'off', true)")
            else:
                cursor.execute("DELETE FROM complaints_history_gate WHERE purpose = 'redaction'")


@contextmanager
def flush_gate(using: str = "default") -> Iterator[None]:
    """Allow emptying the history table (the ``flush`` command only)."""
    conn = transaction.get_connection(using)
    with conn.cursor() as cursor:
        if conn.vendor == "postgresql":
            cursor.execute("SELECT set_config('klachtwijzer.history_flush', 'on', false)")
        elif conn.vendor == "sqlite":
            cursor.execute("INSERT INTO complaints_history_gate (purpose) VALUES ('flush')")
    try:
        yield
    finally:
        with conn.cursor() as cursor:
            if conn.vendor == "postgresql":
                cursor.execute("SELECT set_config('klachtwijzer.history_flush', 'off', false)")
            elif conn.vendor == "sqlite":
                cursor.execute("DELETE FROM complaints_history_gate WHERE purpose = 'flush'")


def redact_events(complaint_id: int) -> int:
    """Blank the free text of a complaint's history events through the gate; the number blanked."""
    from .models import HistoryEvent

    with transaction.atomic(), redaction_gate():
        # The queryset refuses update(); the gate is the only way past it, on purpose.
        rows = HistoryEvent.objects.filter(complaint_id=complaint_id).exclude(note="", changes=[])
        ids = list(rows.values_list("pk", flat=True))
        if ids:
            with connection.cursor() as cursor:
                placeholders = ", ".join(["%s"] * len(ids))
                cursor.execute(
                    "UPDATE complaints_historyevent SET note = '', changes = '[]' "
                    f"WHERE id IN ({placeholders})",
                    ids,
                )
        return len(ids)
