"""The yearly report as a reader gets it: the PDF and DOCX read back, the HTML as text, the proposal."""

import dataclasses
import datetime as dt
import io
import re

import pytest
import time_machine
from docx import Document
from pypdf import PdfReader

from klachtwijzer.accounts.models import Municipality
from klachtwijzer.reporting import documents, learning_sources
from klachtwijzer.reporting.adoption import ReportError
from klachtwijzer.reporting.figures import compute_figures
from klachtwijzer.reporting.proposal import write_proposal

pytestmark = pytest.mark.django_db

SECTION_TITLES = [
    "1. Inleiding",
    "2. Samenvatting",
    "3. Aantallen en afhandeling",
    "4. Oordelen",
    "5. Tijdigheid",
    "6. Per afdeling",
    "7. Aard van de klachten",
    "8. Kanalen",
    "9. Samenwerkingspartners",
    "10. Andersoortige klachten",
    "11. Nationale ombudsman",
    "12. Leerpunten en verbetermaatregelen",
    "13. Tevredenheid van klagers",
    "Begrippen en definities",
    "Bijlage: meerjarenoverzicht",
]


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(dt.datetime(2025, 2, 1, 12, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def figures(year_of_complaints):
    return compute_figures(year=2024, as_of=dt.date(2025, 1, 15))


def pdf_text(data: bytes) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).split())


