"""``klachtwijzer report``: the figures as JSON, and the documents as files (spec/report-figures.md)."""

import datetime as dt
import io
import json

import pytest
import time_machine
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(dt.datetime(2025, 2, 1, 12, tzinfo=dt.UTC), tick=False):
        yield


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("report", *args, stdout=out)
    return out.getvalue()


def test_json_has_the_spec_keys(year_of_complaints):
    figures = json.loads(run("--year", "2024", "--format", "json", "--as-of", "2025-01-15"))

    for key in [
        "municipality",
        "year",
        "as_of",
        "received",
        "closed",
        "open",
        "outcomes",
        "founded",
        "informal_share_pct",
        "within_term_pct",
        "within_extended_term_pct",
        "within_legal_term_pct",
        "extended",
        "median_days_to_close",
        "by_department",
        "by_channel",
        "by_partner",
        "by_nature",
        "by_nature_founded",
        "other_kinds",
        "previous_years",
    ]:
        assert key in figures, key
    assert figures["as_of"] == "2025-01-15"


def test_the_reference_date_defaults_to_today(year_of_complaints):
    assert json.loads(run("--year", "2024"))["as_of"] == "2025-02-01"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--year", "2024", "--as-of", "15-01-2025"], "De peildatum 15-01-2025 is geen datum"),
        (["--year", "2024", "--as-of", "2023-06-01"], "De peildatum 2023-06-01 ligt vóór het jaar 2024"),
        (["--year", "2031"], "Het jaar 2031 is geen jaar met klachten"),
        (["--year", "2024", "--format", "pdf"], "Geef met --output het bestand op"),
    ],
)
def test_bad_input_is_refused_in_dutch(municipality, args, message):
    with pytest.raises(CommandError, match=message):
        run(*args)


def test_documents_are_written_to_the_output_file(year_of_complaints, tmp_path):
    run("--year", "2024", "--format", "pdf", "--as-of", "2025-01-15", "--output", str(tmp_path / "r.pdf"))
    run("--year", "2024", "--format", "docx", "--output", str(tmp_path / "r.docx"))
    html = run("--year", "2024", "--format", "html", "--internal")

    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")
    assert (tmp_path / "r.docx").read_bytes().startswith(b"PK")
    assert '<h1 class="report-title">Jaarverslag klachten 2024</h1>' in html
