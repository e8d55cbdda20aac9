"""References are unique, never reused and without gaps, also under concurrent intake."""

import datetime as dt
import threading

import pytest
from django.db import connection, connections, transaction

from klachtwijzer.complaints.models import Complaint
from klachtwijzer.complaints.tests.factories import received_complaint


@pytest.mark.django_db
def test_a_rolled_back_intake_leaves_no_gap(municipality):
    received_complaint(received_on=dt.date(2024, 5, 1))
    with pytest.raises(RuntimeError), transaction.atomic():
        received_complaint(received_on=dt.date(2024, 5, 2))
        raise RuntimeError("intake failed after numbering")
    third = received_complaint(received_on=dt.date(2024, 5, 3))

    assert third.reference == "TST-2024-0002"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_intake_on_postgresql_gets_consecutive_references(municipality):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: set DATABASE_URL=postgres://... (CI's PostgreSQL pass runs it)")
    intakes = 12
    barrier = threading.Barrier(intakes)
    errors: list[BaseException] = []

    def intake(day: int) -> None:
        try:
            barrier.wait(timeout=10)
            received_complaint(received_on=dt.date(2024, 6, 1 + day))
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=intake, args=(n,)) for n in range(intakes)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    references = sorted(Complaint.objects.values_list("reference", flat=True))
    assert references == [f"TST-2024-{n:04d}" for n in range(1, intakes + 1)]
