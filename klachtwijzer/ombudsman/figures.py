"""The ombudsman figures of a period: the ``ombudsman`` key of the report and dashboard figures.

Definitions (docs/reporting.md, "Ombudsman"):

- ``petitions`` counts the ombudsman cases on the period's complaints whose petition date is on or
  before ``as_of`` (a register file's ``ombudsman_op`` makes one such case, its outcome still open);
- ``by_outcome[a]`` those cases by what the ombudsman did (``Action`` values; ``open`` while the
  outcome is not known on ``as_of``);
- ``judgements`` the judgements on complaint elements of those cases, ``behoorlijk`` and
  ``niet behoorlijk``;
- ``recommendations``: ``received`` the recommendations of those cases, ``followed`` those the
  municipality followed (fully).

Three aggregate queries whatever the number of cases. No names, no free text.
"""

from __future__ import annotations

import datetime as dt
from typing import TypedDict

from django.db.models import Case, CharField, Count, Q, QuerySet, Value, When

from klachtwijzer.complaints.models import Complaint

from .models import Action, Judgement, OmbudsmanCase, Recommendation, Response, Verdict


class RecommendationFigures(TypedDict):
    received: int
    followed: int


class OmbudsmanFigures(TypedDict):
    petitions: int
    by_outcome: dict[str, int]
    judgements: dict[str, int]
    recommendations: RecommendationFigures


def empty_ombudsman_figures() -> OmbudsmanFigures:
    return {
        "petitions": 0,
        "by_outcome": {},
        "judgements": {Verdict.PROPER.value: 0, Verdict.IMPROPER.value: 0},
        "recommendations": {"received": 0, "followed": 0},
    }


def ombudsman_figures(cohort: QuerySet[Complaint], *, as_of: dt.date) -> OmbudsmanFigures:
    """The ombudsman figures of the complaints in ``cohort`` as of ``as_of``."""
    cases = OmbudsmanCase.objects.filter(complaint__in=cohort.values("pk"), petition_on__lte=as_of)
    outcome = Case(
        When(action_on__lte=as_of, then="action"),
        default=Value(Action.OPEN.value),
        output_field=CharField(),
    )
    rows = cases.annotate(outcome=outcome).values("outcome").annotate(n=Count("pk")).order_by()
    by_outcome = {str(row["outcome"]): int(row["n"]) for row in rows}
    figures = empty_ombudsman_figures()
    figures["by_outcome"] = dict(sorted(by_outcome.items(), key=lambda item: (-item[1], item[0])))
    figures["petitions"] = sum(by_outcome.values())
    for row in Judgement.objects.filter(case__in=cases).values("verdict").annotate(n=Count("pk")).order_by():
        figures["judgements"][str(row["verdict"])] = int(row["n"])
    counts = Recommendation.objects.filter(case__in=cases).aggregate(
        received=Count("pk"), followed=Count("pk", filter=Q(response=Response.FOLLOWED))
    )
    figures["recommendations"] = {"received": counts["received"], "followed": counts["followed"]}
    return figures
