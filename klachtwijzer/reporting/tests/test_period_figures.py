"""The figures of any period with filters, and ``klachtwijzer figures``: the dashboard's single source.

For a calendar year without filters they equal the yearly report's figures, on the Leiden register and
on synthetic registers; filters combine and count what a direct count of the complaints gives.
"""

import csv
import datetime as dt
import io
import json
import random

import pytest
import time_machine
from django.core.management import CommandError, call_command

from klachtwijzer.accounts.models import Department
from klachtwijzer.complaints.constants import Kind
from klachtwijzer.complaints.models import Complaint, Nature
from klachtwijzer.reporting.figures import YEAR_NAMES, compute_figures, compute_period_figures
from klachtwijzer.reporting.periods import FiguresError, Filters, Period, filters_by_name
from klachtwijzer.reporting.tests.registers import import_synthetic
from klachtwijzer.reporting.tests.test_leiden_acceptance import AS_OF as LEIDEN_AS_OF
from klachtwijzer.reporting.tests.test_leiden_acceptance import leiden  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db

D = dt.date
AS_OF = D(2025, 1, 15)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(dt.datetime(2025, 1, 20, 12, tzinfo=dt.UTC), tick=False):
        yield


REPORT_ONLY = {
    "year",
    "municipality",
    "as_of",
    "nature_groups",
    "learning",
    "ombudsman",
    "partners",
    "satisfaction",
    "previous_years",
}


def year_of(figures: dict, year: int) -> dict:
    if figures["year"] == year:
        return {key: value for key, value in figures.items() if key not in REPORT_ONLY}
    return next(earlier for earlier in figures["previous_years"] if earlier["year"] == year)


def assert_period_equals_year(year: int, as_of: dt.date) -> None:
    report = compute_figures(year=year, as_of=as_of)
    period = compute_period_figures(period=Period(D(year, 1, 1), D(year, 12, 31)), as_of=as_of)
    current = dict(period["current"])
    current.pop("by_month")
    expected = {key: value for key, value in year_of(report, year).items() if key != "year"}
    assert {YEAR_NAMES.get(key, key): value for key, value in current.items()} == expected
    assert period["learning"] == report["learning"]
    assert period["partners"] == report["partners"]
    assert period["ombudsman"] == report["ombudsman"]
    if any(earlier["year"] == year - 1 for earlier in report["previous_years"]):
        previous = dict(period["previous_period"])
        previous.pop("by_month")
        expected_previous = {key: value for key, value in year_of(report, year - 1).items() if key != "year"}
        assert {YEAR_NAMES.get(key, key): value for key, value in previous.items()} == expected_previous


def test_a_calendar_year_equals_the_yearly_report_on_the_leiden_register(leiden):  # noqa: F811
    as_of = D.fromisoformat(LEIDEN_AS_OF)
    for year in (2022, 2023, 2024):
        assert_period_equals_year(year, as_of)


def test_the_command_for_a_calendar_year_prints_what_report_prints(leiden):  # noqa: F811
    out, report_out = io.StringIO(), io.StringIO()
    call_command("figures", "--from", "2024-01-01", "--to", "2024-12-31", "--as-of", LEIDEN_AS_OF, stdout=out)
    call_command("report", "--year", "2024", "--format", "json", "--as-of", LEIDEN_AS_OF, stdout=report_out)
    figures, report = json.loads(out.getvalue()), json.loads(report_out.getvalue())

    assert (figures["from"], figures["to"], figures["as_of"]) == ("2024-01-01", "2024-12-31", LEIDEN_AS_OF)
    assert "year" not in figures
    for key in ("received", "closed", "open", "outcomes", "founded", "informal_share_pct", "within_term_pct",
                "within_extended_term_pct", "within_legal_term_pct", "extended", "median_days_to_close",
                "by_department", "by_channel", "by_partner", "by_nature", "by_nature_founded", "other_kinds",
                "learning", "partners"):  # fmt: skip
        assert figures[key] == report[key], key
    assert figures["previous_period"]["from"] == "2023-01-01"
    assert figures["previous_period"]["received"] == year_of(report, 2023)["received"]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_calendar_year_equals_the_yearly_report_on_random_data(municipality, seed):
    chooser = random.Random(seed)
    import_synthetic(chooser.randint(40, 160), first=chooser.randint(1, 500), years=range(2021, 2025))
    for year in (2022, 2023, 2024):
        assert_period_equals_year(year, AS_OF if chooser.random() < 0.5 else D(2025, 1, 10))


