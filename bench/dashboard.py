#!/usr/bin/env python3
"""Benchmark: the dashboard, the yearly figures and the list export over 1,000,000 complaints in PostgreSQL.

    .venv/bin/python bench/dashboard.py --keep     # generate klachtwijzer_dash_bench, measure, keep it
    .venv/bin/python bench/dashboard.py --reuse    # measure the kept database again

The complaints are generated as in ``bench/report_figures.py`` (same generator, its own database).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import report_figures  # noqa: E402

NAME = "klachtwijzer_dash_bench"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--complaints", type=int, default=1_000_000)
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--reuse", action="store_true")
    parser.add_argument("--generate-only", action="store_true")
    args = parser.parse_args()
    report_figures.NAME = NAME
    database_url = args.database_url.rsplit("/", 1)[0] + "/" + NAME
    if not args.reuse:
        database_url = report_figures.create_database(args.database_url)
    report_figures.setup_django(database_url)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    if not args.reuse:
        started = time.perf_counter()
        report_figures.generate(args.complaints)
        print(f"generated {args.complaints:,} complaints in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
