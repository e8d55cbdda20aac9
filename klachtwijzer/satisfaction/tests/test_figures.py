"""Survey answers in the yearly figures (JSON, ``report --year``, ``figures``) and on the dashboard."""

import datetime as dt
import io
import json
import re
from html import unescape

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from klachtwijzer.letters.tests.builders import judged_complaint
from klachtwijzer.reporting.figures import compute_figures
from klachtwijzer.reporting.suppression import suppress_satisfaction
from klachtwijzer.satisfaction.figures import satisfaction_figures
from klachtwijzer.satisfaction.models import Answer, Invitation
from klachtwijzer.satisfaction.tokens import hash_token

GOOD = {"score": "9", "resolved": "ja", "heard": "ja"}


def answers(n, *, department="Burgerzaken", score=6, judgement="gegrond"):
    Answer.objects.bulk_create(
        [
            Answer(closing_year=2024, department=department, route="formeel", judgement=judgement,
                   score=score, resolved="ja", heard="deels")
            for _ in range(n)
        ]
    )  # fmt: skip


@pytest.fixture
def answered(client, municipality, coordinator, handler, department):
    """One judged complaint (closed 2024) whose complainant answered 9 through the survey."""
    complaint = judged_complaint(coordinator=coordinator, handler=handler, department=department)
    Invitation.objects.update(token_hash=hash_token("x" * 43))
    assert client.post(reverse("satisfaction:survey", kwargs={"token": "x" * 43}), GOOD).status_code == 302
    return complaint


@pytest.mark.django_db
def test_an_answer_counts_in_the_years_report_json_and_a_lone_answer_is_hidden(answered):
    figures = compute_figures(year=2024, as_of=dt.date(2025, 1, 15))["satisfaction"]
    assert figures["surveys_sent"] == 1
    assert figures["responses"] is None and figures["average_score"] is None  # 1 answer: < 5

    answers(5, score=6)
    figures = compute_figures(year=2024, as_of=dt.date(2025, 1, 15))["satisfaction"]
    assert figures["responses"] == 6
    assert figures["average_score"] == 6.5  # (9 + 5 * 6) / 6
    assert figures["response_pct"] == 600.0  # made-up answers without invitations
    assert figures["by_department"]["Burgerzaken"]["average_score"] == 6.5
    assert figures["by_judgement"] == {"gegrond": 6.5}
    assert figures["by_route"]["formeel"]["responses"] == 6


@pytest.mark.django_db
def test_the_commands_print_the_satisfaction_key(answered):
    answers(5, score=6)
    out = io.StringIO()
    call_command("report", "--year", "2024", "--format", "json", "--as-of", "2025-01-15", stdout=out)
    assert json.loads(out.getvalue())["satisfaction"]["average_score"] == 6.5
    out = io.StringIO()
    call_command(
        "figures", "--from", "2024-01-01", "--to", "2024-12-31", "--as-of", "2025-01-15", "--format", "json",
        stdout=out,
    )  # fmt: skip
    assert json.loads(out.getvalue())["satisfaction"]["responses"] == 6


@pytest.mark.django_db
def test_a_small_department_is_hidden_and_so_is_the_next_smallest_that_would_give_it_away(municipality):
    answers(7, department="Burgerzaken")
    answers(2, department="Belastingen", score=2)
    answers(6, department="Wonen", score=8)
    figures = suppress_satisfaction(satisfaction_figures(years=[2024]), threshold=5)
    by_department = figures["by_department"]
    assert by_department["Belastingen"]["average_score"] is None
    assert by_department["Belastingen"]["responses"] is None
    assert by_department["Wonen"]["responses"] is None  # else 15 - 7 - 6 gives Belastingen away
    assert by_department["Burgerzaken"]["average_score"] == 6.0
    assert figures["responses"] == 15


@pytest.mark.django_db
def test_the_figures_take_a_fixed_number_of_queries(municipality, django_assert_max_num_queries):
    answers(3)
    with django_assert_max_num_queries(2):
        satisfaction_figures(years=[2024])
    answers(30, department="Wonen")
    with django_assert_max_num_queries(2):
        satisfaction_figures(years=[2024])


@pytest.mark.django_db
def test_the_dashboard_shows_the_satisfaction_panel(client, answered, coordinator):
    answers(5, score=6)
    client.force_login(coordinator)
    with time_machine.travel(dt.datetime(2025, 1, 20, 12, tzinfo=dt.UTC), tick=False):
        response = client.get("/dashboard/?start=2024-01-01&end=2024-12-31")
    page = unescape(re.sub(r"<[^>]+>", " ", response.content.decode()))
    assert "Tevredenheid van klagers" in page
    assert "6,5" in page


@pytest.mark.django_db
def test_the_yearly_report_has_a_satisfaction_chapter(answered):
    from klachtwijzer.reporting.assembly import build_document

    answers(5, score=6)
    figures = compute_figures(year=2024, as_of=dt.date(2025, 1, 15))
    document = build_document(figures, texts={}, learning={}, published=True, threshold=5)
    (section,) = [section for section in document.sections if section.key == "satisfaction"]
    assert section.title == "Tevredenheid van klagers"
    (table,) = section.tables
    assert table.rows[0][2:] == ["6", "600,0%", "6,5"]
