"""Small numbers across the whole published report (suppression.py, disclosure.py, publication.py).

A reader sees the report's tables and the open data side by side. These tests take the reader's view:
every published cell is compared with the internal figure, and every sum a reader can form from the
published cells (written out here, apart from the product's own list) must leave each hidden cell
open: not one unknown alone, and not pinned down by what the marks say ("< 5" is 1 to 4, "×" at
least 5).
"""

from __future__ import annotations

import math
import re
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from klachtwijzer.reporting.assembly import build_document
from klachtwijzer.reporting.disclosure import SECONDARY_MARK
from klachtwijzer.reporting.figures import JUDGEMENT_KEYS, OUTCOME_KEYS
from klachtwijzer.reporting.publication import rows_for_figures
from klachtwijzer.reporting.sections_detail import APPENDIX_COUNTS

THRESHOLD = 5
PRIMARY = "< 5"
OTHER = ["ingetrokken", "niet in behandeling", "doorgestuurd", "geen klacht"]
TERMS = ("within_term", "within_extended_term", "within_legal_term", "within_internal_target")
NATURE_GROUPS = {"Fatsoenlijke bejegening": "respectful", "Fair play": "respectful", "Integriteit": "fair"}


def year_figures(
    year: int,
    departments: dict[str, dict[str, int]],
    *,
    open_on_1_january: int,
    earlier_closed: int,
    channels: dict[str, int] | None = None,
    natures: dict[str, tuple[int, int]] | None = None,
) -> dict[str, Any]:
    """One year's figures, every sum consistent: ``departments`` give their outcomes and 'open'."""
    outcomes = {key: sum(d.get(key, 0) for d in departments.values()) for key in OUTCOME_KEYS}
    still_open = sum(d.get("open", 0) for d in departments.values())
    closed = sum(outcomes.values())
    received = closed + still_open
    natures = natures or {}
    groups: dict[str, list[int]] = {}
    for name, (count, founded) in natures.items():
        totals = groups.setdefault(NATURE_GROUPS[name], [0, 0])
        totals[0] += count
        totals[1] += founded
    channels = channels or {"webformulier": received}
    channels = {"webformulier": 0, "e-mail": 0, "brief": 0} | channels
    founded = outcomes["gegrond"] + outcomes["deels gegrond"]
    judged = sum(outcomes[key] for key in JUDGEMENT_KEYS)
    within = closed // 2
    return {
        "year": year,
        "received": received,
        "closed": closed,
        "open": still_open,
        "outcomes": outcomes,
        "founded": founded,
        "judged": judged,
        "founded_pct_of_judged": round(100 * founded / judged, 1) if judged else None,
        "informal_share_pct": None,
        **dict.fromkeys(TERMS, within),
        **{f"{key}_pct": round(100 * within / closed, 1) if closed else None for key in TERMS},
        "internal_target_days": 21,
        "extended": 0,
        "median_days_to_close": 20 if closed else None,
        "open_on_1_january": open_on_1_january,
        "handled_in_year": closed + earlier_closed,
        "open_on_31_december": open_on_1_january - earlier_closed + still_open,
        "referred_to_ombudsman": 0,
        "by_department": {name: closed_and_open(d) for name, d in departments.items()},
        "by_department_outcomes": {
            name: {key: d.get(key, 0) for key in OUTCOME_KEYS} for name, d in departments.items()
        },
        "by_channel": channels,
        "by_partner": {},
        "by_nature": {name: count for name, (count, _f) in natures.items()},
        "by_nature_founded": {name: founded for name, (_c, founded) in natures.items()},
        "by_nature_group": {group: totals[0] for group, totals in groups.items()},
        "by_nature_group_founded": {group: totals[1] for group, totals in groups.items()},
        "other_kinds": {"received": 0, "closed": 0, "by_department": {}},
    }


def closed_and_open(department: dict[str, int]) -> int:
    return sum(department.values())


def report(current: dict[str, Any], *previous: dict[str, Any]) -> dict[str, Any]:
    return {
        "municipality": "Gemeente Teststad",
        "as_of": f"{current['year'] + 1}-01-15",
        **current,
        "nature_groups": dict(NATURE_GROUPS),
        "previous_years": list(previous),
    }


