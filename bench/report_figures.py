#!/usr/bin/env python3
"""Benchmark: the yearly figures over 1,000,000 complaints (ten years) in PostgreSQL.

    .venv/bin/python bench/report_figures.py                       # generate, measure, drop the database
    .venv/bin/python bench/report_figures.py --keep                # keep klachtwijzer_report_bench for reruns
    .venv/bin/python bench/report_figures.py --reuse --runs 11     # measure the kept database again
    .venv/bin/python bench/report_figures.py --complaints 100000 --documents
    .venv/bin/python bench/report_figures.py --database my_bench --keep   # a database of your own

It creates the database (``--database``, default ``klachtwijzer_report_bench``), migrates it, and
generates the complaints in the database itself (receipts spread over 2015-2024, 12 departments, 4
partners, every channel, ending and judgement, 15% extended, 3% other kinds, one or two natures each;
the term ends come from ``complaints/terms.py`` per date of receipt, so they are the stored values the
product would have). Then it times ``compute_figures(year=2024, as_of=2025-01-15)`` against the same
figures computed by one hand-written SQL query (``bench/report_reference.sql``) in four forms (the
cohort materialised or inlined, the median with the totals or in a branch of its own), all taking
turns on the same database; the fastest form is the baseline. Every key of every year's figures is
compared both ways with what each form of the query gives; a mismatch fails the run (exit status 1).
It also reports the number of queries and the memory used. The figures go into docs/benchmarks.md,
section "Yearly report".
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
NAME = "klachtwijzer_report_bench"
YEAR, AS_OF, TODAY = 2024, dt.date(2025, 1, 15), dt.date(2025, 3, 1)
FIRST_DAY, DAYS = dt.date(2015, 1, 1), 3653  # 2015-01-01 .. 2024-12-31
DEPARTMENTS = [
    "Burgerzaken", "Wmo en Jeugd", "Werk en Inkomen", "Openbare Ruimte", "Belastingen", "Parkeren",
    "Vergunningen en Handhaving", "Klantcontactcentrum", "Sport en Cultuur", "Onderwijs", "Wonen", "Afval",
]  # fmt: skip
PARTNERS = ["Afvalbedrijf Regio", "Stichting Sociaal Wijkteam", "Belastingsamenwerking", "Werkbedrijf"]


def server_connection(url: str):
    import psycopg

    return psycopg.connect(url, autocommit=True)


def create_database(server_url: str, name: str) -> str:
    with server_connection(server_url) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return server_url.rsplit("/", 1)[0] + "/" + name


def drop_database(server_url: str, name: str) -> None:
    from django.db import connections

    connections.close_all()
    with server_connection(server_url) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def setup_django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "klachtwijzer.settings")
    import django

    django.setup()


GENERATE = """
INSERT INTO complaints_complaint (
    reference, public_token, received_on, channel, form, kind, status, department_id, partner_id,
    about_governing_body, advisory_committee, triage_decision, route, forwarded_to, term_ends_on,
    not_handling_notice_due_on, extended_term_ends_on, ten_week_term_ends_on, extension_notice_on,
    extension_reason, hearing_waiver, not_handled_ground, informal_resolution_how, informal_resolution_by,
    outcome, judgement, closed_on, measures, ombudsman_reference, not_a_complaint_kind, version,
    retention_result, keep_permanently_reason, no_copy_reason, no_copy_note, not_handled_remedy_where,
    not_handled_late_reason, created_at)
SELECT 'BEN-' || g, gen_random_uuid(), s.received_on,
       (ARRAY['webformulier','webformulier','webformulier','e-mail','e-mail','telefoon','brief','balie',
              'sociale media','overig'])[1 + floor(s.r4 * 10)::int],
       'written', CASE WHEN s.r5 < 0.03 THEN 'andersoortig' ELSE 'awb' END,
       CASE WHEN s.closed_on IS NULL THEN 'in_handling' ELSE 'closed' END,
       (%(departments)s::bigint[])[1 + floor(s.r6 * 12)::int],
       CASE WHEN s.r7 < 0.12 THEN (%(partners)s::bigint[])[1 + floor(s.r7 * 100)::int %% 4] END,
       false, false, 'awb', CASE WHEN s.outcome = 'informal' THEN 'informeel' ELSE 'formeel' END, '',
       t.term_ends_on, t.notice_due_on,
       CASE WHEN s.extended THEN t.ten_week_term_ends_on END, t.ten_week_term_ends_on,
       CASE WHEN s.extended THEN s.received_on + 30 END,
       CASE WHEN s.extended THEN 'Drukte' ELSE '' END, '', '', '', '',
       CASE WHEN s.closed_on IS NULL THEN '' ELSE s.outcome END,
       CASE WHEN s.closed_on IS NOT NULL AND s.outcome = 'judged' THEN s.judgement ELSE '' END,
       s.closed_on, '', '', '', 1, '', '', '', '', '', '', now()
