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
from .disclosure import HIDDEN_PERCENT, Disclosure
from .figures import JUDGEMENT_KEYS, OUTCOME_KEYS

Figures = dict[str, Any]


def introduction(section: Section, figures: Figures, disclosure: Disclosure, entries: dict) -> None:
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


def summary(section: Section, figures: Figures, disclosure: Disclosure, entries: dict) -> None:
    section.paragraphs = narrative.summary(figures, disclosure)
    years = years_shown(figures)
    count, pct = disclosure.count, disclosure.percent
    rows = [
        [gettext("Received")] + [count(year["received"]) for year in years],
        [gettext("Dealt with (of the year's complaints)")] + [count(year["closed"]) for year in years],
        [gettext("Wholly or partly founded")] + [count(year["founded"]) for year in years],
        [gettext("Within 6 weeks")] + [pct(year["within_term_pct"], year["closed"]) for year in years],
        [gettext("Within 10 weeks")]
        + [pct(year["within_extended_term_pct"], year["closed"]) for year in years],
        [gettext("Open on 31 December")] + [count(year["open_on_31_december"]) for year in years],
    ]
    section.tables = [
        Table(
            caption=gettext("Key figures"),
            headers=[gettext("Figure")] + [str(year["year"]) for year in years],
            rows=rows,
            note=disclosure.note(),
        )
    ]


def numbers(section: Section, figures: Figures, disclosure: Disclosure, entries: dict) -> None:
    count = disclosure.count_in_text
    section.paragraphs = [
        narrative.received(figures, disclosure),
        gettext(
            "On 1 January %(year)s %(start)s complaints were open. During the year %(handled)s complaints "
            "were "
            "dealt with, including complaints from earlier years; on 31 December %(end)s were open."
        )
        % {
            "year": figures["year"],
            "start": count(figures["open_on_1_january"]),
            "handled": count(figures["handled_in_year"]),
            "end": count(figures["open_on_31_december"]),
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
        ),
        outcome_chart(figures, disclosure),
    ]
    section.tables = [flow_table(figures, disclosure), outcome_table(figures, disclosure)]


def flow_table(figures: Figures, disclosure: Disclosure) -> Table:
    years = years_shown(figures)
    rows = [
        [str(label)] + [disclosure.count(year[key]) for year in years]
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
    outcomes, closed = figures["outcomes"], figures["closed"]
    hidden = disclosure.hidden_keys(outcomes)
    rows = [
        [
            str(OUTCOME_LABELS[key]),
            disclosure.count(outcomes[key], hidden=key in hidden),
            HIDDEN_PERCENT
            if key in hidden
            else disclosure.percent(formatting.share(outcomes[key], closed), closed),
        ]
        for key in OUTCOME_KEYS
    ]
    rows.append(
        [gettext("Dealt with"), disclosure.count(closed), formatting.percent(100.0 if closed else None)]
    )
    return Table(
        caption=gettext("How the complaints of %(year)s ended") % {"year": figures["year"]},
        headers=[gettext("Outcome"), gettext("Number"), gettext("Share of those dealt with")],
        rows=rows,
        note=disclosure.note() if hidden else "",
        total_row=True,
    )


def outcome_chart(figures: Figures, disclosure: Disclosure) -> Chart:
    outcomes = figures["outcomes"]
    hidden = disclosure.hidden_keys(outcomes)
    return bar_chart(
        "outcomes",
        gettext("How the complaints ended"),
        {str(OUTCOME_LABELS[key]): outcomes[key] for key in OUTCOME_KEYS if outcomes[key]},
        disclosure,
        horizontal=True,
        hidden={str(OUTCOME_LABELS[key]) for key in hidden},
    )


def judgements(section: Section, figures: Figures, disclosure: Disclosure, entries: dict) -> None:
    outcomes, judged = figures["outcomes"], figures["judged"]
    section.paragraphs = [
        " ".join(narrative.judgements(figures, disclosure)),
        gettext(
            "Of the %(judged)s complaints judged formally, %(pct)s were wholly or partly founded. Complaints "
            "resolved informally, withdrawn, forwarded or not handled get no judgement."
        )
        % {
            "judged": disclosure.count_in_text(judged),
            "pct": disclosure.percent(figures["founded_pct_of_judged"], judged, decimals=0),
        },
    ]
    judgement_counts = {key: outcomes[key] for key in JUDGEMENT_KEYS}
    hidden = disclosure.hidden_keys(judgement_counts)
    rows = [
        [
            str(OUTCOME_LABELS[key]),
            disclosure.count(outcomes[key], hidden=key in hidden),
            HIDDEN_PERCENT
            if key in hidden
            else disclosure.percent(formatting.share(outcomes[key], judged), judged),
        ]
        for key in JUDGEMENT_KEYS
    ]
    rows.append([gettext("Judged"), disclosure.count(judged), formatting.percent(100.0 if judged else None)])
    section.tables = [
        Table(
            caption=gettext("Judgements on the complaints of %(year)s") % {"year": figures["year"]},
            headers=[gettext("Judgement"), gettext("Number"), gettext("Share of those judged")],
            rows=rows,
            note=disclosure.note() if hidden else "",
            total_row=True,
        )
    ]


def timeliness(section: Section, figures: Figures, disclosure: Disclosure, entries: dict) -> None:
    section.paragraphs = narrative.timeliness(figures, disclosure)
    years = years_shown(figures)
    pct = disclosure.percent
    target = gettext("Within the internal target (%(days)s days)") % {"days": figures["internal_target_days"]}
    rows = [
        [gettext("Within 6 weeks")] + [pct(year["within_term_pct"], year["closed"]) for year in years],
        [gettext("Within 10 weeks")]
        + [pct(year["within_extended_term_pct"], year["closed"]) for year in years],
        [gettext("Within the legal term that applied")]
        + [pct(year["within_legal_term_pct"], year["closed"]) for year in years],
        [target] + [pct(year["within_internal_target_pct"], year["closed"]) for year in years],
        [gettext("Extended (number)")] + [disclosure.count(year["extended"]) for year in years],
        [gettext("Median handling time (days)")]
        + [
            "x" if disclosure.hides(year["closed"]) else formatting.days(year["median_days_to_close"])
            for year in years
        ],
    ]
    section.tables = [
        Table(
            caption=gettext("Timeliness of the complaints dealt with"),
            headers=[gettext("Figure")] + [str(year["year"]) for year in years],
            rows=rows,
            note=disclosure.note(),
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
