"""The register file: import and export (docs/register.md).

Relies on the catalogue of natures loaded by the migrations (the 22 behoorlijkheidsnormen) and on the
``municipality`` fixture (prefix TST, no advisory committee).
"""

import csv
import datetime as dt
import io
from pathlib import Path

import openpyxl
import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from klachtwijzer.accounts.models import Department, Partner
from klachtwijzer.complaints import terms
from klachtwijzer.complaints.constants import Judgement, Kind, Outcome, Route, Status, TriageDecision
from klachtwijzer.complaints.models import (
    Complaint,
    HistoryEvent,
    PersonalData,
    PersonalDataAccess,
    ReferenceCounter,
)
from klachtwijzer.complaints.register import (
    ImportSummary,
    RegisterError,
    RowError,
    export_register,
    import_register,
)
from klachtwijzer.complaints.register_file import COLUMNS, COMPUTED_COLUMNS
from klachtwijzer.complaints.tests.factories import received_complaint

pytestmark = pytest.mark.django_db

LEIDEN = Path(__file__).resolve().parent / "data" / "leiden-register-2022-2024.csv"
HEADER = ",".join(COLUMNS)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(dt.datetime(2025, 1, 15, 12, tzinfo=dt.UTC), tick=False):
        yield


def csv_bytes(*lines: str, header: str = HEADER) -> bytes:
    return ("\n".join([header, *lines]) + "\n").encode("utf-8")


def exported(**kwargs) -> list[dict[str, str]]:
    out = io.StringIO()
    export_register(out, **kwargs)
    out.seek(0)
    return list(csv.DictReader(out))


def errors_of(data: bytes, **kwargs) -> list[RowError]:
    with pytest.raises(RegisterError) as caught:
        import_register(io.BytesIO(data), **kwargs)
    return caught.value.errors


def read_leiden() -> list[dict[str, str]]:
    with LEIDEN.open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.DictReader(stream))


def test_leiden_register_round_trips_cell_by_cell(municipality):
    original = read_leiden()

    summary = import_register(LEIDEN)
    rows = exported()

    assert summary.complaints_per_year == {2022: 287, 2023: 296, 2024: 311}
    assert (summary.departments_created, summary.partners_created) == (8, 2)
    assert [row["kenmerk"] for row in rows] == [row["kenmerk"] for row in original]
    assert list(rows[0]) == [*COLUMNS, *COMPUTED_COLUMNS]
    for before, after in zip(original, rows, strict=True):
        for column in COLUMNS:  # the fixture has no learning columns: they export empty
            assert after[column] == before.get(column, ""), (before["kenmerk"], column)


def test_leiden_register_export_adds_the_stored_terms(municipality):
    import_register(LEIDEN)
    rows = {row["kenmerk"]: row for row in exported()}

    # Received Wednesday 3 January 2024: 6 weeks end Wednesday 14 February; closed 6 March: too late.
    assert rows["LEI-2024-0003"]["termijn_einde"] == "2024-02-14"
    assert rows["LEI-2024-0003"]["verlengde_termijn_einde"] == ""
    assert rows["LEI-2024-0003"]["binnen_termijn"] == "nee"
    assert rows["LEI-2024-0302"]["binnen_termijn"] == ""  # still open
    for row in rows.values():
        received = dt.date.fromisoformat(row["ontvangen_op"])
        assert row["termijn_einde"] == terms.handling_term_end(received).isoformat()
        if row["verlengd_op"]:
            assert row["verlengde_termijn_einde"] == terms.extended_term_end(received).isoformat()
        if row["afgehandeld_op"]:
            applicable = row["verlengde_termijn_einde"] if row["verlengd_op"] else row["termijn_einde"]
            in_time = row["afgehandeld_op"] <= applicable
            assert row["binnen_termijn"] == ("ja" if in_time else "nee"), row["kenmerk"]


def test_export_uses_the_stored_terms_and_does_not_recompute_them(municipality):
    import_register(io.BytesIO(csv_bytes("TST-2024-0001,2024-03-04,,,Burgerzaken,,,,,,,")))
    Complaint.objects.filter(reference="TST-2024-0001").update(term_ends_on=dt.date(2024, 4, 30))

    assert exported()[0]["termijn_einde"] == "2024-04-30"


def test_export_of_one_year_only(municipality):
    import_register(LEIDEN)

    rows = exported(year=2023)

    assert len(rows) == 296
    assert {row["ontvangen_op"][:4] for row in rows} == {"2023"}


