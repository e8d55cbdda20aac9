"""The dashboard's panels: the period figures of ``figures.compute_period_figures`` as tables with bars.

Each panel is a table (the numbers) with a bar chart drawn in CSS from the same rows; the chart is
hidden from screen readers because the table beside it says the same. For those who may see the
complaint list, every count links to the list behind it, narrowed by the list's own filters
(Awb complaints, the period of receipt and the dashboard's filters, plus the row's own). For a board
member every count from 1 to below the municipality's threshold is shown as "< 5", with secondary
suppression in a breakdown, as in the published report (``disclosure.Disclosure``); no names of
persons and no free text appear anywhere on the dashboard.

Open complaints today are counted in ``dashboard_open.py``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse
from django.utils import formats, translation
from django.utils.translation import gettext as _

from klachtwijzer.complaints.constants import Channel, Form, Kind, NatureGroup
from klachtwijzer.ombudsman.models import Action, Verdict

from . import formatting
from .contents import OUTCOME_LABELS
from .disclosure import Disclosure
from .figures import OUTCOME_KEYS, DashboardFigures, PeriodFigures
from .periods import Period


@dataclass
class Cell:
    text: str
    link: str = ""


@dataclass
class Row:
    label: str
    cells: list[Cell]
    bars: list[int | None] = field(default_factory=list)  # per series: percent of the largest value


@dataclass
class Panel:
    key: str
    title: str
    columns: list[str]
    rows: list[Row]
    series: list[str] = field(default_factory=list)  # the columns the chart draws
    intro: str = ""
    note: str = ""


@dataclass(frozen=True)
class Links:
    """Links to the complaint list behind a count; empty for a user who may not see the list."""

    enabled: bool
    base: dict[str, str]

    def to(self, period: Period | None, **extra: str) -> str:
        if not self.enabled:
            return ""
        params = {"kind": Kind.AWB, **self.base}
        if period is not None:
            params |= {"received_from": period.start.isoformat(), "received_to": period.end.isoformat()}
        params |= {key: value for key, value in extra.items() if value}
        return reverse("complaints:list") + "?" + urlencode(params)


@dataclass(frozen=True)
class Catalogue:
    """Names to ids, for the links: departments, partners and natures (one query each)."""

    departments: dict[str, int]
    partners: dict[str, int]
    natures: dict[str, int]
    themes: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class View:
    figures: DashboardFigures
    period: Period
    previous: Period
    disclosure: Disclosure
    links: Links
    catalogue: Catalogue
    # The departments a manager's dashboard is limited to (None: all), for the learning pages' links.
    departments: frozenset[int] | None = None


def _bars(values: list[int | None]) -> list[int | None]:
    shown = [v for v in values if v]
    top = max(shown) if shown else 0
    return [round(100 * v / top) if v and top else (0 if v is not None else None) for v in values]


def with_bars(rows: list[Row], raw: list[list[int]], disclosure: Disclosure, hidden: list[set[int]]) -> None:
    """Give each row its bars: one series per column of ``raw``; a hidden value draws no bar."""
    for series in range(len(raw[0]) if raw else 0):
        values = [
            None if index in hidden[series] else disclosure.chart_value(raw[index][series])
            for index in range(len(raw))
        ]
        for row, bar in zip(rows, _bars(values), strict=True):
            row.bars.append(bar)


def _breakdown(
    view: View,
    key: str,
    title: str,
    current: dict[str, int],
    previous: dict[str, int],
    link_for: dict[str, dict[str, str]],
    labels: dict[str, str] | None = None,
) -> Panel:
    """A breakdown's panel: a row per key, this period and a year earlier, each cell its list."""
    keys = list(current) + [k for k in previous if k not in current]
    d = view.disclosure
    hidden_now, hidden_before = d.hidden_keys(current), d.hidden_keys(previous)
    rows, raw = [], []
    for k in keys:
        now, before = current.get(k, 0), previous.get(k, 0)
        extra = link_for.get(k, {})
        rows.append(
            Row(
                (labels or {}).get(k, k),
                [
                    Cell(
                        d.count(now, hidden=k in hidden_now),
                        view.links.to(view.period, **extra) if now else "",
                    ),
                    Cell(
                        d.count(before, hidden=k in hidden_before),
                        view.links.to(view.previous, **extra) if before else "",
                    ),
                ],
            )
        )
        raw.append([now])
    hidden = [{i for i, k in enumerate(keys) if k in hidden_now}]
    with_bars(rows, raw, d, hidden)
    return Panel(key, title, [_("This period"), _("A year earlier")], rows, series=[_("This period")])


