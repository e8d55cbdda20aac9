"""The benchmarks stay runnable and honest (docs/benchmarks.md): their generator fills today's model, the
dashboard answers the benchmark's logged-in coordinator, and the hand-written reference query gives exactly
the product's yearly figures. Timings are not asserted: they are the benchmark's to measure."""

import sys
from pathlib import Path

import pytest
from django.db import connection

BENCH = Path(__file__).resolve().parents[2] / "bench"


@pytest.fixture
def bench():
    sys.path.insert(0, str(BENCH))
    try:
        import dashboard
        import report_figures

        yield report_figures, dashboard
    finally:
        sys.path.remove(str(BENCH))


@pytest.mark.postgres
@pytest.mark.django_db
def test_the_benchmarks_data_and_reference_query_match_the_product(bench, capsys):
    if connection.vendor != "postgresql":
        pytest.skip("the benchmarks generate their data with PostgreSQL's SQL (CI's PostgreSQL pass runs it)")
    report_figures, dashboard = bench
    report_figures.generate(600, vacuum=False)

    dashboard.measure_report(1)
    dashboard.measure_dashboard(2)

    printed = capsys.readouterr().out
    assert "same figures: yes" in printed, printed
    assert "dashboard page (2 random views, coordinator)" in printed