def test_import_maps_the_register_onto_the_model(municipality):
    data = csv_bytes(
        'TST-2024-0007,2024-03-04,brief,awb,Burgerzaken,Afvalbedrijf,"Transparant;professionaliteit",'
        'formeel,2024-04-10,2024-05-01,deels gegrond,"Lang gewacht, niet teruggebeld"',
        "TST-2024-0008,2024-03-05,telefoon,andersoortig,burgerzaken,,,informeel,,,,",
        "TST-2024-0009,2024-03-06,,,Belastingen,,,,,,,",
        "TST-2024-0010,2024-03-07,e-mail,awb,Belastingen,,,,,2024-03-20,doorgestuurd,",
        "TST-2024-0011,2024-03-08,e-mail,awb,Belastingen,,,,,2024-03-20,niet in behandeling,",
    )

    import_register(io.BytesIO(data), filename="oud-register.csv")

    judged = Complaint.objects.get(reference="TST-2024-0007")
    assert (judged.status, judged.outcome, judged.judgement) == (
        Status.CLOSED,
        Outcome.JUDGED,
        Judgement.PARTLY_FOUNDED,
    )
    assert (judged.channel, judged.route, judged.department.name, judged.partner.name) == (
        "brief",
        Route.FORMAL,
        "Burgerzaken",
        "Afvalbedrijf",
    )
    links = Complaint.natures.through.objects.filter(complaint=judged).order_by("pk")
    assert [link.nature.name for link in links] == ["Transparant", "Professionaliteit"]  # the file's order
    assert judged.extension_notice_on == dt.date(2024, 4, 10)
    assert judged.extended_term_ends_on == judged.ten_week_term_ends_on == dt.date(2024, 5, 13)
    assert judged.term_ends_on == dt.date(2024, 4, 15)
    assert judged.not_handling_notice_due_on == dt.date(2024, 4, 2)
    assert judged.closed_within_term is True
    assert judged.ombudsman_petition_ends_on == dt.date(2025, 5, 1)
    assert judged.personal_data.description == "Lang gewacht, niet teruggebeld"
    (event,) = judged.history.all()
    assert event.type == HistoryEvent.Type.RECEIVED
    assert "oud-register.csv" in event.note

    other = Complaint.objects.get(reference="TST-2024-0008")
    assert (other.status, other.kind, other.triage_decision) == (
        Status.IN_HANDLING,
        Kind.OTHER,
        TriageDecision.OTHER_KIND,
    )
    assert other.department == judged.department  # matched case-insensitively
    fresh = Complaint.objects.get(reference="TST-2024-0009")
    assert (fresh.status, fresh.channel, fresh.kind, fresh.triage_decision) == (
        Status.RECEIVED,
        "overig",
        Kind.AWB,
        "",
    )
    forwarded = Complaint.objects.get(reference="TST-2024-0010")
    assert (forwarded.outcome, forwarded.triage_decision) == (Outcome.FORWARDED, TriageDecision.FORWARD)
    declined = Complaint.objects.get(reference="TST-2024-0011")
    assert declined.not_handled_notice_on == dt.date(2024, 3, 20)
    for complaint in Complaint.objects.all():
        complaint.full_clean(exclude=["staff_complained_about", "natures"])


def test_semicolons_bom_and_dutch_dates(municipality):
    text = (
        "\ufeffKenmerk;Ontvangen_op;AFDELING;aard;afgehandeld_op;oordeel;omschrijving\r\n"
        '"TST-2023-0001";05-06-2023;Burgerzaken;Maatwerk;6-7-2023;gegrond;"Eerste regel;\r\ntweede regel"\r\n'
        "TST-2023-0002;2023-06-07;Parkeren;;;;\r\n"
    )

    summary = import_register(io.BytesIO(text.encode("utf-8")))

    assert summary.complaints_created == 2
    first = Complaint.objects.get(reference="TST-2023-0001")
    assert (first.received_on, first.closed_on) == (dt.date(2023, 6, 5), dt.date(2023, 7, 6))
    assert first.personal_data.description == "Eerste regel;\r\ntweede regel"
    assert exported()[0]["omschrijving"] == "Eerste regel;\r\ntweede regel"


def test_blank_lines_above_the_header_count_as_rows(municipality):
    data = b"\n\n" + csv_bytes("TST-1;2024-02-30;Burgerzaken", header="kenmerk;ontvangen_op;afdeling")

    assert [(e.row, e.column) for e in errors_of(data)] == [(4, "ontvangen_op")]


