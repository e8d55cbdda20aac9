#!/usr/bin/env python3
"""Benchmark: the dashboard, the yearly figures and the list export over 1,000,000 complaints in PostgreSQL.

    .venv/bin/python bench/dashboard.py --keep      # generate klachtwijzer_dash_bench, measure, keep it
    .venv/bin/python bench/dashboard.py --reuse     # measure the kept database again

The complaints are generated as in ``bench/report_figures.py`` (its generator, this script's own
database ``klachtwijzer_dash_bench``). Then, side by side in one run and taking turns so that both see
the same load:

1. the dashboard: ``--requests`` page loads of /dashboard/ as the coordinator, each a random period of
   up to a year (its comparison period a year earlier included) with a random combination of the
   filters, against the same figures by one hand-written query (``bench/dashboard_reference.sql``);
   the 50th and 95th percentile, and the queries per page;
2. the yearly report's figures, ``compute_figures(year=2024)``, against ``bench/report_reference.sql``;
3. the list export of the 100,000 complaints received in 2024 as CSV (and XLSX), streamed through the
   view, against PostgreSQL's own ``COPY ... TO STDOUT``; each export runs in a fresh process, once for
   10,000 and once for 100,000 complaints, so their peak resident memory can be compared.

The load average is printed with the results: the machine is shared. Figures: docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import report_figures  # noqa: E402

NAME = "klachtwijzer_dash_bench"
TODAY = dt.date(2025, 3, 1)
AS_OF = dt.date(2025, 1, 15)


def setup(database_url: str) -> None:
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    report_figures.setup_django(database_url)


def login_verified(client: Any, user: Any) -> None:
    """Log in as after the password and the code from the app (two-factor is required for staff)."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client.force_login(user)
    device, _created = TOTPDevice.objects.get_or_create(user=user, name="bench", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


def random_view(
    chooser: random.Random, departments: list[int], partners: list[int], natures: list[int]
) -> dict:
    """A period of up to a year ending in 2024 and a random combination of filters."""
    length = chooser.choice([30, 91, 182, 365, chooser.randint(7, 365)])
    end = dt.date(2024, 12, 31) - dt.timedelta(days=chooser.randint(0, 200))
    start = end - dt.timedelta(days=length - 1)
    view: dict[str, Any] = {"start": start.isoformat(), "end": end.isoformat()}
    if chooser.random() < 0.5:
        view["department"] = chooser.choice(departments)
    if chooser.random() < 0.3:
        view["channel"] = chooser.choice(["webformulier", "e-mail", "telefoon", "brief"])
    if chooser.random() < 0.2:
        view["partner"] = chooser.choice(partners)
    if chooser.random() < 0.3:
        view["nature"] = chooser.choice([str(n) for n in natures] + ["group:respectful", "group:fair"])
    return view


def reference_params(view: dict) -> dict:
    from klachtwijzer.complaints.models import Nature
    from klachtwijzer.reporting.periods import Period

    period = Period(dt.date.fromisoformat(view["start"]), dt.date.fromisoformat(view["end"]))
    earlier = period.year_earlier()
    nature = view.get("nature")
    if nature and nature.startswith("group:"):
        natures = list(Nature.objects.filter(group=nature[6:]).values_list("pk", flat=True))
    else:
        natures = [int(nature)] if nature else None
    return {
        "p0s": earlier.start, "p0e": earlier.end, "p1s": period.start, "p1e": min(period.end, TODAY),
        "as_of": TODAY, "target": 21, "department": view.get("department"), "channel": view.get("channel"),
        "partner": view.get("partner"), "natures": natures,
    }  # fmt: skip


def run_sql(sql: str, params: dict) -> list[tuple]:
    from django.db import connection, transaction

    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT set_config('jit', 'off', true), set_config('work_mem', '32MB', true)")
        cursor.execute(sql, params)
        return cursor.fetchall()


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def measure_dashboard(requests: int) -> None:
    import time_machine
    from django.db import connection
    from django.test import Client

    from klachtwijzer.accounts.models import Department, Partner, Role, User
    from klachtwijzer.complaints.models import Nature

    coordinator, _created = User.objects.get_or_create(username="bench-coordinator", role=Role.COORDINATOR)
    client = Client()
    login_verified(client, coordinator)
    chooser = random.Random(8)
    departments = list(Department.objects.values_list("pk", flat=True))
    partners = list(Partner.objects.values_list("pk", flat=True))
    natures = list(Nature.objects.values_list("pk", flat=True))
    views = [random_view(chooser, departments, partners, natures) for _ in range(requests)]
    sql = (ROOT / "bench" / "dashboard_reference.sql").read_text()
    sql = "\n".join(line for line in sql.splitlines() if not line.startswith("--"))
    page_times, sql_times = [], []
    with time_machine.travel(dt.datetime(2025, 3, 1, 12, tzinfo=dt.UTC), tick=True):
        client.get("/dashboard/", views[0])  # warm the caches
        statements: list[str] = []
        with connection.execute_wrapper(
            lambda execute, sql, *args: statements.append(sql) or execute(sql, *args)
        ):
            client.get("/dashboard/", views[0])
        for view in views:
            started = time.perf_counter()
            response = client.get("/dashboard/", view)
            page_times.append(time.perf_counter() - started)
            assert response.status_code == 200, response.status_code
            started = time.perf_counter()
            run_sql(sql, reference_params(view))
            sql_times.append(time.perf_counter() - started)
    print(f"dashboard page ({requests} random views, coordinator): p50 {percentile(page_times, 50):.3f} s, "
          f"p95 {percentile(page_times, 95):.3f} s, max {max(page_times):.3f} s; "
          f"{len(statements)} statements per page (queries, session settings, savepoints)")  # fmt: skip
    print(f"hand-written SQL query, same views:  p50 {percentile(sql_times, 50):.3f} s, "
          f"p95 {percentile(sql_times, 95):.3f} s, max {max(sql_times):.3f} s; 1 query")  # fmt: skip
    print(f"load average (1, 5, 15 min): {', '.join(f'{load:.2f}' for load in os.getloadavg())}")


def measure_report(runs: int) -> None:
    from klachtwijzer.accounts.models import Municipality
    from klachtwijzer.reporting.figures import compute_figures

    municipality = Municipality.current()
    sql = (ROOT / "bench" / "report_reference.sql").read_text()
    sql = "\n".join(line for line in sql.splitlines() if not line.startswith("--"))
    params = report_figures.reference_params(municipality)
    compute_figures(year=2024, as_of=AS_OF, municipality=municipality)
    times, results = report_figures.interleaved(
        {
            "figures": lambda: compute_figures(year=2024, as_of=AS_OF, municipality=municipality),
            "sql": lambda: report_figures.run_reference(sql, params),
        },
        runs,
    )
    differences = report_figures.compare(results["figures"], results["sql"])
    print(f"yearly report figures: median {statistics.median(times['figures']):.3f} s, "
          f"fastest {min(times['figures']):.3f} s (of {runs}); hand-written SQL: median "
          f"{statistics.median(times['sql']):.3f} s, fastest {min(times['sql']):.3f} s")  # fmt: skip
    print("same figures: " + ("yes" if not differences else "NO\n  " + "\n  ".join(differences[:10])))
    print(f"load average (1, 5, 15 min): {', '.join(f'{load:.2f}' for load in os.getloadavg())}")


def export_once(fmt: str, count: int) -> dict:
    """One export through the view, in this (fresh) process: time, bytes, peak resident memory."""
    from django.db import connection
    from django.test import Client

    from klachtwijzer.accounts.models import Role, User

    coordinator, _created = User.objects.get_or_create(username="bench-coordinator", role=Role.COORDINATOR)
    client = Client()
    login_verified(client, coordinator)
    # The 2024 complaints, newest first; the first ``count`` of them by date of receipt.
    days = round(366 * count / 100_000)
    start = dt.date(2024, 12, 31) - dt.timedelta(days=days - 1)
    query = {"received_from": start.isoformat(), "received_to": "2024-12-31"}
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    response = client.get(f"/klachten/export.{fmt}", query)
    size = sum(len(chunk) for chunk in response.streaming_content)
    elapsed = time.perf_counter() - started
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM complaints_complaint WHERE received_on BETWEEN %s AND '2024-12-31'", [start]
        )
        rows = cursor.fetchone()[0]
    copy_time = None
    if fmt == "csv":
        raw = connection.connection
        copy_sql = (
            "COPY (SELECT c.reference, c.received_on, c.channel, c.kind, c.status, d.name, p.name, "
            "(SELECT string_agg(n.name, ', ') FROM complaints_complaint_natures cn JOIN complaints_nature n "
            "ON n.id = cn.nature_id WHERE cn.complaint_id = c.id), u.username, "
            "coalesce(c.further_delay_until, c.extended_term_ends_on, c.term_ends_on), c.closed_on, "
            "c.outcome, "
            "pd.name, pd.address, pd.postcode, pd.city, pd.email, pd.phone, pd.person_complained_about "
            "FROM complaints_complaint c LEFT JOIN accounts_department d ON d.id = c.department_id "
            "LEFT JOIN accounts_partner p ON p.id = c.partner_id "
            "LEFT JOIN accounts_user u ON u.id = c.handler_id "
            "LEFT JOIN complaints_personaldata pd ON pd.complaint_id = c.id "
            f"WHERE c.received_on BETWEEN '{start.isoformat()}' AND '2024-12-31' "
            "ORDER BY c.received_on DESC, c.reference DESC) TO STDOUT WITH (FORMAT csv, DELIMITER ';')"
        )
        started = time.perf_counter()
        with raw.cursor() as cursor, cursor.copy(copy_sql) as copy:
            copied = sum(len(block) for block in copy)
        copy_time = time.perf_counter() - started
        assert copied > 0
    return {"fmt": fmt, "rows": rows, "seconds": elapsed, "bytes": size, "rss_before_mb": rss_before / 1024,
            "rss_mb": rss / 1024, "copy_seconds": copy_time}  # fmt: skip


