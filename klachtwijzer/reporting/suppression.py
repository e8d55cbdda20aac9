"""Which published cells of the yearly report are hidden: one plan for the whole report and its open data.

Awb 9:12a asks for an anonymous register; a count from 1 up to the municipality's threshold
(``Municipality.suppression_threshold``, default 5) could point to a person, so it is hidden
(*primary* suppression, shown as "< 5"). The report publishes many tables whose cells are tied by
sums, so a hidden cell could be computed back from the cells shown around it, in the same table or
in another one. A cell hidden only to prevent that is *secondary* suppression, shown as "×" (as CBS
writes for "geheim"); it is never a number below the threshold.

A cell is one figure, named by its path in the figures (``(2024, "outcomes", "gegrond")``), so the
same figure is hidden in every table, chart, sentence and open-data row that shows it. The relations
a reader can use (each a sum that is zero) are listed from the figures:

- received = closed + open; closed = the nine outcomes; judged = the four judgements;
  founded = gegrond + deels gegrond;
- open on 31 December = open on 1 January + received - handled in the year, and open on 31 December
  of a year = open on 1 January of the next;
- received = the departments' received = the channels; each outcome = its departments' counts;
  a department's "other" = its four other endings; a department's received = its outcomes + its
  open complaints (not published, but known to a reader where the sums pin them down, e.g. when
  nothing is open); the year's open = the departments' open;
- a group of standards = the standards under it (all and founded); other kinds = their departments;
- a partner's received complaints (``partners``) = its registered ones, where it reports nothing itself.

A reader also knows what the marks say: "< 5" is 1 to threshold - 1, "×" at least the threshold, an
unpublished count at least 0. The plan starts from the primary cells and repeats until no relation
fixes the value of a hidden cell (exactly one unknown, or bounds that leave one value): where one
does, the smallest shown non-zero cell of that relation is hidden as well. A percentage reveals its
numerator where its denominator is shown (and the other way round), so ``Disclosure.percent`` hides a
share where either is hidden. Relations the figures do not satisfy (older frozen figures) are left
out: a reader could not use them either.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from .counting import JUDGEMENT_KEYS, OUTCOME_KEYS

Cell = tuple[Any, ...]
OTHER_ENDINGS = ["ingetrokken", "niet in behandeling", "doorgestuurd", "geen klacht"]
MULTI_YEAR_COUNTS = [
    "received", "closed", "open_on_1_january", "open_on_31_december", "handled_in_year", "judged",
    "founded", "extended", "within_term", "within_extended_term", "within_legal_term",
    "within_internal_target", "to_acknowledge", "acknowledged_within_target",
]  # fmt: skip
REPORT_YEAR_COUNTS = ["open", "referred_to_ombudsman"]
PARTNER_KEYS = ("received", "closed", "founded")


class Mark(StrEnum):
    PRIMARY = "primary"  # 1 to threshold - 1: "< 5"
    SECONDARY = "secondary"  # hidden to protect another cell: "×"


@dataclass(frozen=True)
class Relation:
    """A sum over cells that is zero: ``terms`` are (cell, coefficient) pairs."""

    terms: tuple[tuple[Cell, int], ...]

    @classmethod
    def total(cls, total: Cell, parts: Iterable[Cell]) -> Relation:
        return cls(((total, 1), *((part, -1) for part in parts)))

    def cells(self) -> list[Cell]:
        return [cell for cell, _coefficient in self.terms]


@dataclass
class SuppressionPlan:
    """The cells of the report and how each is published: shown, "< 5" or "×"."""

    threshold: int
    values: dict[Cell, int] = field(default_factory=dict)
    published: set[Cell] = field(default_factory=set)
    relations: list[Relation] = field(default_factory=list)
    marks: dict[Cell, Mark] = field(default_factory=dict)

    def mark(self, cell: Cell | None) -> Mark | None:
        return None if cell is None else self.marks.get(cell)

    def hidden(self, cell: Cell | None) -> bool:
        return self.mark(cell) is not None


def plan_for(figures: dict[str, Any], threshold: int) -> SuppressionPlan:
    """The plan for the figures of ``compute_figures`` (or a frozen version of them)."""
    plan = SuppressionPlan(threshold=threshold)
    _collect(plan, figures)
    plan.marks = {cell: Mark.PRIMARY for cell in plan.published if 0 < plan.values[cell] < threshold}
    _protect(plan)
    return plan


def _collect(plan: SuppressionPlan, figures: dict[str, Any]) -> None:
    years = {figures["year"]: figures} | {year["year"]: year for year in figures.get("previous_years", [])}
    for year, values in years.items():
        _collect_year(plan, year, values, report_year=year == figures["year"], figures=figures)
        if year - 1 in years:
            plan.relations.append(
                Relation.total((year, "open_on_1_january"), [(year - 1, "open_on_31_december")])
            )
    plan.relations = [relation for relation in plan.relations if _holds(plan, relation)]


def _collect_year(
    plan: SuppressionPlan, year: int, f: dict[str, Any], *, report_year: bool, figures: dict[str, Any]
) -> None:
    def add(cell: Cell, value: int | None, *, published: bool = True) -> Cell:
        plan.values[cell] = int(value or 0)
        if published:
            plan.published.add(cell)
        return cell

    relations = plan.relations
    for key in MULTI_YEAR_COUNTS:
        if key in f:
            add((year, key), f[key])
    outcomes = [add((year, "outcomes", key), f["outcomes"][key]) for key in OUTCOME_KEYS]
    other = f.get("other_kinds", {})
    add((year, "other_kinds", "received"), other.get("received", 0))
    relations += [
        Relation.total((year, "closed"), outcomes),
        Relation.total((year, "judged"), [(year, "outcomes", key) for key in JUDGEMENT_KEYS]),
        Relation.total(
            (year, "founded"), [(year, "outcomes", "gegrond"), (year, "outcomes", "deels gegrond")]
        ),
        Relation(
            (
                ((year, "open_on_31_december"), 1),
                ((year, "open_on_1_january"), -1),
                ((year, "received"), -1),
                ((year, "handled_in_year"), 1),
            )
        ),
    ]
    if not report_year:
        return  # earlier years publish only the multi-year figures (summary, appendix)
    for key in REPORT_YEAR_COUNTS:
        add((year, key), f[key])
    relations.append(Relation.total((year, "received"), [(year, "closed"), (year, "open")]))
    _collect_departments(plan, year, f, add)
    for key in ("by_channel", "by_partner", "by_nature", "by_nature_founded"):
        for name, value in f[key].items():
            add((year, key, name), value)
    relations.append(Relation.total((year, "received"), [(year, "by_channel", c) for c in f["by_channel"]]))
    if "by_form" in f:
        forms = [add((year, "by_form", name), value) for name, value in f["by_form"].items()]
        relations.append(Relation.total((year, "received"), forms))
    groups = figures.get("nature_groups", {})
    for key, nature_key in (
        ("by_nature_group", "by_nature"),
        ("by_nature_group_founded", "by_nature_founded"),
    ):
        for group, value in f.get(key, {}).items():
            add((year, key, group), value)
            natures = [(year, nature_key, name) for name in f[nature_key] if groups.get(name) == group]
            relations.append(Relation.total((year, key, group), natures))
    _collect_ombudsman(plan, year, figures.get("ombudsman"), add)
    _collect_partners(plan, year, f, add)
    departments = other.get("by_department", {})
    for name, value in departments.items():
        add((year, "other_kinds", "by_department", name), value)
    if departments:
        relations.append(
            Relation.total(
                (year, "other_kinds", "received"),
                [(year, "other_kinds", "by_department", name) for name in departments],
            )
        )


def _collect_ombudsman(plan: SuppressionPlan, year: int, cases: dict[str, Any] | None, add: Any) -> None:
    """The ombudsman cells (frozen versions from before the module have none): petitions = outcomes."""
    if not cases:
        return
    petitions = add((year, "ombudsman", "petitions"), cases["petitions"])
    outcomes = [add((year, "ombudsman", "by_outcome", key), n) for key, n in cases["by_outcome"].items()]
    plan.relations.append(Relation.total(petitions, outcomes))
    for key, n in cases["judgements"].items():
        add((year, "ombudsman", "judgements", key), n)
    for key, n in cases["recommendations"].items():
        add((year, "ombudsman", "recommendations", key), n)


def _collect_departments(plan: SuppressionPlan, year: int, f: dict[str, Any], add: Any) -> None:
    relations = plan.relations
    names = list(f["by_department"])
    for name in names:
        received = add((year, "by_department", name), f["by_department"][name])
        outcomes = f["by_department_outcomes"].get(name, dict.fromkeys(OUTCOME_KEYS, 0))
        cells = [add((year, "by_department_outcomes", name, key), outcomes[key]) for key in OUTCOME_KEYS]
        other = add((year, "department_other", name), sum(outcomes[key] for key in OTHER_ENDINGS))
        still_open = add(
            (year, "department_open", name),
            f["by_department"][name] - sum(outcomes.values()),
            published=False,
        )
        relations += [
            Relation.total(other, [(year, "by_department_outcomes", name, key) for key in OTHER_ENDINGS]),
            Relation.total(received, [*cells, still_open]),
        ]
    relations.append(Relation.total((year, "received"), [(year, "by_department", name) for name in names]))
    relations.append(Relation.total((year, "open"), [(year, "department_open", name) for name in names]))
    for key in OUTCOME_KEYS:
        relations.append(
            Relation.total(
                (year, "outcomes", key), [(year, "by_department_outcomes", name, key) for name in names]
            )
        )


def _collect_partners(plan: SuppressionPlan, year: int, f: dict[str, Any], add: Any) -> None:
    """The ``partners`` key: received, closed and founded per partner; a partner whose figures are only
    registered complaints repeats its ``by_partner`` count (a reader can set the two side by side)."""
    for name, entry in f.get("partners", {}).items():
        cells = {
            key: add((year, "partners", name, key), entry[key]) for key in ("received", "closed", "founded")
        }
        if entry["source"] == "registered" and name in f["by_partner"]:
            plan.relations.append(Relation.total(cells["received"], [(year, "by_partner", name)]))


def _holds(plan: SuppressionPlan, relation: Relation) -> bool:
    return all(cell in plan.values for cell in relation.cells()) and not sum(
        plan.values[cell] * coefficient for cell, coefficient in relation.terms
    )


def _protect(plan: SuppressionPlan) -> None:
    """Hide more cells until no relation fixes the value of a hidden published cell."""
    while True:
        known = _known(plan)
        exposed = [relation for relation in plan.relations if _fixes_a_hidden_cell(plan, relation, known)]
        added = False
        for relation in exposed:
            if not _fixes_a_hidden_cell(plan, relation, _known(plan)):
                continue  # an earlier addition in this round already protects it
            shown = [
                (plan.values[cell], str(cell), cell)
                for cell in relation.cells()
                if cell in plan.published and cell not in plan.marks and plan.values[cell] > 0
            ]
            if shown:
                plan.marks[min(shown)[2]] = Mark.SECONDARY
                added = True
        if not added:
            return


def _known(plan: SuppressionPlan) -> set[Cell]:
    """The cells a reader knows: the shown ones, and unpublished ones the relations pin down."""
    known = {cell for cell in plan.published if cell not in plan.marks}
    changed = True
    while changed:
        changed = False
        for relation in plan.relations:
            for cell in _pinned(plan, relation, known):
                if cell not in plan.published and cell not in known:
                    known.add(cell)
                    changed = True
    return known


def _fixes_a_hidden_cell(plan: SuppressionPlan, relation: Relation, known: set[Cell]) -> bool:
    return any(cell in plan.published for cell in _pinned(plan, relation, known))


def _bounds(plan: SuppressionPlan, cell: Cell) -> tuple[float, float]:
    """What a reader knows of an unknown cell from its mark alone."""
    mark = plan.marks.get(cell)
    if mark == Mark.PRIMARY:
        return 1, plan.threshold - 1
    if mark == Mark.SECONDARY:
        return plan.threshold, math.inf
    return 0, math.inf


def _pinned(plan: SuppressionPlan, relation: Relation, known: set[Cell]) -> Iterator[Cell]:
    """The unknown cells of ``relation`` whose value it fixes, given the known cells and the marks."""
    unknown = [(cell, c) for cell, c in relation.terms if cell not in known]
    if not unknown:
        return
    rest = -sum(plan.values[cell] * c for cell, c in relation.terms if cell in known)
    ranges = []
    for cell, c in unknown:
        low, high = _bounds(plan, cell)
        ranges.append((c * low, c * high) if c > 0 else (c * high, c * low))
    for index, ((cell, _c), (low, high)) in enumerate(zip(unknown, ranges, strict=True)):
        # c * x = rest - (the others), with the others between their bounds
        others = ranges[:index] + ranges[index + 1 :]
        others_low = sum(other_low for other_low, _other_high in others)
        others_high = sum(other_high for _other_low, other_high in others)
        term_low, term_high = max(low, rest - others_high), min(high, rest - others_low)
        if term_low == term_high:
            yield cell


def suppress_satisfaction(figures: dict[str, Any], threshold: int) -> dict[str, Any]:
    """The survey figures with small groups hidden, for every reader (dashboard, report, JSON).

    An answer is one person's view, so a group (department, route, judgement) with 1 to threshold - 1
    answers shows neither its answers, its response rate nor its average score (``None``). Where a
    breakdown would then give a hidden group's count away (the total minus the shown groups), the
    smallest shown group is hidden as well (secondary suppression). The counts of "resolved" and
    "felt heard" answers are treated the same way. The totals are hidden when below the threshold.
    """
    result = dict(figures)

    def small(count: int | None) -> bool:
        return count is not None and 0 < count < threshold

    def hide(group: dict[str, Any]) -> dict[str, Any]:
        return {**group, "responses": None, "response_pct": None, "average_score": None}

    total_hidden = small(figures["responses"])
    if total_hidden:
        result.update(responses=None, response_pct=None, average_score=None)
    for key in ("by_department", "by_route", "by_judgement_detail"):
        groups = dict(figures[key])
        hidden = {name for name, group in groups.items() if small(group["responses"]) or total_hidden}
        if len(hidden) == 1 and key != "by_judgement_detail":  # the parts sum to the total
            shown = [(group["responses"], name) for name, group in groups.items() if name not in hidden]
            shown = [item for item in shown if item[0]]
            if shown:
                hidden.add(min(shown)[1])
        result[key] = {name: hide(group) if name in hidden else group for name, group in groups.items()}
    result["by_judgement"] = {
        name: group["average_score"] for name, group in result["by_judgement_detail"].items()
    }
    for key in ("resolved", "heard"):
        counts = dict(figures[key])
        hidden = {name for name, n in counts.items() if small(n) or total_hidden}
        if len(hidden) == 1:
            shown = sorted((n, name) for name, n in counts.items() if name not in hidden and n)
            if shown:
                hidden.add(shown[0][1])
        result[key] = {name: None if name in hidden else n for name, n in counts.items()}
    return result
