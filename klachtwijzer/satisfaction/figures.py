"""The survey's figures, read by the reporting app: two grouped queries whatever the number of answers.

Surveys are counted by the year the complaint was *closed* (the answer knows nothing else of its
complaint): ``surveys_sent`` counts invitations, ``responses`` answers, ``response_pct`` is their
share, ``average_score`` the mean score (one decimal). Breakdowns by department, route (formeel /
informeel) and judgement. Small groups are hidden by ``reporting.suppression.suppress_satisfaction``.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db.models import Count, Q, Sum

from .models import Answer, Choice3, Invitation

GROUP_FIELDS = ("department", "route", "judgement")


def _group() -> dict[str, Any]:
    return {"surveys_sent": 0, "responses": 0, "score_sum": 0}


def _finish(group: dict[str, Any]) -> dict[str, Any]:
    sent, responses, total = group["surveys_sent"], group["responses"], group["score_sum"]
    return {
        "surveys_sent": sent,
        "responses": responses,
        "response_pct": round(100 * responses / sent, 1) if sent else None,
        "average_score": round(total / responses, 1) if responses else None,
    }


def satisfaction_figures(*, years: list[int], departments: list[str] | None = None) -> dict[str, Any]:
    """The survey figures of the complaints closed in ``years`` (of these departments, if given)."""
    where = Q(closing_year__in=years)
    if departments is not None:
        where &= Q(department__in=departments)
    groups: dict[tuple[str, str], dict[str, Any]] = defaultdict(_group)
    total = _group()
    for row in Invitation.objects.filter(where).values(*GROUP_FIELDS).annotate(n=Count("pk")).order_by():
        for key in _keys(row):
            groups[key]["surveys_sent"] += row["n"]
        total["surveys_sent"] += row["n"]
    answers = {
        f"{field}_{choice}": Count("pk", filter=Q(**{field: choice}))
        for field in ("resolved", "heard")
        for choice in Choice3.values
    }
    tallies = {f"{field}_{choice}": 0 for field in ("resolved", "heard") for choice in Choice3.values}
    rows = (
        Answer.objects.filter(where).values(*GROUP_FIELDS).annotate(n=Count("pk"), s=Sum("score"), **answers)
    )
    for row in rows.order_by():
        for key in _keys(row):
            groups[key]["responses"] += row["n"]
            groups[key]["score_sum"] += row["s"] or 0
        total["responses"] += row["n"]
        total["score_sum"] += row["s"] or 0
        for name in tallies:
            tallies[name] += row[name]

    def by(kind: str) -> dict[str, dict[str, Any]]:
        return {name: _finish(groups[(kind, name)]) for k, name in sorted(groups) if k == kind}

    by_judgement = by("judgement")
    return {
        **_finish(total),
        "by_judgement": {name: values["average_score"] for name, values in by_judgement.items()},
        "by_department": by("department"),
        "by_route": by("route"),
        "by_judgement_detail": by_judgement,
        "resolved": {choice: tallies[f"resolved_{choice}"] for choice in Choice3.values},
        "heard": {choice: tallies[f"heard_{choice}"] for choice in Choice3.values},
    }


def _keys(row: dict[str, Any]) -> list[tuple[str, str]]:
    keys = [("department", row["department"] or "-"), ("route", row["route"])]
    if row["judgement"]:
        keys.append(("judgement", row["judgement"]))
    return keys


def empty_satisfaction_figures() -> dict[str, Any]:
    return {
        **_finish(_group()),
        "by_judgement": {},
        "by_department": {},
        "by_route": {},
        "by_judgement_detail": {},
        "resolved": dict.fromkeys(Choice3.values, 0),
        "heard": dict.fromkeys(Choice3.values, 0),
    }
