#!/usr/bin/env python3
"""Benchmark: finding a complaint by reference, name, e-mail, phone or words among 1,000,000 complaints.

    .venv/bin/python bench/search.py --keep     # generate klachtwijzer_search_bench, measure, keep it
    .venv/bin/python bench/search.py --reuse    # measure the kept database again

The complaints come from the generator of ``bench/report_figures.py``; each gets personal data (200
surnames, so a common surname matches about 5,000 complaints; one rare surname ten), an e-mail address, a
phone number and one of eight descriptions. Then, taking turns so both see the same load, each search
``--runs`` times: the complaint list page ``/klachten/?q=...`` as the coordinator through Django's test
client (the whole request: session, form, search, count, the first page, template), against the lean
hand-written SQL that finds the same first page and count with the same indexes. The load average is
printed with the results. Figures: docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import report_figures  # noqa: E402
from dashboard import login_verified, percentile  # noqa: E402

NAME = "klachtwijzer_search_bench"
FIRST_NAMES = [
    "Anna",
    "Daan",
    "Emma",
    "Sem",
    "Julia",
    "Lucas",
    "Mila",
    "Finn",
    "Tess",
    "Noah",
    "Sara",
    "Levi",
    "Zoë",
    "Milan",
    "Evi",
    "Jesse",
    "Lotte",
    "Thijs",
    "Fleur",
    "Ruben",
]
STEMS = [
    "Jansen",
    "Vries",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "Mulder",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "Dekker",
    "Brouwer",
    "Wit",
    "Dijkstra",
    "Smits",
    "Graaf",
    "Linden",
    "Kok",
    "Jacobs",
    "Haan",
    "Vermeulen",
    "Heuvel",
    "Veen",
    "Berg",
    "Dijk",
    "Hoek",
    "Koster",
    "Prins",
    "Leeuwen",
    "Huisman",
    "Peeters",
    "Kuipers",
    "Wal",
    "Willems",
    "Boer",
    "Schouten",
    "Hermans",
    "Maas",
    "Verhoeven",
    "Kramer",
    "Post",
    "Groot",
    "Wouters",
    "Ven",
    "Bosch",
    "Gerritsen",
    "Zwart",
    "Lammers",
    "Evers",
]
SURNAMES = [f"{prefix}{stem}" for prefix in ("", "van ", "de ", "van der ") for stem in STEMS]
DESCRIPTIONS = [
    "Ik ben niet teruggebeld over mijn aanvraag, terwijl dat wel was afgesproken.",
    "De afvalcontainer in onze straat is drie weken niet geleegd.",
    "De medewerker aan de balie was onvriendelijk en luisterde niet.",
    "Mijn bezwaar tegen de aanslag ligt al maanden zonder antwoord.",
    "Het wijkteam kwam de afspraak voor de keukentafel niet na.",
    "Op mijn e-mail over de parkeervergunning kreeg ik geen reactie.",
    "De brief over de uitkering was onduidelijk en kwam te laat.",
    "Bij de aanvraag van een paspoort kreeg ik verkeerde informatie.",
]
PERSONAL = """
INSERT INTO complaints_personaldata (complaint_id, name, address, postcode, city, email, phone,
    person_complained_about, description, desired_outcome, hearing_report, findings, notes)
SELECT c.id,
       CASE WHEN c.id %% 100000 = 7 THEN 'Anna Zwartendijk'
            ELSE (%(first)s::text[])[1 + c.id %% 20] || ' '
                 || (%(surnames)s::text[])[1 + (c.id / 20) %% 200] END,
       'Breestraat ' || (1 + c.id %% 300), '2311 AB', 'Leiden', 'inwoner' || c.id || '@example.nl',
       '06' || lpad(((c.id * 7919) %% 100000000)::text, 8, '0'),
       CASE WHEN c.id %% 3 = 0 THEN 'medewerker ' || (%(surnames)s::text[])[1 + (c.id / 7) %% 200]
            ELSE '' END,
       (%(descriptions)s::text[])[1 + c.id %% 8], '', '', '', ''
