"""Destruction: what is due, holds, four eyes, what goes and what stays, the command, figures unchanged."""

import datetime as dt
import io
import json

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.urls import reverse

from klachtwijzer.accounts.models import Role, User
from klachtwijzer.complaints import destruction
from klachtwijzer.complaints.closing import withdraw_complaint
from klachtwijzer.complaints.demo import load_demo
from klachtwijzer.complaints.models import Complaint, DestructionList, HistoryEvent, LegalHold, PersonalData
from klachtwijzer.complaints.tests.factories import received_complaint
from klachtwijzer.complaints.workflow import ProcedureError

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 3, 14, 12, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _now():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def second_coordinator(db):
    return User.objects.create_user(username="tweede", password="x", role=Role.COORDINATOR)


@pytest.fixture
def withdrawn(municipality, coordinator):
    complaint = received_complaint(received_on=dt.date(2024, 3, 4))
    return withdraw_complaint(complaint, withdrawn_on=dt.date(2024, 3, 10), acting_user=coordinator)


def test_closing_sets_the_result_and_reopening_clears_it(withdrawn):
    assert (withdrawn.retention_result, withdrawn.destroy_on) == ("13.2", dt.date(2025, 3, 10))


def test_an_ombudsman_case_moves_the_date_after_a_recompute(withdrawn):
    Complaint.objects.filter(pk=withdrawn.pk).update(ombudsman_referred_on=dt.date(2024, 6, 1))
    assert destruction.recompute_all() == 1
    withdrawn.refresh_from_db()
    assert (withdrawn.retention_result, withdrawn.destroy_on) == ("13.1.2", dt.date(2034, 3, 10))


def test_a_hold_keeps_a_complaint_off_the_list_until_lifted(withdrawn, coordinator):
    assert list(destruction.due(dt.date(2026, 1, 1))) == [withdrawn]
    hold = destruction.place_hold(withdrawn, reason="Beroep bij de rechter", acting_user=coordinator)
    assert not destruction.due(dt.date(2026, 1, 1)).exists()
    destruction.lift_hold(hold, reason="Uitspraak gedaan", acting_user=coordinator)
    assert destruction.due(dt.date(2026, 1, 1)).exists()


def test_the_proposer_may_not_approve(withdrawn, coordinator, second_coordinator):
    proposed = destruction.propose(as_of=dt.date(2026, 1, 1), acting_user=coordinator)
    with pytest.raises(ProcedureError):
        destruction.approve(proposed, acting_user=coordinator)
    with pytest.raises(ProcedureError):
        destruction.carry_out(proposed)
    destruction.approve(proposed, acting_user=second_coordinator)
    assert proposed.state == DestructionList.State.APPROVED


def test_carrying_out_destroys_personal_data_and_free_text_and_keeps_the_tombstone(
    withdrawn, coordinator, second_coordinator
):
    proposed = destruction.propose(as_of=dt.date(2026, 1, 1), acting_user=coordinator)
    destruction.approve(proposed, acting_user=second_coordinator)
    done = destruction.carry_out(proposed)

    personal = PersonalData.objects.get(complaint=withdrawn)
    assert personal.destroyed_on == dt.date(2026, 3, 14)
    assert (personal.name, personal.email, personal.description) == ("", "", "")
    events = HistoryEvent.objects.filter(complaint=withdrawn)
    assert not any("Vries" in json.dumps(e.changes) + e.note for e in events)
    assert events.last().type == HistoryEvent.Type.PERSONAL_DATA_DESTROYED
    tombstone = Complaint.objects.get(pk=withdrawn.pk)
    assert (tombstone.reference, tombstone.closed_on, tombstone.retention_result) == (
        withdrawn.reference,
        dt.date(2024, 3, 10),
        "13.2",
    )
    assert done.counts["complaints"] == 1 and done.approved_by == second_coordinator
    assert not destruction.due(dt.date(2026, 1, 1)).exists()


def test_the_command_lists_and_destroys_all_or_nothing(withdrawn, coordinator):
    out = io.StringIO()
    call_command("retention", "--as-of", "2026-01-01", stdout=out)
    assert withdrawn.reference in out.getvalue()
    with pytest.raises(CommandError):
        call_command("retention", "--as-of", "2026-01-01", "--destroy", "--approved-by", "niemand")
    with pytest.raises(CommandError):
        call_command("retention", "--as-of", "gisteren")
    call_command(
        "retention", "--as-of", "2026-01-01", "--destroy", "--approved-by", coordinator.username, stdout=out
    )
    assert PersonalData.objects.get(complaint=withdrawn).destroyed_on is not None
    assert DestructionList.objects.get().counts["complaints"] == 1


