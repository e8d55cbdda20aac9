"""Dutch notation of the figures, and what published output hides (formatting.py, disclosure.py)."""

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from klachtwijzer.reporting import formatting
from klachtwijzer.reporting.disclosure import Disclosure


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (0, 0, "0"),
        (311, 0, "311"),
        (1052, 0, "1.052"),
        (2399, 0, "2.399"),
        (1234567, 0, "1.234.567"),
        (-1052, 0, "-1.052"),
        (21.5, 1, "21,5"),
        (1052.25, 1, "1.052,3"),
        (None, 0, "\u2013"),
    ],
)
def test_numbers(value, decimals, expected):
    assert formatting.number(value, decimals) == expected


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (69.0, 1, "69,0%"),
        (78.1, 0, "78%"),
        (77.5, 0, "78%"),
        (78.45, 1, "78,5%"),
        (100.0, 1, "100,0%"),
        (None, 1, "\u2013"),
    ],
)
def test_percentages_round_half_up(value, decimals, expected):
    assert formatting.percent(value, decimals) == expected


@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_grouping_only_adds_dots(value):
    text = formatting.number(value)

    assert text.replace(".", "") == str(value)
    assert all(len(group) == 3 for group in text.lstrip("-").split(".")[1:])


def test_shares_days_dates_and_lists():
    assert formatting.share(1052, 1527) == 68.9  # Den Haag 2018: 69% (partly) founded of those judged
    assert formatting.share(1, 0) is None
    assert formatting.days(23) == "23"
    assert formatting.days(15.5) == "15,5"
    assert formatting.long_date(dt.date(2025, 1, 15)) == "15 januari 2025"
    assert formatting.join_words(["professionaliteit", "bejegening", "voortvarendheid"]) == (
        "professionaliteit, bejegening en voortvarendheid"
    )
    assert formatting.round_half_up(Decimal("2.5")) == 3


def test_published_output_hides_counts_below_the_threshold_but_not_zero():
    published, internal = Disclosure(True, 5), Disclosure(False, 5)

    assert [published.count(n) for n in (0, 1, 4, 5, 1052)] == ["0", "< 5", "< 5", "5", "1.052"]
    assert [internal.count(n) for n in (0, 1, 4, 5)] == ["0", "1", "4", "5"]
    assert published.count_in_text(3) == "minder dan 5"
    assert published.percent(50.0, 4) == "x"
    assert published.percent(50.0, 6) == "50,0%"
    assert Disclosure(True, 10).count(7) == "< 10"


def test_one_hidden_cell_in_a_breakdown_hides_the_next_smallest_too():
    published = Disclosure(True, 5)

    assert published.hidden_keys({"a": 40, "b": 3, "c": 12}) == {"b", "c"}
    assert published.hidden_keys({"a": 40, "b": 3, "c": 2}) == {"b", "c"}
    assert published.hidden_keys({"a": 40, "b": 3, "c": 0}) == {"b", "a"}
    assert published.hidden_keys({"a": 40, "b": 30}) == set()
    assert Disclosure(False, 5).hidden_keys({"a": 40, "b": 3}) == set()