def test_filters_combine_and_count_what_a_direct_count_gives(municipality):
    import_synthetic(240, years=range(2023, 2025))
    department = Department.objects.get(name="Afdeling 5")
    nature = Nature.objects.get(name="Voortvarendheid")
    filters = Filters(
        department_ids=frozenset({department.pk}), channel="e-mail", nature_ids=frozenset({nature.pk})
    )
    period = Period(D(2024, 3, 1), D(2024, 9, 30))

    figures = compute_period_figures(period=period, as_of=AS_OF, filters=filters)

    direct = Complaint.objects.filter(
        kind=Kind.AWB, received_on__range=(period.start, period.end), department=department, channel="e-mail",
        natures=nature,
    )  # fmt: skip
    assert figures["current"]["received"] == direct.count() > 0
    assert figures["current"]["closed"] == direct.filter(closed_on__lte=AS_OF).count()
    assert set(figures["current"]["by_department"]) == {"Afdeling 5"}
    assert figures["current"]["by_channel"]["e-mail"] == direct.count()
    assert figures["current"]["by_nature"]["Voortvarendheid"] == direct.count()
    assert sum(month["received"] for month in figures["current"]["by_month"].values()) == direct.count()
    earlier = direct.model.objects.filter(
        kind=Kind.AWB, received_on__range=(D(2023, 3, 1), D(2023, 9, 30)), department=department,
        channel="e-mail", natures=nature,
    )  # fmt: skip
    assert figures["previous_period"]["received"] == earlier.count()


def test_a_group_of_natures_and_a_manager_scope(municipality):
    import_synthetic(120, years=range(2024, 2025))
    group = filters_by_name(nature="Respectvol")
    respectful = Complaint.objects.filter(kind=Kind.AWB, natures__group="respectful").distinct()
    figures = compute_period_figures(
        period=Period(D(2024, 1, 1), D(2024, 12, 31)), as_of=AS_OF, filters=group
    )
    assert figures["current"]["received"] == respectful.count() > 0

    own = Department.objects.get(name="Afdeling 1")
    other = Department.objects.get(name="Afdeling 3")
    scoped = Filters(department_ids=frozenset({other.pk})).scoped({own.pk})
    assert scoped.department_ids == frozenset()  # a manager cannot widen to another department
    assert (
        compute_period_figures(period=Period(D(2024, 1, 1), D(2024, 12, 31)), as_of=AS_OF, filters=scoped)[
            "current"
        ]["received"]
        == 0
    )


def test_unknown_names_are_dutch_errors_that_name_them(municipality):
    with pytest.raises(FiguresError, match="Er is geen afdeling met de naam Nergens"):
        filters_by_name(department="Nergens")
    with pytest.raises(CommandError, match="Er is geen kanaal met de naam postduif"):
        call_command("figures", "--from", "2024-01-01", "--to", "2024-12-31", "--channel", "postduif")
    with pytest.raises(CommandError, match="2024-13-01"):
        call_command("figures", "--from", "2024-13-01", "--to", "2024-12-31")
    with pytest.raises(CommandError, match="ligt na"):
        call_command("figures", "--from", "2024-12-31", "--to", "2024-01-01")


def test_names_match_case_insensitively_and_are_echoed(municipality):
    import_synthetic(30, years=range(2024, 2025))
    out = io.StringIO()
    call_command(
        "figures", "--from", "2024-01-01", "--to", "2024-12-31", "--department", "afdeling 1",
        "--channel", "TELEFOON", "--nature", "voortvarendheid", stdout=out,
    )  # fmt: skip
    figures = json.loads(out.getvalue())
    assert (figures["department"], figures["channel"], figures["nature"]) == (
        "Afdeling 1",
        "telefoon",
        "Voortvarendheid",
    )


def test_csv_has_one_row_per_figure_with_nested_keys_flattened(municipality):
    import_synthetic(60, years=range(2023, 2025))
    out = io.StringIO()
    call_command("figures", "--from", "2024-01-01", "--to", "2024-06-30", "--format", "csv", stdout=out)
    rows = list(csv.reader(io.StringIO(out.getvalue())))

    assert rows[0] == ["figuur", "sleutel", "waarde"]
    as_dict = {(figuur, sleutel): waarde for figuur, sleutel, waarde in rows[1:]}
    figures = compute_period_figures(period=Period(D(2024, 1, 1), D(2024, 6, 30)))
    assert as_dict[("received", "")] == str(figures["current"]["received"])
    assert as_dict[("outcomes", "gegrond")] == str(figures["current"]["outcomes"]["gegrond"])
    assert as_dict[("previous_period.received", "")] == str(figures["previous_period"]["received"])
    name, outcomes = next(iter(figures["current"]["by_department_outcomes"].items()))
    assert as_dict[("by_department_outcomes", f"{name} / gegrond")] == str(outcomes["gegrond"])
