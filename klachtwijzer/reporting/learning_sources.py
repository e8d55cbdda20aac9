"""What the report's learning sections show: learning points, improvement actions and ombudsman cases.

Yearly reports account for what the organisation learned from complaints, the state of its improvement
actions and the cases the Nationale ombudsman handled (Awb 9:17-9:36). The learning app does not
register these yet, so each source below returns no entries and the report says that none are
registered. When the learning app gets its models, these functions read them (one query each, for the
year); the report, its versions and the documents need no other change, because a version freezes
what these functions return.

Each entry is a dict of short, anonymous texts (no names, no case contents):

- learning point: ``{"title": ..., "department": ..., "theme": ...}``
- improvement action: ``{"title": ..., "department": ..., "state": ..., "due": ...}``
- ombudsman case: ``{"reference": ..., "department": ..., "outcome": ...}``
"""

from __future__ import annotations


def learning_points(year: int) -> list[dict[str, str]]:
    """The learning points recorded for complaints of ``year``; none until the learning app has them."""
    return []


def improvement_actions(year: int) -> list[dict[str, str]]:
    """The improvement actions that arose from complaints of ``year``, with their state; none yet."""
    return []


def ombudsman_cases(year: int) -> list[dict[str, str]]:
    """The cases the ombudsman handled in ``year`` about the municipality's complaints; none yet."""
    return []


def collect(year: int) -> dict[str, list[dict[str, str]]]:
    """Everything the learning sections show, as frozen into a report version."""
    return {
        "learning_points": learning_points(year),
        "improvement_actions": improvement_actions(year),
        "ombudsman_cases": ombudsman_cases(year),
    }