def test_xlsx_first_sheet(municipality, tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["KENMERK", "ontvangen_op", "kanaal", "afdeling", "afgehandeld_op", "oordeel", "aard"])
    excel_date = dt.datetime(2024, 2, 1)  # noqa: DTZ001 (a spreadsheet's dates have no time zone)
    sheet.append(["TST-2024-0001", excel_date, "E-mail", "Burgerzaken", "15-02-2024", "Ongegrond", None])
    sheet.append([None, None, None, None, None, None, None])  # an empty row is skipped
    sheet.append(
        [20240002, "2024-02-02", "balie", "Parkeren", dt.date(2024, 2, 3), "ingetrokken", "Fair play"]
    )
    workbook.create_sheet("Toelichting").append(["this sheet is not read"])
    path = tmp_path / "register.xlsx"
    workbook.save(path)

    summary = import_register(path)

    assert summary.complaints_created == 2
    first = Complaint.objects.get(reference="TST-2024-0001")
    assert (first.received_on, first.closed_on, first.channel, first.judgement) == (
        dt.date(2024, 2, 1),
        dt.date(2024, 2, 15),
        "e-mail",
        Judgement.UNFOUNDED,
    )
    second = Complaint.objects.get(reference="20240002")
    assert second.outcome == Outcome.WITHDRAWN
    assert [n.name for n in second.natures.all()] == ["Fair play"]


def test_an_xlsx_row_error_names_the_sheet_row(municipality, tmp_path):
    workbook = openpyxl.Workbook()
    workbook.active.append(["kenmerk", "ontvangen_op", "afdeling"])
    workbook.active.append(["A-1", "2024-02-01", "Burgerzaken"])
    workbook.active.append(["A-2", "2024-02-31", "Burgerzaken"])
    path = tmp_path / "register.xlsx"
    workbook.save(path)

    assert [(e.row, e.column) for e in errors_of(path.read_bytes(), filename="r.xlsx")] == [
        (3, "ontvangen_op")
    ]


BAD_ROWS = [
    # row 2: every required value missing
    ",,,,,,,,,,,alleen een omschrijving",
    # row 3: unparsable dates
    "TST-2024-0003,3 maart 2024,,,Burgerzaken,,,,2024-13-01,31-02-2024,gegrond,",
    # row 4: closed before receipt
    "TST-2024-0004,2024-03-04,,,Burgerzaken,,,,,2024-03-01,gegrond,",
    # row 5: extension after closure, and before receipt in row 6
    "TST-2024-0005,2024-03-04,,,Burgerzaken,,,,2024-04-20,2024-04-10,gegrond,",
    "TST-2024-0006,2024-03-04,,,Burgerzaken,,,,2024-03-01,,,",
    # row 7: an oordeel without afgehandeld_op; row 8 the reverse
    "TST-2024-0007,2024-03-04,,,Burgerzaken,,,,,,gegrond,",
    "TST-2024-0008,2024-03-04,,,Burgerzaken,,,,,2024-04-01,,",
    # row 9: unknown kanaal, soort, aard, afhandeling and oordeel
    "TST-2024-0009,2024-03-04,fax,bezwaar,Burgerzaken,,Snelheid;Maatwerk,half,,2024-04-01,heel gegrond,",
    # row 10: a kenmerk twice in the file (first in row 4); row 11 one already in the register
    "TST-2024-0004,2024-03-05,,,Burgerzaken,,,,,,,",
    "TST-2024-0001,2024-03-05,,,Burgerzaken,,,,,,,",
    # row 12: a date in the future, a kenmerk with a slash, a name that is too long, too many values
    "TST/2024/12,2025-02-01,,,Burgerzaken," + "x" * 201 + ",,,,,,,,,,extra",
]
EXPECTED_ERRORS = [
    (2, "kenmerk"),
    (2, "ontvangen_op"),
    (2, "afdeling"),
    (3, "ontvangen_op"),
    (3, "verlengd_op"),
    (3, "afgehandeld_op"),
    (4, "afgehandeld_op"),
    (5, "verlengd_op"),
    (6, "verlengd_op"),
    (7, "afgehandeld_op"),
    (8, "oordeel"),
    (9, "kanaal"),
    (9, "soort"),
    (9, "aard"),
    (9, "afhandeling"),
    (9, "oordeel"),
    (10, "kenmerk"),
    (11, "kenmerk"),
    (12, "kenmerk"),
    (12, "ontvangen_op"),
    (12, "partner"),
    (12, ""),
]


