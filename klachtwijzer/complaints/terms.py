"""The legal terms of complaint handling, as pure date functions (no ORM).

Rules (Awb chapter 9 and the Algemene termijnenwet, see docs/terms.md):

- Not-handling notice (Awb 9:8 lid 3): at most 4 weeks after receipt.
- Handling term (Awb 9:11 lid 1): 6 weeks after receipt; 10 weeks where an advisory committee
  handles complaints (the same lid 1, which refers to 9:14; 9:15 is about the committee's hearing).
- Extension (Awb 9:11 lid 2): at most 4 weeks more. Our policy: the extended term ends on
  receipt + 70 days (+ 98 with a committee), moved once under the Atw.
- "Within N weeks after receipt" ends on receipt + 7N days.
- Algemene termijnenwet art. 1: a statutory term that ends on a Saturday, Sunday or general holiday
  is extended to the next day that is none of these. Art. 3 lists the general holidays (New Year's
  Day, Easter Monday, Ascension Day, Whit Monday, Christmas and Boxing Day, the King's birthday and
  5 May, Liberation Day, every year); art. 3 lid 2 puts Good Friday on a par with them. Art. 4: the
  Atw does not apply to terms of more than 12 weeks, so a 14-week term is never moved.
- Acknowledgement (Awb 9:6): the law sets no term; the municipality's target is a number of working
  days (``Municipality.acknowledgement_target_days``), counted from the day after receipt.
- Years-long clocks (the conduct's age under 9:8 lid 1b, the ombudsman petition under 9:24) are not
  moved either.

Term ends are computed when the event happens and stored on the complaint, so a later change of
these rules never rewrites last year's figures.
"""

from __future__ import annotations

import datetime as dt
import enum
from functools import cache

NOT_HANDLING_NOTICE_DAYS = 28
HANDLING_TERM_DAYS = 42
COMMITTEE_HANDLING_TERM_DAYS = 70
EXTENSION_DAYS = 28
ATW_MAX_DAYS = 12 * 7


def easter_sunday(year: int) -> dt.date:
    """Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def kings_day(year: int) -> dt.date:
    """The day the King's birthday is celebrated: 27 April, or 26 April when the 27th is a Sunday.

    Before 2014 it was Queen's Day (30 April, or 29 April when that was a Sunday).
    """
    if year < 2014:
        day = dt.date(year, 4, 30)
        return day - dt.timedelta(days=1) if day.weekday() == 6 else day
    day = dt.date(year, 4, 27)
    return day - dt.timedelta(days=1) if day.weekday() == 6 else day


@cache
def general_holidays(year: int) -> frozenset[dt.date]:
    """The general holidays of the Algemene termijnenwet art. 3, Good Friday included."""
    easter = easter_sunday(year)
    return frozenset(
        {
            dt.date(year, 1, 1),
            easter - dt.timedelta(days=2),  # Good Friday (art. 3 lid 2)
            easter,
            easter + dt.timedelta(days=1),  # Easter Monday
            kings_day(year),
            dt.date(year, 5, 5),  # Liberation Day, every year
            easter + dt.timedelta(days=39),  # Ascension Day
            easter + dt.timedelta(days=49),  # Whit Sunday
            easter + dt.timedelta(days=50),  # Whit Monday
            dt.date(year, 12, 25),
            dt.date(year, 12, 26),
        }
    )


def is_working_day(day: dt.date) -> bool:
    """Neither a Saturday, a Sunday nor a general holiday under the Atw."""
    return day.weekday() < 5 and day not in general_holidays(day.year)


def next_working_day(day: dt.date) -> dt.date:
    """The day itself if it is a working day, else the first working day after it (Atw art. 1)."""
    while not is_working_day(day):
        day += dt.timedelta(days=1)
    return day


def add_working_days(day: dt.date, count: int) -> dt.date:
    """The day ``count`` working days after ``day`` (before it for a negative count)."""
    step = dt.timedelta(days=1 if count >= 0 else -1)
    for _ in range(abs(count)):
        day += step
        while not is_working_day(day):
            day += step
    return day


def acknowledgement_target(received_on: dt.date, working_days: int) -> dt.date:
    """The last day of the municipality's target for the written acknowledgement (Awb 9:6)."""
    return add_working_days(received_on, working_days)


def statutory_term_end(start: dt.date, days: int) -> dt.date:
    """The end of a term of ``days`` days from ``start``, moved under the Atw where it applies."""
    end = start + dt.timedelta(days=days)
    if days > ATW_MAX_DAYS:
        return end
    return next_working_day(end)


def not_handling_notice_end(received_on: dt.date) -> dt.date:
    """Last day for the written notice that a complaint will not be handled (Awb 9:8 lid 3)."""
    return statutory_term_end(received_on, NOT_HANDLING_NOTICE_DAYS)


def handling_term_end(received_on: dt.date, *, advisory_committee: bool = False) -> dt.date:
    """End of the handling term: 6 weeks after receipt, 10 with an advisory committee (Awb 9:11 lid 1)."""
    days = COMMITTEE_HANDLING_TERM_DAYS if advisory_committee else HANDLING_TERM_DAYS
    return statutory_term_end(received_on, days)


def extended_term_end(received_on: dt.date, *, advisory_committee: bool = False) -> dt.date:
    """End of the term after one extension of 4 weeks (Awb 9:11 lid 2).

    Our policy counts the extension from receipt (receipt + 70 days, + 98 with a committee), so a
    term that was moved under the Atw does not carry its move into the extension. A 14-week term
    is longer than 12 weeks and is not moved (Atw art. 4).
    """
    days = (COMMITTEE_HANDLING_TERM_DAYS if advisory_committee else HANDLING_TERM_DAYS) + EXTENSION_DAYS
    return statutory_term_end(received_on, days)


def conduct_too_old(conduct_on: dt.date, received_on: dt.date) -> bool:
    """Whether the conduct took place more than a year before filing (Awb 9:8 lid 1b; no Atw move)."""
    return received_on > add_years(conduct_on, 1)


def ombudsman_petition_end(outcome_letter_on: dt.date) -> dt.date:
    """Last day to petition the ombudsman: one year after the outcome letter (Awb 9:24; no Atw move)."""
    return add_years(outcome_letter_on, 1)


def add_years(day: dt.date, years: int) -> dt.date:
    """The same calendar date ``years`` later; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


class TermState(enum.StrEnum):
    ON_TIME = "on_time"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"


def term_state(term_ends_on: dt.date, *, today: dt.date, due_soon_days: int = 7) -> TermState:
    """The state of an open complaint's term on ``today``.

    The term's last day itself is still on time; from the next day the complaint is overdue. It is
    due soon from ``due_soon_days`` days before the last day.
    """
    if today > term_ends_on:
        return TermState.OVERDUE
    if (term_ends_on - today).days <= due_soon_days:
        return TermState.DUE_SOON
    return TermState.ON_TIME


def days_between(start: dt.date, end: dt.date) -> int:
    return (end - start).days