def document(figures: dict[str, Any], *, published: bool):
    return build_document(figures, texts={}, learning={}, published=published, threshold=THRESHOLD)


def number(text: str) -> float:
    return float(text.replace(".", "").replace(",", ".").rstrip("%"))


# --- the reader's view -------------------------------------------------------------------------------


def reader_view(figures: dict[str, Any]) -> dict[tuple, tuple[int | None, str]]:
    """Every published count a reader can read, as (value or None, mark), from open data and tables."""
    view: dict[tuple, tuple[int | None, str]] = {}
    for row in rows_for_figures(figures, threshold=THRESHOLD):
        if row.eenheid == "aantal":
            view[("open data", row.indeling, row.categorie, row.kenmerk)] = (row.waarde, row.markering)
    published = document(figures, published=True)
    for section in published.sections:
        for table in section.tables:
            for row in table.rows:
                for header, cell in zip(table.headers[1:], row[1:], strict=True):
                    if cell in (PRIMARY, SECONDARY_MARK):
                        view[(table.caption, row[0], header)] = (None, cell)
                    elif re.fullmatch(r"[\d.]+", cell):
                        view[(table.caption, row[0], header)] = (int(number(cell)), "")
    return view


def relations(figures: dict[str, Any], view: dict[tuple, Any]) -> list[list[tuple[tuple, int]]]:
    """The sums a reader can form, each as [(cell, coefficient), ...] adding up to zero."""

    def od(indeling: str, categorie: str, kenmerk: str) -> tuple:
        return ("open data", indeling, categorie, kenmerk)

    def total(whole: tuple, parts: list[tuple]) -> list[tuple[tuple, int]]:
        return [(whole, 1), *((part, -1) for part in parts)]

    departments = list(figures["by_department"])
    found = [
        total(
            od("totaal", "", "ontvangen"), [od("totaal", "", "afgehandeld"), od("totaal", "", "openstaand")]
        ),
        total(od("totaal", "", "afgehandeld"), [od("afdoening", key, "aantal") for key in OUTCOME_KEYS]),
        total(od("totaal", "", "beoordeeld"), [od("afdoening", key, "aantal") for key in JUDGEMENT_KEYS]),
        total(
            od("totaal", "", "geheel of gedeeltelijk gegrond"),
            [od("afdoening", "gegrond", "aantal"), od("afdoening", "deels gegrond", "aantal")],
        ),
        [
            (od("totaal", "", "openstaand op 31 december"), 1),
            (od("totaal", "", "openstaand op 1 januari"), -1),
            (od("totaal", "", "ontvangen"), -1),
            (od("totaal", "", "afgehandeld in het jaar"), 1),
        ],
        total(od("totaal", "", "ontvangen"), [od("afdeling", name, "ontvangen") for name in departments]),
        total(
            od("totaal", "", "ontvangen"), [od("kanaal", name, "aantal") for name in figures["by_channel"]]
        ),
    ]
    found += [
        total(od("afdoening", key, "aantal"), [od("afdeling", name, key) for name in departments])
        for key in OUTCOME_KEYS
    ]
    if view[od("totaal", "", "openstaand")] == (0, ""):  # nothing open: each department's sum closes
        found += [
            total(od("afdeling", name, "ontvangen"), [od("afdeling", name, key) for key in OUTCOME_KEYS])
            for name in departments
        ]
    caption = next(key[0] for key in view if key[0].startswith("Klachten per afdeling"))
    found += [
        total((caption, name, "Overig"), [od("afdeling", name, key) for key in OTHER]) for name in departments
    ]
    for group in figures["by_nature_group"]:
        natures = [name for name, g in NATURE_GROUPS.items() if g == group and name in figures["by_nature"]]
        label = _group_label(group)
        found.append(
            total(od("aard (groep)", label, "klachten"), [od("aard", name, "klachten") for name in natures])
        )
    found += multi_year_relations(figures, view)
    return found


