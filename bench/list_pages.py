#!/usr/bin/env python3
"""Benchmark: pages of the complaint list among 1,000,000 complaints, first and deep, per sort and status.

    .venv/bin/python bench/search.py --keep      # once: generate klachtwijzer_search_bench (1,000,000)
    .venv/bin/python bench/list_pages.py         # migrate it (the list's indexes) and measure

Each case, taking turns so both see the same load, ``--runs`` times: the list page ``/klachten/`` as the
coordinator through Django's test client (the whole request: session, form, filters, the capped count, the
page by keyset, its natures, the template) against the lean hand-written SQL that fetches the same 25 rows
with the names shown (department, partner, handler) and the same capped count, nothing else. A deep page
is the one after the 500,000th complaint of that order, reached by its link (``na=``). The load average
is printed with the results. Figures: docs/benchmarks.md.
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
from search import NAME  # noqa: E402

TERM = "COALESCE(c.further_delay_until, c.extended_term_ends_on, c.term_ends_on)"

DEPARTMENT = "COALESCE(d.name, '')"
RECEIVED = ("c.received_on", "c.reference")
TERM_REFERENCE = (TERM, "c.reference")

#: label → (query string, ORDER BY of the lean SQL, its WHERE, the keyset columns of the lean SQL: two
#: in one direction, or a leading column ascending before two descending)
CASES: dict[str, tuple[dict[str, str], str, str, tuple[str, ...]]] = {
    "newest first": ({}, "c.received_on DESC, c.reference DESC", "TRUE", RECEIVED),
    "status closed": (
        {"status": "closed"},
        "c.received_on DESC, c.reference DESC",
        "c.status = 'closed'",
        RECEIVED,
    ),
    "term ends soonest": ({"sort": "term"}, f"{TERM}, c.reference", "TRUE", TERM_REFERENCE),
    "open, term ends soonest": (
        {"sort": "term", "status": "open"},
        f"{TERM}, c.reference",
        "c.status IN ('received', 'triaged', 'in_handling', 'waiting')",
        TERM_REFERENCE,
    ),
    "by status": (
        {"sort": "status"},
        'c.status COLLATE "C", c.received_on DESC, c.reference DESC',
        "TRUE",
        ("c.status", *RECEIVED),
    ),
    "by department": (
        {"sort": "department"},
        f'{DEPARTMENT} COLLATE "C", c.received_on DESC, c.reference DESC',
        "TRUE",
        (DEPARTMENT, *RECEIVED),
    ),
}

LEAN_PAGE = """
SELECT c.id, c.reference, c.received_on, c.status, {term} AS term_end,
       d.name, p.name, u.first_name, u.last_name
  FROM complaints_complaint c
  LEFT JOIN accounts_department d ON d.id = c.department_id
  LEFT JOIN accounts_partner p ON p.id = c.partner_id
  LEFT JOIN accounts_user u ON u.id = c.handler_id
 WHERE {where} AND {seek}
 ORDER BY {order}
 LIMIT 26
