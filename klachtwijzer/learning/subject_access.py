"""The learning points of a complaint for an AVG access request (``complaints/subject_access.py``).

A learning point's summary is written without names, but what went wrong and what should change may still
describe the person; they are part of what the municipality holds about them. Registered with
``extensions.add_subject_part`` in ``apps.py``; two queries whatever the number of complaints.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

from django.db.models import Prefetch
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from .models import LearningPoint, Theme

TITLE = _("Learning points")


def _label(name: str) -> str:
    return capfirst(str(getattr(LearningPoint._meta.get_field(name), "verbose_name", name)))


def learning_points_of(complaint_ids: Sequence[int]) -> Mapping[int, list[dict[str, str]]]:
    points = (
        LearningPoint.objects.filter(complaint_id__in=complaint_ids)
        .select_related("department")
        .prefetch_related(Prefetch("themes", queryset=Theme.objects.order_by("name")))
        .order_by("recorded_on", "pk")
    )
    found: dict[int, list[dict[str, str]]] = defaultdict(list)
    for point in points:
        found[point.complaint_id].append(
            {
                _label("recorded_on"): point.recorded_on.isoformat(),
                _label("department"): str(point.department),
                _label("summary"): point.summary,
                _label("what_went_wrong"): point.what_went_wrong,
                _label("what_should_change"): point.what_should_change,
                _label("themes"): ", ".join(theme.name for theme in point.themes.all()),
            }
        )
    return found
