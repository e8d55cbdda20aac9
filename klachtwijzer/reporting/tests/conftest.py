"""Fixtures of the reporting tests: a year of complaints made through the real procedure."""

import datetime as dt

import pytest

from klachtwijzer.accounts.tests.factories import DepartmentFactory, PartnerFactory
from klachtwijzer.complaints.constants import Channel, Kind
from klachtwijzer.complaints.models import Nature
from klachtwijzer.reporting.tests.builders import complaint

D = dt.date


@pytest.fixture
def year_of_complaints(municipality, coordinator, department):
    """Ten complaints around 2024, each chosen for one rule of spec/report-figures.md."""
    other = DepartmentFactory(name="Belastingen")
    partner = PartnerFactory(name="Afvalbedrijf Regio")
    rude, slow = (
        Nature.objects.get(name="Fatsoenlijke bejegening"),
        Nature.objects.get(name="Voortvarendheid"),
    )
    make = {"department": department, "staff": coordinator}
    # closed after 24 days, founded
    complaint(received_on=D(2024, 2, 5), oordeel="gegrond", closed_on=D(2024, 2, 29), natures=[rude], **make)
    # 65 days, but extended before the 6 weeks ended: within the legal term
    complaint(
        received_on=D(2024, 2, 5),
        oordeel="ongegrond",
        closed_on=D(2024, 4, 10),
        extended_on=D(2024, 3, 10),
        natures=[rude, slow],
        **make,
    )
    # 65 days without extension: within 10 weeks, not within the legal term
    complaint(
        received_on=D(2024, 2, 5),
        oordeel="deels gegrond",
        closed_on=D(2024, 4, 10),
        natures=[slow],
        channel=Channel.PHONE,
        department=other,
        staff=coordinator,
    )
    complaint(received_on=D(2024, 11, 20), partner=partner, **make)  # still open
    complaint(received_on=D(2024, 12, 10), oordeel="informeel opgelost", closed_on=D(2025, 1, 20), **make)
    complaint(received_on=D(2024, 6, 3), oordeel="niet in behandeling", closed_on=D(2024, 6, 10), **make)
    complaint(received_on=D(2024, 6, 3), oordeel="doorgestuurd", closed_on=D(2024, 6, 4), **make)
    complaint(received_on=D(2024, 6, 3), oordeel="geen klacht", closed_on=D(2024, 6, 4), **make)
    complaint(received_on=D(2024, 5, 1), kind=Kind.OTHER, **make)
    complaint(received_on=D(2023, 12, 1), oordeel="ingetrokken", closed_on=D(2024, 1, 10), **make)
