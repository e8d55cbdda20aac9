"""Small numbers in published figures (Awb 9:12a; AVG): what may be shown, and how it reads.

The register is published anonymously. A count from 1 up to the municipality's threshold
(``Municipality.suppression_threshold``, default 5) could point to a person, so published output
(the report's PDF and DOCX, the open data) shows it as "< 5" and never the number: "< 5" only ever
stands for 1 to 4. Zero is shown: it points to no one. A cell hidden so that such a number cannot be
computed back from the others (secondary suppression, across every table: ``suppression.py``) is
shown as "×" (CBS's mark for "geheim"), and so is a percentage or median that would give a hidden
number away. Every published table carries the legend. The internal pages for the coordinator and the
board show every number.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext

from . import formatting
from .suppression import Cell, Mark, SuppressionPlan, plan_for

SECONDARY_MARK = "\u00d7"  # ×


@dataclass(frozen=True)
class Disclosure:
    """How numbers are shown: ``published`` hides what ``plan`` says (see ``suppression.py``)."""

    published: bool
    threshold: int = 5
    plan: SuppressionPlan = field(default_factory=lambda: SuppressionPlan(threshold=5))

    @classmethod
    def for_figures(cls, figures: dict[str, Any], *, published: bool, threshold: int) -> Disclosure:
        """The disclosure of one report: the plan is made once, for every table and the open data."""
        plan = plan_for(figures, threshold) if published else SuppressionPlan(threshold=threshold)
        return cls(published, threshold, plan)

    @property
    def primary_mark(self) -> str:
        return f"< {self.threshold}"

    def hides(self, value: int | None) -> bool:
        """Whether ``value`` is a small number (primary suppression)."""
        return self.published and value is not None and 0 < value < self.threshold

    def mark(self, value: int | None, cell: Cell | None = None) -> Mark | None:
        """How a count is hidden: by the plan where it names the cell, else by its size."""
        if not self.published:
            return None
        if cell is not None and cell in self.plan.values:
            return self.plan.mark(cell)
        return Mark.PRIMARY if self.hides(value) else None

    def count(self, value: int | None, cell: Cell | None = None, *, hidden: bool = False) -> str:
        """A count in a table: '1.052', '< 5' (1 to 4) or '×' (hidden to protect another cell).

        ``hidden`` marks a cell that a table outside the report's plan hides (``hidden_keys``): it reads
        '< 5' where it is small itself and '×' where it protects another.
        """
        mark = self.mark(value, cell)
        if mark is None and hidden and self.published:
            mark = Mark.SECONDARY
        if mark == Mark.PRIMARY:
            return self.primary_mark
        if mark == Mark.SECONDARY:
            return SECONDARY_MARK
        return formatting.number(value)

    def count_in_text(self, value: int, cell: Cell | None = None) -> str:
        """A count in a sentence: '311', 'minder dan 5', or 'een verborgen aantal'."""
        mark = self.mark(value, cell)
        if mark == Mark.PRIMARY:
            return gettext("fewer than %(threshold)s") % {"threshold": self.threshold}
        if mark == Mark.SECONDARY:
            return gettext("a hidden number of")
        return formatting.number(value)

    def hides_share(self, numerator: Cell | None, denominator: Cell, denominator_value: int) -> bool:
        """Whether a percentage is hidden: it would reveal a hidden numerator or denominator."""
        if not self.published:
            return False
        return self.mark(denominator_value, denominator) is not None or (
            numerator is not None and self.plan.hidden(numerator)
        )

    def percent(
        self,
        value: float | None,
        denominator_value: int,
        *,
        numerator: Cell | None = None,
        denominator: Cell | None = None,
        decimals: int = 1,
    ) -> str:
        """A percentage in a table ('69,0%'), or '×' where it would give a hidden number away."""
        if denominator is None:
            hidden = self.hides(denominator_value)
        else:
            hidden = self.hides_share(numerator, denominator, denominator_value)
        return SECONDARY_MARK if hidden else formatting.percent(value, decimals)

    def year_count(self, year: dict[str, Any], key: str) -> str:
        """A table cell for a count of one year's figures: ``year_count(figures, "received")``."""
        return self.count(year[key], (year["year"], key))

    def year_share(self, year: dict[str, Any], key: str) -> str:
        """A table cell for a share of one year's closed complaints, ``year_share(f, "within_term")``."""
        return self.percent(
            year[f"{key}_pct"],
            year["closed"],
            numerator=(year["year"], key),
            denominator=(year["year"], "closed"),
        )

    def median(self, value: float | None, closed: int) -> str:
        """A median in days, or '×' where it is of fewer complaints than the threshold."""
        return SECONDARY_MARK if self.hides(closed) else formatting.days(value)

    def chart_value(self, value: int, cell: Cell | None = None) -> int | None:
        """A bar's height in a chart, or None (no bar) where the number is hidden."""
        return None if self.mark(value, cell) else value

    def hidden_keys(self, counts: dict[str, int]) -> set[str]:
        """For a breakdown outside the report's plan (the dashboard): its small cells and, where only
        one is small, the smallest other non-zero cell too, so the one cannot be computed back."""
        if not self.published:
            return set()
        hidden = {key for key, value in counts.items() if self.hides(value)}
        if len(hidden) == 1:
            shown = [(value, key) for key, value in counts.items() if key not in hidden and value > 0]
            if shown:
                hidden.add(min(shown)[1])
        return hidden

    def any_hidden_in(self, rows: list[list[str]]) -> bool:
        """Whether a table's cells hide anything."""
        marks = {self.primary_mark, SECONDARY_MARK}
        return self.published and any(cell in marks for row in rows for cell in row)

    def note(self) -> str:
        """The legend under every published table, or '' for internal output."""
        if not self.published:
            return ""
        return legend(self.threshold)


def legend(threshold: int) -> str:
    """What the two marks mean, for tables, the definitions and the open data."""
    return gettext(
        "< %(threshold)s: 1 to %(largest)s complaints. × = hidden to protect another small number. "
        "Small numbers are not shown, so that no one can be recognised."
    ) % {"threshold": threshold, "largest": threshold - 1}