def multi_year_relations(figures: dict[str, Any], view: dict[tuple, Any]) -> list[list[tuple[tuple, int]]]:
    """Sums over the appendix (every year), and the link of 31 December to the next 1 January."""
    caption = next(key[0] for key in view if key[0].startswith("De klachten per jaar"))
    label = {key: str(text) for text, key in APPENDIX_COUNTS}
    years = sorted([figures["year"], *(y["year"] for y in figures["previous_years"])])
    found = []
    for year in years:

        def cell(key: str, year: int = year) -> tuple:
            return (caption, label[key], str(year))

        found.append(
            [
                (cell("open_on_31_december"), 1),
                (cell("open_on_1_january"), -1),
                (cell("received"), -1),
                (cell("handled_in_year"), 1),
            ]
        )
        if year - 1 in years:
            found.append(
                [(cell("open_on_1_january"), 1), ((caption, label["open_on_31_december"], str(year - 1)), -1)]
            )
    # the same figure in the appendix and in the open data
    for key, kenmerk in (("open_on_1_january", "openstaand op 1 januari"), ("received", "ontvangen")):
        found.append(
            [((caption, label[key], str(figures["year"])), 1), (("open data", "totaal", "", kenmerk), -1)]
        )
    return found


def solvable(relation: list[tuple[tuple, int]], view: dict[tuple, tuple[int | None, str]]) -> list[tuple]:
    """The hidden cells of ``relation`` a reader can compute exactly from it and the marks."""
    unknown = [(cell, c) for cell, c in relation if view[cell][0] is None]
    rest = -sum(view[cell][0] * c for cell, c in relation if view[cell][0] is not None)
    bounds = [
        (1, THRESHOLD - 1) if view[cell][1] == PRIMARY else (THRESHOLD, math.inf) for cell, _c in unknown
    ]
    ranges = [
        (c * low, c * high) if c > 0 else (c * high, c * low)
        for (_cell, c), (low, high) in zip(unknown, bounds, strict=True)
    ]
    exact = []
    for i, (cell, _c) in enumerate(unknown):
        others = ranges[:i] + ranges[i + 1 :]
        low = max(ranges[i][0], rest - sum(high for _low, high in others))
        high = min(ranges[i][1], rest - sum(low for low, _high in others))
        if low == high:
            exact.append(cell)
    return exact


def assert_nothing_can_be_computed_back(figures: dict[str, Any]) -> None:
    view = reader_view(figures)
    for relation in relations(figures, view):
        assert all(cell in view for cell, _c in relation), relation
        assert not solvable(relation, view), relation


def assert_every_cell_tells_the_truth(figures: dict[str, Any]) -> None:
    published, internal = document(figures, published=True), document(figures, published=False)
    for shown_section, true_section in zip(published.sections, internal.sections, strict=True):
        for shown_table, true_table in zip(shown_section.tables, true_section.tables, strict=True):
            for shown_row, true_row in zip(shown_table.rows, true_table.rows, strict=True):
                for shown, true in zip(shown_row, true_row, strict=True):
                    assert_tells_the_truth(shown, true, shown_table.caption)
                share_table = shown_table.headers[-1].startswith("Aandeel")  # (name, number, share)
                if share_table and shown_row[1] in (SECONDARY_MARK, PRIMARY):
                    # no share of it either (the total's 100% tells nothing)
                    assert not any("%" in cell and cell != "100,0%" for cell in shown_row), shown_row
            assert shown_table.note, shown_table.caption  # the legend under every table
        for shown_chart, true_chart in zip(shown_section.charts, true_section.charts, strict=True):
            for shown, true, value in zip(
                shown_chart.value_labels, true_chart.value_labels, shown_chart.values, strict=True
            ):
                assert_tells_the_truth(shown, true, shown_chart.title)
                assert (value is None) == (shown in (PRIMARY, SECONDARY_MARK))
    for row in rows_for_figures(figures, threshold=THRESHOLD):
        true = internal_value(figures, row)
        if row.markering == PRIMARY:
            assert 0 < true < THRESHOLD, row
        elif row.markering == SECONDARY_MARK:
            assert row.eenheid != "aantal" or true >= THRESHOLD, row
        else:
            assert row.waarde == true and not row.onderdrukt, row


