"""Awb 9:10: both parties can be heard, together or each on their own; each hearing has its record, and the
invitation (taken with its step) states the date, the time, the place or the video link and the reply date."""

import datetime as dt

import pytest
import time_machine

from klachtwijzer.accounts.models import Role, User
from klachtwijzer.complaints import destruction, handling
from klachtwijzer.complaints.closing import withdraw_complaint
from klachtwijzer.complaints.models import Hearing, HearingParty
from klachtwijzer.complaints.tests.backoffice import (
    TODAY,
    post_step,
    post_step_with_letter,
)
from klachtwijzer.letters.models import Letter, LetterKind

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("on_backoffice_today")]


@pytest.fixture
def complaint(org, client):
    client.force_login(org.handler)
    return org.own_complaint(email="anna@example.nl", person_complained_about="Medewerker balie")


PLAN = {"planned_on": "2024-06-12", "starts_at": "14:30", "reply_by": "2024-06-07"}


def test_each_party_is_heard_on_its_own_and_each_hearing_is_recorded(complaint, org):
    with_complainant = handling.plan_hearing(
        complaint, party=HearingParty.COMPLAINANT, planned_on=dt.date(2024, 5, 20), acting_user=org.handler
    )
    with_colleague = handling.plan_hearing(
        complaint,
        party=HearingParty.PERSON_COMPLAINED_ABOUT,
        planned_on=dt.date(2024, 5, 21),
        acting_user=org.handler,
    )

    handling.record_hearing(
        complaint, held_on=dt.date(2024, 5, 21), report="De medewerker vertelde.", hearing=with_colleague,
        acting_user=org.handler,
    )  # fmt: skip
    complaint.refresh_from_db()
    assert complaint.hearing_held_on is None  # the complainant has not been heard yet

    handling.record_hearing(
        complaint, held_on=dt.date(2024, 5, 20), report="Mevrouw vertelde.", hearing=with_complainant,
        acting_user=org.handler,
    )  # fmt: skip
    complaint.refresh_from_db()
    assert complaint.hearing_held_on == dt.date(2024, 5, 20)
    assert complaint.personal_data.hearing_report == "Mevrouw vertelde."
    assert {h.party: h.report for h in Hearing.objects.filter(complaint=complaint)} == {
        HearingParty.COMPLAINANT: "Mevrouw vertelde.",
        HearingParty.PERSON_COMPLAINED_ABOUT: "De medewerker vertelde.",
    }


def test_a_hearing_cannot_be_recorded_twice(complaint, org):
    from klachtwijzer.complaints.workflow import ProcedureError

    hearing = handling.plan_hearing(complaint, planned_on=dt.date(2024, 5, 20), acting_user=org.handler)
    handling.record_hearing(
        complaint, held_on=dt.date(2024, 5, 20), report="Verslag.", hearing=hearing, acting_user=org.handler
    )

    with pytest.raises(ProcedureError, match="nog niet is vastgelegd"):
        handling.record_hearing(
            complaint,
            held_on=dt.date(2024, 5, 20),
            report="Nog eens.",
            hearing=hearing,
            acting_user=org.handler,
        )


def test_the_invitation_goes_only_to_the_party_invited_and_states_time_and_place(client, complaint):
    response = post_step_with_letter(
        client,
        complaint,
        "hoorzitting-plannen",
        party="person_complained_about",
        place="Stadhuis, Stadhuisplein 1, kamer 2.14",
        **PLAN,
    )

    assert response.status_code == 302
    [letter] = Letter.objects.filter(complaint=complaint, kind=LetterKind.HEARING)
    assert letter.recipient_name == "Medewerker balie"
    body = " ".join(letter.body.split())
    assert "12 juni 2024 om 14:30 uur" in body
    assert "Stadhuis, Stadhuisplein 1, kamer 2.14" in body
    assert "uiterlijk 7 juni 2024" in body and "U mag iemand meenemen" in body
    hearing = Hearing.objects.get(complaint=complaint)
    assert hearing.party == HearingParty.PERSON_COMPLAINED_ABOUT and hearing.invited_on == TODAY.date()
    complaint.refresh_from_db()
    assert complaint.hearing_planned_on is None  # the complainant's hearing is still to be planned


def test_a_video_hearing_gives_the_link_to_both_parties(client, complaint):
    link = "https://video.gemeente.example/gesprek-7"

    post_step_with_letter(
        client, complaint, "hoorzitting-plannen", party="both", video_link=link, delivery="email", **PLAN
    )

    letters = Letter.objects.filter(complaint=complaint, kind=LetterKind.HEARING)
    assert sorted(letters.values_list("recipient_name", flat=True)) == ["Anna Eigenaar", "Medewerker balie"]
    assert all(link in letter.body for letter in letters)


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({}, "Vul de plaats van het hoorgesprek of een videolink in."),
        ({"place": "Stadhuis", "starts_at": "half drie"}, "Vul een tijd in, zoals 14:30."),
        ({"video_link": "geen link maar tekst"}, "Vul een volledig webadres in"),
    ],
)
def test_an_invitation_without_time_or_place_is_refused_and_stores_nothing(client, complaint, extra, message):
    response = post_step_with_letter(
        client, complaint, "hoorzitting-plannen", party="both", **{**PLAN, **extra}
    )

    assert response.status_code == 200 and message in response.content.decode()
    assert not Hearing.objects.exists() and not Letter.objects.exists()


def test_the_complaint_page_lists_the_hearings_and_the_report_of_the_colleague(client, complaint, org):
    hearing = handling.plan_hearing(
        complaint,
        party=HearingParty.PERSON_COMPLAINED_ABOUT,
        planned_on=dt.date(2024, 5, 21),
        starts_at=dt.time(9, 15),
        place="Stadhuis",
        acting_user=org.handler,
    )
    post_step(
        client,
        complaint,
        "hoorzitting-verslag",
        hearing=hearing.pk,
        held_on="2024-05-21",
        report="Zij legde uit.",
    )

    page = " ".join(client.get(complaint.get_absolute_url()).content.decode().split())

    assert (
        "De persoon over wie geklaagd wordt, 21 mei 2024 om 09:15 uur, Stadhuis (gehouden op 21 mei 2024)"
        in page
    )
    assert "Zij legde uit." in page


def test_destruction_blanks_the_reports_of_the_hearings(municipality, coordinator):
    from klachtwijzer.complaints.tests.factories import received_complaint

    with time_machine.travel(dt.datetime(2024, 3, 11, 12, tzinfo=dt.UTC), tick=False):
        complaint = received_complaint(received_on=dt.date(2024, 3, 4))
        Hearing.objects.create(
            complaint=complaint, party=HearingParty.PERSON_COMPLAINED_ABOUT, planned_on=dt.date(2024, 3, 5),
            held_on=dt.date(2024, 3, 5), report="Wat de medewerker zei.",
        )  # fmt: skip
        withdraw_complaint(complaint, withdrawn_on=dt.date(2024, 3, 10), acting_user=coordinator)
    second = User.objects.create_user(username="tweede", password="x", role=Role.COORDINATOR)
    with time_machine.travel(dt.datetime(2026, 3, 14, 12, tzinfo=dt.UTC), tick=False):
        proposed = destruction.propose(as_of=dt.date(2026, 1, 1), acting_user=coordinator)
        destruction.approve(proposed, acting_user=second)
        destruction.carry_out(proposed)

    hearing = Hearing.objects.get(complaint=complaint)
    assert hearing.report == "" and hearing.held_on == dt.date(2024, 3, 5)
