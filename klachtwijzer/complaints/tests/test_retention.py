"""The Selectielijst rule as a pure function, over many cases (Hypothesis)."""

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from klachtwijzer.complaints import retention
from klachtwijzer.complaints.constants import Outcome

dates = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2090, 12, 31))
outcomes = st.sampled_from(Outcome.values)


@given(outcome=outcomes, closed_on=dates, ombudsman=st.none() | dates, keep=st.booleans())
def test_the_first_applicable_row_of_the_table_decides(outcome, closed_on, ombudsman, keep):
    kept = retention.retention_for(
        outcome=outcome, closed_on=closed_on, ombudsman_referred_on=ombudsman, keep_permanently=keep
    )
    if keep:
        assert kept == retention.Retention("13.1.3", None)
        return
    years = (kept.destroy_on.year - closed_on.year) if kept.destroy_on else None
    if ombudsman is not None:
        assert (kept.result, years) == ("13.1.2", 10)
    elif outcome == Outcome.WITHDRAWN:
        assert (kept.result, years) == ("13.2", 1)
    elif outcome in (Outcome.NOT_HANDLED, Outcome.FORWARDED, Outcome.NOT_A_COMPLAINT):
        assert (kept.result, years) == ("13.1.4", 1)
    else:
        assert (kept.result, years) == ("13.1", 5)
    assert kept.destroy_on.month == closed_on.month
    assert kept.destroy_on.day == closed_on.day or (closed_on.month, closed_on.day) == (2, 29)
    assert kept.destroy_on > closed_on


@given(outcome=st.sampled_from(["", *Outcome.values]), ombudsman=st.none() | dates, keep=st.booleans())
def test_an_open_complaint_has_no_result_and_no_date(outcome, ombudsman, keep):
    kept = retention.retention_for(
        outcome=outcome, closed_on=None, ombudsman_referred_on=ombudsman, keep_permanently=keep
    )
    assert kept == retention.Retention("", None)


def test_29_february_falls_back_to_28_february():
    kept = retention.retention_for(
        outcome=Outcome.JUDGED,
        closed_on=dt.date(2024, 2, 29),
        ombudsman_referred_on=None,
        keep_permanently=False,
    )
    assert kept.destroy_on == dt.date(2029, 2, 28)
