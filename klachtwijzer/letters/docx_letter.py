"""The letter as a Word document (python-docx): letterhead in the page header, then the letter."""

from __future__ import annotations

import base64
import io
from typing import Any

from django.utils.translation import gettext as _
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from klachtwijzer.accounts.models import Municipality
from klachtwijzer.complaints.dates import long_date

from .context import sender_email
from .paragraphs import paragraphs, split_heading, without_closing
from .signature import Signature
from .templatetags.theme import theme_properties


def _rgb(colour: str) -> RGBColor:
    return RGBColor.from_string(colour.lstrip("#").upper())


def _letterhead(document: Any, municipality: Municipality, logo: str, colour: str) -> None:
    header = document.sections[0].header
    paragraph = header.paragraphs[0]
    if logo:
        try:
            data = base64.b64decode(logo.split(",", 1)[1])
            paragraph.add_run().add_picture(io.BytesIO(data), height=Cm(1.6))
            paragraph = header.add_paragraph()
        except Exception:  # an unreadable logo leaves the name alone in the letterhead
            paragraph = header.paragraphs[-1]
    run = paragraph.add_run(municipality.name)
    run.bold = True
    run.font.size = Pt(14)
    run.font.color.rgb = _rgb(colour)
    if municipality.address:
        details = header.add_paragraph(municipality.address.replace("\n", ", "))
        details.runs[0].font.size = Pt(9)


def _one_font(document: Any, font: str) -> None:
    """Every style the letter uses, and the document's defaults, in one font family (no theme fonts)."""
    document.styles["Normal"].font.name = font
    for fonts in document.styles.element.iter(qn("w:rFonts")):
        for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(attribute), None)
        for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            fonts.set(qn(attribute), font)


def _lines(document: Any, lines: list[str], *, bold_first: bool = False, keep: bool = True) -> Any:
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.keep_with_next = keep
    paragraph.paragraph_format.keep_together = True
    for index, line in enumerate(lines):
        if index:
            paragraph.add_run().add_break()
        run = paragraph.add_run(line)
        run.bold = bold_first and index == 0
    return paragraph


def build(
    letter: Any,
    municipality: Municipality,
    *,
    logo: str = "",
    signed: Signature | None = None,
    font: str = "",
) -> bytes:
    document = Document()
    section = document.sections[0]
    section.left_margin = section.right_margin = Cm(2.5)
    style = document.styles["Normal"]
    style.font.size = Pt(11)
    if font:
        _one_font(document, font)
    _letterhead(document, municipality, logo, theme_properties(municipality.primary_colour)["link"])

    address = document.add_paragraph()
    for index, line in enumerate([letter.recipient_name, *letter.recipient_address.splitlines()]):
        if index:
            address.add_run().add_break()
        address.add_run(line)
    document.add_paragraph()
    meta = document.add_table(rows=3, cols=2)
    rows = [
        (_("Date"), long_date(letter.date)),
        (_("Our reference"), letter.complaint.reference),
        (_("Subject"), letter.subject),
    ]
    for row, (label, value) in zip(meta.rows, rows, strict=True):
        row.cells[0].text = label
        row.cells[1].text = value
    document.add_paragraph()
    parts = paragraphs(without_closing(letter.body) if signed else letter.body)
    for number, part in enumerate(parts, start=1):
        heading, rest = split_heading(part)
        lines = ([heading] if heading else []) + rest.split("\n")
        # The last paragraph stays on the page of the signature block: no near-empty last page.
        _lines(document, lines, bold_first=bool(heading), keep=signed is not None and number == len(parts))
    if signed is not None:
        _lines(document, [signed.closing])
        _lines(document, signed.signed_lines)
        _lines(document, [signed.contact_heading, *signed.contact_lines], bold_first=True, keep=False)
    footer = section.footer.paragraphs[0]
    footer.text = " · ".join(
        part
        for part in (municipality.name, municipality.phone, sender_email(municipality), municipality.website)
        if part
    )
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
