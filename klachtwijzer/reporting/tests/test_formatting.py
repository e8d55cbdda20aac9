"""Dutch notation of the figures, and what published output hides (formatting.py, disclosure.py)."""

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from klachtwijzer.reporting import formatting
from klachtwijzer.reporting.disclosure import Disclosure
from klachtwijzer.reporting.suppression import Mark


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
    assert published.percent(50.0, 4) == "×"
    assert published.percent(50.0, 6) == "50,0%"
    assert Disclosure(True, 10).count(7) == "< 10"


def test_a_cell_hidden_to_protect_another_reads_as_its_own_mark_in_tables_and_sentences():
    figures = {"year": 2024, "outcomes": {"gegrond": 40, "deels gegrond": 3, "ongegrond": 12}}
    disclosure = Disclosure(True, 5)
    plan = disclosure.plan
    plan.values.update({(2024, "outcomes", key): n for key, n in figures["outcomes"].items()})
    plan.marks.update(
        {(2024, "outcomes", "deels gegrond"): Mark.PRIMARY, (2024, "outcomes", "ongegrond"): Mark.SECONDARY}
    )

    assert disclosure.count(12, (2024, "outcomes", "ongegrond")) == "×"
    assert disclosure.count(3, (2024, "outcomes", "deels gegrond")) == "< 5"
    assert disclosure.count(40, (2024, "outcomes", "gegrond")) == "40"
    assert disclosure.count_in_text(12, (2024, "outcomes", "ongegrond")) == "een verborgen aantal"
    assert (
        disclosure.percent(30.0, 40, numerator=(2024, "outcomes", "ongegrond"), denominator=(2024, "x"))
        == "×"
    )
    assert "× = verborgen om een ander klein getal te beschermen" in disclosure.note()
    assert "< 5: 1 tot en met 4 klachten" in disclosure.note()
