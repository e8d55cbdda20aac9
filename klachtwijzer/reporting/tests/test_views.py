"""The report pages under /rapportage/: who sees what, and the coordinator's steps through the browser."""

import datetime as dt
import io
import json
import zipfile

import pytest
import time_machine
from django.urls import reverse
from docx import Document

from klachtwijzer.accounts.models import Role
from klachtwijzer.accounts.tests.factories import PartnerFactory, UserFactory
from klachtwijzer.reporting.adoption import finalise_report
from klachtwijzer.reporting.models import ReportDraft, ReportVersion
from klachtwijzer.reporting.tests.builders import PERSONAL

pytestmark = pytest.mark.django_db

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(dt.datetime(2025, 2, 1, 12, tzinfo=dt.UTC), tick=False):
        yield


def login(client, role, **kwargs):
    client.force_login(UserFactory(role=role, **kwargs))
    return client


def url(view, **kwargs):
    return reverse(f"reporting:{view}", kwargs=kwargs)


def test_an_anonymous_visitor_is_sent_to_the_login(client, municipality):
    response = client.get(url("report", year=2024))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("role", [Role.ADMINISTRATOR, Role.PARTNER])
def test_roles_without_figures_get_no_report(client, municipality, role):
    extra = {"partner": PartnerFactory()} if role == Role.PARTNER else {}
    login(client, role, **extra)

    assert client.get(url("index")).status_code == 403
    assert client.get(url("report", year=2024)).status_code == 403


def test_a_board_member_sees_the_figures_but_no_persons_and_cannot_finalise(client, year_of_complaints):
    login(client, Role.BOARD)

    page = client.get(url("report", year=2024)).content.decode()

    assert "Jaarverslag klachten 2024" in page
    assert "Burgerzaken" in page
    for secret in PERSONAL.values():
        assert secret not in page
    assert "Maak het verslag definitief" not in page
    assert client.post(url("finalise", year=2024)).status_code == 403
    assert client.post(url("texts", year=2024), {"introduction": "x"}).status_code == 403
    assert not ReportVersion.objects.exists()


def test_the_dashboard_shows_this_years_figures_and_earlier_years(client, year_of_complaints):
    login(client, Role.MANAGER)

    response = client.get(url("index"))

    assert response.status_code == 200
    assert [year["year"] for year in response.context["years"]] == [2025, 2024, 2023]
    assert "Jaarverslag 2024" in response.content.decode()


def test_the_published_view_hides_small_numbers(client, year_of_complaints):
    login(client, Role.BOARD)

    internal = client.get(url("report", year=2024)).content.decode()
    published = client.get(url("report", year=2024) + "?publicatie=1").content.decode()

    assert "zijn er 2 geheel of gedeeltelijk gegrond verklaard" in internal
    assert "zijn er minder dan 5 geheel of gedeeltelijk gegrond verklaard" in published


def test_a_year_in_the_future_is_not_found(client, municipality):
    login(client, Role.BOARD)

    assert client.get(url("report", year=2026)).status_code == 404


def test_the_coordinator_writes_finalises_and_records_the_adoption(
    client, coordinator, year_of_complaints, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    client.force_login(coordinator)

    response = client.post(
        url("texts", year=2024),
        {"as_of": "2025-01-15", "introduction": "Een bewogen jaar.", "conclusions": "Sneller reageren."},
    )
    assert response.status_code == 302
    assert ReportDraft.objects.get(year=2024).texts == {
        "introduction": "Een bewogen jaar.",
        "conclusions": "Sneller reageren.",
    }
    assert "Een bewogen jaar." in client.get(url("report", year=2024)).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("finalise", year=2024))
    version = ReportVersion.objects.get(year=2024)
    job_page = client.get(response["Location"]).content.decode()  # the background job's page
    assert "Klaar." in job_page and f'href="{version.get_absolute_url()}"' in job_page

    response = client.post(url("adopt", year=2024, number=1), {"adopted_on": "2025-01-30"})
    version.refresh_from_db()
    assert version.adopted_on == dt.date(2025, 1, 30)
    assert (
        "Vastgesteld door het college op 30 januari 2025."
        in client.get(response["Location"]).content.decode()
    )


def test_bad_input_gives_a_dutch_message_and_stores_nothing(client, coordinator, year_of_complaints):
    client.force_login(coordinator)

    response = client.post(url("texts", year=2024), {"as_of": "2023-05-01", "introduction": "Niet bewaren."})

    assert response.status_code == 400
    assert "Kies een peildatum in 2024 of later" in response.content.decode()
    assert not ReportDraft.objects.filter(texts__introduction="Niet bewaren.").exists()

    version = finalise_report(year=2024, acting_user=coordinator)
    response = client.post(
        url("adopt", year=2024, number=version.number), {"adopted_on": "morgen"}, follow=True
    )
    assert "Vul de datum in waarop het college het verslag heeft vastgesteld." in response.content.decode()


def test_downloads_of_the_draft(client, year_of_complaints):
    login(client, Role.BOARD)

    pdf = client.get(url("download", year=2024, fmt="pdf"))
    docx = client.get(url("download", year=2024, fmt="docx"))
    figures = client.get(url("download", year=2024, fmt="json"))

    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert 'filename="jaarverslag-klachten-2024-concept.pdf"' in pdf["Content-Disposition"]
    assert docx["Content-Type"] == DOCX
    assert Document(io.BytesIO(docx.content)).paragraphs[1].text == "Jaarverslag klachten 2024"
    assert json.loads(figures.content)["received"] == 8
    assert client.get(url("download", year=2024, fmt="xls")).status_code == 404


def test_downloads_of_a_version_and_its_publication(client, coordinator, year_of_complaints):
    version = finalise_report(year=2024, acting_user=coordinator)
    client.force_login(coordinator)

    def get(name):
        return client.get(url("version_download", year=2024, number=version.number, name=name))

    assert get("jaarverslag.pdf").content == bytes(version.pdf)
    assert get("jaarverslag.docx")["Content-Type"] == DOCX
    assert json.loads(get("cijfers.json").content) == version.figures
    assert get("collegevoorstel.docx")["Content-Type"] == DOCX
    assert get("register.csv")["Content-Type"] == "text/csv; charset=utf-8"
    assert json.loads(get("register.json").content)["jaar"] == 2024
    assert get("publicatie.zip").status_code == 302  # not adopted yet
    client.post(url("adopt", year=2024, number=version.number), {"adopted_on": "2025-02-01"})
    assert len(zipfile.ZipFile(io.BytesIO(get("publicatie.zip").content)).namelist()) == 4
    assert get("onbekend.txt").status_code == 404


def test_the_college_proposal_is_the_coordinators(client, coordinator, year_of_complaints):
    version = finalise_report(year=2024, acting_user=coordinator)
    login(client, Role.BOARD)

    response = client.get(
        url("version_download", year=2024, number=version.number, name="collegevoorstel.docx")
    )

    assert response.status_code == 403
