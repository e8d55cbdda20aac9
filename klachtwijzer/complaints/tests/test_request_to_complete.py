"""Awb 9:4: a written complaint that lacks a part is stored, its page shows what is missing, the complainant
is asked to complete it with a letter (the term runs on), a queue holds those asked, and a reply date that
passed without completion is recorded (docs/adr/0010-incomplete-and-oral-complaints.md)."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from klachtwijzer.complaints import handling
from klachtwijzer.complaints.constants import Form, Status
from klachtwijzer.complaints.models import Complaint, HistoryEvent
from klachtwijzer.complaints.queues import Queue, in_queue, queues_for
from klachtwijzer.complaints.tests.backoffice import (
    TODAY,
    post_step,
    post_step_with_letter,
    step_url,
)
from klachtwijzer.complaints.workflow import ProcedureError
from klachtwijzer.letters.models import Letter, LetterKind
from klachtwijzer.notifications.reminders import run_pass

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("on_backoffice_today")]


@pytest.fixture
def incomplete(org, client) -> Complaint:
    """In handling, with a name and a description but without an address or a date (Awb 9:4 lid 2)."""
    client.force_login(org.handler)
    return org.own_complaint(email="anna@example.nl")


def _page(client, complaint) -> str:
    return " ".join(client.get(complaint.get_absolute_url()).content.decode().split())


def _complete(complaint, user) -> None:
    handling.update_personal_data(
        complaint, acting_user=user, address="Dorpsstraat 1", postcode="1234 AB", city="Teststad"
    )
    handling.update_complaint(complaint, acting_user=user, dated_on=dt.date(2024, 5, 2))


def test_an_incomplete_written_complaint_is_registered_and_its_page_shows_what_is_missing(client, org):
    client.force_login(org.coordinator)
    response = client.post(
        reverse("complaints:register"),
        {"channel": "brief", "form": "written", "received_on": "2024-05-06", "name": "Anna Jansen"},
    )

    complaint = Complaint.objects.get()
    assert response.status_code == 302 and response.url == complaint.get_absolute_url()
    assert complaint.dated_on is None and complaint.personal_data.description == ""
    page = _page(client, complaint)
    assert "De schriftelijke klacht is niet compleet (Awb 9:4)" in page
    assert 'data-missing="address date description"' in page
    assert "Het adres van de klager" in page and "Een datum op de klacht" in page
    assert "De naam van de klager" not in page
    assert "Vraag om aanvulling" in page  # the step is offered


def test_a_registration_without_description_or_name_is_refused_in_dutch(client, org):
    client.force_login(org.coordinator)

    response = client.post(
        reverse("complaints:register"), {"channel": "brief", "form": "written", "received_on": "2024-05-06"}
    )

    assert response.status_code == 200
    assert "Vul in waar de klacht over gaat, of in elk geval wie hem indiende" in response.content.decode()
    assert not Complaint.objects.exists()


def test_an_oral_complaint_shows_no_gap_and_is_not_asked_to_complete(client, org):
    client.force_login(org.coordinator)
    client.post(
        reverse("complaints:register"),
        {"channel": "telefoon", "form": "oral", "received_on": "2024-05-06", "name": "Anna Jansen"},
    )

    complaint = Complaint.objects.get()
    assert 'id="aanvulling"' not in _page(client, complaint)
    assert 'id="stap-aanvulling"' not in _page(client, complaint)


def test_a_date_on_the_complaint_after_receipt_is_refused_and_nothing_is_stored(client, org):
    client.force_login(org.coordinator)
    response = client.post(
        reverse("complaints:register"),
        {"channel": "brief", "form": "written", "received_on": "2024-05-06", "dated_on": "2024-05-07"},
    )

    assert response.status_code == 200
    assert "De datum op de klacht ligt na de datum van ontvangst." in response.content.decode()
    assert not Complaint.objects.exists()


def test_the_request_is_taken_with_its_letter_naming_what_is_missing_and_the_term_runs_on(client, incomplete):
    term_before = incomplete.applicable_term_ends_on

    preview = post_step_with_letter(client, incomplete, "aanvulling", action="preview", reply_by="2024-06-17")
    response = post_step_with_letter(client, incomplete, "aanvulling", reply_by="2024-06-17")

    text = " ".join(preview.content.decode().split())
    assert "uw adres (straat, huisnummer, postcode en woonplaats)" in text
    assert "de datum van uw klacht" in text and "uw naam" not in text
    assert "17 juni 2024" in text
    letter = incomplete.letters.get(kind=LetterKind.REQUEST_TO_COMPLETE)
    assert response.status_code == 302 and response.url == letter.get_absolute_url()
    incomplete.refresh_from_db()
    assert incomplete.completion_requested_on == letter.date == TODAY.date()
    assert incomplete.completion_reply_by == dt.date(2024, 6, 17)
    assert incomplete.applicable_term_ends_on == term_before == incomplete.term_ends_on  # no clock stops
    assert incomplete.status == Status.IN_HANDLING
    assert incomplete.history.filter(type=HistoryEvent.Type.COMPLETION_REQUESTED).exists()
    assert "Aanvullen vóór (Awb 9:4)" in _page(client, incomplete)


@pytest.mark.parametrize("reply_by", ["2024-06-03", "2024-05-31"])
def test_a_reply_date_not_after_the_letter_is_refused_in_dutch_and_nothing_is_stored(
    client, incomplete, reply_by
):
    response = post_step_with_letter(client, incomplete, "aanvulling", reply_by=reply_by)

    assert response.status_code == 200
    assert "De datum voor de reactie moet na de datum van de brief liggen (3 juni 2024)." in (
        response.content.decode()
    )
    incomplete.refresh_from_db()
    assert incomplete.completion_requested_on is None
    assert not Letter.objects.exists()


def test_the_use_case_refuses_a_reply_date_on_the_letter_date(org, incomplete):
    with pytest.raises(ProcedureError) as refused:
        handling.request_completion(
            incomplete,
            requested_on=dt.date(2024, 6, 1),
            reply_by=dt.date(2024, 6, 1),
            acting_user=org.handler,
        )

    assert "moet na de datum van de brief liggen" in str(refused.value)


def test_a_complete_complaint_is_not_asked_to_complete(client, org, incomplete):
    _complete(incomplete, org.handler)

    assert 'id="aanvulling"' not in _page(client, incomplete)
    assert 'id="stap-aanvulling"' not in _page(client, incomplete)
    with pytest.raises(ProcedureError, match="er ontbreekt niets"):
        handling.request_completion(
            incomplete, requested_on=TODAY.date(), reply_by=dt.date(2024, 6, 17), acting_user=org.handler
        )


def test_completing_the_complainants_data_removes_the_gap(client, org, incomplete):
    post_step_with_letter(client, incomplete, "aanvulling", reply_by="2024-06-17")
    assert 'data-missing="address date"' in _page(client, incomplete)

    post_step(
        client,
        incomplete,
        "persoonsgegevens",
        name="Anna Eigenaar",
        address="Dorpsstraat 1",
        postcode="1234 AB",
        city="Teststad",
        email="anna@example.nl",
        description="Eigen tekst",
    )
    assert 'data-missing="date"' in _page(client, incomplete)
    handling.update_complaint(incomplete, acting_user=org.handler, dated_on=dt.date(2024, 5, 2))

    page = _page(client, incomplete)
    assert 'id="aanvulling"' not in page
    assert "De schriftelijke klacht is niet compleet" not in page


def test_the_queue_holds_the_complaints_asked_to_complete_while_still_incomplete(client, org, incomplete):
    asked_then_completed = org.own_complaint()
    not_asked = org.own_complaint()
    for complaint in (incomplete, asked_then_completed):
        handling.request_completion(
            complaint, requested_on=TODAY.date(), reply_by=dt.date(2024, 6, 17), acting_user=org.handler
        )
    _complete(asked_then_completed, org.handler)

    assert Queue.COMPLETION in queues_for(org.coordinator) and Queue.COMPLETION in queues_for(org.handler)
    for today in (TODAY.date(), dt.date(2024, 6, 20)):  # before and after the reply date
        found = set(
            in_queue(Complaint.objects.all(), Queue.COMPLETION, user=org.handler, today=today).values_list(
                "pk", flat=True
            )
        )
        assert found == {incomplete.pk}
    assert not_asked.pk not in found
    page = client.get(reverse("complaints:list") + "?queue=completion").content.decode()
    assert "Aanvulling gevraagd (Awb 9:4)" in page and incomplete.reference in page
    assert asked_then_completed.reference not in page


def test_a_reply_date_that_passed_without_completion_is_recorded_once_and_shown(client, org, incomplete):
    term_before = incomplete.term_ends_on
    handling.request_completion(
        incomplete, requested_on=TODAY.date(), reply_by=dt.date(2024, 6, 10), acting_user=org.handler
    )
    run_pass(today=dt.date(2024, 6, 10), send_email=False)  # the reply date itself: not yet passed
    assert not incomplete.history.filter(type=HistoryEvent.Type.COMPLETION_LAPSED).exists()

    with time_machine.travel(dt.datetime(2024, 6, 11, 12, tzinfo=dt.UTC), tick=False):
        run_pass(today=dt.date(2024, 6, 11), send_email=False)
        run_pass(today=dt.date(2024, 6, 11), send_email=False)
        client.force_login(org.handler)
        page = _page(client, incomplete)

    lapsed = incomplete.history.filter(type=HistoryEvent.Type.COMPLETION_LAPSED)
    assert lapsed.count() == 1
    assert "het adres van de klager en een datum op de klacht" in lapsed.get().note
    assert "De klacht wordt behandeld met wat er is" in lapsed.get().note
    incomplete.refresh_from_db()
    assert incomplete.completion_lapsed_on == dt.date(2024, 6, 11)
    assert incomplete.is_open and incomplete.term_ends_on == term_before
    assert 'data-state="completion-lapsed"' in page
    assert "De datum voor de reactie is voorbij en de klacht is niet aangevuld." in page


def test_a_request_for_a_completed_complaint_is_not_recorded_as_lapsed(org, incomplete):
    handling.request_completion(
        incomplete, requested_on=TODAY.date(), reply_by=dt.date(2024, 6, 10), acting_user=org.handler
    )
    _complete(incomplete, org.handler)

    run_pass(today=dt.date(2024, 6, 11), send_email=False)

    assert not incomplete.history.filter(type=HistoryEvent.Type.COMPLETION_LAPSED).exists()


def test_an_oral_complaint_cannot_be_asked_to_complete(org):
    complaint = org.own_complaint()
    handling.update_complaint(complaint, acting_user=org.handler, form=Form.ORAL)

    with pytest.raises(ProcedureError, match="mondelinge klacht"):
        handling.request_completion(
            complaint, requested_on=TODAY.date(), reply_by=dt.date(2024, 6, 17), acting_user=org.handler
        )


def test_the_step_page_shows_the_reply_date_field(client, incomplete):
    page = client.get(step_url(incomplete, "aanvulling")).content.decode()

    assert "Vraag om aanvulling" in page and "aanvulling-reply_by" in page