FROM complaints_complaint c
"""
SEARCHES = {
    "common surname (about 5,000 complaints)": "Jansen",
    "rare surname (10 complaints)": "Zwartendijk",
    "e-mail address": "inwoner123457@example.nl",
    "phone number, first digits": "0612345",
    "reference prefix": "BEN-12345",
    "word of the description": "teruggebeld",
}
PEOPLE = """upper(name::text) LIKE %(like)s OR upper(email::text) LIKE %(like)s
       OR upper(phone::text) LIKE %(like)s OR upper(person_complained_about::text) LIKE %(like)s
       OR upper(description) LIKE %(like)s
       OR to_tsvector('dutch'::regconfig, COALESCE(description, ''))
          @@ websearch_to_tsquery('dutch'::regconfig, %(words)s)"""
# The lean reference: the same union of ids from the same indexes, its count and its first page.
REFERENCE = """
WITH found AS MATERIALIZED (
    SELECT id FROM complaints_complaint WHERE reference LIKE %(prefix)s
    UNION
    SELECT complaint_id FROM complaints_personaldata WHERE {people}
)
SELECT (SELECT count(*) FROM found),
       (SELECT array_agg(reference) FROM (
            SELECT c.reference FROM complaints_complaint c JOIN found ON found.id = c.id
            ORDER BY c.received_on DESC, c.reference DESC LIMIT 25) page)
"""


def add_personal_data() -> None:
    """Personal data for every complaint, then the search indexes of the migration built once."""
    import importlib

    from django.db import connection

    migration = importlib.import_module("klachtwijzer.complaints.migrations.0008_add_search_indexes")
    with connection.cursor() as cursor:
        for statement in migration.DROP:
            cursor.execute(statement)
        params = {"first": FIRST_NAMES, "surnames": SURNAMES, "descriptions": DESCRIPTIONS}
        cursor.execute(PERSONAL, params)
        started = time.perf_counter()
        for statement in migration.CREATE:
            cursor.execute(statement)
        print(f"search indexes built in {time.perf_counter() - started:.1f} s")
        cursor.execute("VACUUM (ANALYZE)")


def run_reference(text: str) -> tuple:
    from django.db import connection

    sql = REFERENCE.format(people="upper(phone::text) LIKE %(like)s" if text.isdigit() else PEOPLE)
    with connection.cursor() as cursor:
        cursor.execute(sql, {"prefix": text.upper() + "%", "like": f"%{text.upper()}%", "words": text})
        return cursor.fetchone()


def measure(runs: int) -> None:
    import time_machine
    from django.test import Client

    from klachtwijzer.accounts.models import Role, User

    coordinator, _created = User.objects.get_or_create(username="bench-coordinator", role=Role.COORDINATOR)
    client = Client()
    login_verified(client, coordinator)
    with time_machine.travel(dt.datetime(2025, 3, 1, 12, tzinfo=dt.UTC), tick=True):
        for label, text in SEARCHES.items():
            client.get("/klachten/", {"q": text})  # warm
            ours, theirs = [], []
            for _run in range(runs):
                started = time.perf_counter()
                response = client.get("/klachten/", {"q": text})
                ours.append(time.perf_counter() - started)
                assert response.status_code == 200, response.status_code
                started = time.perf_counter()
                count, _page = run_reference(text)
                theirs.append(time.perf_counter() - started)
            print(f"{label:42} list page p50 {statistics.median(ours) * 1000:6.1f} ms, p95 "
                  f"{percentile(ours, 95) * 1000:6.1f} ms | hand-written SQL p50 "
                  f"{statistics.median(theirs) * 1000:6.1f} ms, p95 {percentile(theirs, 95) * 1000:6.1f} ms"
                  f" | {count:,} found")  # fmt: skip
    print(f"load average (1, 5, 15 min): {', '.join(f'{load:.2f}' for load in os.getloadavg())}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--complaints", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--keep", action="store_true", help="keep the database for --reuse")
    parser.add_argument("--reuse", action="store_true", help="measure the kept database again")
    args = parser.parse_args()
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    database_url = args.database_url.rsplit("/", 1)[0] + "/" + NAME
    if not args.reuse:
        database_url = report_figures.create_database(args.database_url, NAME)
    report_figures.setup_django(database_url)
    try:
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        if not args.reuse:
            started = time.perf_counter()
            report_figures.generate(args.complaints)
            add_personal_data()
            print(f"generated {args.complaints:,} complaints with personal data in "
                  f"{time.perf_counter() - started:.1f} s")  # fmt: skip
        measure(args.runs)
    finally:
        if not (args.keep or args.reuse):
            report_figures.drop_database(args.database_url, NAME)


if __name__ == "__main__":
    main()
