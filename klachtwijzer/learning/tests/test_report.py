"""The yearly report's learning chapter and the figures' learning key, from real points and actions."""

import datetime as dt
import re

import pytest
import time_machine

from klachtwijzer.learning import improvement_actions
from klachtwijzer.learning.tests.factories import action, point
from klachtwijzer.reporting import adoption, documents
from klachtwijzer.reporting.figures import compute_figures
from klachtwijzer.reporting.tests.builders import complaint

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(dt.datetime(2025, 2, 1, 12, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def learned(municipality, coordinator, department):
    founded = complaint(
        received_on=D(2024, 2, 5),
        oordeel="gegrond",
        closed_on=D(2024, 2, 29),
        department=department,
        staff=coordinator,
    )
    lesson = point(founded, themes=["Terugbelafspraken"], summary="Terugbellen binnen twee dagen")
    done = action(
        owner=coordinator,
        points=[lesson],
        created_on=D(2024, 3, 1),
        due_on=D(2024, 6, 1),
        title="Terugbelverzoeken vastleggen",
    )
    improvement_actions.finish_improvement_action(done, on=D(2024, 5, 1), acting_user=coordinator)
    improvement_actions.record_effect_check(
        done,
        checked_on=D(2024, 8, 1),
        recurred=False,
        finding="Geen klachten meer van mevrouw Jansen",
        acting_user=coordinator,
    )
    action(
        owner=coordinator, points=[lesson], created_on=D(2024, 3, 1), due_on=D(2024, 9, 1), title="Belscript"
    )


def text_of(document) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", documents.render_html(document)).split())


def test_the_figures_carry_the_learning_key(learned):
    figures = compute_figures(year=2024, as_of=D(2025, 1, 15))

    assert figures["learning"]["points"] == 1
    assert figures["learning"]["by_theme"]["Terugbelafspraken"] == {
        "points": 1,
        "complaints": 1,
        "founded": 1,
        "departments": 1,
    }
    assert figures["learning"]["actions"] == {
        "open": 1,
        "in_progress": 0,
        "done": 1,
        "dropped": 0,
        "overdue": 1,
    }


def test_the_learning_chapter_shows_points_actions_and_effect_checks_without_free_text(learned):
    figures = compute_figures(year=2024, as_of=D(2025, 1, 15))
    text = text_of(documents.build_for_figures(figures, published=False))

    assert "Leerpunten per thema" in text and "Terugbelafspraken" in text
    assert "Leerpunt: Terugbellen binnen twee dagen (Burgerzaken; thema: Terugbelafspraken)" in text
    assert (
        "Verbetermaatregel: Belscript (Burgerzaken): Open. Deze moest klaar zijn op 1 september 2024" in text
    )
    assert "Effect nagegaan op 1 augustus 2024: het probleem kwam niet terug." in text
    assert "Jansen" not in text and "niet teruggebeld" not in text  # no free text of a point or a check


def test_a_finalised_version_freezes_the_learning_entries(learned, coordinator):
    version = adoption.finalise_report(year=2024, acting_user=coordinator)

    assert version.learning["learning_points"][0]["title"] == "Terugbellen binnen twee dagen"
    assert {entry["state"] for entry in version.learning["improvement_actions"]} == {"open", "done"}
    assert version.figures["learning"]["points"] == 1
