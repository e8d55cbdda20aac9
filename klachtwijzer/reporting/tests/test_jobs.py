"""Finalising the report and making the draft's PDF and DOCX run in the background, with their progress
on the page and a guard against a second click (docs/reporting.md, "Work in the background")."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from klachtwijzer.accounts.models import Role
from klachtwijzer.accounts.tests.factories import UserFactory
from klachtwijzer.reporting.jobs import run_job
from klachtwijzer.reporting.models import ReportJob, ReportVersion

pytestmark = pytest.mark.django_db

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# A queue nobody works on: the job stays waiting, as while the worker is busy with something else.
NOBODY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
NOW = dt.datetime(2025, 2, 1, 12, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(NOW, tick=False):
        yield


def url(view, **kwargs):
    return reverse(f"reporting:{view}", kwargs=kwargs)


def test_finalising_runs_in_the_background_and_its_page_then_opens_the_version(
    client, coordinator, year_of_complaints, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = IMMEDIATE
    client.force_login(coordinator)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("finalise", year=2024))

    job = ReportJob.objects.get()
    assert response["Location"] == job.get_absolute_url()
    assert (job.state, job.progress) == ("done", 100)
    version = ReportVersion.objects.get(year=2024)
    assert job.version == version and bytes(version.pdf).startswith(b"%PDF")
    page = client.get(job.get_absolute_url()).content.decode()
    assert "Klaar." in page and "Versie 1 van het verslag openen" in page
    assert "hx-trigger" not in page  # a finished job's page stops asking


def test_a_second_click_while_the_first_is_waiting_starts_nothing_new(
    client, coordinator, year_of_complaints, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = NOBODY
    client.force_login(coordinator)

    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(url("finalise", year=2024))
        second = client.post(url("finalise", year=2024))

    assert ReportJob.objects.count() == 1
    assert first["Location"] == second["Location"]
    page = client.get(first["Location"]).content.decode()
    assert "Wacht op zijn beurt" in page
    assert 'hx-trigger="every 2s"' in page  # the page keeps asking until it is ready
    assert not ReportVersion.objects.exists()


def test_the_page_shows_how_far_the_work_is(client, coordinator, year_of_complaints):
    job = ReportJob.objects.create(
        kind="finalise", year=2024, requested_by=coordinator, state="running", progress=55,
        step="Making the PDF", started_at=NOW,
    )  # fmt: skip
    client.force_login(coordinator)

    page = client.get(job.get_absolute_url()).content.decode()
    fragment = client.get(job.get_absolute_url(), headers={"HX-Request": "true"}).content.decode()

    assert "Bezig: 55% klaar." in page and "De PDF maken" in page
    assert '<progress max="100" value="55"' in page
    assert fragment.lstrip().startswith('<div id="job"') and "<html" not in fragment


def test_a_job_whose_worker_died_is_given_up_and_a_new_click_starts_again(
    client, coordinator, year_of_complaints, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = NOBODY
    stopped = ReportJob.objects.create(
        kind="pdf", year=2024, requested_by=coordinator, state="running", progress=50,
        started_at=NOW - dt.timedelta(minutes=settings.REPORT_JOB_STALE_MINUTES + 1),
    )  # fmt: skip
    client.force_login(coordinator)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("make", year=2024, fmt="pdf"))

    stopped.refresh_from_db()
    assert stopped.state == "failed" and "gestopt" in stopped.error
    new = ReportJob.objects.exclude(pk=stopped.pk).get()
    assert response["Location"] == new.get_absolute_url() and new.state == "queued"


def test_a_board_member_makes_the_draft_pdf_in_the_background_but_cannot_finalise(
    client, year_of_complaints, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = IMMEDIATE
    board = UserFactory(role=Role.BOARD)
    client.force_login(board)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("make", year=2024, fmt="pdf"))
    job = ReportJob.objects.get()
    page = client.get(response["Location"]).content.decode()
    download = client.get(url("job_download", year=2024, pk=job.pk))

    assert "Het concept als PDF downloaden" in page
    assert download["Content-Type"] == "application/pdf" and download.content.startswith(b"%PDF")
    assert 'filename="jaarverslag-klachten-2024-concept.pdf"' in download["Content-Disposition"]
    assert client.post(url("finalise", year=2024)).status_code == 403
    assert client.post(url("make", year=2024, fmt="exe")).status_code == 404


def test_the_draft_docx_is_made_in_the_background(
    client, coordinator, year_of_complaints, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = IMMEDIATE
    client.force_login(coordinator)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("make", year=2024, fmt="docx"))
    job = ReportJob.objects.get()

    download = client.get(url("job_download", year=2024, pk=job.pk))
    assert download.content.startswith(b"PK")  # a Word document is a zip
    assert 'filename="jaarverslag-klachten-2024-concept.docx"' in download["Content-Disposition"]


def test_a_refused_finalisation_fails_the_job_with_the_reason(year_of_complaints):
    board = UserFactory(role=Role.BOARD)
    job = ReportJob.objects.create(kind="finalise", year=2024, requested_by=board)

    run_job(job.pk)

    job.refresh_from_db()
    assert job.state == "failed" and "Alleen de klachtencoördinator" in job.error
    assert not ReportVersion.objects.exists()


def test_a_job_that_is_not_waiting_is_not_done_twice(coordinator, year_of_complaints):
    job = ReportJob.objects.create(kind="finalise", year=2024, requested_by=coordinator, state="running")

    run_job(job.pk)  # a second worker picking up the same task

    assert not ReportVersion.objects.exists()
