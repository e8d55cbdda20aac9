"""The yearly figures, computed from complaints that went through the real procedure."""

import datetime as dt

import pytest
import time_machine

from klachtwijzer.complaints.constants import Channel, Kind
from klachtwijzer.complaints.models import Complaint, PersonalData
from klachtwijzer.reporting.figures import (
    OUTCOME_KEYS,
    FiguresError,
    compute_figures,
    median_of_histogram,
    top_founded_natures,
)

pytestmark = pytest.mark.django_db

D = dt.date
AS_OF = D(2025, 1, 15)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(dt.datetime(2025, 2, 1, 12, tzinfo=dt.UTC), tick=False):
        yield


def test_counts_and_outcomes_of_the_year(year_of_complaints):
    figures = compute_figures(year=2024, as_of=AS_OF)

    assert figures["municipality"] == "Gemeente Teststad"
    assert (figures["year"], figures["as_of"]) == (2024, "2025-01-15")
    assert (figures["received"], figures["closed"], figures["open"]) == (8, 6, 2)
    assert list(figures["outcomes"]) == OUTCOME_KEYS
    assert figures["outcomes"] == {
        "gegrond": 1,
        "deels gegrond": 1,
        "ongegrond": 1,
        "geen oordeel": 0,
        "informeel opgelost": 0,  # closed after the reference date: still open then
        "ingetrokken": 0,
        "niet in behandeling": 1,
        "doorgestuurd": 1,
        "geen klacht": 1,
    }
    assert (figures["founded"], figures["judged"], figures["founded_pct_of_judged"]) == (2, 3, 66.7)
    assert figures["other_kinds"] == {"received": 1, "closed": 0, "by_department": {"Burgerzaken": 1}}


def test_timeliness_uses_the_stored_terms(year_of_complaints):
    figures = compute_figures(year=2024, as_of=AS_OF)

    # closed: 24, 65 (extended), 65, 7, 1 and 1 days after receipt
    assert figures["within_term_pct"] == 66.7
    assert figures["within_extended_term_pct"] == 100.0
    assert figures["within_legal_term_pct"] == 83.3
    assert figures["within_internal_target_pct"] == 50.0  # 21 days: 7, 1 and 1
    assert figures["extended"] == 1
    assert figures["median_days_to_close"] == 15.5


def test_open_at_the_start_and_end_of_the_year_and_handled_in_it(year_of_complaints):
    figures = compute_figures(year=2024, as_of=AS_OF)

    assert figures["open_on_1_january"] == 1  # received in December 2023
    assert figures["open_on_31_december"] == 2
    assert figures["handled_in_year"] == 7  # six of 2024 and the one of 2023


def test_breakdowns(year_of_complaints):
    figures = compute_figures(year=2024, as_of=AS_OF)

    assert figures["by_department"] == {"Burgerzaken": 7, "Belastingen": 1}
    assert figures["by_department_outcomes"]["Belastingen"]["deels gegrond"] == 1
    assert figures["by_channel"][Channel.WEB_FORM] == 7
    assert figures["by_channel"][Channel.PHONE] == 1
    assert figures["by_channel"][Channel.LETTER] == 0
    assert figures["by_partner"] == {"Afvalbedrijf Regio": 1}
    assert figures["by_nature"] == {"Fatsoenlijke bejegening": 2, "Voortvarendheid": 2}
    assert figures["by_nature_founded"] == {"Fatsoenlijke bejegening": 1, "Voortvarendheid": 1}
    assert figures["by_nature_group"] == {"engaged": 2, "respectful": 2}
    assert figures["nature_groups"] == {"Fatsoenlijke bejegening": "respectful", "Voortvarendheid": "engaged"}
    assert top_founded_natures(figures) == ["Fatsoenlijke bejegening", "Voortvarendheid"]


def test_previous_years_hold_the_same_figures_newest_first(year_of_complaints):
    figures = compute_figures(year=2024, as_of=AS_OF)

    assert [year["year"] for year in figures["previous_years"]] == [2023]
    earlier = figures["previous_years"][0]
    # the learning and partner figures are the report year's only
    assert set(earlier) == set(figures) - {
        "municipality",
        "as_of",
        "nature_groups",
        "learning",
        "ombudsman",
        "partners",
        "satisfaction",
        "previous_years",
    }
    assert (earlier["received"], earlier["outcomes"]["ingetrokken"], earlier["open_on_31_december"]) == (
        1,
        1,
        1,
    )


def test_a_reference_date_inside_the_year_counts_what_was_known_then(year_of_complaints):
    figures = compute_figures(year=2024, as_of=D(2024, 3, 1))

    assert (figures["received"], figures["closed"], figures["open"]) == (3, 1, 2)
    assert figures["open_on_31_december"] == 2  # open on the reference date itself


def test_figures_survive_the_destruction_of_personal_data(year_of_complaints):
    before = compute_figures(year=2024, as_of=AS_OF)
    PersonalData.objects.all().delete()

    assert compute_figures(year=2024, as_of=AS_OF) == before


def test_an_empty_year_has_every_key_with_zeros(municipality):
    figures = compute_figures(year=2024, as_of=AS_OF)

    assert figures["received"] == 0
    assert figures["within_term_pct"] is None
    assert figures["median_days_to_close"] is None
    assert figures["outcomes"] == dict.fromkeys(OUTCOME_KEYS, 0)
    assert figures["previous_years"] == []


def test_a_reference_date_before_the_year_is_refused(municipality):
    with pytest.raises(FiguresError, match="2023-12-31"):
        compute_figures(year=2024, as_of=D(2023, 12, 31))


@pytest.mark.parametrize(
    ("frequencies", "expected"),
    [
        ([], None),
        ([(5, 1)], 5),
        ([(1, 2), (30, 2)], 15.5),
        ([(1, 1), (2, 5), (9, 1)], 2),
        ([(3, 2), (4, 1)], 3),
    ],
)
def test_median_of_a_histogram(frequencies, expected):
    assert median_of_histogram(frequencies) == expected


def test_median_agrees_with_the_stored_dates(year_of_complaints):
    closed = Complaint.objects.filter(received_on__year=2024, closed_on__lte=AS_OF, kind=Kind.AWB)
    durations = sorted((c.closed_on - c.received_on).days for c in closed)
    middle = len(durations) // 2

    expected = (durations[middle - 1] + durations[middle]) / 2
    assert compute_figures(year=2024, as_of=AS_OF)["median_days_to_close"] == expected
