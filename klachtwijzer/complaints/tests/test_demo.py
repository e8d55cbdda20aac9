"""The demo data: made through the use cases, every state and ending, safe to run twice.

Relies on the catalogue of natures from the migrations; the date is fixed so the open complaints'
terms can be checked against it.
"""

import datetime as dt

import pytest
import time_machine
from django.core.management import call_command
from django.db import transaction

from klachtwijzer.accounts.models import Municipality, Role, User
from klachtwijzer.complaints.constants import Judgement, Outcome, Status
from klachtwijzer.complaints.demo import DEMO_PASSWORD, load_demo
from klachtwijzer.complaints.models import Complaint, HistoryEvent
from klachtwijzer.complaints.terms import TermState
from klachtwijzer.complaints.tests.factories import received_complaint

pytestmark = pytest.mark.django_db
TODAY = dt.date(2025, 3, 14)


NOW = dt.datetime(2025, 3, 14, 15, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture(scope="class")
def demo(django_db_setup, django_db_blocker):
    """The demo loaded once for the tests that only read it, and rolled back after them."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            with time_machine.travel(NOW, tick=False):
                result = load_demo(per_year=12)
            yield result
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


class TestDemoData:
    """Read-only checks of one loaded demo."""

    def test_demo_creates_the_municipality_and_a_user_for_every_role(self, demo, client):
        municipality = Municipality.objects.get()
        assert (municipality.name, municipality.reference_prefix) == ("Gemeente Voorbeeld", "VBD")
        assert {user.role for user in User.objects.all()} == set(Role.values)
        handlers = User.objects.filter(role=Role.HANDLER)
        assert handlers.count() == 2 and handlers.values("department").distinct().count() == 2
        assert User.objects.get(role=Role.PARTNER).partner is not None
        admin = User.objects.get(role=Role.ADMINISTRATOR)
        assert admin.is_staff and admin.is_superuser
        assert {username for username, _role in demo.logins} == set(
            User.objects.values_list("username", flat=True)
        )
        from klachtwijzer.accounts.demo_devices import demo_code

        password = {"auth-username": "coordinator", "auth-password": DEMO_PASSWORD}
        client.post("/inloggen/", {"login_view-current_step": "auth", **password})
        code = {"login_view-current_step": "token", "token-otp_token": demo_code("coordinator")}
        assert client.post("/inloggen/", code).status_code == 302
        assert set(demo.secrets) == {
            "coordinator",
            *User.objects.filter(role__in=["handler", "manager", "partner", "privacy_officer"]).values_list(
                "username", flat=True
            ),
        }

    def test_demo_complaints_are_in_every_state_and_every_ending(self, demo):
        complaints = Complaint.objects.all()

        assert demo.complaints == complaints.count()
        assert set(complaints.values_list("status", flat=True)) == set(Status.values)
        assert set(complaints.values_list("outcome", flat=True)) == {"", *Outcome.values}
        assert set(complaints.values_list("judgement", flat=True)) == {"", *Judgement.values}
        assert set(complaints.values_list("received_on__year", flat=True)) == {2022, 2023, 2024, 2025}
        assert complaints.filter(kind="andersoortig").exists()
        assert complaints.exclude(partner=None).exists()
        assert complaints.filter(extension_notice_on__isnull=False, status=Status.CLOSED).exists()
        for complaint in complaints:
            complaint.full_clean(exclude=["staff_complained_about", "natures"])

    def test_open_demo_complaints_are_on_time_due_soon_and_overdue(self, demo):
        states = {complaint.term_status(TODAY) for complaint in Complaint.objects.open()}

        assert states == {TermState.ON_TIME, TermState.DUE_SOON, TermState.OVERDUE}
        assert Complaint.objects.open().filter(extended_term_ends_on__lt=TODAY).exists()  # even extended
        assert Complaint.objects.open().filter(further_delay_until__gt=TODAY).exists()

    def test_demo_history_is_written_by_the_steps_on_their_dates(self, demo):
        complaint = Complaint.objects.filter(outcome=Outcome.JUDGED).order_by("received_on").first()
        events = list(complaint.history.all())

        types = [event.type for event in events if event.type != "letter_sent"]
        assert types[:4] == ["received", "acknowledged", "triaged", "assigned"]
        assert types[-1] == "closed" and "element_judged" in types
        assert events[0].at.date() == complaint.received_on
        assert events[-1].at.date() == complaint.closed_on
        assert HistoryEvent.objects.filter(type="reopened").exists()
        assert HistoryEvent.objects.filter(type="information_added").exists()

    def test_every_step_that_stands_for_a_letter_has_its_letter_on_its_day(self, demo):
        from klachtwijzer.letters.models import Letter

        def dated(kind: str) -> set[tuple[int, object]]:
            return set(Letter.objects.filter(kind=kind).values_list("complaint_id", "date"))

        judged = Complaint.objects.filter(outcome=Outcome.JUDGED)
        assert judged.exists()
        assert set(judged.values_list("pk", "closed_on")) <= dated("outcome")
        acknowledged = Complaint.objects.filter(acknowledged_on__isnull=False)
        assert set(acknowledged.values_list("pk", "acknowledged_on")) == dated("acknowledgement")
        copied = Complaint.objects.filter(copy_sent_on__isnull=False)
        assert set(copied.values_list("pk", "copy_sent_on")) == dated("copy")
        extended = Complaint.objects.filter(extension_notice_on__isnull=False)
        assert set(extended.values_list("pk", "extension_notice_on")) <= dated("extension")
        assert all(letter.external_file for letter in Letter.objects.all()[:20])

    def test_demo_runs_once(self, demo):
        counts = (Complaint.objects.count(), HistoryEvent.objects.count(), User.objects.count())

        again = load_demo(per_year=12)

        assert not again.created and again.reason
        assert (Complaint.objects.count(), HistoryEvent.objects.count(), User.objects.count()) == counts


def test_demo_leaves_a_database_in_use_alone(municipality):
    received_complaint(received_on=dt.date(2025, 3, 1))

    result = load_demo(per_year=12)

    assert not result.created
    assert Complaint.objects.count() == 1 and not User.objects.filter(username="coordinator").exists()


def test_demo_leaves_existing_users_alone():
    User.objects.create(username="manager", first_name="Echte", last_name="Manager")

    result = load_demo(per_year=12)

    assert not result.created
    assert User.objects.get(username="manager").first_name == "Echte"
    assert not Complaint.objects.exists()


def test_demo_command_prints_the_logins_and_runs_once(capsys):
    call_command("demo", "--per-year", "10")
    first = capsys.readouterr().out
    call_command("demo")
    second = capsys.readouterr().out

    assert DEMO_PASSWORD in first and "coordinator" in first and "bestuurder" in first
    assert DEMO_PASSWORD not in second
    assert Complaint.objects.exists()


def test_the_demo_command_prints_in_english_when_asked(capsys):
    """``dev.py start`` speaks English throughout, the demo's report included."""
    call_command("demo", "--per-year", "10", "--language", "en")
    first = capsys.readouterr().out
    call_command("demo", "--language", "en")
    second = capsys.readouterr().out

    assert "Log in with one of these accounts" in first and "Complaints coordinator" in first
    assert "Klachtencoördinator" not in first
    assert second.strip() == "The demo data is already there; nothing was changed."
