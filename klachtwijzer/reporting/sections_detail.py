"""The report's breakdown, learning and reference sections (see ``sections.py`` for the others)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from klachtwijzer.complaints.constants import Channel, NatureGroup
from klachtwijzer.ombudsman.models import Verdict

from . import formatting, narrative
from .contents import OUTCOME_LABELS, Section, Table, bar_chart, years_shown
from .disclosure import SECONDARY_MARK, Disclosure
from .figures import OUTCOME_KEYS
from .sections_learning import learning
from .sections_satisfaction import satisfaction
from .suppression import OTHER_ENDINGS, Cell

Figures = dict[str, Any]
Entries = dict[str, list[dict[str, str]]]


def departments(section: Section, figures: Figures, disclosure: Disclosure, entries: Entries) -> None:
    columns = [
        "received",
        "gegrond",
        "deels gegrond",
        "ongegrond",
        "geen oordeel",
        "informeel opgelost",
        "other",
    ]
    year = figures["year"]
    rows: dict[str, dict[str, int]] = {}
    for name, received in figures["by_department"].items():
        outcomes = figures["by_department_outcomes"][name]
        rows[name] = {"received": received, **outcomes, "other": sum(outcomes[key] for key in OTHER_ENDINGS)}

    def cell(name: str, column: str) -> Cell:
        if column == "received":
            return (year, "by_department", name)
        if column == "other":
            return (year, "department_other", name)
        return (year, "by_department_outcomes", name, column)

    section.paragraphs = [
        gettext(
            "The table shows per department how many complaints of %(year)s were received and how they "
            "ended. 'Other' is withdrawn, not handled, forwarded or not a complaint after all; complaints "
            "still open are counted only as received."
        )
        % {"year": figures["year"]}
    ]
    section.tables = [
        Table(
            caption=gettext("Complaints per department, %(year)s") % {"year": figures["year"]},
            headers=[
                gettext("Department"),
                gettext("Received"),
                gettext("Founded"),
                gettext("Partly founded"),
                gettext("Unfounded"),
                gettext("No judgement"),
                gettext("Informal"),
                gettext("Other"),
            ],
            rows=[
                [name] + [disclosure.count(row[c], cell(name, c)) for c in columns]
                for name, row in rows.items()
            ],
        )
    ]
    if rows:
        chart = bar_chart(
            "departments",
            gettext("Complaints received per department"),
            figures["by_department"],
            disclosure,
            horizontal=True,
            cells={name: cell(name, "received") for name in rows},
        )
        section.charts = [chart]


def _count_table(
    caption: str,
    header: str,
    counts: dict[str, int],
    disclosure: Disclosure,
    total: tuple[int, Cell],
    cells: dict[str, Cell],
) -> Table:
    """A breakdown with each count's share of ``total`` (its value and its cell)."""
    total_value, total_cell = total
    rows = [
        [
            name,
            disclosure.count(value, cells[name]),
            disclosure.percent(
                formatting.share(value, total_value),
                total_value,
                numerator=cells[name],
                denominator=total_cell,
            ),
        ]
        for name, value in counts.items()
    ]
    return Table(
        caption=caption,
        headers=[header, gettext("Number"), gettext("Share of received")],
        rows=rows,
    )


def natures(section: Section, figures: Figures, disclosure: Disclosure, entries: Entries) -> None:
    section.paragraphs = [
        gettext(
            "The nature of a complaint is classified by the standards of proper conduct "
            "(behoorlijkheidsnormen) "
            "of the Nationale ombudsman, in four groups, or by the municipality's own categories. A "
            "complaint "
            "can concern more than one standard, so the numbers add up to more than the number of complaints."
        ),
        narrative.top_natures(figures),
    ]
    year = figures["year"]
    groups = {str(NatureGroup(key).label): key for key in figures["by_nature_group"]}
    group_rows = {
        label: {
            (year, "by_nature_group", key): figures["by_nature_group"][key],
            (year, "by_nature_group_founded", key): figures["by_nature_group_founded"][key],
        }
        for label, key in groups.items()
    }
    nature_rows = {
        name: {
            (year, "by_nature", name): count,
            (year, "by_nature_founded", name): figures["by_nature_founded"][name],
        }
        for name, count in figures["by_nature"].items()
    }
    section.tables = [
        _nature_table(gettext("Per group of standards"), gettext("Group"), group_rows, disclosure, figures),
        _nature_table(
            gettext("Per standard or category"), gettext("Standard"), nature_rows, disclosure, figures
        ),
    ]