def key_figures(view: View) -> Panel:
    now, before = view.figures["current"], view.figures["previous_period"]
    d, links = view.disclosure, view.links
    # Received = dealt with + still open: hiding one of the two alone would show it (secondary suppression).
    hidden_now = d.hidden_keys({"closed": now["closed"], "open": now["open"]})
    hidden_before = d.hidden_keys({"closed": before["closed"], "open": before["open"]})

    def counts(label: str, key: str, **extra: str) -> Row:
        a, b = int(now[key]), int(before[key])  # type: ignore[literal-required]
        return Row(
            label,
            [
                Cell(d.count(a, hidden=key in hidden_now), links.to(view.period, **extra) if a else ""),
                Cell(d.count(b, hidden=key in hidden_before), links.to(view.previous, **extra) if b else ""),
            ],
        )

    def percent(label: str, key: str, denominator: str) -> Row:
        return Row(
            label,
            [
                Cell(d.percent(now[key], int(now[denominator]))),  # type: ignore[literal-required]
                Cell(d.percent(before[key], int(before[denominator]))),  # type: ignore[literal-required]
            ],
        )

    median = Row(
        _("Median days to close"),
        [Cell(_days(now, d)), Cell(_days(before, d))],
    )
    rows = [
        counts(_("Received"), "received"),
        counts(_("Dealt with"), "closed", status="closed"),
        counts(_("Still open"), "open", status="open"),
        counts(_("Judged"), "judged"),
        counts(_("Wholly or partly founded"), "founded"),
        percent(_("Founded, share of judged"), "founded_pct_of_judged", "judged"),
        percent(_("Within 6 weeks"), "within_term_pct", "closed"),
        percent(_("Within the legal term"), "within_legal_term_pct", "closed"),
        counts(_("Extended"), "extended"),
        median,
    ]
    other_now, other_before = now["other_kinds"]["received"], before["other_kinds"]["received"]
    other_link = {"kind": str(Kind.OTHER)}
    rows.append(
        Row(
            _("Other kinds of complaints received"),
            [
                Cell(d.count(other_now), _other(links, view.period, other_link) if other_now else ""),
                Cell(d.count(other_before), _other(links, view.previous, other_link) if other_before else ""),
            ],
        )
    )
    return Panel("key", _("Key figures"), [_("This period"), _("A year earlier")], rows)


def _other(links: Links, period: Period, extra: dict[str, str]) -> str:
    url = links.to(period)
    return url.replace(f"kind={Kind.AWB}", f"kind={extra['kind']}") if url else ""


def _days(figures: PeriodFigures, d: Disclosure) -> str:
    if d.hides(figures["closed"]):
        return "x"
    return formatting.days(figures["median_days_to_close"])


def trend(view: View) -> Panel:
    """Per month of the period: received in it, and dealt with in it (whatever the date of receipt)."""
    months = view.figures["current"]["by_month"]
    d = view.disclosure
    # The months add up to the key figures: one hidden month would show through (secondary suppression).
    hidden_received = d.hidden_keys({month: counts["received"] for month, counts in months.items()})
    hidden_closed = d.hidden_keys({month: counts["closed"] for month, counts in months.items()})
    rows, raw = [], []
    for month, counts in months.items():
        first = dt.date.fromisoformat(f"{month}-01")
        last = min(_month_end(first), view.period.end)
        first = max(first, view.period.start)
        received_link = view.links.to(Period(first, last))
        closed_link = view.links.to(
            None, closed_from=first.isoformat(), closed_to=last.isoformat(), status="closed"
        )
        rows.append(
            Row(
                month_label(first),
                [
                    Cell(
                        d.count(counts["received"], hidden=month in hidden_received),
                        received_link if counts["received"] else "",
                    ),
                    Cell(
                        d.count(counts["closed"], hidden=month in hidden_closed),
                        closed_link if counts["closed"] else "",
                    ),
                ],
            )
        )
        raw.append([counts["received"], counts["closed"]])
    keys = list(months)
    hidden = [
        {i for i, k in enumerate(keys) if k in hidden_received},
        {i for i, k in enumerate(keys) if k in hidden_closed},
    ]
    with_bars(rows, raw, d, hidden)
    columns = [_("Received"), _("Dealt with")]
    intro = _("Dealt with counts every complaint closed in the month, whenever it was received.")
    return Panel("trend", _("Per month"), columns, rows, series=columns, intro=intro)


