"""The yearly report as one structure that the HTML page, the PDF and the DOCX are all rendered from.

This module holds its parts: the list of sections, and the sections, tables and charts they are made of.
``assembly.build_document`` fills them from the figures (``figures.py``), the learning entries
(``learning_sources.py``) and the coordinator's texts, in Dutch, through the section builders of
``sections.py`` and ``sections_detail.py``. Whether small numbers are hidden is decided once, for the
whole report (``disclosure.py``, ``suppression.py``), so every table and format shows the same cells. The
sections follow what municipal reports contain (see docs/reporting.md).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from . import formatting
from .disclosure import Disclosure
from .suppression import Cell

SECTIONS: list[tuple[str, Promise]] = [
    ("introduction", _("Introduction")),
    ("summary", _("Summary")),
    ("numbers", _("Numbers and how complaints ended")),
    ("judgements", _("Judgements")),
    ("timeliness", _("Timeliness")),
    ("departments", _("Per department")),
    ("natures", _("Nature of the complaints")),
    ("channels", _("Channels")),
    ("partners", _("Partners")),
    ("other_kinds", _("Other kinds of complaints")),
    ("ombudsman", _("Nationale ombudsman")),
    ("learning", _("Learning points and improvement actions")),
    ("satisfaction", _("Satisfaction of complainants")),
    ("conclusions", _("Conclusions")),
    ("attention_points", _("Points of attention for next year")),
    ("definitions", _("Definitions")),
    ("appendix", _("Appendix: multi-year overview")),
]
OUTCOME_LABELS = {
    "gegrond": _("Founded"),
    "deels gegrond": _("Partly founded"),
    "ongegrond": _("Unfounded"),
    "geen oordeel": _("No judgement"),
    "informeel opgelost": _("Resolved informally (Awb 9:5)"),
    "ingetrokken": _("Withdrawn"),
    "niet in behandeling": _("Not handled (Awb 9:8)"),
    "doorgestuurd": _("Forwarded (Awb 2:3)"),
    "geen klacht": _("Not a complaint after all"),
}
UNNUMBERED = ("definitions", "appendix")
# Sections where the coordinator writes free text before finalising.
TEXT_SECTIONS = [key for key, _title in SECTIONS if key not in ("definitions", "appendix")]
MAX_TEXT_LENGTH = 10_000


@dataclass
class Table:
    caption: str
    headers: list[str]
    rows: list[list[str]]
    note: str = ""
    total_row: bool = False  # the last row sums the others
    label_columns: int = 1  # the first columns hold text; the others figures (right-aligned)


@dataclass
class Chart:
    key: str
    title: str
    alt: str
    labels: list[str]
    values: list[int | None]  # None: not shown (too small to publish)
    horizontal: bool = False
    value_labels: list[str] = field(default_factory=list)
    image: str = ""  # the drawn chart as a data URI, once rendered


@dataclass
class Section:
    key: str
    title: str
    paragraphs: list[str] = field(default_factory=list)
    items: list[str] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    definitions: list[tuple[str, str]] = field(default_factory=list)
    text: list[str] = field(default_factory=list)  # the coordinator's own paragraphs
    empty_text_hint: str = ""
    number: str = ""  # "3" for the third section; "" for the definitions and the appendix

    @property
    def heading(self) -> str:
        return f"{self.number}. {self.title}" if self.number else self.title


@dataclass
class ReportDocument:
    municipality: str
    year: int
    as_of: dt.date
    published: bool
    threshold: int
    colour: str
    status: str
    sections: list[Section]
    version: int | None = None
    adopted_on: dt.date | None = None

    @property
    def title(self) -> str:
        return gettext("Complaints report %(year)s") % {"year": self.year}

    @property
    def as_of_text(self) -> str:
        return formatting.long_date(self.as_of)

    @property
    def suppression_note(self) -> str:
        return Disclosure(self.published, self.threshold).note()


def years_shown(figures: dict[str, Any], count: int = 3) -> list[dict[str, Any]]:
    """The report's year and up to ``count - 1`` earlier years, oldest first."""
    return [*reversed(figures["previous_years"][: count - 1]), figures]


def chart_alt(kind: str, subject: str, labels: list[str], shown: list[str]) -> str:
    """A chart's text alternative: what it shows and every value, in words."""
    values = "; ".join(f"{label}: {value}" for label, value in zip(labels, shown, strict=True))
    return gettext("%(kind)s of %(subject)s. %(values)s.") % {
        "kind": kind,
        "subject": subject,
        "values": values,
    }


def bar_chart(
    key: str,
    title: str,
    counts: dict[str, int],
    disclosure: Disclosure,
    *,
    horizontal: bool,
    cells: dict[str, Cell] | None = None,
) -> Chart:
    """A bar per label; a hidden bar (``cells`` names each label's cell) is left out and labelled."""
    labels = list(counts)
    cell_of = cells or {}
    shown = [disclosure.count(counts[label], cell_of.get(label)) for label in labels]
    kind = gettext("Horizontal bar chart") if horizontal else gettext("Bar chart")
    return Chart(
        key=key,
        title=title,
        alt=chart_alt(kind, title.lower(), labels, shown),
        labels=labels,
        values=[disclosure.chart_value(counts[label], cell_of.get(label)) for label in labels],
        horizontal=horizontal,
        value_labels=shown,
    )


def paragraphs_of(text: str) -> list[str]:
    """The coordinator's text split into paragraphs at blank lines."""
    return [" ".join(part.split()) for part in text.replace("\r\n", "\n").split("\n\n") if part.strip()]


def status_line(*, version: int | None, adopted_on: dt.date | None, finalised_on: dt.date | None) -> str:
    if version is None:
        return gettext("Draft: the figures change until the report is finalised.")
    if adopted_on is None:
        return gettext("Version %(number)s, finalised on %(date)s; not yet adopted by the college.") % {
            "number": version,
            "date": formatting.long_date(finalised_on),
        }
    return gettext("Version %(number)s, adopted by the college on %(date)s.") % {
        "number": version,
        "date": formatting.long_date(adopted_on),
    }
