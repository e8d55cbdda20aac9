"""The yearly report as a Word document (python-docx), from the same sections as the HTML and the PDF.

Real headings, tables and bulleted lists in Word's own styles, so the coordinator can edit the text,
renumber or restyle it in Word. Charts are PNG images with their text alternative in the picture's
description (Word's "alt text"). ``add_report`` is also used to append the report to the college
proposal (``proposal.py``).
"""

from __future__ import annotations

import io

from django.utils.translation import gettext
from docx import Document
from docx.document import Document as WordDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table as WordTable

from . import charts
from .contents import Chart, ReportDocument, Section, Table

USABLE_WIDTH_CM = 16.6


def _rgb(colour: str) -> RGBColor:
    return RGBColor.from_string(colour.lstrip("#").upper())


def new_document(*, title: str, author: str, colour: str) -> WordDocument:
    """An empty A4 document in Dutch with the municipality's colour and page numbers in the footer."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.2)
    section.top_margin, section.bottom_margin = Cm(2.2), Cm(2.2)
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    language = OxmlElement("w:lang")
    language.set(qn("w:val"), "nl-NL")
    normal.element.get_or_add_rPr().append(language)
    for name in ("Title", "Heading 1", "Heading 2", "Heading 3"):
        doc.styles[name].font.color.rgb = _rgb(colour)
    doc.core_properties.title = title
    doc.core_properties.author = author
    doc.core_properties.language = "nl-NL"
    _page_number_footer(doc, author)
    return doc


def _page_number_footer(doc: WordDocument, author: str) -> None:
    paragraph = doc.sections[0].footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    page = gettext("Page")
    paragraph.add_run(f"{author} · {page} ")
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def save(doc: WordDocument) -> bytes:
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def write_report(document: ReportDocument) -> bytes:
    doc = new_document(title=document.title, author=document.municipality, colour=document.colour)
    _cover(doc, document)
    add_report(doc, document, level=1)
    return save(doc)


def _cover(doc: WordDocument, document: ReportDocument) -> None:
    municipality = doc.add_paragraph()
    run = municipality.add_run(document.municipality)
    run.bold, run.font.size, run.font.color.rgb = True, Pt(16), _rgb(document.colour)
    doc.add_paragraph(document.title, style="Title")
    doc.add_paragraph(document.status)
    doc.add_paragraph(gettext("Figures as of %(date)s") % {"date": document.as_of_text})
    doc.add_paragraph(gettext("Contents"), style="Heading 1")
    for section in document.sections:
        doc.add_paragraph(section.heading, style="List Paragraph")
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def add_report(doc: WordDocument, document: ReportDocument, *, level: int) -> None:
    """Every section of the report, its headings at ``level`` (1 for the report, 2 inside an appendix)."""
    for section in document.sections:
        if not section.number:
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        doc.add_heading(section.heading, level=level)
        _section_body(doc, document, section)


def _section_body(doc: WordDocument, document: ReportDocument, section: Section) -> None:
    for paragraph in filter(None, section.paragraphs):
        doc.add_paragraph(paragraph)
    for paragraph in section.text:
        doc.add_paragraph(paragraph)
    if not section.text and section.empty_text_hint and document.version is None:
        doc.add_paragraph().add_run(section.empty_text_hint).italic = True
    for item in section.items:
        doc.add_paragraph(item, style="List Bullet")
    for chart in section.charts:
        _chart(doc, chart, document.colour)
    for table in section.tables:
        _table(doc, table, document.colour)
    for term, meaning in section.definitions:
        definition = doc.add_paragraph()
        definition.add_run(f"{term}: ").bold = True
        definition.add_run(meaning)


def _chart(doc: WordDocument, chart: Chart, colour: str) -> None:
    shape = doc.add_picture(io.BytesIO(charts.png(chart, colour)), width=Cm(15))
    doc_pr = shape._inline.docPr
    doc_pr.set("descr", chart.alt)
    doc_pr.set("title", chart.title)
    caption = doc.add_paragraph(gettext("Figure: %(title)s") % {"title": chart.title}, style="Caption")
    caption.paragraph_format.keep_with_next = False


def _table(doc: WordDocument, table: Table, colour: str) -> None:
    caption = doc.add_paragraph(style="Caption")
    caption.add_run(table.caption).bold = True
    caption.paragraph_format.keep_with_next = True
    word_table = doc.add_table(rows=1, cols=len(table.headers))
    word_table.style = doc.styles["Table Grid"]
    word_table.alignment = WD_TABLE_ALIGNMENT.LEFT
    header_size = Pt(7.5) if len(table.headers) > 6 else Pt(9)
    for index, header in enumerate(table.headers):
        _cell(word_table, 0, index, header, numeric=index >= table.label_columns, bold=True, fill=colour)
        word_table.cell(0, index).paragraphs[0].runs[0].font.size = header_size
    _repeat_header(word_table)
    if not table.rows:
        row = word_table.add_row()
        row.cells[0].text = gettext("None registered.")
    for values in table.rows:
        word_table.add_row()
        row_index = len(word_table.rows) - 1
        last = table.total_row and values is table.rows[-1]
        for index, value in enumerate(values):
            _cell(word_table, row_index, index, value, numeric=index >= table.label_columns, bold=last)
    _set_widths(word_table, table)
    if table.note:
        note = doc.add_paragraph()
        note.add_run(table.note).font.size = Pt(8)
    doc.add_paragraph()


def _set_widths(word_table: WordTable, table: Table) -> None:
    """Label columns wide enough to read, figure columns narrow: Word spreads columns evenly otherwise."""
    figures = len(table.headers) - table.label_columns
    figure_width = {1: 3.4, 2: 3.2, 3: 2.8, 4: 2.4}.get(figures, max(1.55, (USABLE_WIDTH_CM - 3.0) / figures))
    label_width = (USABLE_WIDTH_CM - figures * figure_width) / table.label_columns
    word_table.autofit = False
    for index, column in enumerate(word_table.columns):
        column.width = Cm(label_width if index < table.label_columns else figure_width)
    for row in word_table.rows:
        for index, cell in enumerate(row.cells):
            cell.width = Cm(label_width if index < table.label_columns else figure_width)


def _cell(
    table: WordTable, row: int, column: int, text: str, *, numeric: bool, bold: bool, fill: str = ""
) -> None:
    cell = table.cell(row, column)
    paragraph = cell.paragraphs[0]
    paragraph.paragraph_format.space_before = Pt(1.5)
    paragraph.paragraph_format.space_after = Pt(1.5)
    run = paragraph.add_run(text)
    run.bold = bold
    run.font.size = Pt(9)
    if numeric:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if fill:
        run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
        shading = OxmlElement("w:shd")
        shading.set(qn("w:val"), "clear")
        shading.set(qn("w:color"), "auto")
        shading.set(qn("w:fill"), fill.lstrip("#").upper())
        cell._tc.get_or_add_tcPr().append(shading)


def _repeat_header(table: WordTable) -> None:
    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    table.rows[0]._tr.get_or_add_trPr().append(marker)