def measure_exports(database_url: str) -> None:
    for fmt, count in (("csv", 10_000), ("csv", 100_000), ("xlsx", 10_000), ("xlsx", 100_000)):
        output = subprocess.run(
            [sys.executable, __file__, "--export", fmt, str(count), "--database-url", database_url],
            check=True, capture_output=True, text=True,
        ).stdout  # fmt: skip
        result = json.loads(output.strip().splitlines()[-1])
        line = (f"list export {result['fmt']}: {result['rows']:,} complaints in {result['seconds']:.2f} s, "
                f"{result['bytes'] / 1e6:.1f} MB; process peak resident memory {result['rss_mb']:.0f} MB "
                f"(after start-up {result['rss_before_mb']:.0f} MB)")  # fmt: skip
        if result["copy_seconds"] is not None:
            line += f"; PostgreSQL COPY of the same rows {result['copy_seconds']:.2f} s"
        print(line, flush=True)
    print(f"load average (1, 5, 15 min): {', '.join(f'{load:.2f}' for load in os.getloadavg())}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--complaints", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", action="store_true", help="keep the database for --reuse")
    parser.add_argument("--reuse", action="store_true", help="measure the kept database again")
    parser.add_argument("--only", choices=("dashboard", "report", "export"), help="measure only this")
    parser.add_argument("--export", nargs=2, metavar=("FORMAT", "COUNT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    report_figures.NAME = NAME
    database_url = args.database_url.rsplit("/", 1)[0] + "/" + NAME
    if args.export:
        setup(database_url)
        print(json.dumps(export_once(args.export[0], int(args.export[1]))))
        return
    if not args.reuse:
        database_url = report_figures.create_database(args.database_url, NAME)
    setup(database_url)
    try:
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        if not args.reuse:
            started = time.perf_counter()
            report_figures.generate(args.complaints)
            print(f"generated {args.complaints:,} complaints in {time.perf_counter() - started:.1f} s")
        if args.only in (None, "dashboard"):
            measure_dashboard(args.requests)
        if args.only in (None, "report"):
            measure_report(args.runs)
        if args.only in (None, "export"):
            measure_exports(args.database_url)
    finally:
        if not (args.keep or args.reuse):
            report_figures.drop_database(args.database_url, NAME)


if __name__ == "__main__":
    main()
