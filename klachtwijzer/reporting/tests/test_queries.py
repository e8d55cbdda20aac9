"""The figures and the report pages run a fixed number of queries, whatever the number of complaints.

Each case is measured on a small register and again after many more complaints, across more years,
departments, partners and natures, were imported: the count must be the same (and small).
"""

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from klachtwijzer.accounts.models import Role
from klachtwijzer.accounts.tests.factories import UserFactory
from klachtwijzer.reporting import adoption
from klachtwijzer.reporting.figures import compute_figures
from klachtwijzer.reporting.tests.registers import import_synthetic

pytestmark = pytest.mark.django_db

# The catalogues of departments, partners and natures; the totals with every breakdown by department,
# channel and partner, the median, open/handled and the natures; the four of the learning figures; the
# three of the ombudsman figures; a savepoint around them (the tests run in a transaction); on PostgreSQL,
# the session settings of figures._tune_session; the figures partners reported (partners.figures); and the
# two of the satisfaction figures (invitations, answers).
FIGURE_QUERIES = 3 + 4 + 4 + 3 + 2 + (connection.vendor == "postgresql") + 1 + 2


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(dt.datetime(2025, 1, 20, 12, tzinfo=dt.UTC), tick=False):
        yield


def count_queries(action) -> int:
    with CaptureQueriesContext(connection) as context:
        action()
    return len(context.captured_queries)


def test_figures_take_the_same_queries_for_ten_or_six_hundred_complaints(
    municipality, django_assert_num_queries
):
    import_synthetic(10)
    with django_assert_num_queries(FIGURE_QUERIES):
        small = compute_figures(year=2024, as_of=dt.date(2025, 1, 15), municipality=municipality)

    import_synthetic(600, first=11, years=range(2016, 2025))
    with django_assert_num_queries(FIGURE_QUERIES):
        large = compute_figures(year=2024, as_of=dt.date(2025, 1, 15), municipality=municipality)

    assert large["received"] > small["received"]
    assert len(large["previous_years"]) == 4


@pytest.fixture
def board_client(client, municipality):
    client.force_login(UserFactory(role=Role.BOARD))
    return client


PAGES = [
    ("reporting:index", {}),
    ("reporting:report", {"year": 2024}),
    ("reporting:download", {"year": 2024, "fmt": "json"}),
    ("reporting:version", {"year": 2024, "number": 1}),
    ("reporting:version_download", {"year": 2024, "number": 1, "name": "register.csv"}),
]


@pytest.mark.parametrize(("name", "kwargs"), PAGES)
def test_report_pages_take_the_same_queries_whatever_the_data(board_client, coordinator, name, kwargs):
    import_synthetic(10)
    adoption.finalise_report(year=2024, acting_user=coordinator)
    url = reverse(name, kwargs=kwargs)
    small = count_queries(lambda: board_client.get(url))

    import_synthetic(400, first=11, years=range(2018, 2025))
    large = count_queries(lambda: board_client.get(url))

    assert large == small
    assert small <= 32  # 18, and the learning, ombudsman, partner and satisfaction figures and entries