def docx_text(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return " ".join(" ".join([p.text for p in document.paragraphs] + cells).split())


def html_text(document) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", documents.render_html(document)).split())


def test_the_pdf_is_a_dutch_report_with_every_section(figures):
    data = documents.render_pdf(documents.build_for_figures(figures, published=True))

    reader = PdfReader(io.BytesIO(data))
    text = pdf_text(data)
    assert len(reader.pages) >= 8
    assert reader.metadata.title == "Jaarverslag klachten 2024 · Gemeente Teststad"
    assert "Gemeente Teststad Jaarverslag klachten 2024" in text
    for title in SECTION_TITLES:
        assert title in text
    assert "Pagina 2 van" in text


def test_the_docx_has_headings_tables_and_charts_with_text_alternatives(figures):
    data = documents.render_docx(documents.build_for_figures(figures, published=True))

    document = Document(io.BytesIO(data))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings[1:] == [
        *SECTION_TITLES[:13],
        "14. Conclusies",
        "15. Aandachtspunten voor volgend jaar",
        *SECTION_TITLES[13:],
    ]
    assert len(document.tables) >= 10
    descriptions = [shape._inline.docPr.get("descr") for shape in document.inline_shapes]
    assert len(descriptions) == 3
    assert descriptions[0] == "Staafdiagram van ontvangen klachten per jaar. 2023: < 5; 2024: 8."
    assert document.core_properties.language == "nl-NL"


def test_published_documents_hide_small_numbers_and_internal_ones_show_them(figures):
    published = documents.build_for_figures(figures, published=True)
    internal = documents.build_for_figures(figures, published=False)

    for text in (pdf_text(documents.render_pdf(published)), docx_text(documents.render_docx(published))):
        assert (
            "Van de 8 klachten in 2024 zijn er minder dan 5 geheel of gedeeltelijk gegrond verklaard" in text
        )
        assert "< 5: 1 tot en met 4 klachten. × = verborgen om een ander klein getal te beschermen." in text
        # Belastingen's single complaint is hidden, so Burgerzaken's 7 is too: else 8 - 7 would give it away.
        # The 7 is marked as hidden to protect another cell, never as a false "< 5".
        assert "Burgerzaken × < 5 0 < 5 0 0 < 5 Belastingen < 5 0 < 5" in text
    text = html_text(internal)
    assert (
        "Van de 8 klachten in 2024 zijn er 2 geheel of gedeeltelijk gegrond verklaard, "
        "in 2023 waren dit er 0." in text
    )
    assert "< 5" not in text


def test_the_coordinators_texts_appear_in_every_format(figures):
    texts = {
        "introduction": "Het jaar stond in het teken van de nieuwe werkwijze.\n\nTweede alinea.",
        "conclusions": "De tijdigheid moet beter.",
    }
    document = documents.build_for_figures(figures, published=True, texts=texts)

    for text in (
        html_text(document),
        pdf_text(documents.render_pdf(document)),
        docx_text(documents.render_docx(document)),
    ):
        assert "Het jaar stond in het teken van de nieuwe werkwijze." in text
        assert "Tweede alinea." in text
        assert "De tijdigheid moet beter." in text


def test_the_learning_sections_say_none_are_registered(figures):
    text = html_text(documents.build_for_figures(figures, published=True))

    assert "Over 2024 zijn (nog) geen leerpunten of verbetermaatregelen geregistreerd." in text
    assert "Over 2024 zijn geen zaken van de Nationale ombudsman geregistreerd." in text


def test_the_learning_sections_fill_from_the_learning_sources(figures, monkeypatch):
    monkeypatch.setattr(
        learning_sources,
        "learning_points",
        lambda year, as_of=None: [
            {"title": "Terugbellen binnen twee dagen", "department": "Burgerzaken", "theme": "bereikbaarheid"}
        ],
    )
    monkeypatch.setattr(
        learning_sources,
        "ombudsman_cases",
        lambda year, as_of=None: [
            {"reference": "2024.01234", "department": "Belastingen", "outcome": "interventie"}
        ],
    )

    text = html_text(documents.build_for_figures(figures, published=True))

    assert "Leerpunt: Terugbellen binnen twee dagen (Burgerzaken; thema: bereikbaarheid)" in text
    assert "2024.01234 · Belastingen · interventie" in text


def test_every_chart_has_a_text_alternative_naming_its_values(figures):
    document = documents.attach_charts(documents.build_for_figures(figures, published=False))
    charts = [chart for section in document.sections for chart in section.charts]

    assert [chart.key for chart in charts] == ["trend", "outcomes", "departments"]
    assert "Burgerzaken: 7; Belastingen: 1" in charts[2].alt
    assert all(chart.image.startswith("data:image/svg+xml;base64,") for chart in charts)
    page = documents.render_html(document)
    assert all(f'alt="{chart.alt}"' in page for chart in charts)


def test_the_college_proposal_follows_the_haarlem_sections_with_the_report_appended(figures):
    document = dataclasses.replace(documents.build_for_figures(figures, published=True), version=1)

    proposal = Document(io.BytesIO(write_proposal(document, figures)))

    headings = [p.text for p in proposal.paragraphs if p.style.name == "Heading 1"]
    assert headings == [
        "1. Inleiding",
        "2. Besluitpunten college",
        "3. Beoogd resultaat",
        "4. Argumenten",
        "5. Risico's en kanttekeningen",
        "6. Uitvoering",
        "7. Bijlage",
        "Bijlage: Jaarverslag klachten 2024",
    ]
    text = docx_text(write_proposal(document, figures))
    assert "het jaarverslag klachten 2024 vast te stellen;" in text
    assert "In 2024 zijn er 8 klachten binnengekomen" in text
    report_headings = [p.text for p in proposal.paragraphs if p.style.name == "Heading 2"]
    assert report_headings[0] == "1. Inleiding"
    assert "Bijlage: meerjarenoverzicht" in report_headings


def test_a_published_chart_and_its_text_alternative_never_show_a_hidden_number(figures):
    outcomes = dict.fromkeys(figures["outcomes"], 0)
    outcomes.update({"gegrond": 60, "ongegrond": 20, "ingetrokken": 6, "doorgestuurd": 4})
    closed = sum(outcomes.values())
    figures = {**figures, "outcomes": outcomes, "closed": closed, "judged": 80, "founded": 60}

    document = documents.build_for_figures(figures, published=True)

    chart = next(
        chart for section in document.sections for chart in section.charts if chart.key == "outcomes"
    )
    # 4 is below the threshold; 6 would give it away next to the published total, so both are hidden.
    assert "Doorgestuurd (Awb 2:3): < 5" in chart.alt
    assert "Ingetrokken: ×" in chart.alt
    assert dict(zip(chart.labels, chart.values, strict=True))["Ingetrokken"] is None


def test_the_college_proposal_is_made_only_from_a_finalised_version(figures):
    draft = documents.build_for_figures(figures, published=True)

    with pytest.raises(ReportError, match="definitieve versie"):
        write_proposal(draft, figures)


def test_the_college_proposal_rests_on_the_complaints_regulation_with_haarlems_two_arguments(figures):
    municipality = Municipality.current()
    municipality.regulation_article = "artikel 12"
    municipality.save()
    figures = {
        **figures,
        "learning": {
            **figures["learning"],
            "actions": {"open": 2, "in_progress": 5, "done": 6, "dropped": 0, "overdue": 0},
        },
        "ombudsman": {
            "petitions": 9,
            "by_outcome": {},
            "judgements": {"behoorlijk": 5, "niet behoorlijk": 6},
            "recommendations": {"received": 7, "followed": 6},
        },
    }
    document = dataclasses.replace(documents.build_for_figures(figures, published=True), version=1)

    text = docx_text(write_proposal(document, figures)).split("Bijlage: Jaarverslag")[
        0
    ]  # the proposal itself

    assert "9:12a" not in text
    assert "artikel 12 van de klachtenregeling van de gemeente" in text
    assert "zijn 6 uitgevoerd en 7 staan nog open" in text
    assert "hebben 9 klagers de Nationale ombudsman gevraagd" in text
    assert "5 keer dat de gemeente behoorlijk had gehandeld en 6 keer" in text
    assert "7 aanbevelingen" in text and "er 6 van opgevolgd" in text
