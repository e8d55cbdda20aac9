"""Awb 9:1 and 9:2: an oral complaint is handled properly but outside the formal procedure of 9:4-9:12. It is
offered contact, an informal resolution and putting it in writing, which gives it the written procedure from
then (docs/adr/0010-incomplete-and-oral-complaints.md)."""

import datetime as dt

import pytest
import time_machine

from klachtwijzer.complaints import closing, handling
from klachtwijzer.complaints.constants import Form, NotHandledGround, Outcome, Status
from klachtwijzer.complaints.models import Complaint, HistoryEvent
from klachtwijzer.complaints.tests.backoffice import (
    FAST_HASHERS,
    TODAY,
    Organisation,
    post_step,
    post_step_with_letter,
)
from klachtwijzer.complaints.workflow import ProcedureError
from klachtwijzer.letters.models import Letter, LetterKind

pytestmark = pytest.mark.django_db

FORMAL_STEPS = [
    "ontvangstbevestiging",
    "aanvulling",
    "afschrift",
    "geen-afschrift",
    "verdagen",
    "uitstel",
    "hoorzitting-plannen",
    "hoorzitting-verslag",
    "niet-horen",
    "onderdeel",
    "afsluiten",
    "niet-behandelen",
]


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def org(municipality, settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS
    return Organisation()


@pytest.fixture
def oral(org, client) -> Complaint:
    """An oral complaint in handling, received on Monday 6 May 2024."""
    client.force_login(org.handler)
    complaint = org.own_complaint(email="anna@example.nl")
    handling.update_complaint(complaint, acting_user=org.coordinator, form=Form.ORAL)
    return complaint


def _offered(client, complaint) -> set[str]:
    page = client.get(complaint.get_absolute_url()).content.decode()
    return {
        slug
        for slug in [*FORMAL_STEPS, "informeel", "schriftelijk", "contact"]
        if f'id="stap-{slug}"' in page
    }


def test_an_oral_complaint_is_offered_the_informal_steps_and_none_of_the_formal_procedure(client, oral):
    assert _offered(client, oral) == {"informeel", "schriftelijk", "contact"}


def test_a_written_complaint_is_offered_the_formal_steps_but_not_putting_it_in_writing(client, org):
    written = org.own_complaint()
    client.force_login(org.handler)

    offered = _offered(client, written)

    assert {"ontvangstbevestiging", "afschrift", "verdagen", "afsluiten", "niet-behandelen"} <= offered
    assert "schriftelijk" not in offered


@pytest.mark.parametrize(
    "take",
    [
        lambda c, u: handling.acknowledge_receipt(c, sent_on=dt.date(2024, 5, 7), acting_user=u),
        lambda c, u: handling.extend_term(
            c, notice_sent_on=dt.date(2024, 6, 3), reason="Drukte", acting_user=u
        ),
        lambda c, u: handling.plan_hearing(
            c, planned_on=dt.date(2024, 6, 12), reply_by=dt.date(2024, 6, 7), acting_user=u
        ),
        lambda c, u: handling.add_element(c, summary="Onvriendelijk", nature=None, acting_user=u),
        lambda c, u: closing.close_with_judgement(
            c, closed_on=dt.date(2024, 6, 3), findings="X", acting_user=u
        ),
        lambda c, u: closing.decline_to_handle(
            c, ground=NotHandledGround.TOO_SMALL, notice_sent_on=dt.date(2024, 6, 3), acting_user=u
        ),
    ],
    ids=["acknowledge", "extend", "hearing", "element", "judgement", "decline"],
)
def test_the_use_cases_of_the_formal_procedure_refuse_an_oral_complaint_in_dutch(org, oral, take):
    with pytest.raises(ProcedureError) as refused:
        take(oral, org.handler)

    assert "Een mondelinge klacht wordt behandeld zonder de formele procedure" in str(refused.value)
    assert "leg haar eerst schriftelijk vast" in str(refused.value)
    oral.refresh_from_db()
    assert oral.status == Status.IN_HANDLING and oral.acknowledged_on is None
    assert oral.extension_notice_on is None and not oral.elements.exists()


def test_posting_the_outcome_step_for_an_oral_complaint_is_refused_on_the_page(client, oral):
    response = post_step_with_letter(client, oral, "afsluiten", findings="Onderzocht", measures="geen")

    assert response.status_code == 200
    assert "Een mondelinge klacht wordt behandeld zonder de formele procedure" in response.content.decode()
    oral.refresh_from_db()
    assert oral.is_open and not Letter.objects.exists()


def test_an_oral_complaint_gets_no_acknowledgement_letter(client, oral):
    response = post_step_with_letter(client, oral, "ontvangstbevestiging")

    assert response.status_code == 200
    assert "Een mondelinge klacht krijgt geen ontvangstbevestiging" in response.content.decode()
    assert not Letter.objects.exists()


def test_an_oral_complaint_is_resolved_informally_with_its_confirmation(client, oral):
    response = post_step_with_letter(
        client,
        oral,
        "informeel",
        how="telefonisch",
        resolved_by="A. Behandelaar",
        agreement="Excuses gemaakt.",
    )

    assert response.status_code == 302
    oral.refresh_from_db()
    assert oral.status == Status.CLOSED and oral.outcome == Outcome.INFORMAL
    assert oral.letters.filter(kind=LetterKind.INFORMAL).exists()


def test_putting_it_in_writing_gives_the_written_procedure_with_its_terms_from_that_day(client, org, oral):
    response = post_step(
        client, oral, "schriftelijk", written_on="2024-05-20", note="Klager mailde de klacht"
    )

    assert response.status_code == 302
    oral.refresh_from_db()
    assert oral.form == Form.WRITTEN and oral.dated_on == dt.date(2024, 5, 20)
    assert oral.term_ends_on == dt.date(2024, 7, 1)  # six weeks after the written complaint came in
    assert oral.not_handling_notice_due_on == dt.date(2024, 6, 17)
    assert oral.acknowledgement_due_on is not None and oral.acknowledgement_due_on > dt.date(2024, 5, 20)
    assert oral.history.filter(type=HistoryEvent.Type.PUT_IN_WRITING).exists()
    assert {"ontvangstbevestiging", "afsluiten", "verdagen"} <= _offered(client, oral)
    assert "schriftelijk" not in _offered(client, oral)


def test_putting_a_written_complaint_in_writing_is_refused(org):
    written = org.own_complaint()

    with pytest.raises(ProcedureError, match="De klacht is al schriftelijk"):
        handling.put_in_writing(written, written_on=dt.date(2024, 5, 20), acting_user=org.handler)


def test_putting_it_in_writing_before_receipt_is_refused_next_to_the_field(client, oral):
    response = post_step(client, oral, "schriftelijk", written_on="2024-05-01")

    assert response.status_code == 200
    assert "Deze datum ligt vóór de datum van ontvangst" in response.content.decode()
    oral.refresh_from_db()
    assert oral.form == Form.ORAL