def _nature_table(
    caption: str, header: str, rows: dict[str, dict[Cell, int]], disclosure: Disclosure, figures: Figures
) -> Table:
    """Rows of (all, founded) counts, each keyed by its cell."""
    group_of = figures.get("nature_groups", {})
    with_group = header == gettext("Standard")
    table_rows = []
    for name, row in rows.items():
        cells = [name]
        if with_group:
            group = group_of.get(name)
            cells.append(str(NatureGroup(group).label) if group in NatureGroup.values else "")
        cells += [disclosure.count(value, cell) for cell, value in row.items()]
        table_rows.append(cells)
    headers = [header] + ([gettext("Group")] if with_group else [])
    return Table(
        caption=caption + f" ({figures['year']})",
        headers=[*headers, gettext("Complaints"), gettext("Of which (partly) founded")],
        rows=table_rows,
        label_columns=len(headers),
    )


def channels(section: Section, figures: Figures, disclosure: Disclosure, entries: Entries) -> None:
    year = figures["year"]
    counts = {str(Channel(key).label): value for key, value in figures["by_channel"].items()}
    cells = {str(Channel(key).label): (year, "by_channel", key) for key in figures["by_channel"]}
    section.paragraphs = [
        gettext("How the complaints of %(year)s reached the municipality.") % {"year": figures["year"]}
    ]
    section.tables = [
        _count_table(
            gettext("Channels"),
            gettext("Channel"),
            counts,
            disclosure,
            (figures["received"], (year, "received")),
            cells,
        )
    ]


def partners(section: Section, figures: Figures, disclosure: Disclosure, entries: Entries) -> None:
    counts = figures["by_partner"]
    combined = figures.get("partners", {})  # absent in versions frozen before partners reported figures
    if not counts and not combined:
        section.paragraphs = [
            gettext("No complaints about the services of partners were registered for %(year)s.")
            % {"year": figures["year"]}
        ]
        return
    section.paragraphs = [
        gettext(
            "Partners deliver services on behalf of the municipality, which stays accountable for them. "
            "These complaints about their services were registered in %(year)s."
        )
        % {"year": figures["year"]}
    ]
    if counts:
        section.tables = [
            _count_table(
                gettext("Complaints per partner"),
                gettext("Partner"),
                counts,
                disclosure,
                (figures["received"], (figures["year"], "received")),
                {name: (figures["year"], "by_partner", name) for name in counts},
            )
        ]
    if combined:
        section.paragraphs.append(
            gettext(
                "Some partners handle complaints in their own system and report their figures to the "
                "municipality. The table below adds those reported figures to the complaints registered "
                "in Klachtwijzer."
            )
        )
        section.tables.append(_partners_table(figures, combined, disclosure))
    talks = entries.get("partner_conversations", [])
    if talks:
        section.paragraphs.append(
            ngettext(
                "The accounthouders held %(count)s conversation about complaint handling with partners "
                "(%(talks)s).",
                "The accounthouders held %(count)s conversations about complaint handling with partners "
                "(%(talks)s).",
                len(talks),
            )
            % {
                "count": len(talks),
                "talks": formatting.join_words([f"{talk['partner']}, {talk['held_on']}" for talk in talks]),
            }
        )


def _within_term(disclosure: Disclosure, entry: dict[str, Any], closed: Cell) -> str:
    """The share within the term, hidden where it would give a small number away (within or not)."""
    pct = entry["within_term_pct"]
    if pct is not None:
        within = round(pct * entry["closed"] / 100)
        if disclosure.hides(within) or disclosure.hides(entry["closed"] - within):
            return SECONDARY_MARK
    return disclosure.percent(pct, entry["closed"], numerator=None, denominator=closed)


def _partners_table(figures: Figures, combined: dict[str, Any], disclosure: Disclosure) -> Table:
    year = figures["year"]
    sources = {
        "registered": gettext("registered in Klachtwijzer"),
        "reported": gettext("reported by the partner"),
        "both": gettext("registered and reported"),
    }
    rows = []
    for name, entry in combined.items():
        closed_cell = (year, "partners", name, "closed")
        rows.append(
            [
                name,
                sources.get(entry["source"], entry["source"]),
                disclosure.count(entry["received"], (year, "partners", name, "received")),
                disclosure.count(entry["closed"], closed_cell),
                disclosure.count(entry["founded"], (year, "partners", name, "founded")),
                _within_term(disclosure, entry, closed_cell),
            ]
        )
    return Table(
        caption=gettext("Complaints about partners' services, registered and reported"),
        headers=[
            gettext("Partner"),
            gettext("Source"),
            gettext("Received"),
            gettext("Closed"),
            gettext("(Partly) founded"),
            gettext("Within the term"),
        ],
        rows=rows,
    )


