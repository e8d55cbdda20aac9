"""Notifications: made once per event and recipient, shown in the product, e-mailed to a real SMTP server."""

import datetime as dt

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction
from hypothesis import given
from hypothesis import strategies as st

from klachtwijzer.accounts.models import Role
from klachtwijzer.accounts.tests.factories import UserFactory
from klachtwijzer.complaints import handling, terms
from klachtwijzer.complaints.terms import add_working_days
from klachtwijzer.complaints.tests.factories import complaint_in_handling
from klachtwijzer.learning.tests.factories import action
from klachtwijzer.notifications import notifying
from klachtwijzer.notifications.models import Notification, NotificationKind
from klachtwijzer.notifications.reminders import run_pass

pytestmark = pytest.mark.django_db
RECEIVED = dt.date(2024, 3, 4)  # handling term ends Monday 15 April 2024


@pytest.fixture
def people(municipality, department, coordinator, handler):
    coordinator.email, handler.email = "coordinator@teststad.nl", "handler@teststad.nl"
    coordinator.save()
    handler.save()
    manager = UserFactory(
        username="manager", role=Role.MANAGER, department=department, email="manager@teststad.nl"
    )
    return {"coordinator": coordinator, "handler": handler, "manager": manager, "department": department}


def in_handling(people, django_capture_on_commit_callbacks, **kwargs):
    with django_capture_on_commit_callbacks(execute=True):
        return complaint_in_handling(
            coordinator=people["coordinator"],
            handler=people["handler"],
            department=people["department"],
            received_on=kwargs.pop("received_on", RECEIVED),
            **kwargs,
        )


def kinds(user):
    return sorted(Notification.objects.filter(recipient=user).values_list("kind", flat=True))


def test_the_handler_hears_of_an_assignment_in_the_product_and_by_e_mail_without_personal_data(
    people, smtp, immediate_tasks, django_capture_on_commit_callbacks
):
    complaint = in_handling(people, django_capture_on_commit_callbacks)

    [notification] = Notification.objects.filter(recipient=people["handler"])
    assert notification.kind == NotificationKind.ASSIGNED
    assert notification.subject == f"Klacht {complaint.reference} is aan u toegewezen"
    assert notification.emailed_at is not None
    [message] = [m for m in smtp.messages if m["To"] == "handler@teststad.nl"]
    body = message.get_body(("plain",)).get_content()
    assert complaint.reference in body
    assert f"http://127.0.0.1:8101/klachten/{complaint.reference}/" in body
    # E-mail is no safe channel: no name, address or words of the complainant.
    for personal in ("Vries", "j.devries@example.nl", "onvriendelijk"):
        assert personal not in body and personal not in message["Subject"]


