"""The complaint list's export: its filters, personal data by role, the access log, no formulas."""

import csv
import io

import pytest
import time_machine
from django.http import StreamingHttpResponse
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from klachtwijzer.complaints.list_export import FORMULA_STARTS, safe_cell
from klachtwijzer.complaints.models import PersonalDataAccess
from klachtwijzer.complaints.tests.backoffice import FAST_HASHERS, TODAY, Organisation
from klachtwijzer.complaints.tests.factories import complaint_in_handling, received_complaint

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def org(municipality, settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS
    return Organisation()


def read_csv(response) -> list[list[str]]:
    assert isinstance(response, StreamingHttpResponse)
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(content), delimiter=";"))


def test_the_export_holds_the_lists_complaints_with_its_filters(client, org):
    own = complaint_in_handling(coordinator=org.coordinator, handler=org.handler, department=org.department)
    by_phone = received_complaint(channel="telefoon", partner=org.partner)
    client.force_login(org.coordinator)

    rows = read_csv(client.get("/klachten/export.csv?channel=telefoon"))

    assert rows[0][:3] == ["Kenmerk", "Ontvangen op", "Kanaal"]
    assert [row[0] for row in rows[1:]] == [by_phone.reference]
    everything = read_csv(client.get("/klachten/export.csv"))
    assert {row[0] for row in everything[1:]} == {own.reference, by_phone.reference}


def test_personal_data_only_for_roles_that_may_see_it_and_never_free_text(client, org):
    received_complaint(partner=org.partner)
    client.force_login(org.coordinator)
    staff = read_csv(client.get("/klachten/export.csv"))
    assert "Naam" in staff[0] and "J. de Vries" in staff[1] and "j.devries@example.nl" in staff[1]
    assert not any("onvriendelijk" in cell for row in staff for cell in row)  # the description stays out

    client.force_login(org.partner_user)
    partner = read_csv(client.get("/klachten/export.csv"))
    assert "Naam" not in partner[0]
    assert len(partner) == 2 and "J. de Vries" not in partner[1]


def test_every_export_is_logged_in_the_access_log(client, org):
    received_complaint()
    client.force_login(org.coordinator)
    read_csv(client.get("/klachten/export.csv?status=open"))
    client.force_login(org.partner_user)
    client.get("/klachten/export.xlsx")

    entries = list(PersonalDataAccess.objects.filter(action=PersonalDataAccess.Action.EXPORT).order_by("pk"))
    assert [entry.user for entry in entries] == [org.coordinator, org.partner_user]
    assert "met persoonsgegevens" in entries[0].detail and "status=open" in entries[0].detail
    assert "zonder persoonsgegevens" in entries[1].detail


def test_roles_without_complaints_get_no_export(client, org):
    for role in ("board", "administrator"):
        client.force_login(org.user(role))
        assert client.get("/klachten/export.csv").status_code == 403
    client.force_login(org.coordinator)
    assert client.get("/klachten/export.pdf").status_code == 404


def test_a_cell_never_starts_a_formula_in_csv_or_xlsx(client, org):
    received_complaint(
        personal={"name": '=HYPERLINK("http://kwaad.example")', "address": "+31 Straat", "city": "@SUM(A1)"}
    )
    client.force_login(org.coordinator)

    row = read_csv(client.get("/klachten/export.csv"))[1]
    assert '\'=HYPERLINK("http://kwaad.example")' in row and "'+31 Straat" in row and "'@SUM(A1)" in row

    response = client.get("/klachten/export.xlsx")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = [cell.value for cell in next(sheet.iter_rows(min_row=2, max_row=2))]
    assert '\'=HYPERLINK("http://kwaad.example")' in values
    assert not any(isinstance(value, str) and value.startswith(FORMULA_STARTS) for value in values)


@given(st.text(max_size=30))
def test_safe_cell_never_returns_a_formula_and_keeps_the_text(value):
    safe = safe_cell(value)
    assert not safe.startswith(FORMULA_STARTS)
    assert safe.removeprefix("'") == value or safe == value