def _all_figures():
    from klachtwijzer.reporting.figures import as_json, compute_figures

    return {
        year: json.dumps(as_json(compute_figures(year=year)), sort_keys=True) for year in range(2022, 2027)
    }


def _dashboard_tables(client) -> dict[tuple[str, str, str], bytes]:
    """Every dashboard table (its CSV export) per year, per department and in total, for the coordinator
    (exact numbers) and the board (small numbers hidden): what the period figures show."""
    from klachtwijzer.accounts.models import Department

    tables = {}
    viewers = [User.objects.filter(role=role).first() for role in (Role.COORDINATOR, Role.BOARD)]
    departments = ["", *[str(pk) for pk in Department.objects.values_list("pk", flat=True)]]
    for viewer in viewers:
        client.force_login(viewer)
        for year in range(2022, 2027):
            for department in departments:
                query = {"start": f"{year}-01-01", "end": f"{year}-12-31", "department": department}
                response = client.get(reverse("dashboard:export", args=["csv"]), query)
                assert response.status_code == 200
                tables[(viewer.role, str(year), department)] = response.content
    return tables


def test_every_yearly_figure_is_the_same_after_destroying_over_the_demo(client):
    load_demo(per_year=12)
    before = _all_figures()
    dashboard_before = _dashboard_tables(client)
    assert any(b";1" in table or b";2" in table for table in dashboard_before.values())  # real numbers
    approver = User.objects.filter(role=Role.COORDINATOR).first()
    due = destruction.due(dt.date(2026, 3, 14)).count()
    assert due > 0
    done = destruction.destroy_due(as_of=dt.date(2026, 3, 14), approved_by=approver)
    assert done.counts["complaints"] == due
    assert _all_figures() == before
    assert _dashboard_tables(client) == dashboard_before


def test_the_demo_has_complaints_due_and_one_on_hold():
    load_demo(per_year=12)
    assert destruction.due(dt.date(2026, 3, 14)).exists()
    assert LegalHold.objects.filter(lifted_at__isnull=True).count() == 1


def test_a_user_who_is_not_the_coordinator_cannot_approve_on_the_command_line(withdrawn, handler):
    with pytest.raises(CommandError):
        call_command("retention", "--as-of", "2026-01-01", "--destroy", "--approved-by", handler.username)
    assert PersonalData.objects.get(complaint=withdrawn).destroyed_on is None
    assert not DestructionList.objects.exists()


def test_a_second_click_on_approve_is_refused(withdrawn, coordinator, second_coordinator):
    """Two clicks (or two people) on one list: the list is locked and read anew, so the second, holding the
    page as it was before the first, is refused. On SQLite, which serialises writers, a sequential double
    call stands for it."""
    proposed = destruction.propose(as_of=dt.date(2026, 1, 1), acting_user=coordinator)
    first, second = (DestructionList.objects.get(pk=proposed.pk) for _ in range(2))
    destruction.approve(first, acting_user=second_coordinator)
    approved_at = DestructionList.objects.get(pk=proposed.pk).approved_at

    with (
        time_machine.travel(NOW + dt.timedelta(minutes=1), tick=False),
        pytest.raises(ProcedureError) as refused,
    ):
        destruction.approve(second, acting_user=second_coordinator)

    assert refused.value.code == "not_proposed"
    assert DestructionList.objects.get(pk=proposed.pk).approved_at == approved_at


def test_a_second_click_on_carry_out_destroys_nothing_twice(withdrawn, coordinator, second_coordinator):
    proposed = destruction.propose(as_of=dt.date(2026, 1, 1), acting_user=coordinator)
    destruction.approve(proposed, acting_user=second_coordinator)
    first, second = (DestructionList.objects.get(pk=proposed.pk) for _ in range(2))
    destruction.carry_out(first, acting_user=second_coordinator)
    done = DestructionList.objects.get(pk=proposed.pk)

    with pytest.raises(ProcedureError) as refused:
        destruction.carry_out(second, acting_user=second_coordinator)

    assert refused.value.code == "not_approved"
    assert DestructionList.objects.get(pk=proposed.pk).counts == done.counts
    destroyed = HistoryEvent.objects.filter(
        complaint=withdrawn, type=HistoryEvent.Type.PERSONAL_DATA_DESTROYED
    )
    assert destroyed.count() == 1