def test_a_bad_file_is_refused_whole_with_every_error(municipality):
    received_complaint(received_on=dt.date(2024, 3, 1))  # TST-2024-0001 is in the register
    counts = (Complaint.objects.count(), Department.objects.count(), HistoryEvent.objects.count())
    good = "TST-2024-0100,2024-03-04,,,Nieuwe afdeling,Nieuwe partner,,,,,,"

    errors = errors_of(csv_bytes(*BAD_ROWS, good))

    assert [(error.row, error.column) for error in errors] == EXPECTED_ERRORS
    assert (Complaint.objects.count(), Department.objects.count(), HistoryEvent.objects.count()) == counts
    assert not Partner.objects.exists()
    assert not Complaint.objects.filter(reference="TST-2024-0100").exists()
    assert ReferenceCounter.objects.get(prefix="TST", year=2024).last_number == 1


def test_error_messages_are_dutch_and_name_row_and_column(municipality):
    errors = errors_of(csv_bytes(*BAD_ROWS))
    messages = [str(error) for error in errors]

    assert "rij 4, kolom afgehandeld_op: datum ligt vóór ontvangen_op" in messages
    assert "rij 2, kolom kenmerk: waarde ontbreekt" in messages
    assert "rij 10, kolom kenmerk: komt meer dan eens voor in het bestand (ook in rij 4)" in messages
    assert any(
        m.startswith("rij 9, kolom aard: staat niet in de catalogus van aarden: “Snelheid”") for m in messages
    )


def test_header_problems(municipality):
    errors = errors_of(csv_bytes(header="kenmerk,ontvangen_op,afdelnig,kenmerk,opmerking"))

    assert [(e.row, e.column) for e in errors] == [
        (1, "kenmerk"),  # twice
        (1, "afdeling"),  # missing
        (1, "afdelnig"),  # unknown
        (1, "opmerking"),  # unknown
    ]
    assert "afdeling" in errors[2].message  # the suggestion for the typo


def test_files_that_cannot_be_read(municipality):
    assert [e.row for e in errors_of(b"")] == [1]
    assert [e.row for e in errors_of(b"PK\x03\x04 not really a workbook")] == [1]
    assert [e.row for e in errors_of(b"\xd0\xcf\x11\xe0 an old xls")] == [1]
    latin1 = csv_bytes("TST-1,2024-01-02,,,Caf\xe9,,,,,,,").replace(b"\xc3\xa9", b"\xe9")
    assert [(e.row, e.column) for e in errors_of(latin1)] == [(2, "afdeling")]


def test_the_computed_columns_of_an_export_are_accepted_and_recomputed(municipality):
    header = ",".join([*COLUMNS, *COMPUTED_COLUMNS])
    import_register(
        io.BytesIO(
            csv_bytes("TST-2024-0001,2024-03-04,,,Burgerzaken,,,,,,,,,,,1999-01-01,,ja", header=header)
        )
    )

    assert Complaint.objects.get().term_ends_on == dt.date(2024, 4, 15)


def test_imported_references_are_never_handed_out_again(municipality):
    import_register(io.BytesIO(csv_bytes("TST-2024-0041,2024-03-04,,,Burgerzaken,,,,,,,")))

    assert received_complaint(received_on=dt.date(2024, 5, 1)).reference == "TST-2024-0042"
    assert received_complaint(received_on=dt.date(2023, 5, 1)).reference == "TST-2023-0001"


def test_import_runs_no_query_per_row(municipality):
    def queries_for(count: int, year: int) -> tuple[int, int]:
        lines = [
            f"TST-{year}-{n + 1:04d},{year}-03-04,,,Afdeling {year},Partner {year},Maatwerk;Integriteit,"
            f"formeel,,{year}-03-05,gegrond,tekst"
            for n in range(count)
        ]
        with CaptureQueriesContext(connection) as context:
            import_register(io.BytesIO(csv_bytes(*lines)))
        inserts = [q for q in context.captured_queries if q["sql"].startswith("INSERT")]
        return len(context.captured_queries) - len(inserts), len(inserts)

    few_lookups, _ = queries_for(5, 2023)
    many_lookups, many_inserts = queries_for(300, 2024)
    assert few_lookups == many_lookups
    # Batched: far fewer statements than rows. On SQLite a statement takes at most 999 parameters, so the
    # batches shrink as the complaint gains columns; one statement per row would be 300 or more.
    assert many_inserts < 300 / 5


