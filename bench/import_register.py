#!/usr/bin/env python3
"""Benchmark: import (and export) a register file of 100,000 complaints into a fresh PostgreSQL database.

    .venv/bin/python bench/import_register.py                 # 100,000 rows, PostgreSQL on 127.0.0.1
    .venv/bin/python bench/import_register.py --rows 20000
    .venv/bin/python bench/import_register.py --database-url sqlite:////tmp/bench.sqlite3

It creates (and afterwards drops) the database ``klachtwijzer_bench_<pid>``, migrates it, writes a
realistic register file (10 years, 8 departments, 3 partners, every ending, extensions, open
complaints) to a temporary CSV, imports it with ``import_register`` and exports it again with
``export_register``, and prints rows per second and the process's peak memory. The figures go into
docs/benchmarks.md, section "Register import".
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEPARTMENTS = [
    ("Burgerzaken", 14),
    ("Wmo en Jeugd", 16),
    ("Werk en Inkomen", 15),
    ("Openbare Ruimte", 17),
    ("Belastingen", 13),
    ("Vergunningen en Handhaving", 10),
    ("Parkeren", 8),
    ("Klantcontactcentrum", 7),
]
PARTNERS = [
    ("", 88),
    ("Afvalbedrijf Regio", 5),
    ("Stichting Sociaal Wijkteam", 4),
    ("Belastingsamenwerking", 3),
]
CHANNELS = [
    ("webformulier", 48),
    ("e-mail", 23),
    ("telefoon", 12),
    ("brief", 10),
    ("balie", 5),
    ("overig", 2),
]
ENDINGS = [
    ("ongegrond", 27),
    ("gegrond", 19),
    ("geen oordeel", 17),
    ("deels gegrond", 14),
    ("informeel opgelost", 16),
    ("ingetrokken", 3),
    ("niet in behandeling", 2),
    ("doorgestuurd", 1.5),
    ("geen klacht", 0.5),
]
NATURES = [
    "Professionaliteit",
    "Fatsoenlijke bejegening",
    "Goede organisatie",
    "Voortvarendheid",
    "Goede informatieverstrekking",
    "Luisteren naar de burger",
    "Goede motivering",
    "Betrouwbaarheid",
    "Maatwerk",
    "Samenwerking",
]
TEXTS = [
    "Ik ben al drie keer teruggebeld beloofd, maar niemand heeft gebeld.",
    "De medewerker aan de balie was onvriendelijk en luisterde niet.",
    "Mijn aanvraag ligt al maanden stil zonder dat ik iets hoor.",
    "De container in onze straat is twee weken niet geleegd, ondanks meldingen.",
    "Ik kreeg een aanslag met onjuiste gegevens; bezwaar maken kostte veel moeite.",
    "Het keukentafelgesprek werd zonder bericht afgezegd.",
    "De handhaver sprak mij op een denigrerende toon aan.",
    'Op mijn e-mail van vorige maand kwam alleen een automatisch "ontvangen"-bericht.',
]


def weighted(rng: random.Random, pairs: list[tuple[str, float]]) -> str:
    return rng.choices([value for value, _ in pairs], weights=[weight for _, weight in pairs])[0]


def register_rows(count: int, *, seed: int = 2024, last_day: dt.date = dt.date(2024, 12, 31)):
    """``count`` realistic register rows over the ten years up to ``last_day``, in order of receipt."""
    rng = random.Random(seed)
    first_day = last_day.replace(year=last_day.year - 9, month=1, day=1)
    span = (last_day - first_day).days
    days = sorted(first_day + dt.timedelta(days=rng.randrange(span + 1)) for _ in range(count))
    numbers: dict[int, int] = {}
    for received in days:
        numbers[received.year] = numbers.get(received.year, 0) + 1
        age = (last_day - received).days
        closed_after = min(int(rng.expovariate(1 / 30)), 200)
        is_open = closed_after > age or (age < 60 and rng.random() < 0.3)
        ending = "" if is_open else weighted(rng, ENDINGS)
        route = {"informeel opgelost": "informeel", "": rng.choice(["", "formeel", "informeel"])}.get(
            ending, "" if ending in ("ingetrokken", "niet in behandeling", "doorgestuurd") else "formeel"
        )
        closed = None if is_open else received + dt.timedelta(days=closed_after)
        extended = None
        if rng.random() < 0.15 and (is_open or closed_after > 30):
            extended = received + dt.timedelta(days=rng.randint(25, 42 if is_open else min(closed_after, 42)))
            if extended > last_day:
                extended = None
        natures = rng.sample(NATURES, k=rng.choice([1, 1, 1, 2]))
        yield {
            "kenmerk": f"BEN-{received.year}-{numbers[received.year]:04d}",
            "ontvangen_op": received.isoformat(),
            "kanaal": weighted(rng, CHANNELS),
            "soort": "andersoortig" if rng.random() < 0.04 else "awb",
            "afdeling": weighted(rng, DEPARTMENTS),
            "partner": weighted(rng, PARTNERS),
            "aard": ";".join(natures),
            "afhandeling": route,
            "verlengd_op": extended.isoformat() if extended else "",
            "afgehandeld_op": closed.isoformat() if closed else "",
            "oordeel": ending,
            "omschrijving": rng.choice(TEXTS),
        }


def write_register(path: Path, count: int) -> None:
    from klachtwijzer.complaints.register_file import COLUMNS

    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(register_rows(count))


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def create_database(url: str) -> tuple[str, str | None]:
    """A fresh database: for PostgreSQL a new database on the given server, dropped afterwards."""
    if not url.startswith("postgres"):
        return url, None
    import psycopg

    server, _, _ = url.rpartition("/")
    name = f"klachtwijzer_bench_{os.getpid()}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    return f"{server}/{name}", name


def drop_database(url: str, name: str) -> None:
    import psycopg
    from django.db import connections

    connections.close_all()
    server, _, _ = url.rpartition("/")
    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def run(rows: int, database_url: str) -> None:
    url, created = create_database(database_url)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "klachtwijzer.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from klachtwijzer.accounts.models import Municipality
    from klachtwijzer.complaints.register import export_register, import_register

    try:
        call_command("migrate", verbosity=0)
        Municipality.objects.create(name="Gemeente Bench", reference_prefix="BEN")
        with tempfile.TemporaryDirectory() as directory:
            path = Path(directory) / "register.csv"
            started = time.perf_counter()
            write_register(path, rows)
            generated = time.perf_counter() - started
            print(f"database     {connection.vendor} {connection.pg_version if created else ''}".rstrip())
            size = path.stat().st_size / 1e6
            print(f"file         {rows:,} rows, {size:.1f} MB, generated in {generated:.1f} s")
            memory_before = peak_rss_mb()
            started = time.perf_counter()
            summary = import_register(path)
            seconds = time.perf_counter() - started
            print(f"import       {seconds:.1f} s, {rows / seconds:,.0f} rows/s, {summary}")
            print(f"peak memory  {peak_rss_mb():.0f} MB (process; {memory_before:.0f} MB before the import)")
            started = time.perf_counter()
            with (Path(directory) / "export.csv").open("w", encoding="utf-8", newline="") as out:
                exported = export_register(out)
            seconds = time.perf_counter() - started
            print(f"export       {seconds:.1f} s, {exported / seconds:,.0f} rows/s")
            print(f"peak memory  {peak_rss_mb():.0f} MB after the export")
    finally:
        if created:
            drop_database(url, created)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres"),
        help="a PostgreSQL server (a fresh database is created on it) or an SQLite URL",
    )
    arguments = parser.parse_args()
    run(arguments.rows, arguments.database_url)


if __name__ == "__main__":
    main()
