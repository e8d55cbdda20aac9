"""Public references of complaints: ``<PREFIX>-<YEAR>-<NNNN>``.

Unique, never reused and without gaps: the next number is taken from a counter row locked for the
rest of the transaction, so two concurrent intakes wait for each other, and a rolled-back intake rolls
its number back too. One statement does it: ``UPDATE ... SET last_number = last_number + 1 ...
RETURNING last_number`` takes the row lock on PostgreSQL (SQLite serialises writers) and hands out the
number in the same round trip (the public form's cost per submission, docs/benchmarks.md).
"""

from __future__ import annotations

from django.db import IntegrityError, connection, transaction

from .models import ReferenceCounter


def format_reference(prefix: str, year: int, number: int) -> str:
    return f"{prefix}-{year}-{number:04d}"


def next_reference(prefix: str, year: int) -> str:
    """Hand out the next reference for ``prefix`` and ``year``; call inside the intake's transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("next_reference must run inside the transaction that stores the complaint.")
    number = _increment(prefix, year)
    if number is None:
        try:
            with transaction.atomic():
                ReferenceCounter.objects.create(prefix=prefix, year=year, last_number=0)
        except IntegrityError:
            pass  # another intake created it first; wait for theirs
        number = _increment(prefix, year)
        if number is None:  # pragma: no cover - the row exists now, ours or theirs
            raise RuntimeError(f"No reference counter for {prefix} {year}.")
    return format_reference(prefix, year, number)


def _increment(prefix: str, year: int) -> int | None:
    """Raise the counter of ``prefix`` and ``year`` by one and return it; ``None`` when there is none."""
    table = connection.ops.quote_name(ReferenceCounter._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET last_number = last_number + 1 "
            "WHERE prefix = %s AND year = %s RETURNING last_number",
            [prefix, year],
        )
        row = cursor.fetchone()
    return None if row is None else int(row[0])


def reserve_reference(prefix: str, year: int, number: int) -> None:
    """Make sure the counter never hands out ``number`` or below again (used by the register import)."""
    counter, _ = ReferenceCounter.objects.select_for_update().get_or_create(prefix=prefix, year=year)
    if counter.last_number < number:
        counter.last_number = number
        counter.save(update_fields=["last_number"])
