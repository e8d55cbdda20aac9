"""The report's short satisfaction chapter: response rate and average score of the complainant survey.

From the figures' ``satisfaction`` key, already suppressed (``suppression.suppress_satisfaction``): a
hidden group shows "< threshold" for its answers and an en dash for its rate and score. A version
finalised before the survey existed has no key and says that no survey was held.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext

from . import formatting
from .contents import Section, Table
from .disclosure import Disclosure

Figures = dict[str, Any]


def _row(label: str, group: dict[str, Any], threshold: int) -> list[str]:
    hidden = group["responses"] is None
    return [
        label,
        formatting.number(group["surveys_sent"]),
        f"< {threshold}" if hidden else formatting.number(group["responses"]),
        formatting.percent(group["response_pct"]),
        formatting.number(group["average_score"], 1),
    ]


def satisfaction(section: Section, figures: Figures, disclosure: Disclosure, entries: dict[str, Any]) -> None:
    counted = figures.get("satisfaction") or {}
    if not counted.get("surveys_sent"):
        section.paragraphs = [
            gettext("No complainants were asked about the handling of complaints closed in %(year)s.")
            % {"year": figures["year"]}
        ]
        return
    threshold = disclosure.threshold
    section.paragraphs = [
        gettext(
            "After a complaint was judged or resolved informally, the complainant was asked for a score from "
            "1 to 10 for the handling. The answers are kept apart from the complaints; groups with too few "
            "answers are not shown."
        )
    ]
    rows = [_row(gettext("All"), counted, threshold)]
    rows += [_row(name, group, threshold) for name, group in counted["by_department"].items()]
    rows += [_row(name, group, threshold) for name, group in counted["by_route"].items()]
    rows += [_row(name, group, threshold) for name, group in counted["by_judgement_detail"].items()]
    section.tables = [
        Table(
            caption=gettext("Satisfaction of complainants, complaints closed in %(year)s")
            % {"year": figures["year"]},
            headers=[
                "",
                gettext("Surveys sent"),
                gettext("Answers"),
                gettext("Response rate"),
                gettext("Average score"),
            ],
            rows=rows,
        )
    ]