def assert_tells_the_truth(shown: str, true: str, where: str) -> None:
    if shown == PRIMARY:
        assert 0 < number(true) < THRESHOLD, (where, true)
    elif shown == SECONDARY_MARK:
        assert "%" in true or not re.fullmatch(r"[\d.]+", true) or number(true) >= THRESHOLD, (where, true)
    else:
        assert shown == true, (where, shown, true)


def internal_value(figures: dict[str, Any], row) -> Any:
    if row.indeling == "totaal":
        keys = {
            "ontvangen": "received", "afgehandeld": "closed", "openstaand": "open",
            "openstaand op 1 januari": "open_on_1_january",
            "openstaand op 31 december": "open_on_31_december",
            "afgehandeld in het jaar": "handled_in_year", "beoordeeld": "judged",
            "geheel of gedeeltelijk gegrond": "founded", "verdaagd": "extended",
        }  # fmt: skip
        return figures[keys[row.kenmerk]]
    if row.indeling == "afdoening":
        return figures["outcomes"][row.categorie]
    if row.indeling == "tijdigheid":
        if row.eenheid == "dagen":
            return figures["median_days_to_close"]
        return {
            "binnen 6 weken": figures["within_term_pct"],
            "binnen 10 weken": figures["within_extended_term_pct"],
            "binnen de geldende wettelijke termijn": figures["within_legal_term_pct"],
            "binnen de interne norm": figures["within_internal_target_pct"],
        }[row.categorie]
    if row.indeling == "afdeling":
        if row.kenmerk == "ontvangen":
            return figures["by_department"][row.categorie]
        return figures["by_department_outcomes"][row.categorie][row.kenmerk]
    if row.indeling == "kanaal":
        return figures["by_channel"][row.categorie]
    if row.indeling == "aard":
        key = "by_nature" if row.kenmerk == "klachten" else "by_nature_founded"
        return figures[key][row.categorie]
    if row.indeling == "aard (groep)":
        return next(n for g, n in figures["by_nature_group"].items() if _group_label(g) == row.categorie)
    if row.indeling == "andersoortige klachten":
        return figures["other_kinds"]["received"]
    raise AssertionError(row)


def _group_label(group: str) -> str:
    from klachtwijzer.complaints.constants import NatureGroup

    return str(NatureGroup(group).label)


# --- the examples --------------------------------------------------------------------------------------


def example_deels_gegrond() -> dict[str, Any]:
    """Burgerzaken's 7 'deels gegrond' next to Belastingen's 1, under a published total of 8."""
    departments = {
        "Burgerzaken": {"gegrond": 20, "deels gegrond": 7, "ongegrond": 30, "geen oordeel": 10,
                        "informeel opgelost": 12, "ingetrokken": 6, "open": 9},
        "Belastingen": {"gegrond": 15, "deels gegrond": 1, "ongegrond": 25, "geen oordeel": 8,
                        "informeel opgelost": 9, "doorgestuurd": 5, "open": 6},
    }  # fmt: skip
    return report(
        year_figures(
            2024, departments, open_on_1_january=40, earlier_closed=30, channels={"webformulier": 193}
        )
    )


def test_a_cell_hidden_to_protect_another_shows_its_own_mark_never_a_false_small_number():
    figures = example_deels_gegrond()

    published = document(figures, published=True)
    table = next(
        t for s in published.sections for t in s.tables if t.caption.startswith("Klachten per afdeling")
    )
    rows = {row[0]: row for row in table.rows}

    assert rows["Belastingen"][3] == "< 5"  # 1 deels gegrond
    assert rows["Burgerzaken"][3] == "×"  # 7: hidden so that 8 - 7 does not give the 1 away
    assert "< 5" not in rows["Burgerzaken"]
    assert "× = verborgen om een ander klein getal te beschermen" in table.note
    open_data = {(r.indeling, r.categorie, r.kenmerk): r for r in rows_for_figures(figures, threshold=5)}
    assert open_data[("afdeling", "Burgerzaken", "deels gegrond")].markering == "×"
    assert open_data[("afdeling", "Burgerzaken", "deels gegrond")].waarde is None
    assert open_data[("afdeling", "Belastingen", "deels gegrond")].markering == "< 5"
    assert open_data[("afdoening", "deels gegrond", "aantal")].waarde == 8
    assert_every_cell_tells_the_truth(figures)
    assert_nothing_can_be_computed_back(figures)


