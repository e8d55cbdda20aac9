"""The yearly report put together: every section of ``contents.SECTIONS`` filled by its builder.

``build_document`` turns the figures (``figures.py``), the learning entries (``learning_sources.py``)
and the coordinator's texts into one ``ReportDocument``, which the HTML page, the PDF and the DOCX are all
rendered from (``documents.py``). Whether small numbers are hidden is decided here once,
for the whole report (``disclosure.py``, ``suppression.py``), so every table and format shows the same cells.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from klachtwijzer.accounts.models import DEFAULT_COLOUR

from .contents import SECTIONS, UNNUMBERED, ReportDocument, Section, paragraphs_of, status_line
from .disclosure import Disclosure
from .sections import SECTION_BUILDERS


def build_document(
    figures: dict[str, Any],
    *,
    texts: dict[str, str],
    learning: dict[str, list[dict[str, str]]],
    published: bool,
    threshold: int,
    colour: str = DEFAULT_COLOUR,
    version: int | None = None,
    finalised_on: dt.date | None = None,
    adopted_on: dt.date | None = None,
) -> ReportDocument:
    """The report's sections, from frozen or fresh figures; ``published`` hides small numbers."""
    disclosure = Disclosure.for_figures(figures, published=published, threshold=threshold)
    built: list[Section] = []
    for key, title in SECTIONS:
        section = Section(key=key, title=str(title))
        SECTION_BUILDERS[key](section, figures, disclosure, learning)
        section.text = paragraphs_of(texts.get(key, ""))
        if key in ("conclusions", "attention_points") and not section.text and version is not None:
            continue  # a finalised report leaves out what the coordinator did not write
        if key not in UNNUMBERED:
            section.number = str(len(built) + 1)
        for table in section.tables:
            table.note = disclosure.note()  # the legend under every published table
        built.append(section)
    return ReportDocument(
        municipality=figures["municipality"],
        year=figures["year"],
        as_of=dt.date.fromisoformat(figures["as_of"]),
        published=published,
        threshold=threshold,
        colour=colour,
        status=status_line(version=version, adopted_on=adopted_on, finalised_on=finalised_on),
        sections=built,
        version=version,
        adopted_on=adopted_on,
    )