def month_label(first: dt.date) -> str:
    """March 2024 → 'maart 2024'."""
    with translation.override(settings.LANGUAGE_CODE):
        return formats.date_format(first, "F Y")


def _month_end(first: dt.date) -> dt.date:
    following = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def outcomes(view: View) -> Panel:
    now, before = view.figures["current"]["outcomes"], view.figures["previous_period"]["outcomes"]
    labels = {key: str(OUTCOME_LABELS[key]) for key in OUTCOME_KEYS}
    links = {key: {"oordeel": key, "status": "closed"} for key in OUTCOME_KEYS}
    panel = _breakdown(view, "outcomes", _("How complaints ended"), now, before, links, labels)
    panel.intro = _(
        "The complaints of the period that have been dealt with, by how they ended and the judgement."
    )
    return panel


def timeliness(view: View) -> Panel:
    now, before = view.figures["current"], view.figures["previous_period"]
    d = view.disclosure
    shares = [
        (_("Within 6 weeks"), "within_term"),
        (_("Within 10 weeks"), "within_extended_term"),
        (_("Within the legal term (6 weeks, or the extended term)"), "within_legal_term"),
        (
            _("Within the internal target of %(days)s days") % {"days": now["internal_target_days"]},
            "within_internal_target",
        ),
    ]
    rows = []
    raw = []
    for label, key in shares:
        pct_now, pct_before = now[f"{key}_pct"], before[f"{key}_pct"]  # type: ignore[literal-required]
        rows.append(
            Row(
                label,
                [Cell(d.percent(pct_now, now["closed"])), Cell(d.percent(pct_before, before["closed"]))],
            )
        )
        raw.append([None if d.hides(now["closed"]) else round(pct_now or 0)])
    # Awb 9:6: of the written complaints whose target date has passed or that were acknowledged.
    ack_now, ack_before = now["to_acknowledge"], before["to_acknowledge"]
    rows.append(
        Row(
            _("Receipt acknowledged within the target"),
            [
                Cell(d.percent(now["acknowledged_within_target_pct"], ack_now)),
                Cell(d.percent(before["acknowledged_within_target_pct"], ack_before)),
            ],
        )
    )
    raw.append([None if d.hides(ack_now) else round(now["acknowledged_within_target_pct"] or 0)])
    for row, (value,) in zip(rows, raw, strict=True):
        row.bars = [value]
    closed_link = view.links.to(view.period, status="closed")
    intro = _("Shares of the complaints of the period that have been dealt with.")
    panel = Panel("timeliness", _("Dealt with in time"), [_("This period"), _("A year earlier")], rows)
    panel.series, panel.intro = [_("This period")], intro
    panel.note = closed_link
    return panel


def panels(view: View, open_now: Panel) -> list[Panel]:
    """Every panel in the order of the page; ``open_now`` comes from ``dashboard_open``."""
    now, before = view.figures["current"], view.figures["previous_period"]
    cat = view.catalogue
    channel_labels = {value: str(label) for value, label in Channel.choices}
    group_labels = {value: str(label) for value, label in NatureGroup.choices}
    form_labels = {key: str(Form(form).label) for key, form in FORM_KEYS.items()}
    result = [
        key_figures(view),
        trend(view),
        outcomes(view),
        timeliness(view),
        open_now,
        _breakdown(
            view, "department", _("Per department"), now["by_department"], before["by_department"],
            {name: {"department": str(pk)} for name, pk in cat.departments.items()},
        ),
        _breakdown(
            view, "nature", _("Per nature (norm)"), now["by_nature"], before["by_nature"],
            {name: {"nature": str(pk)} for name, pk in cat.natures.items()},
        ),
        _breakdown(
            view, "nature_group", _("Per group of norms"), now["by_nature_group"], before["by_nature_group"],
            {group: {"nature_group": group} for group in group_labels}, group_labels,
        ),
        _breakdown(
            view, "channel", _("Per channel"), _nonzero(now["by_channel"]), _nonzero(before["by_channel"]),
            {value: {"channel": value} for value in channel_labels}, channel_labels,
        ),
        _breakdown(
            view, "partner", _("Per partner"), now["by_partner"], before["by_partner"],
            {name: {"partner": str(pk)} for name, pk in cat.partners.items()},
        ),
        _breakdown(
            view, "form", _("Written or oral (Awb 9:1)"), now["by_form"], before["by_form"],
            {key: {"complaint_form": form} for key, form in FORM_KEYS.items()}, form_labels,
        ),
    ]  # fmt: skip
    result[6].intro = _("A complaint with several natures counts once for each of them.")
    result[7].intro = _("A group counts the natures under it, so a complaint can count more than once.")
    result.append(partners_panel(view))
    result.extend(learning_panels(view))
    result.append(ombudsman_panel(view))
    result.append(satisfaction_panel(view.figures["satisfaction"], view.disclosure.threshold))
    return result