def example_open_on_31_december() -> dict[str, Any]:
    """3 open on 31 December, with open on 1 January, received and handled published around it."""
    departments = {"Burgerzaken": {"gegrond": 30, "ongegrond": 50, "informeel opgelost": 17, "open": 3}}
    current = year_figures(2024, departments, open_on_1_january=20, earlier_closed=20)
    previous = year_figures(
        2023, {"Burgerzaken": {"ongegrond": 90, "open": 20}}, open_on_1_january=10, earlier_closed=10
    )
    return report(current, previous)


def test_the_open_on_31_december_cannot_be_computed_from_the_flow_in_another_table():
    figures = example_open_on_31_december()
    assert figures["open_on_31_december"] == 3
    assert figures["open_on_1_january"] + figures["received"] - figures["handled_in_year"] == 3

    totals = {r.kenmerk: r for r in rows_for_figures(figures, threshold=5) if r.indeling == "totaal"}

    assert totals["openstaand op 31 december"].markering == "< 5"
    hidden = [
        k for k in ("openstaand op 1 januari", "ontvangen", "afgehandeld in het jaar") if totals[k].onderdrukt
    ]
    assert hidden, "one of the other three must be hidden, else 20 + 100 - 117 gives the 3"
    assert all(totals[k].markering == "×" for k in hidden)
    assert_every_cell_tells_the_truth(figures)
    assert_nothing_can_be_computed_back(figures)


# --- any figures ---------------------------------------------------------------------------------------

small = st.integers(min_value=0, max_value=12)


@st.composite
def random_figures(draw: st.DrawFn) -> dict[str, Any]:
    def department() -> dict[str, int]:
        return {key: draw(small) for key in [*OUTCOME_KEYS, "open"]} | {
            "open": draw(st.sampled_from([0, 0, 1, 3, 7]))
        }

    names = ["Burgerzaken", "Belastingen", "Wonen", "Afval"][: draw(st.integers(min_value=1, max_value=4))]
    departments = {name: department() for name in names}
    received = sum(map(closed_and_open, departments.values()))
    email = draw(st.integers(min_value=0, max_value=received))
    letter = draw(st.integers(min_value=0, max_value=received - email))
    natures = {}
    for name in NATURE_GROUPS:
        count = draw(small)
        natures[name] = (count, draw(st.integers(min_value=0, max_value=count)))
    open_on_1_january = draw(st.integers(min_value=0, max_value=25))
    current = year_figures(
        2024,
        departments,
        open_on_1_january=open_on_1_january,
        earlier_closed=draw(st.integers(min_value=0, max_value=open_on_1_january)),
        channels={"webformulier": received - email - letter, "e-mail": email, "brief": letter},
        natures=natures,
    )
    previous_open = {"open": draw(st.integers(min_value=0, max_value=open_on_1_january))}
    previous_departments = {"Burgerzaken": {"ongegrond": draw(small), "gegrond": draw(small)} | previous_open}
    start = draw(st.integers(min_value=0, max_value=15))
    # open on 31 December 2023 must be 2024's open on 1 January
    earlier = start + previous_open["open"] - open_on_1_january
    if earlier < 0:
        start, earlier = start - earlier, 0
    previous = year_figures(2023, previous_departments, open_on_1_january=start, earlier_closed=earlier)
    assert previous["open_on_31_december"] == open_on_1_january
    return report(current, previous)


@settings(max_examples=150, deadline=None)
@given(random_figures())
def test_no_published_sum_gives_a_hidden_cell_away_and_every_mark_is_true(figures):
    assert_every_cell_tells_the_truth(figures)
    assert_nothing_can_be_computed_back(figures)
