"""Checking the rows of a register file (``shared/spec/register-csv.md``) and reading them as complaints.

Every row is checked against the spec and the catalogue of natures, and every problem is collected
with its row and column (``RowError``), so a coordinator can fix a file in one go. A row without
problems becomes a ``RegisterRow`` in the model's vocabulary. No database here: the catalogue comes in
as a mapping of case-folded names to ids.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .constants import REGISTER_OORDEEL, Channel, Kind, Route
from .register_file import COLUMNS, REQUIRED_COLUMNS, Cell, RowError, Table, cell_text, is_filled, shorten

MAX_LENGTHS = {"kenmerk": 40, "afdeling": 200, "partner": 200}
MAX_THEME_LENGTH = 120
# Awb chapter 9 took effect on 1 July 1999; an earlier date is a typo in the year.
EARLIEST_DATE = dt.date(1999, 7, 1)
DATE_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
DATE_DUTCH = re.compile(r"(\d{1,2})-(\d{1,2})-(\d{4})")
# The kenmerk is part of the complaint's web address, and a line break in it would be invisible.
UNSAFE_REFERENCE = re.compile(r"[/\\\x00-\x1f\x7f]")


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
    themes: list[str] = field(default_factory=list)
    learning_point: str = ""
    ombudsman_on: dt.date | None = None


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
            elif name == "" and is_filled(cell):
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

        text = {column: cell_text(values.get(column, "")) for column in COLUMNS}
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
        themes = _themes(text["thema"], text["leerpunt"], fail)
        ombudsman_on = self._date(values.get("ombudsman_op", ""), "ombudsman_op", fail)
        if ombudsman_on and not text["afgehandeld_op"]:
            fail("ombudsman_op", _("only for a closed complaint; fill in afgehandeld_op too"))
        elif ombudsman_on and closed_on and ombudsman_on < closed_on:
            fail("ombudsman_op", _("the date lies before afgehandeld_op"))
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
            themes=themes,
            learning_point=text["leerpunt"],
            ombudsman_on=ombudsman_on,
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
                unknown.append(f"“{shorten(name)}”")
            elif nature_id not in ids:
                ids.append(nature_id)
        if unknown:
            fail("aard", _("not in the catalogue of natures: %(names)s") % {"names": ", ".join(unknown)})
        return ids


def _themes(value: str, learning_point: str, fail: Fail) -> list[str]:
    """The theme names of ``thema`` (``;``-separated, each once whatever its case); only with a leerpunt."""
    names: list[str] = []
    for part in value.split(";"):
        name = part.strip()
        if name and name.casefold() not in {known.casefold() for known in names}:
            names.append(name)
    if names and not learning_point:
        fail("thema", _("a theme belongs to a learning point; fill in leerpunt too"))
    too_long = [f"“{shorten(name)}”" for name in names if len(name) > MAX_THEME_LENGTH]
    if too_long:
        fail(
            "thema",
            _("a theme's name has at most %(limit)s characters: %(names)s")
            % {"limit": MAX_THEME_LENGTH, "names": ", ".join(too_long)},
        )
    return names


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
            % {"value": shorten(value), "choices": ", ".join(allowed)},
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