def partners_panel(view: View) -> Panel:
    """Per partner: the complaints registered about its service and the figures it reported itself."""
    d = view.disclosure
    sources = {
        "registered": _("registered"),
        "reported": _("reported by the partner"),
        "both": _("registered and reported"),
    }
    rows = [
        Row(
            name,
            [
                Cell(str(sources.get(entry["source"], entry["source"]))),
                Cell(d.count(entry["received"])),
                Cell(d.count(entry["closed"])),
                Cell(d.count(entry["founded"])),
                Cell(d.percent(entry["within_term_pct"], entry["closed"])),
            ],
        )
        for name, entry in view.figures.get("partners", {}).items()
    ]
    columns = [_("Source"), _("Received"), _("Closed"), _("(Partly) founded"), _("Within the term")]
    panel = Panel("partners", _("Partners: registered and reported"), columns, rows)
    panel.intro = _(
        "Complaints registered about partners' services, plus the figures partners reported from their "
        "own system for periods ending in this period."
    )
    return panel


# The figures' keys (spec/report-figures.md) to the complaint's form.
FORM_KEYS = {"schriftelijk": Form.WRITTEN, "mondeling": Form.ORAL}


def _nonzero(counts: dict[str, int]) -> dict[str, int]:
    return {key: value for key, value in counts.items() if value}


# The dashboard's filters (the complaint list's names) to those of the learning pages.
LEARNING_FILTERS = {
    "department": "klacht_afdeling",
    "channel": "kanaal",
    "partner": "partner",
    "nature": "aard",
    "nature_group": "aardgroep",
}


def _learning_link(view: View, name: str, **params: str | int) -> str:
    """A learning page (``learning:points`` or ``learning:actions``) limited to the complaints the
    dashboard counts: the period of receipt, every filter, and a manager's own departments."""
    if not view.links.enabled:
        return ""
    query: list[tuple[str, str | int]] = list(params.items())
    query += [
        ("ontvangen_van", view.period.start.isoformat()),
        ("ontvangen_tot", view.period.end.isoformat()),
    ]
    query += [
        (LEARNING_FILTERS[key], value) for key, value in view.links.base.items() if key in LEARNING_FILTERS
    ]
    if view.departments is not None and "department" not in view.links.base:
        query += [("klacht_afdeling", pk) for pk in sorted(view.departments)]
    return reverse(name) + "?" + urlencode(query)


def _points_link(view: View, theme: str) -> str:
    """The learning points behind a theme's count: the same theme, period of receipt and filters."""
    if theme not in view.catalogue.themes:
        return ""
    return _learning_link(view, "learning:points", thema=view.catalogue.themes[theme])


def _action_link(view: View, key: str) -> str:
    """The improvement actions behind a state's count (``overdue`` is the list's ``te-laat``)."""
    return _learning_link(view, "learning:actions", stand="te-laat" if key == "overdue" else key)


