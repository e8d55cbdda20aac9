"""The private status page: what the resident sees, and adding information while the complaint is open."""

import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from klachtwijzer.complaints import handling
from klachtwijzer.complaints.constants import Status
from klachtwijzer.complaints.models import ComplainantMessage, HistoryEvent, PersonalDataAccess
from klachtwijzer.complaints.tests.factories import complaint_in_handling, received_complaint
from klachtwijzer.letters import composing
from klachtwijzer.letters.models import LetterChannel, LetterKind
from klachtwijzer.letters.tests.builders import FINDINGS, judged_complaint

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
# Any name a browser could send (a path separator or a bare dot is no file name at all).
FILE_NAMES = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="/\\\x00"), min_size=1, max_size=40
).filter(lambda name: name.strip(". "))


def status_url(complaint) -> str:
    return reverse("intake:status", kwargs={"token": complaint.public_token})


def sent_letter(complaint, kind, user=None, recipient_index=0):
    recipient = composing.recipients_for(complaint, kind)[recipient_index]
    letter = composing.compose_letter(
        complaint, kind=kind, recipient=recipient, channel=LetterChannel.POST, acting_user=user
    )
    return composing.record_sent(letter, acting_user=user)


@pytest.mark.django_db
def test_an_unknown_or_malformed_link_is_not_found(client, municipality):
    received_complaint()

    assert client.get(f"/klacht/{uuid.uuid4()}/").status_code == 404
    assert client.get("/klacht/not-a-token/").status_code == 404
    assert "Pagina niet gevonden" in client.get(f"/klacht/{uuid.uuid4()}/").content.decode()


@pytest.mark.django_db
def test_the_page_shows_state_term_and_the_letters_sent(client, municipality):
    complaint = received_complaint()
    sent_letter(complaint, LetterKind.ACKNOWLEDGEMENT)

    response = client.get(status_url(complaint))

    html = response.content.decode()
    assert response.status_code == 200
    assert complaint.reference in html
    assert "Ontvangen" in html
    assert "15 april 2024" in html  # 4 March 2024 + 6 weeks
    assert "Ontvangstbevestiging van uw klacht" in html
    assert 'name="robots" content="noindex, nofollow"' in html
    assert "onvriendelijk te woord gestaan" not in html  # the complaint's own words stay off the page


@pytest.mark.django_db
def test_the_status_page_uses_a_fixed_number_of_queries(client, municipality, django_assert_num_queries):
    complaint = received_complaint()
    sent_letter(complaint, LetterKind.ACKNOWLEDGEMENT)
    with django_assert_num_queries(5) as few:
        client.get(status_url(complaint))
    for _ in range(3):
        handling.add_information(complaint, text="Nog iets.", acting_user=None)

    with django_assert_num_queries(len(few.captured_queries)):
        client.get(status_url(complaint))


@pytest.mark.django_db
def test_information_added_while_open_is_kept_apart_from_the_history(client, municipality):
    complaint = received_complaint()

    response = client.post(
        reverse("intake:add_information", kwargs={"token": complaint.public_token}),
        {"text": "De medewerker heette Piet.", "attachments": [SimpleUploadedFile("brief.pdf", PDF)]},
    )

    assert response.status_code == 302
    assert ComplainantMessage.objects.get().text == "De medewerker heette Piet."
    event = complaint.history.get(type=HistoryEvent.Type.INFORMATION_ADDED)
    assert event.actor_label == "de klager, via de statuspagina"
    assert "Piet" not in event.note
    assert complaint.attachments.get().filename == "brief.pdf"
    page = client.get(response["Location"]).content.decode()
    assert "Uw informatie is aan uw klacht toegevoegd" in page
    assert "Bestand brief.pdf" in page


@pytest.mark.django_db
def test_information_resumes_a_complaint_waiting_for_the_complainant(
    client, municipality, coordinator, handler, department
):
    complaint = complaint_in_handling(coordinator=coordinator, handler=handler, department=department)
    handling.wait_for_complainant(complaint, note="Welke datum?", acting_user=handler)
    assert "Wij wachten op informatie van u" in client.get(status_url(complaint)).content.decode()

    client.post(
        reverse("intake:add_information", kwargs={"token": complaint.public_token}), {"text": "Op 3 maart."}
    )

    complaint.refresh_from_db()
    assert complaint.status == Status.IN_HANDLING
    assert complaint.history.filter(type=HistoryEvent.Type.RESUMED).exists()


@pytest.mark.django_db
def test_an_empty_addition_gets_a_dutch_message(client, municipality):
    complaint = received_complaint()

    response = client.post(
        reverse("intake:add_information", kwargs={"token": complaint.public_token}), {"text": "  "}
    )

    assert response.status_code == 200
    assert "Schrijf de informatie die u wilt toevoegen, of voeg een bestand toe." in response.content.decode()
    assert not ComplainantMessage.objects.exists()


@pytest.mark.django_db
def test_after_closing_no_information_can_be_added_and_the_outcome_letter_is_shown(
    client, municipality, coordinator, handler, department
):
    complaint = judged_complaint(coordinator=coordinator, handler=handler, department=department)
    sent_letter(complaint, LetterKind.OUTCOME, user=handler)

    page = client.get(status_url(complaint)).content.decode()
    response = client.post(
        reverse("intake:add_information", kwargs={"token": complaint.public_token}), {"text": "Nog iets."}
    )

    assert "Afgehandeld" in page
    assert "Ons oordeel" in page
    assert FINDINGS in page
    assert "Nationale ombudsman" in page and "10 april 2025" in page
    assert 'name="text"' not in page
    assert response.status_code == 302
    assert not ComplainantMessage.objects.exists()


@pytest.mark.django_db
def test_the_resident_downloads_only_their_own_sent_letters_and_it_is_logged(
    client, municipality, coordinator, handler, department
):
    complaint = complaint_in_handling(coordinator=coordinator, handler=handler, department=department)
    mine = sent_letter(complaint, LetterKind.ACKNOWLEDGEMENT)
    complaint.staff_complained_about.add(handler)
    theirs = sent_letter(complaint, LetterKind.COPY, user=coordinator)
    url = "intake:letter_pdf"

    response = client.get(reverse(url, kwargs={"token": complaint.public_token, "pk": mine.pk}))
    other = client.get(reverse(url, kwargs={"token": complaint.public_token, "pk": theirs.pk}))

    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert other.status_code == 404
    log = PersonalDataAccess.objects.get(action=PersonalDataAccess.Action.DOWNLOAD)
    assert log.actor_label == "klager (statuslink)"
    assert log.reference == complaint.reference


@hypothesis_settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    text=st.text(st.characters(blacklist_categories=("Cs",)), max_size=500),
    files=st.lists(st.tuples(FILE_NAMES, st.binary(max_size=64)), max_size=6),
)
@pytest.mark.django_db
def test_no_input_makes_adding_information_fail(client, municipality, settings, text, files):
    settings.INTAKE_ADDITIONS_PER_HOUR = 10_000
    complaint = received_complaint()
    data = {"text": text, "attachments": [SimpleUploadedFile(name, content) for name, content in files]}

    response = client.post(reverse("intake:add_information", kwargs={"token": complaint.public_token}), data)

    assert response.status_code in (200, 302)
