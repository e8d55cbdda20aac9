"""The register file, version 1 (``shared/spec/register-csv.md``): reading it and checking every row.

A CSV file (UTF-8 with or without BOM, ``,`` or ``;`` detected from the header, RFC 4180 quoting) or
the first sheet of an XLSX workbook. Header names are matched case-insensitively; an unknown column is
an error so that a typo never silently drops data. Rows are numbered as in a spreadsheet: the header is
row 1, the first complaint row 2; a quoted value spanning several lines still counts as one row.

Every problem is collected (``RowError``: row, column, Dutch message) rather than stopping at the
first, so a coordinator can fix a file in one go. This module knows nothing of the database: the
catalogue of natures comes in as a mapping and the result is a list of ``RegisterRow``.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import difflib
import io
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .constants import REGISTER_OORDEEL, Channel, Kind, Route

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
)
# Written by the export; accepted on import (so an export can be imported elsewhere) and ignored there,
# because terms are always computed anew from the date of receipt.
COMPUTED_COLUMNS = ("termijn_einde", "verlengde_termijn_einde", "binnen_termijn")
REQUIRED_COLUMNS = ("kenmerk", "ontvangen_op", "afdeling")
MAX_LENGTHS = {"kenmerk": 40, "afdeling": 200, "partner": 200}
# Awb chapter 9 took effect on 1 July 1999; an earlier date is a typo in the year.
EARLIEST_DATE = dt.date(1999, 7, 1)
DATE_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
DATE_DUTCH = re.compile(r"(\d{1,2})-(\d{1,2})-(\d{4})")
UNSAFE_REFERENCE = re.compile(r"[/\\\x00-\x1f\x7f]")
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


@dataclass(slots=True)
class RegisterRow:
    """One complaint as read from the file, checked and in the model's vocabulary."""

    row: int
    reference: str
    received_on: dt.date
    channel: str
    kind: str
    department: str
    partner: str
    nature_ids: list[int]
    route: str
    extension_notice_on: dt.date | None
    closed_on: dt.date | None
    outcome: str
    judgement: str
    description: str


@dataclass
class Table:
    """The file's cells: the header's column names and the data rows with their row numbers."""

    columns: list[str | None] = field(default_factory=list)
    rows: list[tuple[int, list[Cell]]] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


def read_table(data: bytes, *, filename: str | None = None) -> Table:
    """Read a CSV or XLSX register file into cells; refuse a file that cannot be read at all."""
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
        if not table.columns and not any(_is_filled(cell) for cell in cells):
            continue  # blank lines above the header
        if not table.columns and not table.errors:
            table.columns, table.errors = match_header(cells, number)
            if not any(table.columns):
                break
            continue
        if any(_is_filled(cell) for cell in cells):
            table.rows.append((number, cells))
    if not table.columns and not table.errors:
        raise _file_error(_("the file is empty"))
    if not text_clean:
        table.errors += _encoding_errors(table)
    return table


def _file_error(message: str) -> RegisterError:
    return RegisterError([RowError(1, "", message)])


def _is_filled(cell: Cell) -> bool:
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
    header_line = text.split("\n", 1)[0]
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


def match_header(cells: list[Cell], number: int) -> tuple[list[str | None], list[RowError]]:
    """The column at every position ("" nameless, None refused), and the header's errors."""
    columns: list[str | None] = []
    errors: list[RowError] = []
    known = COLUMNS + COMPUTED_COLUMNS
    for cell in cells:
        name = _as_text(cell).strip().lstrip("\ufeff").strip().lower()
        if name and name not in known:
            suggestion = difflib.get_close_matches(name, known, n=1)
            message = (
                _("unknown column; did you mean %(column)s?") % {"column": suggestion[0]}
                if suggestion
                else _("unknown column; the register file has no such column")
            )
            errors.append(RowError(number, _shorten(name), message))
            columns.append(None)
        elif name and name in columns:
            errors.append(RowError(number, name, _("this column appears twice in the header")))
            columns.append(None)
        else:
            columns.append(name)
    if any(columns):
        for required in REQUIRED_COLUMNS:
            if required not in columns:
                errors.append(RowError(number, required, _("this required column is missing")))
    else:
        errors.append(RowError(number, "", _("the first row holds no column names of the register file")))
    return columns, errors


def _encoding_errors(table: Table) -> list[RowError]:
    errors = []
    for number, cells in table.rows:
        for position, cell in enumerate(cells):
            if isinstance(cell, str) and NOT_UTF8.search(cell):
                column = table.columns[position] if position < len(table.columns) else ""
                errors.append(RowError(number, column or "", _("not UTF-8 text; save the file as CSV UTF-8")))
    return errors


def _as_text(cell: Cell) -> str:
    return cell.isoformat() if isinstance(cell, dt.date) else cell.strip()


Fail = Callable[[str, str], None]


