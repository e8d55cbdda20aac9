"""Whose periodic report is due or overdue (docs/guide-accounthouder.md)."""

import datetime as dt

import pytest

from klachtwijzer.partners.due import ReportState, expected_period, partner_reports, reports_due, state_of

from .conftest import figures_file
from .test_import import upload


@pytest.mark.parametrize(
    ("last", "frequency", "today", "expected"),
    [
        (dt.date(2025, 3, 31), "quarter", dt.date(2025, 5, 20), (dt.date(2025, 4, 1), dt.date(2025, 6, 30))),
        (
            dt.date(2024, 12, 31),
            "half_year",
            dt.date(2025, 5, 20),
            (dt.date(2025, 1, 1), dt.date(2025, 6, 30)),
        ),
        (dt.date(2023, 12, 31), "year", dt.date(2025, 5, 20), (dt.date(2024, 1, 1), dt.date(2024, 12, 31))),
        (None, "quarter", dt.date(2025, 5, 20), (dt.date(2025, 1, 1), dt.date(2025, 3, 31))),
        (None, "half_year", dt.date(2025, 5, 20), (dt.date(2024, 7, 1), dt.date(2024, 12, 31))),
        (None, "year", dt.date(2025, 1, 5), (dt.date(2024, 1, 1), dt.date(2024, 12, 31))),
    ],
)
def test_the_expected_period_follows_the_last_one(last, frequency, today, expected):
    assert expected_period(last, frequency, today) == expected


def test_due_after_the_period_and_overdue_six_weeks_later():
    end = dt.date(2025, 3, 31)
    assert state_of(end, end) == ReportState.UP_TO_DATE
    assert state_of(end, end + dt.timedelta(days=1)) == ReportState.DUE
    assert state_of(end, end + dt.timedelta(weeks=6)) == ReportState.DUE
    assert state_of(end, end + dt.timedelta(weeks=6, days=1)) == ReportState.OVERDUE


def test_reports_due_lists_the_overdue_partner_for_the_notifications(partners):
    # The tax office reported its last quarter of 2024; the first quarter of 2025 is overdue on 20 May.
    upload(figures_file("Belastingsamenwerking West;2024-10-01;2024-12-31;4;4;0;0;0;0"), partners.taxes_user)
    # The care team reported 2024, its yearly report for 2025 is not yet due.
    upload(figures_file("Sociaal Wijkteam;2024-01-01;2024-12-31;30;28;4;5;10;20"), partners.care_user)

    due = reports_due()

    assert [(report.partner.name, report.state) for report in due] == [
        ("Belastingsamenwerking West", ReportState.OVERDUE)
    ]
    assert due[0].accounthouders == [partners.accounthouder]
    assert due[0].due_on == dt.date(2025, 5, 12)
    states = {report.partner.name: report.state for report in partner_reports()}
    assert states["Sociaal Wijkteam"] == ReportState.UP_TO_DATE


def test_a_partner_registering_in_klachtwijzer_owes_no_report(partners):
    partners.taxes.reporting_way = "klachtwijzer"
    partners.taxes.save()
    assert "Belastingsamenwerking West" not in {report.partner.name for report in partner_reports()}
