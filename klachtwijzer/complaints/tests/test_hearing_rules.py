"""Rules of the hearing (Awb 9:10): the reply date, 'did not answer' only after it, a warning for a
weekend or public holiday."""

import datetime as dt

import pytest
import time_machine
from hypothesis import given
from hypothesis import strategies as st

from klachtwijzer.complaints import handling, judging, terms
from klachtwijzer.complaints.constants import HearingWaiver
from klachtwijzer.complaints.models import HistoryEvent
from klachtwijzer.complaints.tests.backoffice import (
    FAST_HASHERS,
    Organisation,
    post_step_with_letter,
)
from klachtwijzer.complaints.tests.factories import complaint_in_handling
from klachtwijzer.complaints.workflow import ProcedureError


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(dt.datetime(2024, 4, 10, 12, tzinfo=dt.UTC), tick=False):
        yield


@given(st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2030, 12, 31)))
def test_a_hearing_day_is_warned_about_exactly_when_it_is_no_working_day(day):
    warning = judging.hearing_date_warning(day)

    assert bool(warning) == (not terms.is_working_day(day))


def test_kings_day_and_a_sunday_are_warned_about_a_tuesday_not():
    assert judging.hearing_date_warning(dt.date(2024, 4, 27))  # King's Day (a Saturday too)
    assert judging.hearing_date_warning(dt.date(2024, 5, 9))  # Ascension Day, a Thursday
    assert judging.hearing_date_warning(dt.date(2024, 4, 14))  # a Sunday
    assert judging.hearing_date_warning(dt.date(2024, 4, 16)) == ""


@pytest.mark.django_db
def test_a_hearing_on_a_holiday_is_planned_with_a_warning_in_the_history(
    municipality, coordinator, handler, department
):
    complaint = complaint_in_handling(coordinator=coordinator, handler=handler, department=department)

    handling.plan_hearing(
        complaint, planned_on=dt.date(2024, 5, 9), reply_by=dt.date(2024, 5, 1), acting_user=handler
    )

    assert complaint.hearing_planned_on == dt.date(2024, 5, 9)
    assert complaint.hearing_reply_by == dt.date(2024, 5, 1)
    event = complaint.history.get(type=HistoryEvent.Type.HEARING_PLANNED)
    assert "9 mei 2024" in event.note


@pytest.mark.django_db
def test_the_reply_date_lies_before_the_hearing(municipality, coordinator, handler, department):
    complaint = complaint_in_handling(coordinator=coordinator, handler=handler, department=department)

    with pytest.raises(ProcedureError) as error:
        handling.plan_hearing(
            complaint, planned_on=dt.date(2024, 4, 16), reply_by=dt.date(2024, 4, 16), acting_user=handler
        )

    assert "reply_by" in error.value.message_dict
    complaint.refresh_from_db()
    assert complaint.hearing_planned_on is None


@pytest.mark.django_db
def test_did_not_answer_only_after_the_reply_date_passed(municipality, coordinator, handler, department):
    complaint = complaint_in_handling(coordinator=coordinator, handler=handler, department=department)

    with pytest.raises(ProcedureError):  # never invited
        handling.waive_hearing(complaint, reason=HearingWaiver.NO_ANSWER, acting_user=handler)
    handling.plan_hearing(
        complaint, planned_on=dt.date(2024, 4, 16), reply_by=dt.date(2024, 4, 10), acting_user=handler
    )
    with pytest.raises(ProcedureError) as error:  # the reply date is today: not passed yet
        handling.waive_hearing(complaint, reason=HearingWaiver.NO_ANSWER, acting_user=handler)
    assert "10 april 2024" in error.value.message_dict["reason"][0]
    complaint.refresh_from_db()
    assert complaint.hearing_waiver == ""

    with time_machine.travel(dt.datetime(2024, 4, 11, 12, tzinfo=dt.UTC), tick=False):
        handling.waive_hearing(complaint, reason=HearingWaiver.NO_ANSWER, acting_user=handler)

    assert complaint.hearing_waiver == HearingWaiver.NO_ANSWER


@pytest.mark.django_db
def test_other_waiver_reasons_need_no_reply_date(municipality, coordinator, handler, department):
    complaint = complaint_in_handling(coordinator=coordinator, handler=handler, department=department)

    handling.waive_hearing(complaint, reason=HearingWaiver.WAIVED, acting_user=handler)

    assert complaint.hearing_waiver == HearingWaiver.WAIVED


@pytest.mark.django_db
def test_the_plan_page_warns_after_planning_on_a_sunday(client, municipality, settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS
    with time_machine.travel(dt.datetime(2024, 6, 3, 12, tzinfo=dt.UTC), tick=False):
        org = Organisation()
        complaint = org.own_complaint()
        client.force_login(org.handler)

        response = post_step_with_letter(
            client,
            complaint,
            "hoorzitting-plannen",
            party="both",
            planned_on="2024-06-09",
            reply_by="2024-06-05",
            starts_at="10:00",
            place="Stadhuis",
        )
        page = client.get(response["Location"]).content.decode()

    complaint.refresh_from_db()
    assert complaint.hearing_planned_on == dt.date(2024, 6, 9)
    start = page.index('class="kw-messages"')
    shown = page[start : page.index("</main>", start)]
    assert "9 juni 2024" in shown
    assert "feestdag" in shown
