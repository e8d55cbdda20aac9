"""Importing partner figures: all or nothing, every error listed, own partner only, corrections kept."""

import datetime as dt
import io

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from klachtwijzer.partners.importing import RegisterError, import_partner_figures
from klachtwijzer.partners.models import PartnerFigures

from .conftest import HEADER, figures_file

GOOD = "Belastingsamenwerking West;2025-01-01;2025-03-31;40;38;5;3;20;30"


def upload(data: bytes, user, *, replace: bool = False, filename: str = "cijfers.csv"):
    return import_partner_figures(data=data, filename=filename, acting_user=user, replace=replace)


def messages(error: RegisterError) -> list[str]:
    return [str(problem) for problem in error.value.errors]  # type: ignore[attr-defined]


def test_the_partners_own_user_reports_its_figures(partners):
    summary = upload(figures_file(GOOD), partners.taxes_user)

    figures = PartnerFigures.objects.get()
    assert (figures.partner, figures.received, figures.closed, figures.founded) == (partners.taxes, 40, 38, 8)
    assert figures.within_term == 30
    assert figures.period_from == dt.date(2025, 1, 1) and figures.period_to == dt.date(2025, 3, 31)
    assert figures.reported_by == partners.taxes_user
    assert "1 periode" in str(summary)


def test_an_excel_file_with_dutch_dates_and_other_case_is_read(partners):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Partner", "PERIODE_VAN", "periode_tot", "ontvangen", "afgehandeld", "toelichting"])
    sheet.append(
        [
            "belastingsamenwerking west",
            "01-01-2025",
            dt.datetime(2025, 3, 31, tzinfo=dt.UTC).replace(tzinfo=None),
            12,
            10,
            "rustig kwartaal",
        ]
    )
    buffer = io.BytesIO()
    workbook.save(buffer)

    upload(buffer.getvalue(), partners.accounthouder, filename="cijfers.xlsx")

    figures = PartnerFigures.objects.get()
    assert (figures.partner, figures.received, figures.explanation) == (partners.taxes, 12, "rustig kwartaal")
    assert figures.within_term is None


def test_a_bad_file_is_refused_whole_with_every_error_listed(partners):
    data = figures_file(
        GOOD,
        "Onbekende Partner;2025-01-01;2025-03-31;4;4;0;0;0;0",
        "Belastingsamenwerking West;2025-04-01;2025-03-01;5;6;0;0;0;0",
        "Belastingsamenwerking West;2025-04-01;2025-04-30;vijf;2;9;0;0;3",
        "Belastingsamenwerking West;2025-02-01;2025-02-28;1;1;0;0;0;0",
    )
    with pytest.raises(RegisterError) as error:
        upload(data, partners.accounthouder)

    found = messages(error)
    assert "rij 3, kolom partner: er is geen partner van de gemeente met deze naam" in found
    assert "rij 4, kolom periode_tot: de periode eindigt voordat hij begint (periode_van)" in found
    assert "rij 4, kolom afgehandeld: meer dan ontvangen (5)" in found
    assert "rij 5, kolom ontvangen: geen heel getal van 0 of meer: “vijf”" in found
    assert any(m.startswith("rij 5, kolom gegrond: de uitkomsten tellen op tot 9") for m in found)
    assert any(m.startswith("rij 5, kolom binnen_termijn") for m in found)
    assert "rij 6, kolom periode_van: de periode overlapt de periode van rij 2 van dezelfde partner" in found
    assert not PartnerFigures.objects.exists()


def test_an_unknown_column_and_a_missing_one_are_named(partners):
    data = (
        b"partner;periode_van;ontvangen;afgehandeld;klachten\nBelastingsamenwerking West;2025-01-01;1;1;3\n"
    )
    with pytest.raises(RegisterError) as error:
        upload(data, partners.accounthouder)
    found = messages(error)
    assert "rij 1, kolom klachten: onbekende kolom; het bestand heeft zo'n kolom niet" in found
    assert "rij 1, kolom periode_tot: deze verplichte kolom ontbreekt" in found


