"""Property tests of the register import: the file comes from users, so anything may be in it.

- Every valid register (any separator, BOM or not, either date format) imports and exports the same.
- Whatever is in the cells or the bytes, the import either succeeds or raises ``RegisterError``.
- The import is all or nothing: one bad row anywhere and nothing is stored.

Each example runs in a transaction that is rolled back, so examples do not see each other's data.
"""

import contextlib
import csv
import datetime as dt
import io

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from klachtwijzer.accounts.models import Department, Partner
from klachtwijzer.complaints.constants import REGISTER_OORDEEL, Channel, Kind, Route
from klachtwijzer.complaints.models import Complaint, HistoryEvent, Nature, ReferenceCounter
from klachtwijzer.complaints.register import ImportSummary, RegisterError, export_register, import_register
from klachtwijzer.complaints.register_file import COLUMNS
from klachtwijzer.learning.models import LearningPoint, Theme

pytestmark = pytest.mark.django_db

NORMS = [
    "Transparant",
    "Goede motivering",
    "Fatsoenlijke bejegening",
    "Fair play",
    "Maatwerk",
    "Voortvarendheid",
    "Integriteit",
    "Goede organisatie",
    "Professionaliteit",
]
DEPARTMENTS = ["Burgerzaken", "Wmo en Jeugd", "Openbare Ruimte", "Belastingen"]
PARTNERS = ["", "Afvalbedrijf Regio", "Stichting Sociaal Wijkteam"]
THEMES = ["Terugbelafspraken", "Bejegening", "Bereikbaarheid", "Informatievoorziening", "Wachttijden"]
EXAMPLES = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# Text a person types into a spreadsheet cell: anything but NUL and unpaired surrogates.
CELL_TEXT = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=60)


@contextlib.contextmanager
def rolled_back():
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def stored() -> tuple[int, ...]:
    return (
        Complaint.objects.count(),
        HistoryEvent.objects.count(),
        Department.objects.count(),
        Partner.objects.count(),
        ReferenceCounter.objects.count(),
        LearningPoint.objects.count(),
        Theme.objects.count(),
    )


@st.composite
def register_rows(draw) -> dict[str, str]:
    received = draw(st.dates(dt.date(2000, 1, 1), dt.date(2024, 12, 31)))
    closed = draw(st.none() | st.integers(0, 150).map(lambda days: received + dt.timedelta(days=days)))
    latest_extension = (closed - received).days if closed else 120
    extended = draw(
        st.none() | st.integers(0, latest_extension).map(lambda days: received + dt.timedelta(days=days))
    )
    natures = draw(st.lists(st.sampled_from(NORMS), unique=True, max_size=3))
    lesson = draw(CELL_TEXT).strip()
    themes = draw(st.lists(st.sampled_from(THEMES), unique=True, max_size=3)) if lesson else []
    ombudsman = closed and draw(
        st.none() | st.integers(0, 400).map(lambda days: closed + dt.timedelta(days=days))
    )
    return {
        "ontvangen_op": received.isoformat(),
        "kanaal": draw(st.sampled_from(Channel.values)),
        "soort": draw(st.sampled_from(Kind.values)),
        "afdeling": draw(st.sampled_from(DEPARTMENTS)),
        "partner": draw(st.sampled_from(PARTNERS)),
        "aard": ";".join(natures),
        "afhandeling": draw(st.sampled_from(["", *Route.values])),
        "verlengd_op": extended.isoformat() if extended else "",
        "afgehandeld_op": closed.isoformat() if closed else "",
        "oordeel": draw(st.sampled_from(list(REGISTER_OORDEEL))) if closed else "",
        "omschrijving": draw(CELL_TEXT).strip(),
        "thema": ";".join(themes),
        "leerpunt": lesson,
        "ombudsman_op": ombudsman.isoformat() if ombudsman and ombudsman <= dt.date(2025, 1, 1) else "",
    }


@st.composite
def registers(draw) -> list[dict[str, str]]:
    rows = draw(st.lists(register_rows(), min_size=1, max_size=12))
    prefix = draw(st.sampled_from(["HYP", "KL", "Zaak"]))
    for number, row in enumerate(rows, start=1):
        row["kenmerk"] = f"{prefix}-{row['ontvangen_op'][:4]}-{number:04d}"
    return rows


def write_csv(rows: list[dict[str, str]], *, delimiter: str = ",", bom: bool = False, dutch: bool = False):
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(COLUMNS)
    for row in rows:
        cells = dict(row)
        if dutch:
            for column in ("ontvangen_op", "verlengd_op", "afgehandeld_op", "ombudsman_op"):
                if cells[column]:
                    cells[column] = dt.date.fromisoformat(cells[column]).strftime("%d-%m-%Y")
        writer.writerow([cells[column] for column in COLUMNS])
    return ("\ufeff" if bom else "").encode() + out.getvalue().encode("utf-8")


@given(rows=registers(), delimiter=st.sampled_from([",", ";"]), bom=st.booleans(), dutch=st.booleans())
@EXAMPLES
def test_every_valid_register_imports_and_round_trips(municipality, rows, delimiter, bom, dutch):
    with rolled_back():
        import_register(io.BytesIO(write_csv(rows, delimiter=delimiter, bom=bom, dutch=dutch)))
        out = io.StringIO()
        export_register(out)
        out.seek(0)
        exported = {row["kenmerk"]: row for row in csv.DictReader(out)}

        assert len(exported) == len(rows)
        for row in rows:
            assert {column: exported[row["kenmerk"]][column] for column in COLUMNS} == row


@st.composite
def garbage_registers(draw) -> bytes:
    header = draw(st.lists(st.sampled_from([*COLUMNS, "Kenmerk", "onzin", ""]), min_size=1, max_size=14))
    cell = st.one_of(
        CELL_TEXT,
        st.sampled_from(["2024-02-30", "31-12-2024", "2024-01-01", "gegrond", "Maatwerk;x", "TST-2024-0001"]),
        st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)).map(str),
    )
    rows = draw(st.lists(st.lists(cell, max_size=16), max_size=8))
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=draw(st.sampled_from([",", ";"])))
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


@given(data=garbage_registers() | st.binary(max_size=300))
@EXAMPLES
def test_garbage_never_raises_anything_but_register_error(municipality, data):
    with rolled_back():
        before = stored()
        try:
            result = import_register(io.BytesIO(data))
        except RegisterError as error:
            assert error.errors
            assert all(error.row >= 1 and error.message for error in error.errors)
            assert stored() == before
        else:
            assert isinstance(result, ImportSummary)


BAD_CELLS = {
    "ontvangen_op": "30-02-2024",
    "afgehandeld_op": "1999-01-01",
    "kanaal": "postduif",
    "aard": "Geen norm",
    "oordeel": "half gegrond",
    "afdeling": "",
    "ombudsman_op": "1999-07-01",  # before any closing date, or on an open complaint
}


@given(rows=registers(), data=st.data())
@EXAMPLES
def test_one_bad_row_and_nothing_is_stored(municipality, rows, data):
    position = data.draw(st.integers(0, len(rows) - 1))
    column, value = data.draw(st.sampled_from(sorted(BAD_CELLS.items())))
    rows[position][column] = value
    with rolled_back():
        Nature.objects.exists()  # the catalogue is there
        before = stored()

        with pytest.raises(RegisterError) as caught:
            import_register(io.BytesIO(write_csv(rows)))

        assert stored() == before
        assert (position + 2, column) in [(error.row, error.column) for error in caught.value.errors]