def test_the_handler_hears_when_the_resident_adds_information(
    people, smtp, immediate_tasks, django_capture_on_commit_callbacks
):
    complaint = in_handling(people, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        handling.add_information(complaint, text="Nog een foto.", acting_user=None, actor_label="Indiener")

    assert kinds(people["handler"]) == ["assigned", "information_added"]
    body = Notification.objects.get(kind=NotificationKind.INFORMATION_ADDED).body
    assert "Nog een foto" not in body and complaint.reference in body


def test_an_e_mail_turned_off_is_still_shown_in_the_product(
    people, smtp, immediate_tasks, django_capture_on_commit_callbacks
):
    notifying.set_email_preferences(emailed_kinds={"term_due"}, acting_user=people["handler"])
    in_handling(people, django_capture_on_commit_callbacks)

    assert kinds(people["handler"]) == ["assigned"]
    assert [m for m in smtp.messages if m["To"] == "handler@teststad.nl"] == []


def test_the_term_reminder_comes_the_configured_working_days_before_the_end_and_once(
    people, settings, smtp, immediate_tasks, django_capture_on_commit_callbacks
):
    settings.REMINDER_WORKING_DAYS = 3
    complaint = in_handling(people, django_capture_on_commit_callbacks)
    assert complaint.term_ends_on == dt.date(2024, 4, 15)

    with django_capture_on_commit_callbacks(execute=True):
        assert run_pass(today=dt.date(2024, 4, 9)).get("term_due", 0) == 0
        assert run_pass(today=dt.date(2024, 4, 10))["term_due"] == 1  # Wed, Thu, Fri, Mon
        assert run_pass(today=dt.date(2024, 4, 10)).get("term_due", 0) == 0
        assert run_pass(today=dt.date(2024, 4, 12)).get("term_due", 0) == 0

    [reminder] = Notification.objects.filter(kind=NotificationKind.TERM_DUE)
    assert "15 april 2024" in reminder.body
    assert len([m for m in smtp.messages if "termijn" in m["Subject"]]) == 1


def test_a_passed_term_escalates_to_the_coordinator_and_the_departments_manager_once(
    people, django_capture_on_commit_callbacks
):
    complaint = in_handling(people, django_capture_on_commit_callbacks)

    assert run_pass(today=dt.date(2024, 4, 15)).get("escalation", 0) == 0  # the last day is on time
    assert run_pass(today=dt.date(2024, 4, 16))["escalation"] == 2
    assert run_pass(today=dt.date(2024, 4, 17)).get("escalation", 0) == 0

    escalations = Notification.objects.filter(kind=NotificationKind.ESCALATION, complaint=complaint)
    assert {n.recipient.username for n in escalations} == {"coordinator", "manager"}
    assert all("?queue=overdue" in n.body for n in escalations)


def test_the_database_refuses_a_second_notification_for_one_event_and_recipient(people):
    Notification.objects.create(
        recipient=people["handler"], kind="digest", event_key="x", subject="s", body="b"
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Notification.objects.create(
            recipient=people["handler"], kind="digest", event_key="x", subject="s", body="b"
        )


def test_a_missed_acknowledgement_is_reported_to_the_handler(people, django_capture_on_commit_callbacks):
    in_handling(people, django_capture_on_commit_callbacks)  # the factory sends no acknowledgement

    assert run_pass(today=dt.date(2024, 3, 11)).get("acknowledgement_missed", 0) == 0  # 5 working days
    assert run_pass(today=dt.date(2024, 3, 12))["acknowledgement_missed"] == 1
    assert run_pass(today=dt.date(2024, 3, 20)).get("acknowledgement_missed", 0) == 0


def test_the_owner_of_an_improvement_action_hears_before_its_due_date_and_when_overdue(people, settings):
    settings.REMINDER_WORKING_DAYS = 2
    owner = people["manager"]
    act = action(owner=owner, created_on=dt.date(2024, 5, 1), due_on=dt.date(2024, 5, 31))  # a Friday

    assert run_pass(today=dt.date(2024, 5, 28)).get("action_due", 0) == 0
    assert run_pass(today=dt.date(2024, 5, 29))["action_due"] == 1
    assert run_pass(today=dt.date(2024, 6, 3))["action_overdue"] == 1
    assert run_pass(today=dt.date(2024, 6, 4)).get("action_overdue", 0) == 0
    assert act.title in Notification.objects.get(kind=NotificationKind.ACTION_OVERDUE).body


def test_each_manager_gets_one_weekly_digest_with_the_departments_figures(
    people, settings, django_capture_on_commit_callbacks
):
    settings.DIGEST_WEEKDAY = 0
    in_handling(people, django_capture_on_commit_callbacks)

    assert run_pass(today=dt.date(2024, 4, 16)).get("digest", 0) == 0  # a Tuesday
    assert run_pass(today=dt.date(2024, 4, 22))["digest"] == 1  # Monday
    assert run_pass(today=dt.date(2024, 4, 22)).get("digest", 0) == 0
    digest = Notification.objects.get(kind=NotificationKind.DIGEST)
    assert digest.recipient == people["manager"]
    assert "Open klachten: 1" in digest.body and "Termijn verstreken: 1" in digest.body


def test_send_reminders_runs_one_pass_for_the_given_day(people, django_capture_on_commit_callbacks, capsys):
    in_handling(people, django_capture_on_commit_callbacks)

    call_command("send_reminders", "--today", "2024-04-16")
    assert "escalation 2" in capsys.readouterr().out
    call_command("send_reminders", "--today", "2024-04-16")
    assert capsys.readouterr().out.startswith("0 notification(s) made")
    with pytest.raises(CommandError):
        call_command("send_reminders", "--today", "16-04-2024")


@given(st.dates(dt.date(2020, 1, 1), dt.date(2030, 12, 31)), st.integers(0, 15))
def test_working_days_back_land_on_a_working_day_with_exactly_n_working_days_between(day, n):
    start = add_working_days(day, -n)
    stretch = [start + dt.timedelta(days=i) for i in range((day - start).days)]  # start up to, not incl. day
    assert sum(terms.is_working_day(d) for d in stretch) == n
    assert n == 0 or terms.is_working_day(start)


def test_the_notifications_page_shows_ones_own_with_the_count_and_marks_them_read(
    people, client, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    complaint = in_handling(people, django_capture_on_commit_callbacks)
    for day in (dt.date(2024, 4, 10), dt.date(2024, 4, 16)):
        run_pass(today=day)
    client.force_login(people["handler"])

    with time_machine.travel(dt.datetime(2024, 4, 16, 12, tzinfo=dt.UTC)), django_assert_max_num_queries(12):
        page = client.get("/meldingen/").content.decode()
    assert f"Klacht {complaint.reference} is aan u toegewezen" in page
    assert "De termijn van klacht" in page
    unread = Notification.objects.filter(recipient=people["handler"], read_at__isnull=True).count()
    assert unread == 3  # assigned, term due, acknowledgement missed
    assert 'Meldingen <span class="kw-badge">3<span class="kw-visually-hidden"> ongelezen' in page

    client.post("/meldingen/gelezen/", {})
    assert Notification.objects.filter(recipient=people["handler"], read_at__isnull=True).count() == 0
    assert 'kw-badge">0' in client.get("/meldingen/").content.decode()
    # The coordinator's escalation is not on the handler's page.
    assert f"De termijn van klacht {complaint.reference} is verstreken" not in page
    assert Notification.objects.filter(kind=NotificationKind.ESCALATION).count() == 2


def test_e_mail_preferences_are_saved_from_the_page(people, client):
    client.force_login(people["handler"])
    response = client.post("/meldingen/e-mail/", {"emailed": ["assigned"]}, follow=True)
    assert "opgeslagen" in response.content.decode()
    from klachtwijzer.notifications.models import EmailOptOut

    assert "assigned" not in set(
        EmailOptOut.objects.filter(user=people["handler"]).values_list("kind", flat=True)
    )
    assert EmailOptOut.objects.filter(user=people["handler"], kind="term_due").exists()
    response = client.post("/meldingen/e-mail/", {"emailed": ["nonsense"]}, follow=True)
    assert response.status_code == 200 and "Kies" in response.content.decode()