"""
LEAN_COUNT = "SELECT count(*) FROM (SELECT 1 FROM complaints_complaint c WHERE {where} LIMIT 10001) capped"


def _seek(columns: tuple[str, ...], descending: bool, deep: tuple | None) -> tuple[str, list]:
    if deep is None:
        return "TRUE", []
    operator = "<" if descending else ">"
    return (
        f"{columns[0]} {operator}= %s AND ({', '.join(columns)}) {operator} (%s, %s)",
        [deep[0], *deep],
    )


def deep_row(order: str, where: str, columns: tuple[str, ...]) -> tuple:
    """The sort values of the row halfway down the order (at most the 500,000th)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM complaints_complaint c WHERE {where}")
        halfway = min(500_000, cursor.fetchone()[0] // 2)
        cursor.execute(
            f"SELECT {', '.join(columns)} FROM complaints_complaint c "
            "LEFT JOIN accounts_department d ON d.id = c.department_id "
            f"WHERE {where} ORDER BY {order} OFFSET {halfway} LIMIT 1"
        )
        return tuple(cursor.fetchone())


LEAN_GROUPED = """
SELECT c.id, c.reference, c.received_on, c.status, d.name, p.name, u.first_name, u.last_name
  FROM ({branches} ORDER BY g, received_on DESC, reference DESC LIMIT 26) page
  JOIN complaints_complaint c ON c.id = page.id
  LEFT JOIN accounts_department d ON d.id = c.department_id
  LEFT JOIN accounts_partner p ON p.id = c.partner_id
  LEFT JOIN accounts_user u ON u.id = c.handler_id
 ORDER BY page.g, page.received_on DESC, page.reference DESC
"""
BRANCH = """(SELECT id, {g} AS g, received_on, reference FROM complaints_complaint
 WHERE {condition} AND {seek} ORDER BY received_on DESC, reference DESC LIMIT 26)"""


def groups(sort: str) -> list[tuple[object, str]]:
    """The values of the leading column in the list's order, each with its condition in SQL."""
    from django.db import connection

    if sort == "status":
        from klachtwijzer.complaints.constants import Status

        return [(status, f"status = '{status}'") for status in sorted(Status.values)]
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, id FROM accounts_department")
        named = sorted(cursor.fetchall())
    return [("", "department_id IS NULL"), *((name, f"department_id = {pk}") for name, pk in named)]


def lean_grouped(sort: str, deep: tuple | None) -> int:
    """The page as the leanest SQL can have it: per value of the leading column one index seek."""
    from django.db import connection

    found = groups(sort)
    start = [value for value, _condition in found].index(deep[0]) if deep else 0
    branches, params = [], []
    for g, (_value, condition) in enumerate(found[start:], start=start):
        seek = "TRUE"
        if g == start and deep:
            seek, params = "(received_on, reference) < (%s, %s)", [deep[1], deep[2]]
        branches.append(BRANCH.format(g=g, condition=condition, seek=seek))
    with connection.cursor() as cursor:
        cursor.execute(LEAN_GROUPED.format(branches=" UNION ALL ".join(branches)), params)
        rows = cursor.fetchall()
        cursor.execute(LEAN_COUNT.format(where="TRUE"))
        cursor.fetchone()
    return len(rows)


def lean(order: str, where: str, columns: tuple[str, ...], deep: tuple | None) -> int:
    from django.db import connection

    if len(columns) == 3:
        return lean_grouped("status" if columns[0] == "c.status" else "department", deep)
    seek, params = _seek(columns, order.split(", ")[0].endswith("DESC"), deep)
    with connection.cursor() as cursor:
        cursor.execute(LEAN_PAGE.format(term=TERM, where=where, seek=seek, order=order), params)
        rows = cursor.fetchall()
        cursor.execute(LEAN_COUNT.format(where=where))
        cursor.fetchone()
    return len(rows)


def measure(runs: int) -> None:
    import time_machine
    from django.test import Client

    from klachtwijzer.accounts.models import Role, User
    from klachtwijzer.complaints.paging import encode_cursor

    coordinator, _created = User.objects.get_or_create(username="bench-coordinator", role=Role.COORDINATOR)
    client = Client()
    login_verified(client, coordinator)
    with time_machine.travel(dt.datetime(2025, 3, 1, 12, tzinfo=dt.UTC), tick=True):
        for label, (query, order, where, columns) in CASES.items():
            for depth in ("first page", "deep page"):
                deep = deep_row(order, where, columns) if depth == "deep page" else None
                params = dict(query)
                if deep is not None:
                    params["na"] = encode_cursor(list(deep))
                client.get("/klachten/", params)  # warm
                ours, theirs = [], []
                for _run in range(runs):
                    started = time.perf_counter()
                    response = client.get("/klachten/", params)
                    ours.append(time.perf_counter() - started)
                    assert response.status_code == 200, response.status_code
                    assert b"Volgende pagina" in response.content
                    started = time.perf_counter()
                    found = lean(order, where, columns, deep)
                    theirs.append(time.perf_counter() - started)
                    assert found == 26
                print(
                    f"{label + ', ' + depth:38} list page p50 {statistics.median(ours) * 1000:6.1f} ms, "
                    f"p95 {percentile(ours, 95) * 1000:6.1f} ms | hand-written SQL p50 "
                    f"{statistics.median(theirs) * 1000:6.1f} ms, p95 {percentile(theirs, 95) * 1000:6.1f} ms"
                )
    print(f"load average (1, 5, 15 min): {', '.join(f'{load:.2f}' for load in os.getloadavg())}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    report_figures.setup_django(args.database_url.rsplit("/", 1)[0] + "/" + NAME)
    from django.core.management import call_command
    from django.db import connection

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE complaints_complaint")
    print(f"migrated (the list's indexes) in {time.perf_counter() - started:.1f} s")
    measure(args.runs)


if __name__ == "__main__":
    main()
