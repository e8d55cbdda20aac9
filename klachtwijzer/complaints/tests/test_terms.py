"""The term rules of Awb chapter 9 under the Algemene termijnenwet, against real calendars 2020-2030."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from klachtwijzer.complaints import terms

D = dt.date

# Published dates of the moving holidays (Good Friday, Easter Monday, Ascension Day, Whit Monday)
# and King's Day, written out rather than computed, so the algorithm is checked against the calendar.
MOVING_HOLIDAYS = {
    2020: [D(2020, 4, 10), D(2020, 4, 13), D(2020, 5, 21), D(2020, 6, 1), D(2020, 4, 27)],
    2021: [D(2021, 4, 2), D(2021, 4, 5), D(2021, 5, 13), D(2021, 5, 24), D(2021, 4, 27)],
    2022: [D(2022, 4, 15), D(2022, 4, 18), D(2022, 5, 26), D(2022, 6, 6), D(2022, 4, 27)],
    2023: [D(2023, 4, 7), D(2023, 4, 10), D(2023, 5, 18), D(2023, 5, 29), D(2023, 4, 27)],
    2024: [D(2024, 3, 29), D(2024, 4, 1), D(2024, 5, 9), D(2024, 5, 20), D(2024, 4, 27)],
    2025: [D(2025, 4, 18), D(2025, 4, 21), D(2025, 5, 29), D(2025, 6, 9), D(2025, 4, 26)],
    2026: [D(2026, 4, 3), D(2026, 4, 6), D(2026, 5, 14), D(2026, 5, 25), D(2026, 4, 27)],
    2027: [D(2027, 3, 26), D(2027, 3, 29), D(2027, 5, 6), D(2027, 5, 17), D(2027, 4, 27)],
    2028: [D(2028, 4, 14), D(2028, 4, 17), D(2028, 5, 25), D(2028, 6, 5), D(2028, 4, 27)],
    2029: [D(2029, 3, 30), D(2029, 4, 2), D(2029, 5, 10), D(2029, 5, 21), D(2029, 4, 27)],
    2030: [D(2030, 4, 19), D(2030, 4, 22), D(2030, 5, 30), D(2030, 6, 10), D(2030, 4, 27)],
}


@pytest.mark.parametrize("year", sorted(MOVING_HOLIDAYS))
def test_general_holidays_match_the_calendar(year):
    fixed = [D(year, 1, 1), D(year, 5, 5), D(year, 12, 25), D(year, 12, 26)]
    holidays = terms.general_holidays(year)

    for day in MOVING_HOLIDAYS[year] + fixed:
        assert day in holidays, day
    weekday_holidays = {day for day in holidays if day.weekday() < 5}
    assert weekday_holidays == {day for day in MOVING_HOLIDAYS[year] + fixed if day.weekday() < 5}


def test_kings_day_moves_to_saturday_when_the_27th_is_a_sunday():
    assert terms.kings_day(2025) == D(2025, 4, 26)
    assert terms.kings_day(2026) == D(2026, 4, 27)


@pytest.mark.parametrize(
    ("received", "term_end", "why"),
    [
        (D(2024, 3, 4), D(2024, 4, 15), "an ordinary Monday"),
        (D(2024, 2, 16), D(2024, 4, 2), "Good Friday, Easter, Easter Monday: on to Tuesday"),
        (D(2027, 2, 12), D(2027, 3, 30), "Good Friday 2027 chains to Tuesday"),
        (D(2030, 3, 11), D(2030, 4, 23), "Easter Monday"),
        (D(2026, 3, 24), D(2026, 5, 6), "5 May on a Tuesday (every year, not only every five years)"),
        (D(2022, 3, 24), D(2022, 5, 6), "5 May on a Thursday"),
        (D(2029, 3, 24), D(2029, 5, 7), "5 May on a Saturday, then Sunday"),
        (D(2026, 3, 16), D(2026, 4, 28), "King's Day on a Monday"),
        (D(2025, 3, 15), D(2025, 4, 28), "King's Day on Saturday 26 April 2025, then Sunday"),
        (D(2024, 3, 28), D(2024, 5, 10), "Ascension Day"),
        (D(2024, 4, 8), D(2024, 5, 21), "Whit Monday"),
        (D(2020, 11, 13), D(2020, 12, 28), "Christmas Day Friday, Boxing Day Saturday, Sunday"),
        (D(2021, 11, 12), D(2021, 12, 24), "Christmas Eve is a working day"),
        (D(2026, 11, 20), D(2027, 1, 4), "New Year's Day Friday"),
        (D(2024, 1, 6), D(2024, 2, 19), "a Saturday"),
    ],
)
def test_six_week_term_moves_under_the_atw(received, term_end, why):
    assert terms.handling_term_end(received) == term_end, why


def test_not_handling_notice_term_is_four_weeks_moved():
    assert terms.not_handling_notice_end(D(2024, 3, 1)) == D(2024, 4, 2)  # Good Friday 29 March
    assert terms.not_handling_notice_end(D(2024, 3, 4)) == D(2024, 4, 2)  # Easter Monday 1 April


def test_extended_term_is_ten_weeks_from_receipt_moved_once():
    assert terms.extended_term_end(D(2024, 1, 19)) == D(2024, 4, 2)  # receipt + 70 = Good Friday
    assert terms.extended_term_end(D(2024, 3, 4)) == D(2024, 5, 13)


def test_committee_terms_ten_weeks_moved_fourteen_weeks_not():
    # 10 weeks is at most 12 weeks: the Atw applies.
    assert terms.handling_term_end(D(2024, 1, 19), advisory_committee=True) == D(2024, 4, 2)
    # 14 weeks is more than 12 weeks (Atw art. 4): it ends on Good Friday all the same.
    assert terms.extended_term_end(D(2023, 12, 22), advisory_committee=True) == D(2024, 3, 29)


def test_year_clocks_are_not_moved():
    assert terms.ombudsman_petition_end(D(2023, 12, 25)) == D(2024, 12, 25)
    assert terms.ombudsman_petition_end(D(2024, 2, 29)) == D(2025, 2, 28)
    assert terms.conduct_too_old(D(2023, 3, 1), received_on=D(2024, 3, 2))
    assert not terms.conduct_too_old(D(2023, 3, 1), received_on=D(2024, 3, 1))


@pytest.mark.parametrize(
    ("today", "state"),
    [
        (D(2024, 4, 7), terms.TermState.ON_TIME),
        (D(2024, 4, 8), terms.TermState.DUE_SOON),
        (D(2024, 4, 15), terms.TermState.DUE_SOON),
        (D(2024, 4, 16), terms.TermState.OVERDUE),
    ],
)
def test_term_state_on_a_day(today, state):
    assert terms.term_state(D(2024, 4, 15), today=today, due_soon_days=7) == state


days = st.dates(min_value=D(1990, 1, 1), max_value=D(2090, 12, 31))

# The longest move under the Atw: a term ending on Good Friday when King's Day falls on the Tuesday after
# Easter (2038: Friday 23 April to Wednesday 28 April).
MOST_DAYS_MOVED = 5


def test_a_term_ending_on_good_friday_before_kings_day_on_tuesday_moves_five_days():
    assert terms.handling_term_end(D(2038, 3, 12)) == D(2038, 4, 28)
    # The extension counts from receipt, so it does not carry that move along (our policy, docs/terms.md).
    assert terms.extended_term_end(D(2038, 3, 12)) == D(2038, 5, 21)


@given(days)
def test_term_end_is_the_first_working_day_on_or_after_six_weeks(received):
    end = terms.handling_term_end(received)
    nominal = received + dt.timedelta(days=42)

    assert terms.is_working_day(end)
    assert nominal <= end <= nominal + dt.timedelta(days=MOST_DAYS_MOVED)
    assert all(not terms.is_working_day(nominal + dt.timedelta(days=n)) for n in range((end - nominal).days))


@given(days, st.integers(min_value=1, max_value=400))
def test_later_receipt_never_gives_an_earlier_term(received, offset):
    later = received + dt.timedelta(days=offset)
    assert terms.handling_term_end(later) >= terms.handling_term_end(received)
    assert terms.extended_term_end(later) >= terms.extended_term_end(received)


@given(days)
def test_extended_term_lies_four_weeks_after_the_nominal_term(received):
    extended = terms.extended_term_end(received)
    assert extended >= received + dt.timedelta(days=70)
    assert extended >= terms.handling_term_end(received) + dt.timedelta(days=28 - MOST_DAYS_MOVED)
    assert terms.extended_term_end(received, advisory_committee=True) == received + dt.timedelta(days=98)


@given(days)
def test_weekends_and_holidays_are_never_working_days(day):
    if day.weekday() >= 5 or day in terms.general_holidays(day.year):
        assert not terms.is_working_day(day)
    else:
        assert terms.is_working_day(day)
    assert terms.easter_sunday(day.year).weekday() == 6
