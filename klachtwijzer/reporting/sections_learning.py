"""The report's learning chapter: what was learned from the year's complaints and what was done with it.

From the figures' ``learning`` key (points per theme and department, actions by state) and the frozen
entries of ``learning_sources`` (the points' summaries, the actions with their state, due date and
effect check). A version finalised before the learning module existed has neither and says that
none are registered. Published, small counts are hidden as in the other chapters.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext

from klachtwijzer.learning.models import ActionState

from . import formatting
from .contents import Section, Table
from .disclosure import Disclosure

Figures = dict[str, Any]
ACTION_STATES = [ActionState.OPEN, ActionState.IN_PROGRESS, ActionState.DONE, ActionState.DROPPED]


def learning(section: Section, figures: Figures, disclosure: Disclosure, entries: dict[str, Any]) -> None:
    counted = figures.get("learning") or {}
    points, actions = entries.get("learning_points", []), entries.get("improvement_actions", [])
    if not counted.get("points") and not points and not actions:
        section.paragraphs = [
            gettext("No learning points or improvement actions are registered for %(year)s.")
            % {"year": figures["year"]}
        ]
        return
    section.paragraphs = [
        gettext(
            "For every founded complaint the handler records what went wrong and what should change: a "
            "learning point, for a department and under one or more themes. Themes that recur in several "
            "departments are taken up together in improvement actions, each with an owner and a due date; "
            "once an action is done, someone checks later whether the problem came back."
        ),
    ]
    if counted.get("points"):
        section.paragraphs.append(
            gettext(
                "For the complaints of %(year)s, %(points)s learning points were recorded, on %(complaints)s "
                "complaints."
            )
            % {
                "year": figures["year"],
                "points": disclosure.count_in_text(counted["points"]),
                "complaints": disclosure.count_in_text(counted["complaints_with_points"]),
            }
        )
        section.tables = [_themes_table(counted, disclosure), _departments_table(counted, disclosure)]
    if counted.get("actions"):
        section.tables.append(_actions_table(counted["actions"], disclosure))
    section.items = [_point_item(point) for point in points] + [_action_item(action) for action in actions]


def _themes_table(counted: Figures, disclosure: Disclosure) -> Table:
    themes = counted["by_theme"]
    rows = [
        [
            name,
            disclosure.count(row["points"]),
            disclosure.count(row["complaints"]),
            disclosure.count(row["founded"]),
            formatting.number(row["departments"]),
        ]
        for name, row in themes.items()
    ]
    return Table(
        caption=gettext("Learning points per theme"),
        headers=[
            gettext("Theme"),
            gettext("Learning points"),
            gettext("Complaints"),
            gettext("Of which founded"),
            gettext("Departments"),
        ],
        rows=rows,
        note=disclosure.note() if disclosure.any_hidden_in(rows) else "",
    )


def _departments_table(counted: Figures, disclosure: Disclosure) -> Table:
    counts = counted["by_department"]
    hidden = disclosure.hidden_keys(counts)
    rows = [[name, disclosure.count(value, hidden=name in hidden)] for name, value in counts.items()]
    return Table(
        caption=gettext("Learning points per department"),
        headers=[gettext("Department"), gettext("Learning points")],
        rows=rows,
        note=disclosure.note() if hidden else "",
    )


def _actions_table(actions: dict[str, int], disclosure: Disclosure) -> Table:
    rows = [[str(state.label), formatting.number(actions[state.value])] for state in ACTION_STATES]
    rows.append([gettext("Of which overdue"), formatting.number(actions["overdue"])])
    return Table(
        caption=gettext("Improvement actions by their state"),
        headers=[gettext("State"), gettext("Number")],
        rows=rows,
    )


def _point_item(point: dict[str, str]) -> str:
    return gettext("Learning point: %(title)s (%(department)s; theme: %(theme)s)") % point


def _state_label(action: dict[str, str]) -> str:
    try:
        return str(ActionState(action.get("state", "")).label)
    except ValueError:  # a version frozen with a label instead of a state
        return action.get("state", "")


def _action_item(action: dict[str, str]) -> str:
    values = {
        "title": action.get("title", ""),
        "department": action.get("department", ""),
        "state": _state_label(action),
    }
    sentences = [gettext("Improvement action: %(title)s (%(department)s): %(state)s.") % values]
    if action.get("due"):
        due = {"date": formatting.long_date(dt.date.fromisoformat(action["due"]))}
        if action.get("overdue") == "yes":
            sentences.append(gettext("It was due on %(date)s and is overdue.") % due)
        else:
            sentences.append(gettext("It is due on %(date)s.") % due)
    if action.get("effect_checked_on"):
        checked = {"date": formatting.long_date(dt.date.fromisoformat(action["effect_checked_on"]))}
        if action.get("recurred") == "yes":
            sentences.append(gettext("Effect checked on %(date)s: the problem recurred.") % checked)
        else:
            sentences.append(gettext("Effect checked on %(date)s: the problem did not recur.") % checked)
    return " ".join(sentences)
