"""The period figures as the JSON object, and as rows of ``figuur, sleutel, waarde``, of
spec/report-figures.md ("Any period, any filter"): what ``klachtwijzer figures`` prints and what the
dashboard exports to CSV and XLSX.

The JSON echoes ``from``, ``to``, ``as_of`` and the filters given, then the period's figures with the
keys of the yearly figures (``year`` absent), and ``previous_period`` with the same figures for the same
dates one year earlier. A row flattens one figure: a count stands alone (``received,,311``), a breakdown
gives a row per key (``by_department,Burgerzaken,44``) and a breakdown of breakdowns joins the keys
with " / " (``by_department_outcomes,Burgerzaken / gegrond,6``). The comparison period's rows carry
the prefix ``previous_period.``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Mapping
from typing import Any

from .figures import DashboardFigures

Row = tuple[str, str, str]
HEADER: Row = ("figuur", "sleutel", "waarde")


def period_json(figures: DashboardFigures) -> dict[str, Any]:
    """The JSON object of ``klachtwijzer figures``."""
    current, previous = figures["current"], figures["previous_period"]
    return {
        "municipality": figures["municipality"],
        **figures["period"],
        "as_of": figures["as_of"],
        **figures["filters"],
        **current,
        "nature_groups": figures["nature_groups"],
        "learning": figures["learning"],
        "ombudsman": figures["ombudsman"],
        "partners": figures["partners"],
        "satisfaction": figures["satisfaction"],
        "previous_period": {**figures["previous_span"], **previous},
    }


def _value(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def flatten(data: Mapping[str, Any], prefix: str = "") -> Iterator[Row]:
    """One row per figure, nested keys flattened (see the module's docstring)."""
    for key, value in data.items():
        name = f"{prefix}{key}"
        if key == "previous_period" and isinstance(value, Mapping):
            yield from flatten(value, prefix=f"{name}.")
        elif isinstance(value, Mapping):
            for sub, inner in value.items():
                if isinstance(inner, Mapping):
                    for leaf, number in inner.items():
                        yield name, f"{sub} / {leaf}", _value(number)
                else:
                    yield name, str(sub), _value(inner)
        elif isinstance(value, list):
            for index, item in enumerate(value):
                yield name, str(index), _value(item)
        else:
            yield name, "", _value(value)


def to_csv(rows: list[Row]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(rows)
    return buffer.getvalue()