def other_kinds(section: Section, figures: Figures, disclosure: Disclosure, entries: Entries) -> None:
    other = figures["other_kinds"]
    section.paragraphs = [
        gettext(
            "Besides complaints under chapter 9 of the Awb, the municipality registers other kinds of "
            "complaints "
            "(about policy, reports about public space, misfiled objections) because it learns from them "
            "too. "
            "They are not counted in any other figure of this report."
        ),
        gettext("In %(year)s %(count)s other complaints were registered.")
        % {
            "year": figures["year"],
            "count": disclosure.count_in_text(
                other["received"], (figures["year"], "other_kinds", "received")
            ),
        }
        if other["received"]
        else gettext("No other kinds of complaints were registered for %(year)s.")
        % {"year": figures["year"]},
    ]
    if other["by_department"]:
        section.tables = [
            _count_table(
                gettext("Other kinds of complaints per department"),
                gettext("Department"),
                other["by_department"],
                disclosure,
                (other["received"], (figures["year"], "other_kinds", "received")),
                {
                    name: (figures["year"], "other_kinds", "by_department", name)
                    for name in other["by_department"]
                },
            )
        ]


def ombudsman(section: Section, figures: Figures, disclosure: Disclosure, entries: Entries) -> None:
    section.paragraphs = [
        gettext(
            "A complainant who is not satisfied with the municipality's judgement may turn to the Nationale "
            "ombudsman within a year (Awb 9:17-9:24)."
        )
    ]
    cases = entries.get("ombudsman_cases", [])
    if not cases:
        section.paragraphs.append(
            gettext("No cases of the Nationale ombudsman are registered for %(year)s.")
            % {"year": figures["year"]}
        )
    section.items = [
        " · ".join(filter(None, [case.get("reference"), case.get("department"), case.get("outcome")]))
        for case in cases
    ]
    petitions = figures.get("ombudsman", {}).get("petitions", 0)
    if petitions:
        cases_figures = figures["ombudsman"]
        year = figures["year"]
        section.paragraphs.append(
            gettext(
                "Petitions: %(petitions)s. Judged behoorlijk: %(proper)s, niet behoorlijk: %(improper)s. "
                "Recommendations: %(received)s, of which followed: %(followed)s."
            )
            % {
                "petitions": disclosure.count_in_text(petitions, (year, "ombudsman", "petitions")),
                "proper": disclosure.count_in_text(
                    cases_figures["judgements"].get(Verdict.PROPER.value, 0),
                    (year, "ombudsman", "judgements", Verdict.PROPER.value),
                ),
                "improper": disclosure.count_in_text(
                    cases_figures["judgements"].get(Verdict.IMPROPER.value, 0),
                    (year, "ombudsman", "judgements", Verdict.IMPROPER.value),
                ),
                "received": disclosure.count_in_text(
                    cases_figures["recommendations"]["received"],
                    (year, "ombudsman", "recommendations", "received"),
                ),
                "followed": disclosure.count_in_text(
                    cases_figures["recommendations"]["followed"],
                    (year, "ombudsman", "recommendations", "followed"),
                ),
            }
        )
    if figures["referred_to_ombudsman"]:
        section.paragraphs.append(
            gettext("Of the complaints of %(year)s, %(count)s were referred to the ombudsman.")
            % {
                "year": figures["year"],
                "count": disclosure.count_in_text(
                    figures["referred_to_ombudsman"], (figures["year"], "referred_to_ombudsman")
                ),
            }
        )


def conclusions(section: Section, figures: Figures, disclosure: Disclosure, entries: Entries) -> None:
    section.empty_text_hint = gettext("The complaints coordinator writes the conclusions here.")


def attention_points(section: Section, figures: Figures, disclosure: Disclosure, entries: Entries) -> None:
    section.empty_text_hint = gettext("The complaints coordinator writes the points of attention here.")


