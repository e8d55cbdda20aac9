"""Publication (Awb 9:12a): the anonymous open data of an adopted version, and the package for the website."""

import csv
import datetime as dt
import io
import json
import zipfile

import pytest
import time_machine

from klachtwijzer.reporting import publication
from klachtwijzer.reporting.adoption import finalise_report, record_adoption, save_texts
from klachtwijzer.reporting.tests.builders import PERSONAL
from klachtwijzer.reporting.tests.registers import import_synthetic

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(dt.datetime(2025, 2, 1, 12, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def version(year_of_complaints, coordinator):
    save_texts(
        year=2024,
        texts={"conclusions": "Vrije tekst van de coördinator: niet in de open data."},
        as_of=dt.date(2025, 1, 15),
        acting_user=coordinator,
    )
    return finalise_report(year=2024, acting_user=coordinator)


def csv_rows(version) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(publication.to_csv(version).decode("utf-8"))))


def test_the_open_data_holds_no_personal_data_no_free_text_and_no_small_numbers(version):
    rows = csv_rows(version)
    data = publication.to_csv(version).decode() + publication.to_json(version).decode()

    for secret in [*PERSONAL.values(), "Kastanjelaan", "coördinator"]:
        assert secret not in data
    for row in rows:
        if row["eenheid"] == "aantal" and row["waarde"]:
            assert int(row["waarde"]) == 0 or int(row["waarde"]) >= 5, row
        assert (row["waarde"] == "") == (row["onderdrukt"] == "ja"), row


def test_the_open_data_suppresses_a_second_cell_that_would_give_a_small_one_away(version):
    departments = {
        r["categorie"]: r
        for r in csv_rows(version)
        if r["indeling"] == "afdeling" and r["kenmerk"] == "ontvangen"
    }

    # Belastingen received 1 and Burgerzaken 7: with the total of 8 published, 7 would reveal the 1.
    assert (departments["Belastingen"]["onderdrukt"], departments["Belastingen"]["markering"]) == (
        "ja",
        "< 5",
    )
    # 7 is no small number: it is marked as hidden to protect another cell
    assert (departments["Burgerzaken"]["onderdrukt"], departments["Burgerzaken"]["markering"]) == ("ja", "×")
    totals = {r["kenmerk"]: r["waarde"] for r in csv_rows(version) if r["indeling"] == "totaal"}
    assert totals["ontvangen"] == "8"


def test_the_json_says_what_it_is(version, coordinator):
    record_adoption(version, adopted_on=dt.date(2025, 1, 30), acting_user=coordinator)

    document = json.loads(publication.to_json(version))

    assert document["gemeente"] == "Gemeente Teststad"
    assert (document["jaar"], document["peildatum"], document["vastgesteld_op"]) == (
        2024,
        "2025-01-15",
        "2025-01-30",
    )
    assert document["onderdrukkingsgrens"] == 5
    assert "9:12a" in document["toelichting"]
    assert {
        "jaar": 2024,
        "indeling": "totaal",
        "categorie": "",
        "kenmerk": "ontvangen",
        "waarde": 8,
        "eenheid": "aantal",
        "onderdrukt": False,
        "markering": "",
    } in document["cijfers"]
    assert "× = verborgen om een ander klein getal te beschermen" in document["legenda"]


def test_a_larger_register_publishes_its_counts_and_percentages(municipality, coordinator):
    import_synthetic(400)
    version = finalise_report(year=2024, acting_user=coordinator)

    rows = {(r["indeling"], r["categorie"], r["kenmerk"]): r for r in csv_rows(version)}

    assert rows[("totaal", "", "ontvangen")]["waarde"] == str(version.figures["received"])
    assert rows[("tijdigheid", "binnen 6 weken", "percentage")]["waarde"] == str(
        version.figures["within_term_pct"]
    ).replace(".", ",")
    assert rows[("afdoening", "gegrond", "aantal")]["waarde"] == str(version.figures["outcomes"]["gegrond"])


def test_the_package_holds_the_adopted_pdf_and_the_open_data(version, coordinator):
    record_adoption(version, adopted_on=dt.date(2025, 1, 30), acting_user=coordinator)

    archive = zipfile.ZipFile(io.BytesIO(publication.package(version)))

    assert sorted(archive.namelist()) == [
        "jaarverslag-klachten-2024-versie-1.pdf",
        "leesmij-klachten-2024-versie-1.txt",
        "register-klachten-2024-versie-1.csv",
        "register-klachten-2024-versie-1.json",
    ]
    assert archive.read("jaarverslag-klachten-2024-versie-1.pdf") == bytes(version.pdf)
    readme = archive.read("leesmij-klachten-2024-versie-1.txt").decode("utf-8")
    assert "< 5: 1 tot en met 4 klachten. × = verborgen om een ander klein getal te beschermen." in readme
