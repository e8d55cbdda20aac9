"""The register file, version 1 (``docs/register.md``): its columns, and reading it into cells.

A CSV file (UTF-8 with or without BOM, ``,`` or ``;`` detected from the header, RFC 4180 quoting) or
the first sheet of an XLSX workbook. Header names are matched case-insensitively; an unknown column is
an error so that a typo never silently drops data. Rows are numbered as in a spreadsheet: the header is
row 1, the first complaint row 2; a quoted value spanning several lines still counts as one row, and
blank rows are skipped but counted.

Problems are reported as ``RowError`` (row, column, Dutch message) and collected rather than stopping
at the first; ``register_rows.py`` checks the values of each row.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import difflib
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from klachtwijzer.spreadsheets import unescape_cell

COLUMNS = (
    "kenmerk",
    "ontvangen_op",
    "kanaal",
    "soort",
    "afdeling",
    "partner",
    "aard",
    "afhandeling",
    "verlengd_op",
    "afgehandeld_op",
    "oordeel",
    "omschrijving",
    # Optional as a group: the complaint's first learning point and the ombudsman petition date.
    "thema",
    "leerpunt",
    "ombudsman_op",
)
# Written by the export; accepted on import (so an export can be imported elsewhere) and ignored there,
# because terms are always computed anew from the date of receipt.
COMPUTED_COLUMNS = ("termijn_einde", "verlengde_termijn_einde", "binnen_termijn")
REQUIRED_COLUMNS = ("kenmerk", "ontvangen_op", "afdeling")
NOT_UTF8 = re.compile(r"[\ud800-\udfff]")
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # the old binary .xls format

Cell = str | dt.date


@dataclass(frozen=True)
class RowError:
    """One problem in the file: where it is and what is wrong, in Dutch."""

    row: int
    column: str
    message: str

    def __str__(self) -> str:
        if self.column:
            return _("row %(row)s, column %(column)s: %(message)s") % {
                "row": self.row,
                "column": self.column,
                "message": self.message,
            }
        return _("row %(row)s: %(message)s") % {"row": self.row, "message": self.message}


class RegisterError(Exception):
    """The file was refused as a whole; ``errors`` lists every problem found."""

    def __init__(self, errors: list[RowError]) -> None:
        self.errors = sorted(errors, key=lambda error: (error.row, _column_order(error.column)))
        super().__init__("\n".join(str(error) for error in self.errors[:20]))


def _column_order(column: str) -> int:
    return COLUMNS.index(column) if column in COLUMNS else len(COLUMNS)


@dataclass
class Table:
    """The file's cells: the header's column names and the data rows with their row numbers."""

    columns: list[str | None] = field(default_factory=list)
    rows: list[tuple[int, list[Cell]]] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


@dataclass(frozen=True)
class Layout:
    """The columns a file of this kind may have; the register file's by default, another file's
    (``partners/figures_file.py``) with its own columns and the same reading and errors."""

    known: tuple[str, ...] = COLUMNS + COMPUTED_COLUMNS
    required: tuple[str, ...] = REQUIRED_COLUMNS
    register: bool = True


REGISTER_LAYOUT = Layout()


def read_table(data: bytes, *, filename: str | None = None, layout: Layout = REGISTER_LAYOUT) -> Table:
    """Read a CSV or XLSX register file (or another file of ``layout``) into cells; refuse a file that
    cannot be read at all."""
    name = (filename or "").lower()
    if data.startswith(OLE_MAGIC) or name.endswith(".xls"):
        raise _file_error(_("the old Excel format (.xls) is not supported; save the file as .xlsx or CSV"))
    if data.startswith(ZIP_MAGIC) or name.endswith(".xlsx"):
        records = _xlsx_records(data)
        text_clean = True
    else:
        text, text_clean = _decode(data)
        records = _csv_records(text)
    table = Table()
    for number, cells in records:
        if not table.columns and not any(is_filled(cell) for cell in cells):
            continue  # blank lines above the header
        if not table.columns and not table.errors:
            table.columns, table.errors = match_header(cells, number, layout=layout)
            if not any(table.columns):
                break
            continue
        if any(is_filled(cell) for cell in cells):
            table.rows.append((number, cells))
    if not table.columns and not table.errors:
        raise _file_error(_("the file is empty"))
    if not text_clean:
        table.errors += _encoding_errors(table)
    return table


def _file_error(message: str) -> RegisterError:
    return RegisterError([RowError(1, "", message)])


def is_filled(cell: Cell) -> bool:
    return isinstance(cell, dt.date) or bool(cell.strip())


def _decode(data: bytes) -> tuple[str, bool]:
    """UTF-8 text (BOM dropped); bytes that are not UTF-8 are kept as surrogates and reported per cell."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return data.decode("utf-8"), True
    except UnicodeDecodeError:
        return data.decode("utf-8", "surrogateescape"), False


