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

from . import formatting
from .disclosure import SECONDARY_MARK, Disclosure, legend
from .figures import OUTCOME_KEYS
from .models import ReportVersion
from .suppression import Cell

COLUMNS = ["jaar", "indeling", "categorie", "kenmerk", "waarde", "eenheid", "onderdrukt", "markering"]
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
    ("binnen 6 weken", "within_term"),
    ("binnen 10 weken", "within_extended_term"),
    ("binnen de geldende wettelijke termijn", "within_legal_term"),
    ("binnen de interne norm", "within_internal_target"),
]


@dataclass
class Row:
    indeling: str
    categorie: str
    kenmerk: str
    waarde: int | float | None
    eenheid: str = "aantal"
    onderdrukt: bool = False
    markering: str = ""  # "< 5" (1 to 4) or "×" (hidden to protect another cell); "" when shown


def rows_for(version: ReportVersion) -> list[Row]:
    """Every published figure of the version's year, small numbers suppressed."""
    return rows_for_figures(version.figures, threshold=version.suppression_threshold)


def rows_for_figures(figures: dict[str, Any], *, threshold: int) -> list[Row]:
    """The open-data rows of the figures, hidden by the same plan as the report's tables."""
    disclosure = Disclosure.for_figures(figures, published=True, threshold=threshold)
    year = figures["year"]

    def count(indeling: str, categorie: str, kenmerk: str, value: int, cell: Cell) -> Row:
        shown = disclosure.count(value, cell)
        hidden = shown != formatting.number(value)
        return Row(
            indeling, categorie, kenmerk, None if hidden else value, "aantal", hidden, shown if hidden else ""
        )

    rows = [count("totaal", "", label, figures[key], (year, key)) for label, key in TOTALS]
    rows += [
        count("afdoening", key, "aantal", figures["outcomes"][key], (year, "outcomes", key))
        for key in OUTCOME_KEYS
    ]
    for label, key in TIMELINESS:
        hidden = disclosure.hides_share((year, key), (year, "closed"), figures["closed"])
        value = None if hidden else figures[f"{key}_pct"]
        rows.append(Row("tijdigheid", label, "percentage", value, "procent", hidden, SECONDARY_MARK * hidden))
    if "to_acknowledge" in figures:  # Awb 9:6; a version frozen before this figure has none
        denominator = (year, "to_acknowledge")
        numerator = (year, "acknowledged_within_target")
        hidden = disclosure.hides_share(numerator, denominator, figures["to_acknowledge"])
        value = None if hidden else figures["acknowledged_within_target_pct"]
        label = "ontvangst bevestigd binnen de norm"
        rows.append(Row("tijdigheid", label, "percentage", value, "procent", hidden, SECONDARY_MARK * hidden))
    if figures["median_days_to_close"] is not None:
        hidden = disclosure.hides(figures["closed"])
        median = None if hidden else figures["median_days_to_close"]
        rows.append(
            Row(
                "tijdigheid",
                "mediane doorlooptijd",
                "dagen",
                median,
                "dagen",
                hidden,
                SECONDARY_MARK * hidden,
            )
        )
    for name, value in figures["by_department"].items():
        rows.append(count("afdeling", name, "ontvangen", value, (year, "by_department", name)))
    for outcome in OUTCOME_KEYS:
        for name, outcomes in figures["by_department_outcomes"].items():
            cell = (year, "by_department_outcomes", name, outcome)
            rows.append(count("afdeling", name, outcome, outcomes[outcome], cell))
    for indeling, key, kenmerk in (
        ("kanaal", "by_channel", "aantal"),
        ("vorm", "by_form", "aantal"),
        ("samenwerkingspartner", "by_partner", "aantal"),
        ("aard", "by_nature", "klachten"),
        ("aard", "by_nature_founded", "geheel of gedeeltelijk gegrond"),
    ):
        rows += [
            # ``by_form`` came later: a version frozen before it has none.
            count(indeling, name, kenmerk, value, (year, key, name))
            for name, value in figures.get(key, {}).items()
        ]
    rows += [
        count(
            "aard (groep)", str(NatureGroup(group).label), "klachten", value, (year, "by_nature_group", group)
        )
        for group, value in figures["by_nature_group"].items()
    ]
    rows.append(
        count(
            "andersoortige klachten",
            "",
            "ontvangen",
            figures["other_kinds"]["received"],
            (year, "other_kinds", "received"),
        )
    )
    return rows


def _values(version: ReportVersion, row: Row) -> list[Any]:
    return [
        version.year,
        row.indeling,
        row.categorie,
        row.kenmerk,
        row.waarde,
        row.eenheid,
        row.onderdrukt,
        row.markering,
    ]


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
        "legenda": legend(version.suppression_threshold),
        "cijfers": [dict(zip(COLUMNS, _values(version, row), strict=True)) for row in rows_for(version)],
    }
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def file_stem(version: ReportVersion) -> str:
    return f"klachten-{version.year}-versie-{version.number}"


def readme(version: ReportVersion) -> str:
    """The open data's readme: what the files are and what the marks in them mean."""
    lines = [
        gettext("Complaints register %(year)s of %(municipality)s, version %(number)s.")
        % {"year": version.year, "municipality": version.figures["municipality"], "number": version.number},
        gettext(
            "Anonymous complaints register (article 9:12a Awb): aggregated figures of the complaints "
            "received "
            "in the year. Numbers smaller than the suppression threshold, and cells from which they could be "
            "derived, are left empty (suppressed)."
        ),
        gettext(
            "Column 'onderdrukt' says whether a value is hidden; column 'markering' says why, as in the "
            "report's tables:"
        ),
        legend(version.suppression_threshold),
    ]
    return "\n\n".join(lines) + "\n"


def package(version: ReportVersion) -> bytes:
    """A ZIP with the adopted report (PDF) and the open data (CSV, JSON), for the website."""
    buffer = io.BytesIO()
    stem = file_stem(version)
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"jaarverslag-{stem}.pdf", bytes(version.pdf))
        archive.writestr(f"register-{stem}.csv", to_csv(version))
        archive.writestr(f"register-{stem}.json", to_json(version))
        archive.writestr(f"leesmij-{stem}.txt", readme(version))
    return buffer.getvalue()