def learning_panels(view: View) -> list[Panel]:
    """Learning themes of the period's complaints, and the state of the improvement actions behind them."""
    learning = view.figures["learning"]
    d = view.disclosure
    themes = learning["by_theme"]
    hidden = d.hidden_keys({name: theme["points"] for name, theme in themes.items()})
    rows = [
        Row(
            name,
            [
                Cell(d.count(theme["points"], hidden=name in hidden), _points_link(view, name)),
                Cell(d.count(theme["complaints"], hidden=name in hidden)),
                Cell(d.count(theme["founded"], hidden=name in hidden)),
                Cell(formatting.number(theme["departments"])),
            ],
        )
        for name, theme in themes.items()
    ]
    with_bars(
        rows,
        [[theme["points"]] for theme in themes.values()],
        d,
        [{i for i, n in enumerate(themes) if n in hidden}],
    )
    columns = [_("Learning points"), _("Complaints"), _("Of which founded"), _("Departments")]
    theme_panel = Panel("themes", _("Learning themes"), columns, rows, series=[_("Learning points")])
    theme_panel.intro = _("Learning points on the complaints of the period: %(count)s in all.") % {
        "count": d.count_in_text(learning["points"])
    }
    actions = learning["actions"]
    states = [
        (_("Open"), "open"), (_("In progress"), "in_progress"), (_("Done"), "done"),
        (_("Dropped"), "dropped"), (_("Overdue (not done and past the due date)"), "overdue"),
    ]  # fmt: skip
    action_rows = [
        Row(label, [Cell(d.count(actions[key]), _action_link(view, key) if actions[key] else "")])  # type: ignore[literal-required]
        for label, key in states
    ]
    with_bars(action_rows, [[actions[key]] for _l, key in states], d, [set()])  # type: ignore[literal-required]
    action_panel = Panel(
        "actions", _("Improvement actions"), [_("Actions")], action_rows, series=[_("Actions")]
    )
    action_panel.intro = _("The improvement actions linked to these learning points, by their state today.")
    return [theme_panel, action_panel]


def ombudsman_panel(view: View) -> Panel:
    """The ombudsman cases on the period's complaints: petitions, outcomes, judgements, recommendations."""
    cases = view.figures["ombudsman"]
    d = view.disclosure
    values: list[tuple[str, int]] = [(_("Petitions to the ombudsman"), cases["petitions"])]
    values += [(str(Action(key).label), n) for key, n in cases["by_outcome"].items() if key in Action.values]
    values += [
        (_("Judged behoorlijk"), cases["judgements"].get(Verdict.PROPER.value, 0)),
        (_("Judged niet behoorlijk"), cases["judgements"].get(Verdict.IMPROPER.value, 0)),
        (_("Recommendations"), cases["recommendations"]["received"]),
        (_("Recommendations followed"), cases["recommendations"]["followed"]),
    ]
    rows = [Row(label, [Cell(d.count(n))]) for label, n in values]
    with_bars(rows, [[n] for _label, n in values], d, [set()])
    panel = Panel("ombudsman", _("Ombudsman"), [_("Number")], rows, series=[_("Number")])
    panel.intro = _("Cases of the ombudsman on the complaints of the period, by what the ombudsman did.")
    return panel


def export_rows(panel_list: list[Panel]) -> list[list[str]]:
    """Every panel's table as rows: table, row, column, value (as shown, small numbers hidden)."""
    rows = []
    for panel in panel_list:
        for row in panel.rows:
            for column, cell in zip(panel.columns, row.cells, strict=True):
                rows.append([panel.title, row.label, column, cell.text])
    return rows


# The survey of complainants (``satisfaction.figures``), already suppressed in the figures.
def _satisfaction_row(label: str, group: dict[str, Any], threshold: int) -> Row:
    hidden = group["responses"] is None
    return Row(
        label,
        [
            Cell(formatting.number(group["surveys_sent"])),
            Cell(f"< {threshold}" if hidden else formatting.number(group["responses"])),
            Cell(formatting.percent(group["response_pct"])),
            Cell(formatting.number(group["average_score"], 1)),
        ],
    )


def satisfaction_panel(figures: dict[str, Any], threshold: int) -> Panel:
    """One table: all surveys, then per department, route and judgement."""
    rows = [_satisfaction_row(_("All"), figures, threshold)]
    for name, group in figures["by_department"].items():
        rows.append(_satisfaction_row(name, group, threshold))
    for name, group in figures["by_route"].items():
        rows.append(_satisfaction_row(_("Route: %(route)s") % {"route": name}, group, threshold))
    for name, group in figures["by_judgement_detail"].items():
        rows.append(_satisfaction_row(_("Judgement: %(judgement)s") % {"judgement": name}, group, threshold))
    columns = [_("Surveys sent"), _("Answers"), _("Response rate"), _("Average score")]
    panel = Panel("satisfaction", _("Satisfaction of complainants"), columns, rows)
    panel.intro = _(
        "Surveys about the complaints closed in the years of the period. "
        "Groups with too few answers are hidden."
    )
    return panel
