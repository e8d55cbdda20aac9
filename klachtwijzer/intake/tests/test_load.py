"""The public form under load: few statements per submission, and gapless references when many arrive at once.

The throughput itself (submissions per second with gunicorn and PostgreSQL) is measured by
``bench/public_form.py``, not here; these tests hold what makes it possible.
"""

import threading

import pytest
from django.db import connection, connections
from django.test import Client
from django.test.utils import CaptureQueriesContext

from klachtwijzer.complaints.models import Complaint, HistoryEvent, PersonalData
from klachtwijzer.intake.tests.test_form import URL, VALID


@pytest.mark.django_db
def test_a_submission_takes_nine_statements(client, municipality):
    client.post(URL, VALID)  # the year's reference counter now exists
    with CaptureQueriesContext(connection) as queries:
        response = client.post(URL, VALID)
    assert response.status_code == 302
    statements = [query["sql"].split()[0].upper() for query in queries.captured_queries]
    # The municipality, the reference, three rows, the history chain's head (lock it, move it) and the
    # transaction's bounds: the lists of departments and partners are not read for a valid submission, and
    # no round trip checks what a database constraint enforces anyway (26 statements before, 7 before the
    # history's hash chain).
    assert len(statements) <= 9, statements
    assert statements.count("INSERT") == 3


@pytest.mark.skipif("connection.vendor != 'postgresql'")
@pytest.mark.django_db(transaction=True)
def test_fifty_submissions_at_once_get_gapless_references(municipality, settings):
    settings.INTAKE_SUBMISSIONS_PER_HOUR = 1000
    start = threading.Barrier(50)
    answers: list[int] = []

    def submit(number: int) -> None:
        try:
            start.wait()
            response = Client(REMOTE_ADDR=f"192.0.2.{number + 1}").post(URL, VALID)
            answers.append(response.status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit, args=(n,)) for n in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert answers == [302] * 50
    numbers = sorted(
        int(reference.rsplit("-", 1)[1])
        for reference in Complaint.objects.values_list("reference", flat=True)
    )
    assert numbers == list(range(1, 51))
    assert PersonalData.objects.count() == 50
    assert HistoryEvent.objects.filter(type=HistoryEvent.Type.RECEIVED).count() == 50
