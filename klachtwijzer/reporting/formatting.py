"""Dutch formatting of the figures: the one place where numbers, percentages and dates become text.

Dutch convention: a dot groups thousands and a comma separates decimals (1.052; 69,0%). Percentages
keep one decimal in tables and are rounded to whole numbers in running text, as municipal reports do
("78% van alle klachten"). Rounding is half up (78,45 → 78,5), never banker's rounding, so the text
says what a reader computing by hand expects.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext

from klachtwijzer.complaints import dates

MISSING = "\u2013"  # en dash: no figure (no denominator)


def round_half_up(value: float | Decimal, decimals: int = 0) -> Decimal:
    """``value`` rounded half up to ``decimals`` decimals."""
    exponent = Decimal(1).scaleb(-decimals)
    return Decimal(str(value)).quantize(exponent, rounding=ROUND_HALF_UP)


def number(value: int | float | Decimal | None, decimals: int = 0) -> str:
    """1052 → '1.052'; 21.5 with one decimal → '21,5'; None → an en dash."""
    if value is None:
        return MISSING
    rounded = round_half_up(value, decimals)
    sign = "-" if rounded < 0 else ""
    whole, _dot, fraction = f"{abs(rounded):f}".partition(".")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    text = sign + ".".join(groups)
    return f"{text},{fraction}" if decimals > 0 else text


def percent(value: float | Decimal | None, decimals: int = 1) -> str:
    """69.0 → '69,0%'; with ``decimals=0``: 78.1 → '78%'; None (no denominator) → an en dash."""
    if value is None:
        return MISSING
    return f"{number(value, decimals)}%"


def days(value: float | Decimal | None) -> str:
    """A number of days as a figure: whole days without decimals, halves with one ('21' / '21,5')."""
    if value is None:
        return MISSING
    return number(value, 0 if float(value).is_integer() else 1)


def long_date(day: dt.date | None) -> str:
    """15 January 2025 → '15 januari 2025'; a dash when there is no date."""
    return dates.long_date(day, missing=MISSING)


def share(part: int, whole: int) -> float | None:
    """``part`` as a percentage of ``whole`` to one decimal (half up); None when ``whole`` is 0."""
    if not whole:
        return None
    return float(round_half_up(Decimal(part) * 100 / Decimal(whole), 1))


def join_words(words: list[str]) -> str:
    """['a', 'b', 'c'] → 'a, b en c' (the Dutch list, no serial comma)."""
    if len(words) <= 1:
        return "".join(words)
    return gettext("%(items)s and %(last)s") % {"items": ", ".join(words[:-1]), "last": words[-1]}