FROM (
    SELECT g, received_on, r4, r5, r6, r7, outcome, judgement,
           r3 < 0.15 AND received_on + duration > received_on + 30 AS extended,
           CASE WHEN received_on + duration <= %(today)s THEN received_on + duration END AS closed_on
    FROM (
        SELECT g, %(first)s::date + floor(random() * %(days)s)::int AS received_on,
               1 + least(floor(-ln(1 - random()) * 24)::int, 250) AS duration,
               random() AS r3, random() AS r4, random() AS r5, random() AS r6, random() AS r7,
               (ARRAY['judged','judged','judged','judged','judged','judged','judged','judged',
                      'informal','informal','withdrawn','not_handled','forwarded','not_a_complaint'])
                   [1 + floor(random() * 14)::int] AS outcome,
               (ARRAY['gegrond','deels gegrond','ongegrond','ongegrond','geen oordeel'])
                   [1 + floor(random() * 5)::int] AS judgement
        FROM generate_series(1, %(complaints)s) AS g
    ) raw
) s
JOIN bench_terms t ON t.received_on = s.received_on;
---
INSERT INTO complaints_complaint_natures (complaint_id, nature_id)
SELECT c.id, (%(natures)s::bigint[])[1 + c.id %% 22] FROM complaints_complaint c
UNION ALL
SELECT c.id, (%(natures)s::bigint[])[1 + (c.id * 7 + 3) %% 22] FROM complaints_complaint c
WHERE c.id %% 3 = 0 AND (c.id * 7 + 3) %% 22 <> c.id %% 22;
"""


def generate(complaints: int, *, vacuum: bool = True) -> None:
    """Insert the complaints with set-based SQL; the terms per day of receipt come from terms.py."""
    from django.db import connection

    from klachtwijzer.accounts.models import Department, Municipality, Partner
    from klachtwijzer.complaints import terms
    from klachtwijzer.complaints.models import Nature

    Municipality.current()
    departments = [Department.objects.create(name=name).pk for name in DEPARTMENTS]
    partners = [Partner.objects.create(name=name).pk for name in PARTNERS]
    natures = list(Nature.objects.order_by("pk").values_list("pk", flat=True))
    days = [FIRST_DAY + dt.timedelta(days=n) for n in range(DAYS)]
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMP TABLE bench_terms (received_on date PRIMARY KEY, term_ends_on date, "
            "notice_due_on date, ten_week_term_ends_on date)"
        )
        cursor.executemany(
            "INSERT INTO bench_terms VALUES (%s, %s, %s, %s)",
            [
                (
                    day,
                    terms.handling_term_end(day),
                    terms.not_handling_notice_end(day),
                    terms.extended_term_end(day),
                )
                for day in days
            ],
        )
        params = {
            "departments": departments, "partners": partners, "natures": natures, "today": TODAY,
            "first": FIRST_DAY, "days": DAYS, "complaints": complaints,
        }  # fmt: skip
        cursor.execute("SELECT setseed(0.42)")
        for statement in GENERATE.split("---"):
            cursor.execute(statement, params)
        if vacuum:  # VACUUM cannot run inside a transaction (the test of the benchmark)
            # set hint bits and the visibility map, as in a settled database
            cursor.execute("VACUUM (ANALYZE)")


def reference_params(municipality: Any) -> dict[str, Any]:
    years = range(YEAR - 4, YEAR + 1)
    params: dict[str, Any] = {
        "start": dt.date(YEAR - 4, 1, 1), "end": min(dt.date(YEAR, 12, 31), AS_OF), "as_of": AS_OF,
        "target": municipality.internal_target_days,
    }  # fmt: skip
    for index, year in enumerate(years):
        params[f"y{index}"] = dt.date(year, 1, 1)
        params[f"e{index}"] = min(dt.date(year, 12, 31), AS_OF)
    return params


def run_reference(sql: str, params: dict[str, Any]) -> list[tuple]:
    """The hand-written query, in a transaction with the same session settings as compute_figures."""
    from django.db import connection, transaction

    from klachtwijzer.reporting.figures import WORK_MEM

    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT set_config('jit', 'off', true), set_config('work_mem', %s, true)", [WORK_MEM])
        cursor.execute(sql, params)
        return cursor.fetchall()


MEDIAN_APART = """SELECT 'median', y, NULL, NULL,
       ARRAY[round(10 * percentile_cont(0.5) WITHIN GROUP (ORDER BY days))::bigint]
