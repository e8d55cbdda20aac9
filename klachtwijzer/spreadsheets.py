"""Files that open in a spreadsheet never carry a formula: one rule for every CSV or Excel export.

A cell whose text starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is run as a
formula by Excel and LibreOffice (CSV injection: ``=HYPERLINK(...)`` typed into the public form would
become a live link in the register export). Such a text is written with a leading apostrophe, which
spreadsheets show as text and do not display; a plain number such as ``-3`` or ``-2,5`` stays as it
is. Reading a register file back (``register_file.cell_text``) removes that apostrophe again.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^[+-]?\d+([.,]\d+)?$")


def safe_cell(value: Any) -> Any:
    """``value`` as a spreadsheet will show it and never run it; anything but text is left alone."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not _NUMBER.match(value):
        return "'" + value
    return value


def unescape_cell(text: str) -> str:
    """Undo ``safe_cell``: the apostrophe before a formula character is not part of the text."""
    if text.startswith("'") and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text


class SafeWriter:
    """``csv.writer`` whose every cell goes through ``safe_cell``."""

    def __init__(self, stream: Any, **options: Any) -> None:
        self._writer = csv.writer(stream, **options)

    def writerow(self, row: Iterable[Any]) -> Any:
        return self._writer.writerow([safe_cell(value) for value in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)
