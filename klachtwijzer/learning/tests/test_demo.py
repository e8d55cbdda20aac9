"""The demo's learning data: themes in several departments, and actions in every state."""

import datetime as dt

import pytest
import time_machine

from klachtwijzer.complaints.demo import load_demo
from klachtwijzer.learning.models import ActionState, EffectCheck, ImprovementAction, LearningPoint, Theme
from klachtwijzer.learning.overview import theme_rows

pytestmark = pytest.mark.django_db
TODAY = dt.date(2025, 3, 14)


def test_the_demo_has_broader_themes_and_actions_in_every_state(municipality):
    with time_machine.travel(dt.datetime(2025, 3, 14, 15, tzinfo=dt.UTC), tick=False):
        load_demo(per_year=12)

    rows, _years = theme_rows(LearningPoint.objects.all())
    assert any(row.departments >= 2 for row in rows)
    assert LearningPoint.objects.values("department").distinct().count() >= 2
    assert LearningPoint.objects.filter(complaint__kind="andersoortig").exists()
    assert set(ImprovementAction.objects.values_list("state", flat=True)) == set(ActionState.values)
    assert ImprovementAction.objects.overdue(on=TODAY).filter(state=ActionState.OPEN).exists()
    assert ImprovementAction.objects.overdue(on=TODAY).filter(state=ActionState.IN_PROGRESS).exists()
    assert {check.recurred for check in EffectCheck.objects.all()} == {True, False}
    assert Theme.objects.filter(merged_into__isnull=False).exists()
    assert Theme.objects.filter(retired_on__isnull=False, merged_into__isnull=True).exists()
