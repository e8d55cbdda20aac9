"""The yearly report rendered from one source: the back-office HTML page, the PDF and the DOCX.

All three come from the structure built by ``assembly.build_document``: the HTML page and the PDF
from the same Django templates (``reporting/document/``, the PDF through WeasyPrint with print
styles), the DOCX from the same sections through python-docx (``docx_writer.py``), for the
coordinator to edit in Word. A draft's figures are computed afresh; a version's are the frozen ones.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from klachtwijzer.accounts.models import DEFAULT_COLOUR, Municipality

from . import charts, learning_sources
from .assembly import build_document
from .contents import ReportDocument
from .figures import as_json, compute_figures

if TYPE_CHECKING:
    from .models import ReportDraft, ReportVersion


def colour_of(municipality: Municipality) -> str:
    colour = municipality.primary_colour or ""
    return colour if re.fullmatch(r"#[0-9a-fA-F]{6}", colour) else DEFAULT_COLOUR


def build_for_figures(
    figures: dict[str, Any],
    *,
    published: bool,
    texts: dict[str, str] | None = None,
    municipality: Municipality | None = None,
) -> ReportDocument:
    """A draft document from freshly computed figures."""
    municipality = municipality or Municipality.current()
    return build_document(
        figures,
        texts=texts or {},
        learning=learning_sources.collect(figures["year"], dt.date.fromisoformat(figures["as_of"])),
        published=published,
        threshold=municipality.suppression_threshold,
        colour=colour_of(municipality),
    )


def build_for_draft(
    draft: ReportDraft, *, published: bool, municipality: Municipality | None = None
) -> ReportDocument:
    """The draft of a year's report, with its figures as of the draft's reference date (or today)."""
    municipality = municipality or Municipality.current()
    figures = compute_figures(year=draft.year, as_of=draft.as_of, municipality=municipality)
    return build_for_figures(
        as_json(figures), published=published, texts=draft.texts, municipality=municipality
    )


def build_for_version(
    version: ReportVersion, *, published: bool = True, municipality: Municipality | None = None
) -> ReportDocument:
    """A finalised version, from its frozen figures, texts and learning entries."""
    municipality = municipality or Municipality.current()
    return build_document(
        version.figures,
        texts=version.texts,
        learning=version.learning,
        published=published,
        threshold=version.suppression_threshold,
        colour=colour_of(municipality),
        version=version.number,
        finalised_on=timezone.localdate(version.finalised_at) if version.finalised_at else None,
        adopted_on=version.adopted_on,
    )


def attach_charts(document: ReportDocument) -> ReportDocument:
    """Draw every chart as SVG (for HTML and PDF)."""
    for section in document.sections:
        for chart in section.charts:
            if not chart.image:
                chart.image = charts.svg_data_uri(chart, document.colour)
    return document


def render_html(document: ReportDocument) -> str:
    """The report as a standalone HTML document with print styles (the source of the PDF)."""
    return render_to_string("reporting/document/print.html", {"document": attach_charts(document)})


def render_pdf(document: ReportDocument) -> bytes:
    """The report as PDF, through WeasyPrint, with the charts' text alternatives tagged."""
    from weasyprint import HTML

    html = HTML(string=render_html(document), base_url=str(settings.PACKAGE_DIR))
    return html.write_pdf(pdf_tags=True, uncompressed_pdf=False) or b""


def render_docx(document: ReportDocument) -> bytes:
    """The report as a Word document the coordinator can edit."""
    from .docx_writer import write_report

    return write_report(document)
