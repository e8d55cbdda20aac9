"""The ombudsman cases of a complaint for an AVG access request (``complaints/subject_access.py``):
the petition, what the ombudsman did, its judgements and recommendations, and the documents exchanged
(their names; the files are handed over apart). Registered with ``extensions.add_subject_part`` in
``apps.py``; four queries whatever the number of complaints.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

from django.db.models import Prefetch
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from .models import CaseDocument, Judgement, OmbudsmanCase, Recommendation

TITLE = _("Cases at the ombudsman")


def _label(model: type[OmbudsmanCase], name: str) -> str:
    return capfirst(str(getattr(model._meta.get_field(name), "verbose_name", name)))


def ombudsman_cases_of(complaint_ids: Sequence[int]) -> Mapping[int, list[dict[str, str]]]:
    cases = (
        OmbudsmanCase.objects.filter(complaint_id__in=complaint_ids)
        .prefetch_related(
            Prefetch("judgements", queryset=Judgement.objects.select_related("element", "norm")),
            Prefetch("recommendations", queryset=Recommendation.objects.order_by("pk")),
            Prefetch("documents", queryset=CaseDocument.objects.order_by("uploaded_at", "pk")),
        )
        .order_by("petition_on", "pk")
    )
    found: dict[int, list[dict[str, str]]] = defaultdict(list)
    for case in cases:
        found[case.complaint_id].append(
            {
                _label(OmbudsmanCase, "ombudsman_name"): case.ombudsman_name,
                _label(OmbudsmanCase, "petition_on"): case.petition_on.isoformat(),
                _label(OmbudsmanCase, "case_number"): case.case_number,
                _label(OmbudsmanCase, "action"): str(case.get_action_display()) if case.action else "",
                _label(OmbudsmanCase, "action_on"): case.action_on.isoformat() if case.action_on else "",
                str(_("Judgements")): "; ".join(
                    f"{judgement.norm}: {judgement.get_verdict_display()}"
                    for judgement in case.judgements.all()
                ),
                str(_("Recommendations")): "\n".join(
                    f"{r.text} ({r.get_response_display()}){': ' + r.explanation if r.explanation else ''}"
                    if r.response
                    else r.text
                    for r in case.recommendations.all()
                ),
                str(_("Documents")): ", ".join(document.filename for document in case.documents.all()),
            }
        )
    return found