def test_import_command_prints_a_summary(municipality, capsys):
    call_command("import_register", str(LEIDEN))

    out = capsys.readouterr().out
    assert "894" in out and "2024: 311" in out
    assert HistoryEvent.objects.filter(actor_label__contains="(").count() == 894


def test_import_command_lists_every_error_and_stores_nothing(municipality, tmp_path, capsys):
    received_complaint(received_on=dt.date(2024, 3, 1))
    path = tmp_path / "fout.csv"
    path.write_bytes(csv_bytes(*BAD_ROWS))

    with pytest.raises(CommandError, match="22"):
        call_command("import_register", str(path))

    assert len(capsys.readouterr().err.strip().splitlines()) == len(EXPECTED_ERRORS)
    assert Complaint.objects.count() == 1


def test_import_command_refuses_a_missing_file(municipality):
    with pytest.raises(CommandError):
        call_command("import_register", "/does/not/exist.csv")


def test_export_command_writes_a_file_and_logs_the_export(municipality, tmp_path):
    import_register(LEIDEN)
    path = tmp_path / "export.csv"

    call_command("export_register", "--year", "2024", "--output", str(path))

    with path.open(encoding="utf-8", newline="") as stream:
        assert len(list(csv.DictReader(stream))) == 311
    log = PersonalDataAccess.objects.get()
    assert log.action == PersonalDataAccess.Action.EXPORT
    assert log.actor_label and "311" in log.detail and log.user is None


def test_export_command_writes_to_standard_output(municipality, capsys):
    import_register(io.BytesIO(csv_bytes('TST-2024-0001,2024-03-04,,,Burgerzaken,,,,,,,"a, b"')))

    call_command("export_register")

    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows[0] == [*COLUMNS, *COMPUTED_COLUMNS]
    assert rows[1][0] == "TST-2024-0001" and rows[1][11] == "a, b"
    assert PersonalDataAccess.objects.count() == 1


def test_export_to_a_binary_stream_is_utf8(municipality):
    import_register(io.BytesIO(csv_bytes("TST-2024-0001,2024-03-04,,,Zoë's afdeling,,,,,,,")))
    out = io.BytesIO()

    assert export_register(out) == 1
    assert "Zoë's afdeling" in out.getvalue().decode("utf-8")


def test_personal_data_goes_with_the_complaint(municipality):
    import_register(io.BytesIO(csv_bytes("TST-2024-0001,2024-03-04,,,Burgerzaken,,,,,,,Naam en adres")))

    assert PersonalData.objects.get().description == "Naam en adres"


def test_a_file_with_only_the_header_imports_nothing(municipality):
    summary = import_register(io.BytesIO(csv_bytes()))

    assert isinstance(summary, ImportSummary) and summary.complaints_created == 0


def test_a_misspelled_department_is_an_error_naming_the_likely_one(municipality):
    Department.objects.create(name="Burgerzaken")
    line = "TST-2024-0001,2024-03-04,,,Burgerzakem,,,,,,,"

    with pytest.raises(RegisterError) as error:
        import_register(io.BytesIO(csv_bytes(line)))

    assert "bedoelde u 'Burgerzaken'" in str(error.value.errors[0])
    assert not Department.objects.filter(name="Burgerzakem").exists()
    assert not Complaint.objects.exists()


def test_a_confirmed_new_department_with_a_close_name_is_created(municipality):
    Department.objects.create(name="Burgerzaken")
    line = "TST-2024-0001,2024-03-04,,,Burgerzakem,,,,,,,"

    summary = import_register(io.BytesIO(csv_bytes(line)), create_departments=True)

    assert summary.new_departments == ("Burgerzakem",)


def test_the_command_asks_for_create_departments(municipality, tmp_path):
    Department.objects.create(name="Openbare Ruimte")
    path = tmp_path / "register.csv"
    path.write_bytes(csv_bytes("TST-2024-0001,2024-03-04,,,Openbare Ruimt,,,,,,,"))

    with pytest.raises(CommandError):
        call_command("import_register", str(path))
    call_command("import_register", str(path), "--create-departments")

    assert Department.objects.filter(name="Openbare Ruimt").exists()


def test_departments_that_differ_in_their_number_are_not_a_typing_error(municipality):
    Department.objects.create(name="Wijkteam 1")

    summary = import_register(io.BytesIO(csv_bytes("TST-2024-0001,2024-03-04,,,Wijkteam 2,,,,,,,")))

    assert summary.new_departments == ("Wijkteam 2",)