@dataclass
class RowChecker:
    """Checks rows against the spec and the catalogue of natures, collecting every error."""

    natures: Mapping[str, int]
    today: dt.date
    errors: list[RowError] = field(default_factory=list)
    first_row_of: dict[str, int] = field(default_factory=dict)

    def check_table(self, table: Table) -> list[RegisterRow]:
        """The rows without errors; ``errors`` then holds the header's and every row's problems."""
        self.errors.extend(table.errors)
        present = {column for column in table.columns if column}
        rows = []
        for number, cells in table.rows:
            row = self.check_row(number, self._named_cells(table.columns, number, cells), present=present)
            if row is not None:
                rows.append(row)
        return rows

    def _named_cells(self, columns: list[str | None], number: int, cells: list[Cell]) -> dict[str, Cell]:
        values: dict[str, Cell] = {}
        for position, cell in enumerate(cells):
            name = columns[position] if position < len(columns) else ""
            if name:
                values[name] = cell
            elif name == "" and _is_filled(cell):
                message = _("a value in column %(position)s, which has no name in the header") % {
                    "position": position + 1
                }
                self.errors.append(RowError(number, "", message))
        return values

    def check_row(self, number: int, values: dict[str, Cell], *, present: set[str]) -> RegisterRow | None:
        """The row in the model's vocabulary, or None when it has errors (they are collected)."""
        before = len(self.errors)

        def fail(column: str, message: str) -> None:
            self.errors.append(RowError(number, column, message))

        text = {column: _as_text(values.get(column, "")) for column in COLUMNS}
        self._check_text(number, text, present, fail)
        received_on = self._date(values.get("ontvangen_op", ""), "ontvangen_op", fail)
        closed_on = self._date(values.get("afgehandeld_op", ""), "afgehandeld_op", fail)
        extended_on = self._date(values.get("verlengd_op", ""), "verlengd_op", fail)
        _check_order(received_on, closed_on, extended_on, fail)
        channel = _choice(text["kanaal"], "kanaal", Channel.values, fail) or Channel.OTHER
        kind = _choice(text["soort"], "soort", Kind.values, fail) or Kind.AWB
        route = _choice(text["afhandeling"], "afhandeling", Route.values, fail)
        oordeel = _choice(text["oordeel"], "oordeel", list(REGISTER_OORDEEL), fail)
        if text["afgehandeld_op"] and not text["oordeel"]:
            fail("oordeel", _("required when afgehandeld_op is filled in"))
        if text["oordeel"] and not text["afgehandeld_op"]:
            fail("afgehandeld_op", _("required when oordeel is filled in"))
        nature_ids = self._natures(text["aard"], fail)
        if len(self.errors) > before or received_on is None:
            return None
        outcome, judgement = REGISTER_OORDEEL[oordeel] if oordeel else ("", "")
        return RegisterRow(
            row=number,
            reference=text["kenmerk"],
            received_on=received_on,
            channel=channel,
            kind=kind,
            department=text["afdeling"],
            partner=text["partner"],
            nature_ids=nature_ids,
            route=route,
            extension_notice_on=extended_on,
            closed_on=closed_on,
            outcome=str(outcome),
            judgement=str(judgement or ""),
            description=text["omschrijving"],
        )

    def _check_text(self, number: int, text: dict[str, str], present: set[str], fail: Fail) -> None:
        for column, value in text.items():
            if "\x00" in value:
                fail(column, _("contains a NUL character, which a text cannot hold"))
        for column in REQUIRED_COLUMNS:
            if column in present and not text[column]:
                fail(column, _("a value is required"))
        for column, limit in MAX_LENGTHS.items():
            if len(text[column]) > limit:
                fail(column, _("too long (at most %(limit)s characters)") % {"limit": limit})
        reference = text["kenmerk"]
        if UNSAFE_REFERENCE.search(reference):
            fail("kenmerk", _("must not contain a slash, a backslash or a line break"))
        elif reference:
            first = self.first_row_of.setdefault(reference, number)
            if first != number:
                fail(
                    "kenmerk", _("appears more than once in the file (also in row %(row)s)") % {"row": first}
                )

    def _date(self, value: Cell, column: str, fail: Fail) -> dt.date | None:
        day = value if isinstance(value, dt.date) else parse_date(value) if value.strip() else None
        if day is None:
            if isinstance(value, str) and value.strip():
                fail(column, _("not a date; write YYYY-MM-DD or DD-MM-YYYY"))
            return None
        if day > self.today:
            fail(column, _("the date lies in the future"))
            return None
        if day < EARLIEST_DATE:
            fail(column, _("the date lies before 1 July 1999, when Awb chapter 9 took effect"))
            return None
        return day

    def _natures(self, value: str, fail: Fail) -> list[int]:
        ids: list[int] = []
        unknown: list[str] = []
        for part in value.split(";"):
            name = part.strip()
            if not name:
                continue
            nature_id = self.natures.get(name.casefold())
            if nature_id is None:
                unknown.append(f"“{_shorten(name)}”")
            elif nature_id not in ids:
                ids.append(nature_id)
        if unknown:
            fail("aard", _("not in the catalogue of natures: %(names)s") % {"names": ", ".join(unknown)})
        return ids


def _check_order(
    received_on: dt.date | None, closed_on: dt.date | None, extended_on: dt.date | None, fail: Fail
) -> None:
    if received_on and closed_on and closed_on < received_on:
        fail("afgehandeld_op", _("the date lies before ontvangen_op"))
    if received_on and extended_on and extended_on < received_on:
        fail("verlengd_op", _("the date lies before ontvangen_op"))
    if closed_on and extended_on and extended_on > closed_on:
        fail("verlengd_op", _("the date lies after afgehandeld_op"))


def _choice(value: str, column: str, allowed: list[str], fail: Fail) -> str:
    """The value in lower case when it is one of ``allowed``; '' for an empty cell."""
    word = value.lower()
    if word and word not in allowed:
        fail(
            column,
            _("unknown value “%(value)s”; choose from: %(choices)s")
            % {"value": _shorten(value), "choices": ", ".join(allowed)},
        )
        return ""
    return word


def parse_date(value: str) -> dt.date | None:
    """A date written YYYY-MM-DD or DD-MM-YYYY (a time after it, as spreadsheets add, is ignored)."""
    value = value.strip().split(" ", 1)[0].split("T", 1)[0]
    match = DATE_ISO.fullmatch(value)
    if match:
        year, month, day = (int(part) for part in match.groups())
    else:
        match = DATE_DUTCH.fullmatch(value)
        if not match:
            return None
        day, month, year = (int(part) for part in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _shorten(value: str, limit: int = 40) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"
