"""The partner figures file, version 1 (``docs/partner-figures-format.md``): its columns and its rows.

Read with the register file's machinery (``complaints/register_file.py``): CSV (``,`` or ``;``, UTF-8,
BOM accepted) or the first sheet of an XLSX workbook, header names case-insensitive, unknown columns an
error, rows numbered as in a spreadsheet (header row 1). Every problem is collected as a ``RowError`` with
its row, column and Dutch message. No database here: ``importing.py`` checks the partners and periods.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from klachtwijzer.complaints.register_file import (
    Cell,
    Layout,
    RowError,
    Table,
    cell_text,
    is_filled,
    read_table,
    shorten,
)
from klachtwijzer.complaints.register_rows import parse_date

from .models import OUTCOME_FIELDS

COLUMNS = (
    "partner",
    "periode_van",
    "periode_tot",
    "ontvangen",
    "afgehandeld",
    *OUTCOME_FIELDS,
    "binnen_termijn",
    "toelichting",
)
REQUIRED = ("partner", "periode_van", "periode_tot", "ontvangen", "afgehandeld")
LAYOUT = Layout(known=COLUMNS, required=REQUIRED, register=False)
# Far more than any partner handles in a period; a larger number is a mistake in the file.
MAX_COUNT = 1_000_000
MAX_EXPLANATION = 2000
EARLIEST_DATE = dt.date(1999, 7, 1)
Fail = Callable[[str, str], None]


@dataclass(slots=True)
class FiguresRow:
    """One period's figures as read from the file, checked."""

    row: int
    partner: str
    period_from: dt.date
    period_to: dt.date
    received: int
    closed: int
    outcomes: dict[str, int]
    within_term: int | None
    explanation: str


@dataclass
class FiguresChecker:
    today: dt.date
    errors: list[RowError] = field(default_factory=list)

    def check(self, data: bytes, filename: str | None) -> list[FiguresRow]:
        """The rows without errors; ``errors`` then lists every problem of the file (raises
        ``RegisterError`` only for a file that cannot be read at all)."""
        table = read_table(data, filename=filename, layout=LAYOUT)
        self.errors.extend(table.errors)
        if table.errors and not any(table.columns):
            return []
        rows = []
        for number, cells in table.rows:
            row = self._row(number, self._named(table, number, cells))
            if row is not None:
                rows.append(row)
        if not table.rows and not self.errors:
            self.errors.append(RowError(2, "", _("the file holds no figures; add a row for each period")))
        return rows

    def _named(self, table: Table, number: int, cells: list[Cell]) -> dict[str, Cell]:
        values: dict[str, Cell] = {}
        for position, cell in enumerate(cells):
            name = table.columns[position] if position < len(table.columns) else ""
            if name:
                values[name] = cell
            elif name == "" and is_filled(cell):
                message = _("a value in column %(position)s, which has no name in the header") % {
                    "position": position + 1
                }
                self.errors.append(RowError(number, "", message))
        return values

    def _row(self, number: int, values: dict[str, Cell]) -> FiguresRow | None:
        before = len(self.errors)

        def fail(column: str, message: str) -> None:
            self.errors.append(RowError(number, column, message))

        partner = cell_text(values.get("partner", ""))
        if not partner:
            fail("partner", _("required"))
        elif len(partner) > 200:
            fail("partner", _("longer than %(limit)s characters") % {"limit": 200})
        period_from = self._date(values.get("periode_van", ""), "periode_van", fail)
        period_to = self._date(values.get("periode_tot", ""), "periode_tot", fail)
        if period_from and period_to and period_to < period_from:
            fail("periode_tot", _("the period ends before it starts (periode_van)"))
        received = _count(values, "ontvangen", fail, required=True)
        closed = _count(values, "afgehandeld", fail, required=True)
        outcomes = {name: _count(values, name, fail) or 0 for name in OUTCOME_FIELDS}
        within_term = _count(values, "binnen_termijn", fail)
        if received is not None and closed is not None and closed > received:
            fail("afgehandeld", _("more than ontvangen (%(received)s)") % {"received": received})
        if closed is not None and sum(outcomes.values()) > closed:
            fail(
                "gegrond",
                _("the outcomes add up to %(sum)s, more than afgehandeld (%(closed)s)")
                % {"sum": sum(outcomes.values()), "closed": closed},
            )
        if within_term is not None and closed is not None and within_term > closed:
            fail("binnen_termijn", _("more than afgehandeld (%(closed)s)") % {"closed": closed})
        explanation = cell_text(values.get("toelichting", ""))
        if len(explanation) > MAX_EXPLANATION:
            fail("toelichting", _("longer than %(limit)s characters") % {"limit": MAX_EXPLANATION})
        if len(self.errors) > before:
            return None
        assert period_from and period_to and received is not None and closed is not None
        return FiguresRow(
            number, partner, period_from, period_to, received, closed, outcomes, within_term, explanation
        )

    def _date(self, value: Cell, column: str, fail: Fail) -> dt.date | None:
        if isinstance(value, dt.date):
            day: dt.date | None = value
        else:
            text = cell_text(value)
            if not text:
                fail(column, _("required"))
                return None
            day = parse_date(text)
            if day is None:
                fail(column, _("not a date; write YYYY-MM-DD or DD-MM-YYYY"))
                return None
        assert day is not None
        if day > self.today:
            fail(column, _("the date lies in the future; report a period after it has ended"))
            return None
        if day < EARLIEST_DATE:
            fail(column, _("the date lies before 1 July 1999, when Awb chapter 9 took effect"))
            return None
        return day


def _count(values: dict[str, Cell], column: str, report: Fail, *, required: bool = False) -> int | None:
    """A whole number from 0 up to ``MAX_COUNT``; None when empty (an error when required)."""
    text = cell_text(values.get(column, "")).replace(" ", "")
    if not text:
        if required:
            report(column, _("required"))
        return None
    if not text.isdigit() or not text.isascii():
        report(column, _("not a whole number of 0 or more: “%(value)s”") % {"value": shorten(text)})
        return None
    number = int(text)
    if number > MAX_COUNT:
        report(column, _("more than %(limit)s; check the number") % {"limit": MAX_COUNT})
        return None
    return number