def _csv_records(text: str) -> Iterator[tuple[int, list[Cell]]]:
    header_line = next((line for line in io.StringIO(text) if line.strip()), "")
    delimiter = ";" if header_line.count(";") > header_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    number = 0
    try:
        for number, record in enumerate(reader, start=1):
            yield number, list(record)
    except csv.Error as error:
        raise RegisterError(
            [RowError(number + 1, "", _("the CSV file cannot be read here: %(error)s") % {"error": error})]
        ) from error


def _xlsx_records(data: bytes) -> Iterator[tuple[int, list[Cell]]]:
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        rows = [[_xlsx_cell(value) for value in values] for values in sheet.iter_rows(values_only=True)]
        workbook.close()
    except Exception as error:  # openpyxl raises many kinds of errors on a damaged file
        raise _file_error(_("the file is not a readable Excel workbook (.xlsx)")) from error
    yield from enumerate(rows, start=1)


def _xlsx_cell(value: object) -> Cell:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def match_header(
    cells: list[Cell], number: int, *, layout: Layout = REGISTER_LAYOUT
) -> tuple[list[str | None], list[RowError]]:
    """The column at every position ("" nameless, None refused), and the header's errors."""
    columns: list[str | None] = []
    errors: list[RowError] = []
    known = layout.known
    for cell in cells:
        name = cell_text(cell).strip().lstrip("\ufeff").strip().lower()
        if name and name not in known:
            suggestion = difflib.get_close_matches(name, known, n=1)
            message = (
                _("unknown column; did you mean %(column)s?") % {"column": suggestion[0]}
                if suggestion
                else _("unknown column; the register file has no such column")
                if layout.register
                else _("unknown column; the file has no such column")
            )
            errors.append(RowError(number, shorten(name), message))
            columns.append(None)
        elif name and name in columns:
            errors.append(RowError(number, name, _("this column appears twice in the header")))
            columns.append(None)
        else:
            columns.append(name)
    if any(columns):
        for required in layout.required:
            if required not in columns:
                errors.append(RowError(number, required, _("this required column is missing")))
    else:
        errors.append(
            RowError(
                number,
                "",
                _("the first row holds no column names of the register file")
                if layout.register
                else _("the first row holds no column names of the file"),
            )
        )
    return columns, errors


def _encoding_errors(table: Table) -> list[RowError]:
    errors = []
    for number, cells in table.rows:
        for position, cell in enumerate(cells):
            if isinstance(cell, str) and NOT_UTF8.search(cell):
                column = table.columns[position] if position < len(table.columns) else ""
                errors.append(RowError(number, column or "", _("not UTF-8 text; save the file as CSV UTF-8")))
    return errors


def cell_text(cell: Cell) -> str:
    """A cell as text; the apostrophe the export puts before a formula character is dropped."""
    return cell.isoformat() if isinstance(cell, dt.date) else unescape_cell(cell.strip()).strip()


def shorten(value: str, limit: int = 40) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"