def test_a_partner_user_may_report_only_for_its_own_partner(partners):
    with pytest.raises(RegisterError) as error:
        upload(figures_file("Sociaal Wijkteam;2025-01-01;2025-03-31;4;4;0;0;0;0"), partners.taxes_user)
    assert messages(error) == ["rij 2, kolom partner: u mag alleen cijfers aanleveren voor uw eigen partner"]
    assert not PartnerFigures.objects.exists()


def test_an_accounthouder_reports_only_for_their_own_partners(partners):
    with pytest.raises(RegisterError) as error:
        upload(figures_file("Sociaal Wijkteam;2025-01-01;2025-03-31;4;4;0;0;0;0"), partners.accounthouder)
    assert "accounthouder" in messages(error)[0]


def test_an_overlapping_period_is_refused_unless_it_replaces_and_the_history_stays(partners):
    upload(figures_file(GOOD), partners.taxes_user)
    corrected = "Belastingsamenwerking West;2025-01-01;2025-03-31;44;40;6;3;20;31"

    with pytest.raises(RegisterError) as error:
        upload(figures_file(corrected), partners.accounthouder)
    assert "al cijfers aangeleverd voor 2025-01-01 tot 2025-03-31" in messages(error)[0]
    assert PartnerFigures.objects.count() == 1

    summary = upload(figures_file(corrected), partners.accounthouder, replace=True)

    assert "vervangen" in str(summary)
    old, new = PartnerFigures.objects.order_by("pk")
    assert old.replaced_at is not None and old.replaced_by == partners.accounthouder
    assert old.replacement == new and old.received == 40
    assert list(PartnerFigures.objects.current()) == [new]
    assert new.received == 44


def test_the_command_line_imports_as_a_user_and_refuses_in_dutch(partners, tmp_path):
    path = tmp_path / "cijfers.csv"
    path.write_bytes(figures_file("Sociaal Wijkteam;2024-01-01;2024-12-31;30;28;4;5;10;20"))
    with pytest.raises(CommandError, match="niets opgeslagen: 1 fout"):
        call_command("import_partner_figures", str(path), "--as", "belastingen", stderr=io.StringIO())
    out = io.StringIO()
    call_command("import_partner_figures", str(path), "--as", "wijkteam", stdout=out)
    assert "Sociaal Wijkteam" in out.getvalue()
    path.write_bytes(figures_file("Sociaal Wijkteam;2024-01-01;2024-12-31;31;28;4;5;10;20"))
    with pytest.raises(CommandError):
        call_command("import_partner_figures", str(path), stderr=io.StringIO())
    call_command("import_partner_figures", str(path), "--replace", stdout=io.StringIO())
    assert PartnerFigures.objects.count() == 2
    assert PartnerFigures.objects.current().get().received == 31


CELL = st.one_of(
    st.sampled_from(
        ["", "-1", "1e3", "٣", "=1+1", "2025-02-30", "31-12-2025", "99999999", "Sociaal Wijkteam"]
    ),
    st.text(max_size=8),
    st.integers(min_value=0, max_value=60).map(str),
)


@st.composite
def hostile_files(draw) -> bytes:
    header = draw(st.sampled_from([HEADER, HEADER.replace(";", ","), HEADER + ";extra", "", "partner"]))
    rows = draw(st.lists(st.lists(CELL, min_size=0, max_size=11).map(";".join), max_size=5))
    text = "\n".join([header, *rows])
    return draw(st.sampled_from(["utf-8", "latin-1"])) and text.encode("utf-8", "surrogateescape")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=hostile_files() | st.binary(max_size=200))
def test_hostile_files_are_refused_in_dutch_or_stored_whole(partners, data):
    before = PartnerFigures.objects.count()
    try:
        summary = upload(data, partners.care_user, replace=True)
    except RegisterError as error:
        assert error.errors and all(str(problem) for problem in error.errors)
        assert PartnerFigures.objects.count() == before
    else:
        assert PartnerFigures.objects.count() == before + summary.stored
