"""Publication of the year's complaints register (Awb 9:12a) as anonymous open data, with the report.

The register is published aggregated: one row per figure of the year, from the frozen figures of an
adopted report version, so the open data always agrees with the adopted report. It holds no names,
contact details or free text (the figures never read them), and no small numbers: a count from 1 up
to the threshold, and any cell that would give it away, is published empty and marked suppressed
(``disclosure.py``). Formats: CSV (UTF-8, comma-separated) and JSON; ``package`` zips them with the
adopted report's PDF, ready for the municipality's website.
"""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext

from klachtwijzer.complaints.constants import NatureGroup
from klachtwijzer.spreadsheets import SafeWriter

from .disclosure import Disclosure
from .figures import OUTCOME_KEYS
from .models import ReportVersion

COLUMNS = ["jaar", "indeling", "categorie", "kenmerk", "waarde", "eenheid", "onderdrukt"]
TOTALS = [
    ("ontvangen", "received"),
    ("afgehandeld", "closed"),
    ("openstaand", "open"),
    ("openstaand op 1 januari", "open_on_1_january"),
    ("openstaand op 31 december", "open_on_31_december"),
    ("afgehandeld in het jaar", "handled_in_year"),
    ("beoordeeld", "judged"),
    ("geheel of gedeeltelijk gegrond", "founded"),
    ("verdaagd", "extended"),
]
TIMELINESS = [
    ("binnen 6 weken", "within_term_pct"),
    ("binnen 10 weken", "within_extended_term_pct"),
    ("binnen de geldende wettelijke termijn", "within_legal_term_pct"),
    ("binnen de interne norm", "within_internal_target_pct"),
]


@dataclass
class Row:
    indeling: str
    categorie: str
    kenmerk: str
    waarde: int | float | None
    eenheid: str = "aantal"
    onderdrukt: bool = False


def rows_for(version: ReportVersion) -> list[Row]:
    """Every published figure of the version's year, small numbers suppressed."""
    figures = version.figures
    disclosure = Disclosure(True, version.suppression_threshold)
    rows = [_count(disclosure, "totaal", "", label, figures[key]) for label, key in TOTALS]
    rows += _breakdown(disclosure, "afdoening", {key: figures["outcomes"][key] for key in OUTCOME_KEYS})
    rows += [_percent(disclosure, label, figures[key], figures["closed"]) for label, key in TIMELINESS]
    if figures["median_days_to_close"] is not None:
        hidden = disclosure.hides(figures["closed"])
        median = None if hidden else figures["median_days_to_close"]
        rows.append(Row("tijdigheid", "mediane doorlooptijd", "dagen", median, "dagen", hidden))
    rows += _breakdown(disclosure, "afdeling", figures["by_department"], kenmerk="ontvangen")
    for outcome in OUTCOME_KEYS:
        counts = {name: outcomes[outcome] for name, outcomes in figures["by_department_outcomes"].items()}
        rows += _breakdown(disclosure, "afdeling", counts, kenmerk=outcome)
    rows += _breakdown(disclosure, "kanaal", figures["by_channel"])
    rows += _breakdown(disclosure, "samenwerkingspartner", figures["by_partner"])
    rows += _breakdown(disclosure, "aard", figures["by_nature"], kenmerk="klachten")
    rows += _breakdown(
        disclosure, "aard", figures["by_nature_founded"], kenmerk="geheel of gedeeltelijk gegrond"
    )
    groups = {str(NatureGroup(key).label): n for key, n in figures["by_nature_group"].items()}
    rows += _breakdown(disclosure, "aard (groep)", groups, kenmerk="klachten")
    rows.append(
        _count(disclosure, "andersoortige klachten", "", "ontvangen", figures["other_kinds"]["received"])
    )
    return rows


def _count(disclosure: Disclosure, indeling: str, categorie: str, kenmerk: str, value: int) -> Row:
    hidden = disclosure.hides(value)
    return Row(indeling, categorie, kenmerk, None if hidden else value, "aantal", hidden)


def _percent(disclosure: Disclosure, label: str, value: float | None, denominator: int) -> Row:
    hidden = disclosure.hides(denominator)
    return Row("tijdigheid", label, "percentage", None if hidden else value, "procent", hidden)


def _breakdown(
    disclosure: Disclosure, indeling: str, counts: dict[str, int], *, kenmerk: str = "aantal"
) -> list[Row]:
    hidden = disclosure.hidden_keys(counts)
    return [
        Row(indeling, name, kenmerk, None if name in hidden else value, "aantal", name in hidden)
        for name, value in counts.items()
    ]


def _values(version: ReportVersion, row: Row) -> list[Any]:
    return [version.year, row.indeling, row.categorie, row.kenmerk, row.waarde, row.eenheid, row.onderdrukt]


def to_csv(version: ReportVersion) -> bytes:
    buffer = io.StringIO()
    writer = SafeWriter(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in rows_for(version):
        values = _values(version, row)
        values[4] = "" if row.waarde is None else str(row.waarde).replace(".", ",")
        values[6] = "ja" if row.onderdrukt else "nee"
        writer.writerow(values)
    return buffer.getvalue().encode("utf-8")


def to_json(version: ReportVersion) -> bytes:
    document = {
        "gemeente": version.figures["municipality"],
        "jaar": version.year,
        "peildatum": version.as_of.isoformat(),
        "versie": version.number,
        "vastgesteld_op": version.adopted_on.isoformat() if version.adopted_on else None,
        "onderdrukkingsgrens": version.suppression_threshold,
        "toelichting": gettext(
            "Anonymous complaints register (article 9:12a Awb): aggregated figures of the complaints "
            "received "
            "in the year. Numbers smaller than the suppression threshold, and cells from which they could be "
            "derived, are left empty (suppressed)."
        ),
        "cijfers": [dict(zip(COLUMNS, _values(version, row), strict=True)) for row in rows_for(version)],
    }
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def file_stem(version: ReportVersion) -> str:
    return f"klachten-{version.year}-versie-{version.number}"


def package(version: ReportVersion) -> bytes:
    """A ZIP with the adopted report (PDF) and the open data (CSV, JSON), for the website."""
    buffer = io.BytesIO()
    stem = file_stem(version)
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"jaarverslag-{stem}.pdf", bytes(version.pdf))
        archive.writestr(f"register-{stem}.csv", to_csv(version))
        archive.writestr(f"register-{stem}.json", to_json(version))
    return buffer.getvalue()
