"""Acceptance: with the Leiden register imported, the 2024 report as of 2025-01-15 shows every figure of
``tests/data/leiden-expected.json``: in the JSON of ``klachtwijzer report`` and in the text of the HTML
page, the PDF and the DOCX, each read back the way a reader gets it.

The expected sentences are built from the fixture's values, so the test reads as Leiden's published
report does ("In 2024 zijn er 311 klachten binnengekomen, in 2023 waren het er 296.").
"""

import datetime as dt
import html
import io
import json
import re
from pathlib import Path

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from docx import Document
from pypdf import PdfReader

from klachtwijzer.complaints.register import import_register
from klachtwijzer.reporting.adoption import save_texts
from klachtwijzer.reporting.figures import top_founded_natures
from klachtwijzer.reporting.formatting import round_half_up

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parent / "data"
LEIDEN_REGISTER = Path(__file__).resolve().parents[2] / "complaints/tests/data/leiden-register-2022-2024.csv"
EXPECTED = json.loads((DATA / "leiden-expected.json").read_text(encoding="utf-8"))
AS_OF = EXPECTED["as_of"]


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(dt.datetime(2025, 1, 20, 12, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def leiden(municipality):
    municipality.name = "Gemeente Leiden"
    municipality.save()
    import_register(LEIDEN_REGISTER)


def report_json() -> dict:
    out = io.StringIO()
    call_command("report", "--year", "2024", "--format", "json", "--as-of", AS_OF, stdout=out)
    return json.loads(out.getvalue())


def of_year(figures: dict, year: int) -> dict:
    if figures["year"] == year:
        return figures
    return next(earlier for earlier in figures["previous_years"] if earlier["year"] == year)


def test_the_json_shows_every_expected_figure(leiden):
    figures = report_json()

    assert figures["as_of"] == AS_OF
    for year, expected in EXPECTED["years"].items():
        actual = of_year(figures, int(year))
        for key, value in expected.items():
            if key == "outcomes":
                assert {name: actual["outcomes"][name] for name in value} == value, year
            elif key.endswith("_rounded"):
                assert round_half_up(actual[key.removesuffix("_rounded")]) == value, (year, key)
            elif key == "founded_top_natures":
                assert set(top_founded_natures(actual)) == set(value), year
            else:
                assert actual[key] == value, (year, key)


def expected_sentences() -> list[str]:
    """Regular expressions for the sentences in which a reader finds each expected figure."""
    y24, y23, y22 = (EXPECTED["years"][year] for year in ("2024", "2023", "2022"))
    outcomes = y24["outcomes"]
    return [
        rf"In 2024 zijn er {y24['received']} klachten binnengekomen, "
        rf"in 2023 waren het er {y23['received']}\.",
        rf"Van de {y24['received']} klachten in 2024 zijn er {y24['founded']} geheel of gedeeltelijk gegrond "
        rf"verklaard, in 2023 waren dit er \d+ en in 2022 {y22['founded']}\.",
        rf"In 2024 werden {outcomes['ongegrond']} klachten ongegrond verklaard\.",
        rf"Bij {outcomes['geen oordeel']} klachten werd .geen oordeel. gegeven",
        rf"waren er {outcomes['gegrond']} gegrond en {outcomes['deels gegrond']} deels gegrond\.",
        rf"Op 15 januari 2025 waren {y24['open']} klachten uit 2024 nog niet afgehandeld\.",
        rf"In 2024 is {y24['within_term_pct_rounded']}% van de afgehandelde klachten "
        rf"binnen de termijn van zes weken afgehandeld \(2023: {y23['within_term_pct_rounded']}%\)\.",
        rf"is {y24['within_extended_term_pct_rounded']}% afgehandeld "
        rf"\({y23['within_extended_term_pct_rounded']}% in 2023\)\.",
    ]


def assert_reads_every_figure(text: str) -> None:
    text = " ".join(text.replace("\u00ad", "").split())
    for sentence in expected_sentences():
        assert re.search(sentence, text), sentence
    natures = re.search(
        r"Het grootste aantal geheel of gedeeltelijk gegronde klachten in 2024 gaat over ([^.]+)\.", text
    )
    assert natures, "the sentence on the natures of founded complaints"
    for nature in EXPECTED["years"]["2024"]["founded_top_natures"]:
        assert nature.lower() in natures.group(1), nature


@pytest.fixture
def coordinator_client(client, coordinator, leiden):
    save_texts(year=2024, texts={}, as_of=dt.date.fromisoformat(AS_OF), acting_user=coordinator)
    client.force_login(coordinator)
    return client


def test_the_html_page_shows_every_expected_figure(coordinator_client):
    response = coordinator_client.get(reverse("reporting:report", kwargs={"year": 2024}))

    assert response.status_code == 200
    assert_reads_every_figure(html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())))


def test_the_pdf_shows_every_expected_figure(coordinator_client):
    response = coordinator_client.get(reverse("reporting:download", kwargs={"year": 2024, "fmt": "pdf"}))

    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    assert_reads_every_figure(" ".join(page.extract_text() for page in reader.pages))


def test_the_docx_shows_every_expected_figure(coordinator_client):
    response = coordinator_client.get(reverse("reporting:download", kwargs={"year": 2024, "fmt": "docx"}))

    document = Document(io.BytesIO(response.content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert_reads_every_figure(" ".join([paragraph.text for paragraph in document.paragraphs] + cells))
