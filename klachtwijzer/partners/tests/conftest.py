"""Partners, their accounthouders and their users, and a figures file to upload."""

import datetime as dt
from dataclasses import dataclass

import pytest
import time_machine

from klachtwijzer.accounts.models import Partner, ReportingFrequency, ReportingWay, Role, User
from klachtwijzer.accounts.tests.factories import PartnerFactory, UserFactory

TODAY = dt.date(2025, 5, 20)
HEADER = (
    "partner;periode_van;periode_tot;ontvangen;afgehandeld;gegrond;deels_gegrond;ongegrond;binnen_termijn"
)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(dt.datetime(2025, 5, 20, 10, tzinfo=dt.UTC), tick=False):
        yield


@dataclass
class Partners:
    taxes: Partner
    care: Partner
    accounthouder: User
    taxes_user: User
    care_user: User
    coordinator: User


@pytest.fixture
def partners(db, municipality, department, coordinator) -> Partners:
    taxes = PartnerFactory(
        name="Belastingsamenwerking West",
        reporting_way=ReportingWay.FIGURES,
        reporting_frequency=ReportingFrequency.QUARTER,
    )
    care = PartnerFactory(
        name="Sociaal Wijkteam", reporting_way=ReportingWay.BOTH, reporting_frequency=ReportingFrequency.YEAR
    )
    accounthouder = UserFactory(username="accounthouder", role=Role.HANDLER, department=department)
    taxes.accounthouders.add(accounthouder)
    care.accounthouders.add(coordinator)
    taxes_user = UserFactory(username="belastingen", role=Role.PARTNER, partner=taxes)
    care_user = UserFactory(username="wijkteam", role=Role.PARTNER, partner=care)
    return Partners(taxes, care, accounthouder, taxes_user, care_user, coordinator)


def figures_file(*rows: str) -> bytes:
    return "\n".join([HEADER, *rows]).encode("utf-8")
