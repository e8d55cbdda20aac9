"""The learning use cases: themes, points and actions, their refusals and their history."""

import datetime as dt

import pytest
import time_machine
from django.db import IntegrityError, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from klachtwijzer.accounts.tests.factories import DepartmentFactory
from klachtwijzer.learning import handling, improvement_actions
from klachtwijzer.learning.changes import LearningError
from klachtwijzer.learning.figures import learning_figures
from klachtwijzer.learning.models import (
    ActionProgressNote,
    ActionState,
    ImprovementAction,
    LearningHistoryEvent,
    Theme,
)
from klachtwijzer.learning.tests.factories import action, point, theme
from klachtwijzer.reporting.learning_sources import _state_on
from klachtwijzer.reporting.tests.builders import complaint

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(dt.datetime(2024, 9, 2, 12, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def case(municipality, coordinator, department):
    return complaint(
        received_on=D(2024, 3, 4),
        department=department,
        staff=coordinator,
        oordeel="gegrond",
        closed_on=D(2024, 3, 29),
    )


def test_theme_names_are_unique_whatever_their_case(db, coordinator):
    handling.create_theme(name="Bejegening", acting_user=coordinator)

    with pytest.raises(LearningError) as refused:
        handling.create_theme(name="  BEJEGENING ", acting_user=coordinator)
    assert "Er is al een thema met de naam BEJEGENING." in refused.value.messages
    with pytest.raises(IntegrityError), transaction.atomic():
        Theme.objects.create(name="bejegening")  # the database refuses it too
    other = handling.create_theme(name="Wachttijden", acting_user=coordinator)
    with pytest.raises(LearningError):
        handling.rename_theme(other, name="bejegening", acting_user=coordinator)


def test_merging_moves_every_point_with_a_history_entry_each(case, coordinator):
    first = point(case, themes=["Bellen"])
    second = point(case, themes=["Bellen", "Bereikbaarheid"])
    bellen, survivor = theme("Bellen"), theme("Bereikbaarheid")

    handling.merge_theme(bellen, into=survivor, acting_user=coordinator)

    assert [list(p.themes.all()) for p in (first, second)] == [[survivor], [survivor]]
    moved = LearningHistoryEvent.objects.filter(type="point_moved", actor=coordinator)
    assert sorted(moved.values_list("point_id", flat=True)) == [first.pk, second.pk]
    assert moved.first().changes == [{"field": "themes", "old": "Bellen", "new": "Bereikbaarheid"}]
    assert bellen not in Theme.objects.active()
    with pytest.raises(LearningError):
        handling.merge_theme(survivor, into=survivor, acting_user=coordinator)


def test_a_retired_theme_is_not_offered_but_stays_on_its_points(case, coordinator, department):
    old = point(case, themes=["Fax"])
    fax = theme("Fax")
    handling.retire_theme(fax, acting_user=coordinator)

    with pytest.raises(LearningError) as refused:
        point(case, themes=["Fax"])
    assert "Deze thema's worden niet meer gebruikt: Fax." in refused.value.messages
    handling.change_learning_point(
        old,
        department=department,
        what_went_wrong="Aangepast",
        what_should_change="",
        themes=[fax],
        acting_user=coordinator,
    )
    assert list(old.themes.all()) == [fax]


def test_a_point_is_refused_in_dutch_without_text_or_theme_or_with_a_future_date(
    case, coordinator, department
):
    with pytest.raises(LearningError) as refused:
        handling.record_learning_point(
            complaint=case,
            department=department,
            what_went_wrong=" ",
            themes=[],
            recorded_on=D(2024, 9, 3),
            acting_user=coordinator,
        )
    assert refused.value.message_dict == {
        "what_went_wrong": ["Beschrijf wat er misging."],
        "themes": ["Kies ten minste één thema."],
        "recorded_on": ["Deze datum ligt in de toekomst."],
    }
    assert not case.learning_points.exists()


def test_an_element_of_another_complaint_is_refused(case, coordinator, department):
    other = complaint(
        received_on=D(2024, 3, 4),
        department=department,
        staff=coordinator,
        oordeel="gegrond",
        closed_on=D(2024, 3, 29),
    )
    with pytest.raises(LearningError) as refused:
        handling.record_learning_point(
            complaint=case,
            department=department,
            what_went_wrong="x",
            themes=[theme("A")],
            elements=list(other.elements.all()),
            acting_user=coordinator,
        )
    assert "elements" in refused.value.message_dict


def test_an_action_moves_through_its_states_and_refuses_the_wrong_step(case, coordinator):
    item = action(owner=coordinator, points=[point(case)], created_on=D(2024, 4, 1), due_on=D(2024, 6, 1))

    with pytest.raises(LearningError):
        improvement_actions.record_effect_check(
            item, checked_on=D(2024, 5, 1), recurred=False, finding="x", acting_user=coordinator
        )
    improvement_actions.start_improvement_action(item, on=D(2024, 4, 2), acting_user=coordinator)
    with pytest.raises(LearningError):
        improvement_actions.start_improvement_action(item, on=D(2024, 4, 3), acting_user=coordinator)
    with pytest.raises(LearningError) as refused:
        improvement_actions.drop_improvement_action(
            item, on=D(2024, 4, 3), reason=" ", acting_user=coordinator
        )
    assert refused.value.message_dict == {"reason": ["Geef de reden waarom de maatregel stopt."]}
    with pytest.raises(LearningError):
        improvement_actions.finish_improvement_action(item, on=D(2024, 4, 1), acting_user=coordinator)
    improvement_actions.finish_improvement_action(item, on=D(2024, 5, 1), acting_user=coordinator)
    improvement_actions.record_effect_check(
        item, checked_on=D(2024, 8, 1), recurred=True, finding="Weer klachten", acting_user=coordinator
    )

    states = LearningHistoryEvent.objects.filter(action=item, type="action_state").values_list(
        "changes", flat=True
    )
    assert [c[0]["new"] for c in states] == ["in_progress", "done"]
    assert item.effect_checks.get().recurred is True


def test_progress_notes_are_never_rewritten(case, coordinator):
    item = action(owner=coordinator, points=[point(case)], created_on=D(2024, 4, 1), due_on=D(2024, 6, 1))
    note = improvement_actions.add_progress_note(item, text="Eerste stap", acting_user=coordinator)

    note.text = "Anders"
    with pytest.raises(TypeError):
        note.save()
    with pytest.raises(TypeError):
        ActionProgressNote.objects.filter(pk=note.pk).update(text="Anders")
    with pytest.raises(TypeError):
        LearningHistoryEvent.objects.all().delete()


def test_overdue_is_neither_done_nor_dropped_and_due_before_the_day(case, coordinator):
    late = action(owner=coordinator, points=[point(case)], created_on=D(2024, 4, 1), due_on=D(2024, 6, 1))
    done = action(owner=coordinator, points=[point(case)], created_on=D(2024, 4, 1), due_on=D(2024, 6, 1))
    improvement_actions.finish_improvement_action(done, on=D(2024, 7, 1), acting_user=coordinator)

    assert list(ImprovementAction.objects.overdue(on=D(2024, 6, 2))) == [late]
    assert not ImprovementAction.objects.overdue(on=D(2024, 6, 1)).exists()  # due that day: not yet late
    assert late.overdue_on(D(2024, 6, 2)) and not done.overdue_on(D(2024, 6, 2))


STEPS = st.lists(st.sampled_from(["start", "finish", "drop"]), max_size=3)


@given(steps=STEPS, gaps=st.lists(st.integers(0, 40), min_size=3, max_size=3), day=st.integers(0, 150))
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_the_database_and_the_report_count_the_same_state_on_any_day(case, coordinator, steps, gaps, day):
    """figures.py counts states in SQL, learning_sources in Python: both from the same step dates."""
    with transaction.atomic():
        item = action(
            owner=coordinator, points=[point(case)], created_on=D(2024, 4, 1), due_on=D(2024, 5, 15)
        )
        on = D(2024, 4, 1)
        for step, gap in zip(steps, gaps, strict=False):
            on += dt.timedelta(days=gap)
            use_case = {
                "start": improvement_actions.start_improvement_action,
                "finish": improvement_actions.finish_improvement_action,
            }.get(step)
            try:
                if use_case:
                    use_case(item, on=on, acting_user=coordinator)
                else:
                    improvement_actions.drop_improvement_action(
                        item, on=on, reason="Weg", acting_user=coordinator
                    )
            except LearningError:
                pass  # a step the state does not allow: refused, nothing changed
            item.refresh_from_db()
        as_of = D(2024, 4, 1) + dt.timedelta(days=day)
        counted = learning_figures(type(case).objects.filter(pk=case.pk), as_of=as_of)["actions"]
        expected = _state_on(item, as_of)
        assert {key for key, n in counted.items() if n and key != "overdue"} == {expected}
        late = expected in (ActionState.OPEN, ActionState.IN_PROGRESS) and item.due_on < as_of
        assert counted["overdue"] == int(late)
        transaction.set_rollback(True)


def test_the_history_of_a_changed_point_hides_its_free_text(case, coordinator, department):
    item = point(case)
    handling.change_learning_point(
        item,
        department=DepartmentFactory(name="Belastingen"),
        what_went_wrong="Nieuwe geheime tekst",
        what_should_change="",
        themes=list(item.themes.all()),
        acting_user=coordinator,
    )
    changes = LearningHistoryEvent.objects.get(point=item, type="point_changed").changes
    assert {"field": "department", "old": "Burgerzaken", "new": "Belastingen"} in changes
    assert "Nieuwe geheime tekst" not in str(changes)
