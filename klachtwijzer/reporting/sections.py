"""The figure sections of the yearly report: each fills its paragraphs, charts and tables from the figures.

One function per section key of ``contents.SECTIONS``, each ``(section, figures, disclosure, learning)``.
The sections about breakdowns, learning and definitions are in ``sections_detail.py``.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from . import formatting, narrative, sections_detail
from .contents import OUTCOME_LABELS, Chart, Section, Table, bar_chart, years_shown
from .disclosure import Disclosure
from .figures import JUDGEMENT_KEYS, OUTCOME_KEYS

Figures = dict[str, Any]
Entries = dict[str, list[dict[str, str]]]


def introduction(section: Section, figures: Figures, disclosure: Disclosure, entries: Entries) -> None:
    values = {"year": figures["year"], "municipality": figures["municipality"]}
    section.paragraphs = [
        gettext(
            "This is the complaints report %(year)s of %(municipality)s. In it the college of mayor and "
            "aldermen accounts for the complaints received in %(year)s and for how they were handled under "
            "chapter 9 of the Algemene wet bestuursrecht (Awb). Article 9:12a Awb requires written "
            "complaints "
            "to be registered and the register to be published every year."
        )
        % values,
        gettext(
            "The report gives the numbers, how the complaints ended, the judgements and the timeliness, per "
            "department and by the nature of the complaints, and what the organisation learns from them. "
            "The figures count what was known on %(date)s; complaints not dealt with by then count as open."
        )
        % {"date": formatting.long_date(narrative.as_of_date(figures))},
    ]
    if disclosure.published:
        section.paragraphs.append(disclosure.note())


def summary(section: Section, figures: Figures, disclosure: Disclosure, entries: Entries) -> None:
    section.paragraphs = narrative.summary(figures, disclosure)
    years = years_shown(figures)
    count, pct = disclosure.year_count, disclosure.year_share
    rows = [
        [gettext("Received")] + [count(year, "received") for year in years],
        [gettext("Dealt with (of the year's complaints)")] + [count(year, "closed") for year in years],
        [gettext("Wholly or partly founded")] + [count(year, "founded") for year in years],
        [gettext("Within 6 weeks")] + [pct(year, "within_term") for year in years],
        [gettext("Within 10 weeks")] + [pct(year, "within_extended_term") for year in years],
        [gettext("Open on 31 December")] + [count(year, "open_on_31_december") for year in years],
    ]
    section.tables = [
        Table(
            caption=gettext("Key figures"),
            headers=[gettext("Figure")] + [str(year["year"]) for year in years],
            rows=rows,
        )
    ]


def numbers(section: Section, figures: Figures, disclosure: Disclosure, entries: Entries) -> None:
    year = figures["year"]

    def count(key: str) -> str:
        return disclosure.count_in_text(figures[key], (year, key))

    section.paragraphs = [
        narrative.received(figures, disclosure),
        gettext(
            "On 1 January %(year)s %(start)s complaints were open. During the year %(handled)s complaints "
            "were "
            "dealt with, including complaints from earlier years; on 31 December %(end)s were open."
        )
        % {
            "year": figures["year"],
            "start": count("open_on_1_january"),
            "handled": count("handled_in_year"),
            "end": count("open_on_31_december"),
        },
        narrative.still_open(figures, disclosure),
    ]
    years = years_shown(figures, 5)
    section.charts = [
        bar_chart(
            "trend",
            gettext("Complaints received per year"),
            {str(year["year"]): year["received"] for year in years},
            disclosure,
            horizontal=False,
            cells={str(year["year"]): (year["year"], "received") for year in years},
        ),
        outcome_chart(figures, disclosure),
    ]
    section.tables = [flow_table(figures, disclosure), outcome_table(figures, disclosure)]


def flow_table(figures: Figures, disclosure: Disclosure) -> Table:
    years = years_shown(figures)
    rows = [
        [str(label)] + [disclosure.year_count(year, key) for year in years]
        for label, key in (
            (_("Open on 1 January"), "open_on_1_january"),
            (_("Received"), "received"),
            (_("Dealt with in the year (whenever received)"), "handled_in_year"),
            (_("Open on 31 December"), "open_on_31_december"),
        )
    ]
    return Table(
        caption=gettext("Complaints in and out"),
        headers=[gettext("Figure")] + [str(year["year"]) for year in years],
        rows=rows,
    )


def outcome_table(figures: Figures, disclosure: Disclosure) -> Table:
    outcomes, closed, year = figures["outcomes"], figures["closed"], figures["year"]
    rows = [
        [
            str(OUTCOME_LABELS[key]),
            disclosure.count(outcomes[key], (year, "outcomes", key)),
            disclosure.percent(
                formatting.share(outcomes[key], closed),
                closed,
                numerator=(year, "outcomes", key),
                denominator=(year, "closed"),
            ),
        ]
        for key in OUTCOME_KEYS
    ]
    rows.append(
        [
            gettext("Dealt with"),
            disclosure.count(closed, (year, "closed")),
            formatting.percent(100.0 if closed else None),
        ]
    )
    return Table(
        caption=gettext("How the complaints of %(year)s ended") % {"year": year},
        headers=[gettext("Outcome"), gettext("Number"), gettext("Share of those dealt with")],
        rows=rows,
        total_row=True,
    )


def outcome_chart(figures: Figures, disclosure: Disclosure) -> Chart:
    outcomes, year = figures["outcomes"], figures["year"]
    return bar_chart(
        "outcomes",
        gettext("How the complaints ended"),
        {str(OUTCOME_LABELS[key]): outcomes[key] for key in OUTCOME_KEYS if outcomes[key]},
        disclosure,
        horizontal=True,
        cells={str(OUTCOME_LABELS[key]): (year, "outcomes", key) for key in OUTCOME_KEYS},
    )


def judgements(section: Section, figures: Figures, disclosure: Disclosure, entries: Entries) -> None:
    outcomes, judged, year = figures["outcomes"], figures["judged"], figures["year"]
    section.paragraphs = [
        " ".join(narrative.judgements(figures, disclosure)),
        gettext(
            "Of the %(judged)s complaints judged formally, %(pct)s were wholly or partly founded. Complaints "
            "resolved informally, withdrawn, forwarded or not handled get no judgement."
        )
        % {
            "judged": disclosure.count_in_text(judged, (year, "judged")),
            "pct": disclosure.percent(
                figures["founded_pct_of_judged"],
                judged,
                numerator=(year, "founded"),
                denominator=(year, "judged"),
                decimals=0,
            ),
        },
    ]
    rows = [
        [
            str(OUTCOME_LABELS[key]),
            disclosure.count(outcomes[key], (year, "outcomes", key)),
            disclosure.percent(
                formatting.share(outcomes[key], judged),
                judged,
                numerator=(year, "outcomes", key),
                denominator=(year, "judged"),
            ),
        ]
        for key in JUDGEMENT_KEYS
    ]
    rows.append(
        [
            gettext("Judged"),
            disclosure.count(judged, (year, "judged")),
            formatting.percent(100.0 if judged else None),
        ]
    )
    section.tables = [
        Table(
            caption=gettext("Judgements on the complaints of %(year)s") % {"year": year},
            headers=[gettext("Judgement"), gettext("Number"), gettext("Share of those judged")],
            rows=rows,
            total_row=True,
        )
    ]


def timeliness(section: Section, figures: Figures, disclosure: Disclosure, entries: Entries) -> None:
    section.paragraphs = narrative.timeliness(figures, disclosure)
    years = years_shown(figures)
    pct, count = disclosure.year_share, disclosure.year_count
    target = gettext("Within the internal target (%(days)s days)") % {"days": figures["internal_target_days"]}
    rows = [
        [gettext("Within 6 weeks")] + [pct(year, "within_term") for year in years],
        [gettext("Within 10 weeks")] + [pct(year, "within_extended_term") for year in years],
        [gettext("Within the legal term that applied")] + [pct(year, "within_legal_term") for year in years],
        [target] + [pct(year, "within_internal_target") for year in years],
        [gettext("Extended (number)")] + [count(year, "extended") for year in years],
        [gettext("Median handling time (days)")]
        + [disclosure.median(year["median_days_to_close"], year["closed"]) for year in years],
    ]
    section.tables = [
        Table(
            caption=gettext("Timeliness of the complaints dealt with"),
            headers=[gettext("Figure")] + [str(year["year"]) for year in years],
            rows=rows,
        )
    ]


SECTION_BUILDERS = {
    "introduction": introduction,
    "summary": summary,
    "numbers": numbers,
    "judgements": judgements,
    "timeliness": timeliness,
    **sections_detail.SECTION_BUILDERS,
}
