"""The learning pages run a fixed number of queries whatever the number of points, themes and actions."""

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from klachtwijzer.complaints.tests.backoffice import FAST_HASHERS, TODAY, Organisation
from klachtwijzer.complaints.tests.factories import complaint_in_handling
from klachtwijzer.learning import improvement_actions
from klachtwijzer.learning.tests.factories import action, point

pytestmark = pytest.mark.django_db

PAGES = [
    "/leren/",
    "/leren/afdeling/",
    "/leren/leerpunten/",
    "/leren/leerpunten/?gegrond=on&jaar=2024",
    "/leren/maatregelen/",
    "/leren/maatregelen/?stand=te-laat",
    "/leren/maatregelen/?stand=open&ontvangen_van=2024-01-01&kanaal=telefoon&aardgroep=respectful",
    "/leren/leerpunten/?klacht_afdeling=1&klacht_afdeling=2&aard=1&partner=1",
    "/leren/themas/",
]


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def org(municipality, settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS
    return Organisation()


def add_learning(org, count: int, first: int = 0) -> None:
    for n in range(first, first + count):
        department = org.other_department if n % 2 else org.department
        complaint = complaint_in_handling(
            coordinator=org.coordinator,
            handler=org.handler,
            department=department,
            received_on=dt.date(2024, 5, 6),
        )
        lesson = point(complaint, themes=[f"Thema {n % 5}", "Terugbelafspraken"], summary=f"Les {n}")
        item = action(
            owner=org.manager,
            points=[lesson],
            department=org.department,
            created_on=dt.date(2024, 5, 6),
            due_on=dt.date(2024, 5, 20) + dt.timedelta(days=n % 20),
            title=f"Maatregel {n}",
        )
        improvement_actions.add_progress_note(
            item, text="Loopt", written_on=dt.date(2024, 5, 7), acting_user=org.manager
        )


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context.captured_queries)


@pytest.mark.parametrize("url", PAGES)
def test_lists_take_the_same_queries_for_few_or_many(client, org, url):
    client.force_login(org.coordinator if "themas" in url else org.manager)
    add_learning(org, 2)
    few = queries(client, url)

    add_learning(org, 12, first=2)
    assert queries(client, url) == few


def test_an_action_and_a_point_take_the_same_queries_for_few_or_many(client, org):
    client.force_login(org.manager)
    add_learning(org, 1)
    from klachtwijzer.learning.models import ImprovementAction, LearningPoint

    item, lesson = ImprovementAction.objects.get(), LearningPoint.objects.get()
    few = (queries(client, item.get_absolute_url()), queries(client, lesson.get_absolute_url()))

    more = [point(lesson.complaint, themes=[f"Extra {n}"]) for n in range(6)]
    improvement_actions.change_improvement_action(
        item,
        title=item.title,
        description="",
        owner=item.owner,
        department=item.department,
        due_on=item.due_on,
        points=[lesson, *more],
        acting_user=org.manager,
    )
    for n in range(5):
        improvement_actions.add_progress_note(
            item, text=f"Stap {n}", written_on=dt.date(2024, 5, 8), acting_user=org.manager
        )
        action(owner=org.manager, points=[lesson], created_on=dt.date(2024, 5, 6), due_on=dt.date(2024, 7, 1))
    assert (queries(client, item.get_absolute_url()), queries(client, lesson.get_absolute_url())) == few