FROM cohort WHERE kind = 'awb' AND closed GROUP BY y
UNION ALL
"""


def reference_variants(sql: str) -> dict[str, str]:
    """The forms of the hand-written query tried; the fastest is the baseline."""
    median_line = next(line for line in sql.splitlines() if line.endswith("-- @median"))
    apart = sql.replace(median_line, "    NULL::bigint").replace("-- @median-branch\n", MEDIAN_APART)
    variants = {
        "materialised": sql,
        "inlined": sql.replace("cohort AS MATERIALIZED", "cohort AS NOT MATERIALIZED"),
        "median apart": apart,
        "inlined, median apart": apart.replace("cohort AS MATERIALIZED", "cohort AS NOT MATERIALIZED"),
    }
    return {
        name: "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("--"))
        for name, text in variants.items()
    }


def _median(value: int | None) -> int | float | None:
    if value is None:
        return None
    return value / 10 if value % 10 else value // 10


def reference_figures(rows: list[tuple], years: list[int], channels: list[str]) -> dict[int, dict[str, Any]]:
    """The figures as the hand-written query gives them, per year, in the shape of compute_figures."""
    from klachtwijzer.complaints.constants import Kind
    from klachtwijzer.reporting.figures import JUDGEMENT_KEYS, OUTCOME_KEYS, no_department_label
    from klachtwijzer.reporting.formatting import share

    def empty() -> dict[str, Any]:
        return {
            "received": 0, "closed": 0, "outcomes": dict.fromkeys(OUTCOME_KEYS, 0), "within_term": 0,
            "within_extended_term": 0, "within_legal_term": 0, "within_internal_target": 0, "extended": 0,
            "referred_to_ombudsman": 0, "oral": 0, "to_acknowledge": 0, "acknowledged_within_target": 0,
            "median_days_to_close": None, "by_department": {},
            "by_department_outcomes": {}, "by_channel": dict.fromkeys(channels, 0), "by_partner": {},
            "by_nature": {}, "by_nature_founded": {}, "by_nature_group": {}, "by_nature_group_founded": {},
            "other_kinds": {"received": 0, "closed": 0, "by_department": {}},
        }  # fmt: skip

    per_year = {year: empty() for year in years}
    totals = ["received", "closed", "within_term", "within_extended_term", "within_legal_term",
              "within_internal_target", "extended", "referred_to_ombudsman", "oral", "to_acknowledge",
              "acknowledged_within_target"]  # fmt: skip
    for part, year, key1, key2, values in rows:
        f = per_year.get(year) if year is not None else None
        if part == "totals" and key1 == Kind.AWB:
            f.update(zip(totals, values[:11], strict=True))
            f["outcomes"] = dict(zip(OUTCOME_KEYS, values[11:20], strict=True))
            if values[20] is not None:
                f["median_days_to_close"] = _median(values[20])
        elif part == "totals":
            f["other_kinds"]["received"] += values[0]
            f["other_kinds"]["closed"] += values[1]
        elif part == "median":
            f["median_days_to_close"] = _median(values[0])
        elif part == "department" and key1 == Kind.AWB:
            name = key2 or no_department_label()
            f["by_department"][name] = values[0]
            f["by_department_outcomes"][name] = dict(zip(OUTCOME_KEYS, values[1:], strict=True))
        elif part == "department":
            f["other_kinds"]["by_department"][key2 or no_department_label()] = values[0]
        elif part in ("channel", "partner"):
            f[f"by_{part}"][key1] = values[0]
        elif part == "nature":
            f["by_nature"][key1], f["by_nature_founded"][key1] = values
        elif part == "group":
            f["by_nature_group"][key1], f["by_nature_group_founded"][key1] = values
        elif part == "flow":
            for index, y in enumerate(years):
                (
                    per_year[y]["open_on_1_january"],
                    per_year[y]["open_on_31_december"],
                    per_year[y]["handled_in_year"],
                ) = values[3 * index : 3 * index + 3]
    for f in per_year.values():  # the derived figures, by their definitions in docs/reporting.md
        outcomes, closed = f["outcomes"], f["closed"]
        f["open"] = f["received"] - closed
        f["founded"] = outcomes["gegrond"] + outcomes["deels gegrond"]
        f["judged"] = sum(outcomes[key] for key in JUDGEMENT_KEYS)
        f["founded_pct_of_judged"] = share(f["founded"], f["judged"])
        f["informal_share_pct"] = share(outcomes["informeel opgelost"], closed)
        for key in ("within_term", "within_extended_term", "within_legal_term", "within_internal_target"):
            f[f"{key}_pct"] = share(f[key], closed)
        f["by_form"] = {"schriftelijk": f["received"] - f["oral"], "mondeling": f.pop("oral")}
        f["acknowledged_within_target_pct"] = share(f["acknowledged_within_target"], f["to_acknowledge"])
    return per_year


# Figures read from other tables than the complaints (learning, ombudsman cases, partners' reported
# figures, survey answers): the reference
# computes the complaint figures only, so they are not compared (the product's time includes them).
FROM_OTHER_TABLES = {"learning", "ombudsman", "partners", "satisfaction"}


def compare(figures: dict[str, Any], rows: list[tuple]) -> list[str]:
    """Every key of every year, both ways: where the query and compute_figures differ (empty: the same)."""
    from klachtwijzer.complaints.constants import Channel

    by_year = {figures["year"]: figures} | {year["year"]: year for year in figures["previous_years"]}
    years = list(range(figures["year"] - 4, figures["year"] + 1))
    reference = reference_figures(rows, years, list(Channel.values))
    differences = []
    for year in years:
        ours, theirs = by_year.get(year), reference[year]
        if ours is None:  # compute_figures leaves out a year without complaints
            if theirs["received"] or theirs["other_kinds"]["received"]:
                differences.append(f"{year}: missing from figures.py")
            continue
        skip = {"year", "internal_target_days", "municipality", "as_of", "nature_groups", "previous_years"}
        for key in sorted((set(ours) | set(theirs)) - skip - FROM_OTHER_TABLES):
            if key not in theirs:
                differences.append(f"{year} {key}: not computed by the SQL")
            elif ours.get(key) != theirs[key]:
                differences.append(f"{year} {key}: figures.py {ours.get(key)!r}, SQL {theirs[key]!r}")
    groups = {name: group for part, _y, name, group, _v in rows if part == "nature"}
    if groups != figures["nature_groups"]:
        differences.append(f"nature_groups: figures.py {figures['nature_groups']!r}, SQL {groups!r}")
    return differences


def timed(action, runs: int) -> tuple[float, Any]:
    """The median time of ``runs`` calls and the last result."""
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def interleaved(actions: dict[str, Any], runs: int) -> tuple[dict[str, list[float]], dict[str, Any]]:
    """Each action ``runs`` times, taking turns, so that all see the same load on a shared machine."""
    times: dict[str, list[float]] = {name: [] for name in actions}
    results: dict[str, Any] = {}
    for _ in range(runs):
        for name, action in actions.items():
            started = time.perf_counter()
            results[name] = action()
            times[name].append(time.perf_counter() - started)
    return times, results


def measure(runs: int, documents: bool) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from klachtwijzer.accounts.models import Municipality
    from klachtwijzer.complaints.models import Complaint
    from klachtwijzer.reporting.figures import compute_figures

    municipality = Municipality.current()
    sql = (ROOT / "bench" / "report_reference.sql").read_text()
    variants = reference_variants(sql)
    params = reference_params(municipality)
    figures = compute_figures(year=YEAR, as_of=AS_OF, municipality=municipality)  # warm the caches
    actions: dict[str, Any] = {
        "figures": lambda: compute_figures(year=YEAR, as_of=AS_OF, municipality=municipality)
    }
    for name, text in variants.items():
        run_reference(text, params)
        actions[name] = lambda text=text: run_reference(text, params)
    times, results = interleaved(actions, runs)
    figures = results["figures"]
    medians = {name: statistics.median(values) for name, values in times.items()}
    orm_time = medians.pop("figures")
    fastest = min(medians, key=lambda name: medians[name])
    sql_time = medians[fastest]
    with CaptureQueriesContext(connection) as queries:
        compute_figures(year=YEAR, as_of=AS_OF, municipality=municipality)
    tracemalloc.start()
    compute_figures(year=YEAR, as_of=AS_OF, municipality=municipality)
    python_peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    differences = {name: compare(figures, results[name]) for name in variants}
    in_window = sum(
        y["received"] + y["other_kinds"]["received"] for y in [figures, *figures["previous_years"]]
    )
    print(f"complaints in the database: {Complaint.objects.count():,}; in the five years: {in_window:,}")
    statements = [q["sql"] for q in queries.captured_queries]
    selects = [sql for sql in statements if sql.startswith("SELECT") and "set_config" not in sql]
    print(f"compute_figures:          {orm_time:.3f} s (median of {runs}), {len(selects)} queries "
          f"(+ session settings, BEGIN, COMMIT: {len(statements)} statements)")  # fmt: skip
    print(f"hand-written SQL query:   {sql_time:.3f} s (median of {runs}), 1 query, fastest form: {fastest}")
    for name, seconds in medians.items():
        print(f"    {name:<24}{seconds:.3f} s")
    print(f"ratio:                    {orm_time / sql_time:.2f}x")
    ours, theirs = min(times["figures"]), min(min(times[name]) for name in variants)
    print(f"fastest runs:             {ours:.3f} s against {theirs:.3f} s ({ours / theirs:.2f}x)")
    print(f"load average (1, 5, 15 min): {', '.join(f'{load:.2f}' for load in os.getloadavg())}")
    print(f"Python allocations peak during compute_figures: {python_peak / 1e6:.1f} MB")
    print(f"process peak resident memory: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    mismatches = {name: found for name, found in differences.items() if found}
    print("same figures (every key of every year, every form): " + ("yes" if not mismatches else "NO"))
    for name, found in mismatches.items():
        print(f"  {name}:\n    " + "\n    ".join(line[:300] for line in found[:20]))
    if mismatches:
        raise SystemExit(1)
    if documents:
        measure_documents(figures)


def measure_documents(figures: dict[str, Any]) -> None:
    from klachtwijzer.reporting import documents

    started = time.perf_counter()
    document = documents.attach_charts(documents.build_for_figures(figures, published=True))
    html_time = time.perf_counter() - started
    pdf_time, pdf = timed(lambda: documents.render_pdf(document), 1)
    docx_time, docx = timed(lambda: documents.render_docx(document), 1)
    print(f"document with charts: {html_time:.2f} s; PDF {pdf_time:.2f} s ({len(pdf) / 1e3:.0f} kB); "
          f"DOCX {docx_time:.2f} s ({len(docx) / 1e3:.0f} kB)")  # fmt: skip
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"process peak resident memory with the documents: {peak:.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--database", default=NAME, help=f"name of the benchmark database (default {NAME})")
    parser.add_argument("--complaints", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", action="store_true", help="keep the database for --reuse")
    parser.add_argument("--reuse", action="store_true", help="measure the kept database again")
    parser.add_argument("--documents", action="store_true", help="also time the PDF and DOCX")
    args = parser.parse_args()
    database_url = args.database_url.rsplit("/", 1)[0] + "/" + args.database
    if not args.reuse:
        database_url = create_database(args.database_url, args.database)
    setup_django(database_url)
    try:
        if not args.reuse:
            from django.core.management import call_command

            call_command("migrate", verbosity=0)
            started = time.perf_counter()
            generate(args.complaints)
            print(f"generated {args.complaints:,} complaints in {time.perf_counter() - started:.1f} s")
        measure(args.runs, args.documents)
    finally:
        if not (args.keep or args.reuse):
            drop_database(args.database_url, args.database)


if __name__ == "__main__":
    main()
