"""Writing, finalising and adopting the report: versions freeze figures and texts; the coordinator acts."""

import datetime as dt
import io

import pytest
import time_machine
from pypdf import PdfReader

from klachtwijzer.accounts.models import Role
from klachtwijzer.accounts.tests.factories import UserFactory
from klachtwijzer.complaints import closing
from klachtwijzer.complaints.models import Complaint
from klachtwijzer.reporting.adoption import ReportError, finalise_report, record_adoption, save_texts
from klachtwijzer.reporting.models import ReportVersion

pytestmark = pytest.mark.django_db

AS_OF = dt.date(2025, 1, 15)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(dt.datetime(2025, 2, 1, 12, tzinfo=dt.UTC), tick=False):
        yield


def pdf_text(data: bytes) -> str:
    return " ".join(
        " ".join(page.extract_text() for page in PdfReader(io.BytesIO(bytes(data))).pages).split()
    )


def test_finalising_freezes_figures_and_texts(year_of_complaints, coordinator):
    save_texts(year=2024, texts={"conclusions": "Goed jaar."}, as_of=AS_OF, acting_user=coordinator)

    version = finalise_report(year=2024, acting_user=coordinator)

    assert (version.year, version.number, version.as_of) == (2024, 1, AS_OF)
    assert version.figures["received"] == 8
    assert version.texts == {"conclusions": "Goed jaar."}
    assert version.learning == {
        "learning_points": [],
        "improvement_actions": [],
        "ombudsman_cases": [],
        "partner_conversations": [],
    }
    assert version.finalised_by == coordinator
    text = pdf_text(version.pdf)
    assert "Versie 1, definitief gemaakt op 1 februari 2025; nog niet vastgesteld door het college." in text
    assert "Goed jaar." in text


def test_a_later_change_to_a_complaint_changes_no_version_and_a_new_version_keeps_both(
    year_of_complaints, coordinator
):
    save_texts(year=2024, texts={}, as_of=None, acting_user=coordinator)
    first = finalise_report(year=2024, acting_user=coordinator)
    still_open = Complaint.objects.get(received_on=dt.date(2024, 11, 20))

    closing.withdraw_complaint(still_open, withdrawn_on=dt.date(2025, 2, 1), acting_user=coordinator)
    second = finalise_report(year=2024, acting_user=coordinator)

    first.refresh_from_db()
    assert first.figures["outcomes"]["ingetrokken"] == 0
    assert second.figures["outcomes"]["ingetrokken"] == 1
    assert list(ReportVersion.objects.filter(year=2024).values_list("number", flat=True)) == [2, 1]


def test_a_version_cannot_be_changed_or_deleted(year_of_complaints, coordinator):
    version = finalise_report(year=2024, acting_user=coordinator)

    version.texts = {"conclusions": "Achteraf anders."}
    with pytest.raises(TypeError, match="frozen"):
        version.save()
    with pytest.raises(TypeError, match="kept permanently"):
        version.delete()
    with pytest.raises(TypeError, match="kept permanently"):
        ReportVersion.objects.all().delete()


def test_recording_the_adoption_dates_the_published_pdf(year_of_complaints, coordinator):
    version = finalise_report(year=2024, acting_user=coordinator)
    figures = version.figures

    record_adoption(version, adopted_on=dt.date(2025, 2, 1), acting_user=coordinator)

    version.refresh_from_db()
    assert version.adopted_on == dt.date(2025, 2, 1)
    assert version.adoption_recorded_by == coordinator
    assert version.figures == figures
    assert "Versie 1, vastgesteld door het college op 1 februari 2025." in pdf_text(version.pdf)


def test_adoption_is_recorded_once_and_not_in_the_future_or_before_the_figures(
    year_of_complaints, coordinator
):
    save_texts(year=2024, texts={}, as_of=AS_OF, acting_user=coordinator)
    version = finalise_report(year=2024, acting_user=coordinator)

    with pytest.raises(ReportError, match="in de toekomst"):
        record_adoption(version, adopted_on=dt.date(2025, 2, 2), acting_user=coordinator)
    with pytest.raises(ReportError, match="vóór de peildatum"):
        record_adoption(version, adopted_on=dt.date(2025, 1, 14), acting_user=coordinator)
    record_adoption(version, adopted_on=dt.date(2025, 1, 28), acting_user=coordinator)
    with pytest.raises(ReportError, match="al vastgesteld op 2025-01-28"):
        record_adoption(version, adopted_on=dt.date(2025, 1, 29), acting_user=coordinator)


@pytest.mark.parametrize("role", [Role.HANDLER, Role.MANAGER, Role.BOARD])
def test_only_the_coordinator_writes_finalises_and_adopts(year_of_complaints, coordinator, role):
    other = UserFactory(role=role)
    version = finalise_report(year=2024, acting_user=coordinator)

    for step in (
        lambda: save_texts(year=2024, texts={}, as_of=None, acting_user=other),
        lambda: finalise_report(year=2024, acting_user=other),
        lambda: record_adoption(version, adopted_on=dt.date(2025, 1, 20), acting_user=other),
    ):
        with pytest.raises(ReportError, match="Alleen de klachtencoördinator"):
            step()


def test_texts_are_checked(municipality, coordinator):
    with pytest.raises(ReportError, match="Onbekende paragrafen: appendix"):
        save_texts(year=2024, texts={"appendix": "x"}, as_of=None, acting_user=coordinator)
    with pytest.raises(ReportError, match="Kies een peildatum in 2024 of later"):
        save_texts(year=2024, texts={}, as_of=dt.date(2023, 12, 31), acting_user=coordinator)
    with pytest.raises(ReportError, match="Ten hoogste 10000 tekens"):
        save_texts(year=2024, texts={"introduction": "x" * 10_001}, as_of=None, acting_user=coordinator)
    with pytest.raises(ReportError, match="geen jaarverslag over het jaar 2026"):
        save_texts(year=2026, texts={}, as_of=None, acting_user=coordinator)


def test_texts_are_kept_between_versions(municipality, coordinator):
    save_texts(year=2024, texts={"introduction": " Eerste tekst. "}, as_of=None, acting_user=coordinator)
    finalise_report(year=2024, acting_user=coordinator)
    draft = save_texts(
        year=2024,
        texts={"introduction": "Tweede tekst.", "conclusions": ""},
        as_of=None,
        acting_user=coordinator,
    )

    assert draft.texts == {"introduction": "Tweede tekst."}
    assert ReportVersion.objects.get(number=1).texts == {"introduction": "Eerste tekst."}