DEFINITIONS = [
    (_("Received"), _("Complaints under chapter 9 of the Awb received in the year (by date of receipt).")),
    (_("Dealt with"), _("Complaints of the year closed on or before the reference date.")),
    (_("Open"), _("Complaints of the year not closed on the reference date.")),
    (
        _("Open on 1 January / 31 December"),
        _("All complaints received before that day and not closed by then."),
    ),
    (_("Dealt with in the year"), _("Complaints closed in the year, whatever year they were received in.")),
    (
        _("Judged"),
        _("Complaints closed with a formal judgement: founded, partly founded, unfounded or none."),
    ),
    (_("Wholly or partly founded"), _("Judged founded plus judged partly founded.")),
    (_("Within 6 weeks"), _("Share of the complaints dealt with that closed at most 6 weeks after receipt.")),
    (
        _("Within 10 weeks"),
        _("Share of the complaints dealt with that closed at most 10 weeks after receipt."),
    ),
    (
        _("Within the legal term that applied"),
        _("6 weeks, or 10 weeks where the extension was announced before the 6 weeks ended (Awb 9:11)."),
    ),
    (
        _("Internal target"),
        _("Share of the complaints dealt with that closed within the municipality's target."),
    ),
    (_("Extended"), _("Complaints whose term was extended by at most four weeks (Awb 9:11 lid 2).")),
    (_("Median handling time"), _("Half of the complaints dealt with took at most this many days.")),
    (
        _("Informal resolution"),
        _("Resolved to the complainant's satisfaction without a judgement (Awb 9:5)."),
    ),
    (
        _("Other kinds of complaints"),
        _("Registered to learn from, outside the Awb procedure; counted apart."),
    ),
]


def definitions(section: Section, figures: Figures, disclosure: Disclosure, entries: Entries) -> None:
    section.paragraphs = [
        gettext(
            "Every term ends on the next working day where it would end on a Saturday, Sunday or general "
            "holiday (Algemene termijnenwet). The figures are computed from the register on the reference "
            "date."
        )
    ]
    section.definitions = [(str(term), str(meaning)) for term, meaning in DEFINITIONS]
    if disclosure.published:
        section.definitions += [
            (
                disclosure.primary_mark,
                gettext(
                    "1 to %(largest)s complaints: small numbers are not shown, so that no one can be "
                    "recognised."
                )
                % {"largest": disclosure.threshold - 1},
            ),
            (
                SECONDARY_MARK,
                gettext(
                    "Hidden to protect another small number: without it, a hidden number could be computed "
                    "from the totals in this report or in the open data. It is not a small number itself."
                ),
            ),
        ]


APPENDIX_COUNTS = [
    (_("Received"), "received"),
    (_("Dealt with"), "closed"),
    (_("Open on 1 January"), "open_on_1_january"),
    (_("Dealt with in the year (whenever received)"), "handled_in_year"),
    (_("Open on 31 December"), "open_on_31_december"),
    (_("Judged"), "judged"),
    (_("Wholly or partly founded"), "founded"),
    (_("Extended (number)"), "extended"),
]
APPENDIX_SHARES = [
    (_("Within 6 weeks"), "within_term"),
    (_("Within 10 weeks"), "within_extended_term"),
    (_("Within the legal term that applied"), "within_legal_term"),
    (_("Within the internal target"), "within_internal_target"),
]


def appendix(section: Section, figures: Figures, disclosure: Disclosure, entries: Entries) -> None:
    years = years_shown(figures, 5)
    count, share = disclosure.year_count, disclosure.year_share

    rows = [[str(label)] + [count(year, key) for year in years] for label, key in APPENDIX_COUNTS]
    rows[7:7] = [
        [str(OUTCOME_LABELS[key])]
        + [disclosure.count(year["outcomes"][key], (year["year"], "outcomes", key)) for year in years]
        for key in OUTCOME_KEYS
    ]
    rows += [[str(label)] + [share(year, key) for year in years] for label, key in APPENDIX_SHARES]
    rows.append(
        [gettext("Median handling time (days)")]
        + [disclosure.median(year["median_days_to_close"], year["closed"]) for year in years]
    )
    rows.append(
        [gettext("Other kinds of complaints")]
        + [
            disclosure.count(year["other_kinds"]["received"], (year["year"], "other_kinds", "received"))
            for year in years
        ]
    )
    section.paragraphs = [
        gettext("The figures of the complaints received in each year, as of %(date)s.")
        % {"date": formatting.long_date(narrative.as_of_date(figures))}
    ]
    section.tables = [
        Table(
            caption=gettext("The complaints of each year"),
            headers=[gettext("Figure")] + [str(year["year"]) for year in years],
            rows=rows,
        )
    ]


SECTION_BUILDERS = {
    "departments": departments,
    "natures": natures,
    "channels": channels,
    "partners": partners,
    "other_kinds": other_kinds,
    "ombudsman": ombudsman,
    "learning": learning,
    "satisfaction": satisfaction,
    "conclusions": conclusions,
    "attention_points": attention_points,
    "definitions": definitions,
    "appendix": appendix,
}
