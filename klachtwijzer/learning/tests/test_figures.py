"""The learning figures of a period (the ``learning`` key of the report and dashboard figures)."""

import datetime as dt

import pytest
import time_machine

from klachtwijzer.accounts.tests.factories import DepartmentFactory
from klachtwijzer.complaints.constants import Kind
from klachtwijzer.complaints.models import Complaint
from klachtwijzer.learning import handling, improvement_actions
from klachtwijzer.learning.figures import learning_figures
from klachtwijzer.learning.tests.factories import action, point
from klachtwijzer.reporting.tests.builders import complaint

pytestmark = pytest.mark.django_db

D = dt.date
AS_OF = D(2025, 1, 15)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(dt.datetime(2025, 2, 1, 12, tzinfo=dt.UTC), tick=False):
        yield


def cohort(year: int = 2024):
    return Complaint.objects.filter(received_on__year=year)


@pytest.fixture
def learned(municipality, coordinator, department):
    """Points on four 2024 complaints (one of another kind) and one of 2023, and actions in every state."""
    other = DepartmentFactory(name="Belastingen")
    make = {"department": department, "staff": coordinator}
    founded = complaint(received_on=D(2024, 2, 5), oordeel="gegrond", closed_on=D(2024, 2, 29), **make)
    partly = complaint(
        received_on=D(2024, 2, 5),
        oordeel="deels gegrond",
        closed_on=D(2024, 4, 10),
        department=other,
        staff=coordinator,
    )
    other_kind = complaint(received_on=D(2024, 5, 1), kind=Kind.OTHER, **make)
    unfounded = complaint(received_on=D(2024, 3, 1), oordeel="ongegrond", closed_on=D(2024, 3, 20), **make)
    last_year = complaint(received_on=D(2023, 6, 1), oordeel="gegrond", closed_on=D(2023, 7, 1), **make)

    p1 = point(founded, themes=["Terugbelafspraken", "Bejegening"])
    p2 = point(partly, themes=["Terugbelafspraken"])
    p3 = point(partly, themes=["terugbelafspraken"], department=department)  # same theme, any case
    p4 = point(other_kind, themes=["Bejegening"])
    point(unfounded, themes=["Bejegening"], recorded_on=D(2025, 1, 20))  # after the reference date
    p_old = point(last_year, themes=["Bejegening"])

    done = action(owner=coordinator, points=[p1], created_on=D(2024, 3, 1), due_on=D(2024, 6, 1))
    improvement_actions.start_improvement_action(done, on=D(2024, 3, 10), acting_user=coordinator)
    improvement_actions.finish_improvement_action(done, on=D(2024, 5, 1), acting_user=coordinator)
    action(owner=coordinator, points=[p2], created_on=D(2024, 5, 1), due_on=D(2024, 9, 1))  # open, overdue
    running = action(owner=coordinator, points=[p3, p1], created_on=D(2024, 5, 1), due_on=D(2025, 6, 1))
    improvement_actions.start_improvement_action(running, on=D(2024, 6, 1), acting_user=coordinator)
    dropped = action(owner=coordinator, points=[p4], created_on=D(2024, 6, 1), due_on=D(2024, 7, 1))
    improvement_actions.drop_improvement_action(
        dropped, on=D(2024, 7, 15), reason="Niet nodig", acting_user=coordinator
    )
    late = action(owner=coordinator, points=[p1], created_on=D(2024, 6, 1), due_on=D(2024, 12, 1))
    improvement_actions.finish_improvement_action(
        late, on=D(2025, 1, 20), acting_user=coordinator
    )  # open on as_of
    action(owner=coordinator, points=[p_old], created_on=D(2023, 8, 1), due_on=D(2023, 9, 1))
    action(owner=coordinator, points=[p1], created_on=D(2025, 1, 20), due_on=D(2025, 3, 1))  # after as_of


def test_points_per_theme_and_department(learned):
    figures = learning_figures(cohort(), as_of=AS_OF)

    assert (figures["points"], figures["complaints_with_points"]) == (4, 3)
    assert figures["by_theme"] == {
        "Terugbelafspraken": {"points": 3, "complaints": 2, "founded": 2, "departments": 2},
        "Bejegening": {"points": 2, "complaints": 2, "founded": 1, "departments": 1},
    }
    assert figures["by_department"] == {"Burgerzaken": 3, "Belastingen": 1}


def test_actions_by_their_state_on_the_reference_date(learned):
    figures = learning_figures(cohort(), as_of=AS_OF)

    assert figures["actions"] == {"open": 2, "in_progress": 1, "done": 1, "dropped": 1, "overdue": 2}


def test_a_later_reference_date_sees_the_later_steps(learned):
    figures = learning_figures(cohort(), as_of=D(2025, 1, 31))

    assert figures["points"] == 5
    assert figures["actions"] == {"open": 2, "in_progress": 1, "done": 2, "dropped": 1, "overdue": 1}


def test_a_period_without_points_has_zeros(learned):
    figures = learning_figures(cohort(2022), as_of=AS_OF)

    assert figures == {
        "points": 0,
        "complaints_with_points": 0,
        "by_theme": {},
        "by_department": {},
        "actions": {"open": 0, "in_progress": 0, "done": 0, "dropped": 0, "overdue": 0},
    }


def test_a_merged_theme_counts_under_the_surviving_one(learned, coordinator):
    survivor = handling.find_theme("Terugbelafspraken")
    merged = handling.find_theme("Bejegening")
    assert survivor and merged
    handling.merge_theme(merged, into=survivor, acting_user=coordinator)

    figures = learning_figures(cohort(), as_of=AS_OF)

    assert figures["by_theme"] == {
        "Terugbelafspraken": {"points": 4, "complaints": 3, "founded": 2, "departments": 2},
    }


def test_fixed_number_of_queries(learned, django_assert_num_queries):
    with django_assert_num_queries(4):
        learning_figures(cohort(), as_of=AS_OF)
