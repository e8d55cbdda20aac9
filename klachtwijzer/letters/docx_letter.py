"""The letter as a Word document (python-docx): letterhead in the page header, then the letter."""

from __future__ import annotations

import base64
import io
from typing import Any

from django.utils.translation import gettext as _
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt, RGBColor

from klachtwijzer.accounts.models import Municipality
from klachtwijzer.complaints.dates import long_date

from .context import sender_email
from .paragraphs import paragraphs
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


def build(letter: Any, municipality: Municipality, *, logo: str = "") -> bytes:
    document = Document()
    section = document.sections[0]
    section.left_margin = section.right_margin = Cm(2.5)
    style = document.styles["Normal"]
    style.font.name = "Arial"
    style.font.size = Pt(11)
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
    for part in paragraphs(letter.body):
        paragraph = document.add_paragraph()
        for index, line in enumerate(part.split("\n")):
            if index:
                paragraph.add_run().add_break()
            paragraph.add_run(line)
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
