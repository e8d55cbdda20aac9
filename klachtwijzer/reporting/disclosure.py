"""Small numbers in published figures (Awb 9:12a; AVG): what may be shown, and how it reads.

The register is published anonymously. A count from 1 up to the municipality's threshold
(``Municipality.suppression_threshold``, default 5) could point to a person, so published output
(the report's PDF and DOCX, the open data) shows it as "< 5" and never the number. Zero is shown: it
points to no one. A percentage over fewer complaints than the threshold is shown as "x".

Where a breakdown shows its total, one hidden cell could be computed back from the others; then the
smallest other shown count is hidden too (secondary suppression). The internal pages for the
coordinator and the board show every number.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext

from . import formatting

HIDDEN_PERCENT = "x"


@dataclass(frozen=True)
class Disclosure:
    """How numbers are shown: ``published`` hides counts below ``threshold``."""

    published: bool
    threshold: int = 5

    def hides(self, value: int | None) -> bool:
        return self.published and value is not None and 0 < value < self.threshold

    def count(self, value: int | None, *, hidden: bool = False) -> str:
        """A count in a table: '1.052', or '< 5' where it is too small to publish."""
        if hidden or self.hides(value):
            return f"< {self.threshold}"
        return formatting.number(value)

    def count_in_text(self, value: int) -> str:
        """A count in a sentence: '311', or 'minder dan 5'."""
        if self.hides(value):
            return gettext("fewer than %(threshold)s") % {"threshold": self.threshold}
        return formatting.number(value)

    def percent(self, value: float | None, denominator: int, *, decimals: int = 1) -> str:
        """A percentage in a table ('69,0%'), or 'x' where its denominator is too small to publish."""
        if self.hides(denominator):
            return HIDDEN_PERCENT
        return formatting.percent(value, decimals)

    def chart_value(self, value: int) -> int | None:
        """A bar's height in a chart, or None (no bar) where the number is too small to publish."""
        return None if self.hides(value) else value

    def hidden_keys(self, counts: dict[str, int]) -> set[str]:
        """The cells of a breakdown to hide, with secondary suppression when only one would be hidden."""
        if not self.published:
            return set()
        hidden = {key for key, value in counts.items() if self.hides(value)}
        if len(hidden) == 1:
            shown = [(value, key) for key, value in counts.items() if key not in hidden and value > 0]
            if shown:
                hidden.add(min(shown)[1])
        return hidden

    def any_hidden_in(self, rows: list[list[str]]) -> bool:
        """Whether a table's cells hide anything (then it needs the footnote)."""
        marks = {f"< {self.threshold}", HIDDEN_PERCENT}
        return self.published and any(cell in marks for row in rows for cell in row)

    def note(self) -> str:
        """The footnote explaining hidden cells, or '' for internal output."""
        if not self.published:
            return ""
        return gettext(
            "< %(threshold)s: fewer than %(threshold)s complaints; x: a percentage of fewer than "
            "%(threshold)s complaints. Small numbers are not shown, so that no one can be recognised."
        ) % {"threshold": self.threshold}
