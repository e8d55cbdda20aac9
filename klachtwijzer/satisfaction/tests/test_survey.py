"""The complainant's survey: invited after closing, answered once by a private link, stored apart."""

import datetime as dt
import email
import email.policy
import re
import socket

import pytest
from aiosmtpd.controller import Controller
from django.urls import reverse

from klachtwijzer.complaints import closing
from klachtwijzer.complaints.tests.factories import complaint_in_handling
from klachtwijzer.letters.tests.builders import judged_complaint
from klachtwijzer.satisfaction import tokens
from klachtwijzer.satisfaction.models import Answer, AnsweredInvitation, Invitation

GOOD = {"score": "8", "resolved": "deels", "heard": "ja", "comment": "Vriendelijk geholpen."}


def invite(complaint) -> str:
    """A fresh token for the complaint's invitation (as the e-mail task makes it)."""
    token = "t" * 43
    Invitation.objects.filter(complaint=complaint).update(token_hash=tokens.hash_token(token))
    return token


def survey_url(token: str) -> str:
    return reverse("satisfaction:survey", kwargs={"token": token})


@pytest.fixture
def judged(coordinator, handler, department):
    return judged_complaint(coordinator=coordinator, handler=handler, department=department)


@pytest.mark.django_db
def test_a_judged_complaint_gets_an_invitation_with_the_facts_for_the_figures(judged):
    invitation = Invitation.objects.get(complaint=judged)
    assert (invitation.closing_year, invitation.department, invitation.route, invitation.judgement) == (
        2024,
        "Burgerzaken",
        "formeel",
        "gegrond",
    )


@pytest.mark.django_db
def test_withdrawn_complaints_get_no_survey(coordinator, handler, department):
    complaint = complaint_in_handling(coordinator=coordinator, handler=handler, department=department)
    closing.withdraw_complaint(complaint, withdrawn_on=dt.date(2024, 3, 20), acting_user=handler)
    assert not Invitation.objects.exists()


@pytest.mark.django_db
def test_an_answer_is_stored_apart_and_a_second_one_refused(client, municipality, judged):
    token = invite(judged)

    page = client.get(survey_url(token)).content.decode()
    assert "<legend" in page and "Welk cijfer" in page

    response = client.post(survey_url(token), GOOD)
    assert response.status_code == 302
    answer = Answer.objects.get()
    assert (answer.score, answer.resolved, answer.heard, answer.department) == (
        8,
        "deels",
        "ja",
        "Burgerzaken",
    )
    assert not any(field.is_relation for field in Answer._meta.get_fields())
    assert "Bedankt" in client.get(response["Location"]).content.decode()

    again = client.post(survey_url(token), {**GOOD, "score": "2"})
    assert "al beantwoord" in again.content.decode()
    assert Answer.objects.count() == 1
    assert client.get(survey_url(token)).content.decode().count("al beantwoord") == 1


@pytest.mark.django_db
def test_the_database_refuses_a_second_answer_to_one_invitation(judged):
    from django.db import IntegrityError, transaction

    invitation = Invitation.objects.get(complaint=judged)
    AnsweredInvitation.objects.create(invitation=invitation)
    with pytest.raises(IntegrityError), transaction.atomic():
        AnsweredInvitation.objects.create(invitation=invitation)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"score": "0"}, "Kies een cijfer van 1 tot en met 10."),
        ({"score": "11"}, "Kies een cijfer van 1 tot en met 10."),
        ({"score": ""}, "Kies een cijfer van 1 tot en met 10."),
        ({"resolved": ""}, "Kies of uw klacht is opgelost."),
        ({"heard": "misschien"}, "Kies of u zich gehoord voelde."),
        ({"comment": "x" * 1001}, "Uw opmerking is te lang"),
    ],
)
def test_bad_answers_get_a_dutch_message_and_store_nothing(client, municipality, judged, change, message):
    token = invite(judged)
    response = client.post(survey_url(token), {**GOOD, **change})
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert "Fout:" in html  # the title says there is an error (error summary)
    assert not Answer.objects.exists() and not AnsweredInvitation.objects.exists()


@pytest.mark.django_db
def test_an_unknown_or_expired_link_gets_a_clear_page(client, municipality, judged, settings):
    response = client.get(survey_url("onbekend"))
    assert response.status_code == 410
    assert "Deze link naar de vragen werkt niet meer" in response.content.decode()

    token = invite(judged)
    settings.SATISFACTION_SURVEY_DAYS = 30
    Invitation.objects.update(expires_on=dt.date(2024, 5, 10))
    response = client.post(survey_url(token), GOOD)
    assert response.status_code == 410
    assert not Answer.objects.exists()


@pytest.mark.django_db
def test_the_status_page_links_to_the_survey_once_closed(client, municipality, judged):
    status = client.get(reverse("intake:status", kwargs={"token": judged.public_token})).content.decode()
    link = reverse("satisfaction:from_status", kwargs={"token": judged.public_token})
    assert link in status

    assert client.post(link, GOOD).status_code == 302
    assert Answer.objects.count() == 1


@pytest.mark.django_db
def test_the_handler_cannot_see_answers_the_coordinator_sees_comments_in_large_groups(
    client, municipality, judged, handler, coordinator
):
    client.post(survey_url(invite(judged)), GOOD)
    url = reverse("satisfaction:comments")

    client.force_login(handler)
    assert client.get(url).status_code == 403
    complaint_page = client.get(
        reverse("complaints:detail", kwargs={"reference": judged.reference})
    ).content.decode()
    assert "Vriendelijk geholpen." not in complaint_page

    client.force_login(coordinator)
    page = client.get(url).content.decode()
    assert "Vriendelijk geholpen." not in page  # one comment: too few to show
    assert "Te weinig opmerkingen" in page
    assert judged.reference not in page

    Answer.objects.bulk_create(
        [
            Answer(closing_year=2024, department="Burgerzaken", route="formeel", score=7,
                   resolved="ja", heard="ja", comment=f"Opmerking {n}")
            for n in range(5)
        ]
    )  # fmt: skip
    page = client.get(url).content.decode()
    assert "Vriendelijk geholpen." in page and "Opmerking 4" in page


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(email.message_from_bytes(envelope.content, policy=email.policy.default))
        return "250 OK"


@pytest.fixture
def smtp(settings):
    inbox = Inbox()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", port, False
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    yield inbox
    controller.stop()


@pytest.mark.django_db
def test_the_invitation_is_mailed_after_closing_and_only_its_hash_is_kept(
    client, municipality, coordinator, handler, department, smtp, django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = "http://testserver"
    with django_capture_on_commit_callbacks(execute=True):
        complaint = judged_complaint(coordinator=coordinator, handler=handler, department=department)

    (message,) = [m for m in smtp.messages if "Hoe hebben wij" in m["Subject"]]
    assert message["To"] == "j.devries@example.nl"
    token = re.search(r"/tevredenheid/([\w-]+)/", message.get_content()).group(1)
    invitation = Invitation.objects.get(complaint=complaint)
    assert invitation.token_hash == tokens.hash_token(token) and token not in invitation.token_hash
    assert client.post(survey_url(token), GOOD).status_code == 302
