"""The reminders of the ombudsman's response deadlines and of partners' periodic reports go through the
notification pass like the others: once per stage, to the right people (docs/operations.md)."""

import datetime as dt

import pytest
import time_machine

from klachtwijzer.accounts.models import ReportingFrequency, ReportingWay, Role
from klachtwijzer.accounts.tests.factories import PartnerFactory, UserFactory
from klachtwijzer.complaints.tests.backoffice import FAST_HASHERS, TODAY, Organisation
from klachtwijzer.notifications.models import Notification, NotificationKind
from klachtwijzer.notifications.reminders import run_pass
from klachtwijzer.ombudsman import handling as ombudsman

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def org(municipality, settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS
    settings.REMINDER_WORKING_DAYS = 3
    with time_machine.travel(TODAY, tick=False):  # Monday 3 June 2024
        yield Organisation()


def sent(kind):
    return sorted((n.recipient.username, n.subject) for n in Notification.objects.filter(kind=kind))


def test_the_coordinator_is_reminded_of_an_answer_to_the_ombudsman_before_and_after_its_date(org):
    case = ombudsman.open_case(complaint=org.own_complaint(), petition_on=D(2024, 5, 20), acting_user=None)
    ombudsman.add_deadline(case, description="Zienswijze", due_on=D(2024, 6, 6), acting_user=None)
    ombudsman.add_deadline(case, description="Ver weg", due_on=D(2024, 9, 1), acting_user=None)

    run_pass(today=D(2024, 6, 3), send_email=False)
    run_pass(today=D(2024, 6, 4), send_email=False)  # a second pass before the date: nothing new
    assert sent(NotificationKind.OMBUDSMAN_DEADLINE) == [
        (org.coordinator.username, "Een antwoord aan de ombudsman moet binnenkort weg")
    ]
    body = Notification.objects.get(kind=NotificationKind.OMBUDSMAN_DEADLINE).body
    assert "Zienswijze" in body and "6 juni 2024" in body

    run_pass(today=D(2024, 6, 7), send_email=False)  # the date passed
    run_pass(today=D(2024, 6, 10), send_email=False)
    assert sent(NotificationKind.OMBUDSMAN_DEADLINE) == [
        (org.coordinator.username, "Een antwoord aan de ombudsman is te laat"),
        (org.coordinator.username, "Een antwoord aan de ombudsman moet binnenkort weg"),
    ]


def test_the_accounthouder_is_reminded_when_a_partners_report_is_due_and_when_overdue(
    municipality, department
):
    accounthouder = UserFactory(username="accounthouder", role=Role.HANDLER, department=department)
    partner = PartnerFactory(
        name="Belastingsamenwerking West",
        reporting_way=ReportingWay.FIGURES,
        reporting_frequency=ReportingFrequency.QUARTER,
    )
    partner.accounthouders.add(accounthouder)
    PartnerFactory(name="Stadsbeheer", reporting_way=ReportingWay.KLACHTWIJZER)  # reports in Klachtwijzer

    with time_machine.travel(dt.datetime(2025, 4, 10, 10, tzinfo=dt.UTC), tick=False):
        run_pass(today=D(2025, 4, 10), send_email=False)  # the first quarter ended: due
        run_pass(today=D(2025, 4, 11), send_email=False)
    with time_machine.travel(dt.datetime(2025, 5, 20, 10, tzinfo=dt.UTC), tick=False):
        run_pass(today=D(2025, 5, 20), send_email=False)  # six weeks later: overdue

    assert sent(NotificationKind.PARTNER_REPORT) == [
        ("accounthouder", "Het verslag van Belastingsamenwerking West is te laat"),
        ("accounthouder", "Het verslag van Belastingsamenwerking West moet binnenkort komen"),
    ]
