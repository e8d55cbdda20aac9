"""Public references of complaints: ``<PREFIX>-<YEAR>-<NNNN>``.

Unique, never reused and without gaps: the next number is taken from a counter row locked for the
rest of the transaction (``SELECT ... FOR UPDATE`` on PostgreSQL; SQLite serialises writers), so two
concurrent intakes wait for each other, and a rolled-back intake rolls its number back too.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction

from .models import ReferenceCounter


def format_reference(prefix: str, year: int, number: int) -> str:
    return f"{prefix}-{year}-{number:04d}"


def next_reference(prefix: str, year: int) -> str:
    """Hand out the next reference for ``prefix`` and ``year``; call inside the intake's transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("next_reference must run inside the transaction that stores the complaint.")
    counter = ReferenceCounter.objects.select_for_update().filter(prefix=prefix, year=year).first()
    if counter is None:
        try:
            with transaction.atomic():
                ReferenceCounter.objects.create(prefix=prefix, year=year, last_number=0)
        except IntegrityError:
            pass  # another intake created it first; lock theirs
        counter = ReferenceCounter.objects.select_for_update().get(prefix=prefix, year=year)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return format_reference(prefix, year, counter.last_number)


def reserve_reference(prefix: str, year: int, number: int) -> None:
    """Make sure the counter never hands out ``number`` or below again (used by the register import)."""
    counter, _ = ReferenceCounter.objects.select_for_update().get_or_create(prefix=prefix, year=year)
    if counter.last_number < number:
        counter.last_number = number
        counter.save(update_fields=["last_number"])