LEARNING_HEADER = "kenmerk,ontvangen_op,afdeling,afgehandeld_op,oordeel,thema,leerpunt,ombudsman_op"


def test_learning_columns_make_a_learning_point_with_its_themes(municipality):
    from klachtwijzer.learning.models import LearningPoint, Source, Theme

    Theme.objects.create(name="Terugbelafspraken")
    data = csv_bytes(
        "TST-2024-0001,2024-03-04,Burgerzaken,2024-03-20,gegrond,terugbelafspraken;Bejegening,"
        "Niet teruggebeld,2024-06-01",
        "TST-2024-0002,2024-03-05,Belastingen,,,,Open klacht met een leerpunt,",
        "TST-2024-0003,2024-03-06,Belastingen,2024-03-07,ongegrond,,,",
        header=LEARNING_HEADER,
    )

    import_register(io.BytesIO(data))

    first = LearningPoint.objects.get(complaint__reference="TST-2024-0001")
    assert (first.what_went_wrong, first.department.name, first.source) == (
        "Niet teruggebeld",
        "Burgerzaken",
        Source.REGISTER,
    )
    assert first.recorded_on == dt.date(2024, 3, 20)  # the closing date
    assert sorted(t.name for t in first.themes.all()) == [
        "Bejegening",
        "Terugbelafspraken",
    ]  # matched, created
    second = LearningPoint.objects.get(complaint__reference="TST-2024-0002")
    assert (second.recorded_on, list(second.themes.all())) == (dt.date(2024, 3, 5), [])
    assert not LearningPoint.objects.filter(complaint__reference="TST-2024-0003").exists()
    assert Complaint.objects.get(reference="TST-2024-0001").ombudsman_referred_on == dt.date(2024, 6, 1)
    rows = {row["kenmerk"]: row for row in exported()}
    assert (rows["TST-2024-0001"]["thema"], rows["TST-2024-0001"]["leerpunt"]) == (
        "Terugbelafspraken;Bejegening",
        "Niet teruggebeld",
    )
    assert rows["TST-2024-0001"]["ombudsman_op"] == "2024-06-01"
    assert (rows["TST-2024-0003"]["thema"], rows["TST-2024-0003"]["leerpunt"]) == ("", "")
    assert list(rows["TST-2024-0001"])[11:15] == ["omschrijving", "thema", "leerpunt", "ombudsman_op"]


def test_learning_column_errors_refuse_the_file(municipality):
    from klachtwijzer.learning.models import LearningPoint

    data = csv_bytes(
        "TST-2024-0001,2024-03-04,Burgerzaken,2024-03-20,gegrond,Bejegening,,",
        "TST-2024-0002,2024-03-04,Burgerzaken,,,,,2024-05-01",
        "TST-2024-0003,2024-03-04,Burgerzaken,2024-03-20,gegrond,,Leerpunt,2024-03-19",
        "TST-2024-0004,2024-03-04,Burgerzaken,2024-03-20,gegrond,,Leerpunt,2024-13-01",
        "TST-2024-0005,2024-03-04,Burgerzaken,2024-03-20,gegrond,,Leerpunt,2024-03-20",
        header=LEARNING_HEADER,
    )

    errors = errors_of(data)

    assert [(e.row, e.column) for e in errors] == [
        (2, "thema"),
        (3, "ombudsman_op"),
        (4, "ombudsman_op"),
        (5, "ombudsman_op"),
    ]
    assert "leerpunt" in errors[0].message
    assert "afgehandeld_op" in errors[1].message and "afgehandeld_op" in errors[2].message
    assert (Complaint.objects.count(), LearningPoint.objects.count()) == (0, 0)


def test_import_with_learning_points_runs_no_query_per_row(municipality):
    def queries_for(count: int, year: int) -> int:
        lines = [
            f"TST-{year}-{n + 1:04d},{year}-03-04,Afdeling {year},{year}-03-05,gegrond,Thema {n % 7};Vast,"
            f"Leerpunt {n},"
            for n in range(count)
        ]
        with CaptureQueriesContext(connection) as context:
            import_register(io.BytesIO(csv_bytes(*lines, header=LEARNING_HEADER)))
        return len([q for q in context.captured_queries if not q["sql"].startswith("INSERT")])

    assert queries_for(5, 2023) == queries_for(300, 2024)
