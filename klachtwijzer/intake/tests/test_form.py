"""The public complaint form: what a resident sees and what a submission stores."""

import datetime as dt
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from klachtwijzer.accounts.tests.factories import DepartmentFactory
from klachtwijzer.complaints.constants import Channel, Form, Status
from klachtwijzer.complaints.models import Complaint, HistoryEvent

URL = "/klacht-indienen/"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
VALID = {
    "name": "Jan de Vries",
    "address": "Dorpsstraat 1",
    "postcode": "1234ab",
    "city": "Teststad",
    "email": "jan@example.nl",
    "phone": "06 12345678",
    "description": "Ik werd aan de balie onvriendelijk te woord gestaan.",
    "conduct_on": "12-02-2024",
    "desired_outcome": "Excuses.",
}


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.mark.django_db
def test_the_form_is_public_dutch_and_accessible(client, municipality):
    response = client.get(URL)

    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="nl"' in html
    assert 'href="#main"' in html and "Naar de inhoud" in html
    assert '<label class="utrecht-form-label" for="id_name">Uw naam</label>' in html
    assert 'autocomplete="email"' in html
    assert "Wat wij met uw gegevens doen" in html
    assert "vendor/utrecht/component-library.css" in html
    assert "<script" not in html  # the resident's pages work without JavaScript


@pytest.mark.django_db
def test_a_valid_submission_registers_the_complaint_with_attachment_and_queues_the_acknowledgement(
    client, municipality, django_capture_on_commit_callbacks
):
    department = DepartmentFactory(name="Burgerzaken")
    data = {
        **VALID,
        "about": f"department-{department.pk}",
        "attachments": [SimpleUploadedFile("foto.png", PNG)],
    }

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, data)

    complaint = Complaint.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("intake:submitted", kwargs={"token": complaint.public_token})
    assert (complaint.channel, complaint.form, complaint.status) == (
        Channel.WEB_FORM,
        Form.WRITTEN,
        Status.RECEIVED,
    )
    assert complaint.department == department
    assert complaint.conduct_on == dt.date(2024, 2, 12)
    assert complaint.personal_data.postcode == "1234 AB"
    assert complaint.personal_data.email == "jan@example.nl"
    assert [a.filename for a in complaint.attachments.all()] == ["foto.png"]
    received = complaint.history.get(type=HistoryEvent.Type.RECEIVED)
    assert received.actor_label == "de klager, via het webformulier"
    task = DBTaskResult.objects.get()
    assert task.task_path == "klachtwijzer.letters.tasks.send_acknowledgement"
    assert task.args_kwargs["args"][0] == complaint.pk


@pytest.mark.django_db
def test_the_confirmation_shows_the_reference_and_the_private_link(client, municipality):
    client.post(URL, VALID)
    complaint = Complaint.objects.get()

    response = client.get(reverse("intake:submitted", kwargs={"token": complaint.public_token}))

    html = response.content.decode()
    assert complaint.reference in html
    assert f"http://testserver/klacht/{complaint.public_token}/" in html


@pytest.mark.django_db
def test_missing_fields_are_listed_in_a_linked_error_summary_in_dutch(client, municipality):
    response = client.post(URL, {"email": "geen-adres"})

    html = response.content.decode()
    assert response.status_code == 200
    assert not Complaint.objects.exists()
    assert "<title>Fout: Klacht indienen" in html
    assert 'id="error-summary" role="alert"' in html
    assert "Verbeter de volgende 5 punten" in html
    for field, label, message in [
        ("name", "Uw naam", "Vul uw naam in."),
        ("address", "Straat en huisnummer", "Vul uw straat en huisnummer in."),
        ("city", "Woonplaats", "Vul uw woonplaats in."),
        ("email", "E-mailadres", "Vul een e-mailadres in zoals naam@voorbeeld.nl."),
        ("description", "Wat is er gebeurd", "Beschrijf wat er is gebeurd."),
    ]:
        assert f'<li><a href="#id_{field}">{label}: {message}</a></li>' in html
        assert f'id="id_{field}_error"' in html
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_email_hint id_email_error"' in html


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("conduct_on", "31-02-2024", "Vul de datum in zoals 17-03-2025."),
        ("conduct_on", "01-01-2999", "De datum ligt in de toekomst."),
        ("postcode", "12#45", "Vul een postcode in zoals 1234 AB."),
        ("phone", "bel me", "Vul een telefoonnummer in met alleen cijfers"),
        ("about", "department-99999", "Kies een afdeling of dienst uit de lijst."),
        ("name", "x" * 201, "Uw naam mag niet langer zijn dan 200 tekens."),
        ("description", "nul\x00teken", "De tekst bevat een teken dat niet is toegestaan."),
    ],
)
@pytest.mark.django_db
def test_wrong_values_get_a_dutch_message_at_their_field(client, municipality, field, value, message):
    response = client.post(URL, {**VALID, field: value})

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Complaint.objects.exists()


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ([("virus.pdf", b"MZ\x90\x00" + b"\x00" * 64)], "is geen pdf, afbeelding of Office-document"),
        ([("foto.pdf", PNG)], "past niet bij de inhoud"),
        ([("leeg.pdf", b"")], "is leeg"),
        ([(f"brief{i}.pdf", PDF) for i in range(6)], "Stuur maximaal 5 bestanden tegelijk."),
    ],
)
@pytest.mark.django_db
def test_bad_files_are_refused_and_nothing_is_stored(client, municipality, files, message):
    uploads = [SimpleUploadedFile(name, content) for name, content in files]

    response = client.post(URL, {**VALID, "attachments": uploads})

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Complaint.objects.exists()


@pytest.mark.django_db
def test_office_documents_are_accepted(client, municipality):
    response = client.post(URL, {**VALID, "attachments": [SimpleUploadedFile("brief.docx", docx_bytes())]})

    assert response.status_code == 302
    assert Complaint.objects.get().attachments.get().filename == "brief.docx"


@pytest.mark.django_db
def test_a_filled_honeypot_stores_nothing(client, municipality):
    response = client.post(URL, {**VALID, "homepage": "http://spam.example"})

    assert response.status_code == 200
    assert "Uw klacht kon niet worden verstuurd" in response.content.decode()
    assert 'name="homepage" id="id_homepage" value=""' in response.content.decode()
    assert not Complaint.objects.exists()


@pytest.mark.django_db
def test_the_rate_limit_stops_a_flood_from_one_address(client, municipality, settings):
    settings.INTAKE_SUBMISSIONS_PER_HOUR = 2
    for _ in range(2):
        assert client.post(URL, VALID).status_code == 302

    response = client.post(URL, VALID)

    assert response.status_code == 429
    assert "te veel formulieren verstuurd" in response.content.decode()
    assert Complaint.objects.count() == 2
    assert client.post(URL, VALID, REMOTE_ADDR="192.0.2.55").status_code == 302


@pytest.mark.django_db
def test_behind_a_proxy_the_address_the_proxy_added_counts(client, municipality, settings):
    settings.INTAKE_SUBMISSIONS_PER_HOUR = 1
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    assert client.post(URL, VALID, HTTP_X_FORWARDED_FOR="1.1.1.1, 203.0.113.9").status_code == 302

    spoofed = client.post(URL, VALID, HTTP_X_FORWARDED_FOR="8.8.8.8, 203.0.113.9")
    other = client.post(URL, VALID, HTTP_X_FORWARDED_FOR="203.0.113.10")

    assert spoofed.status_code == 429
    assert other.status_code == 302


@pytest.mark.django_db
def test_the_form_page_uses_a_fixed_number_of_queries(client, municipality, django_assert_num_queries):
    DepartmentFactory.create_batch(5)
    with django_assert_num_queries(3):  # municipality, departments, partners
        client.get(URL)


printable = st.text(st.characters(blacklist_categories=("Cs",)), max_size=300)
# Any name a browser could send (a path separator or a bare dot is no file name at all).
FILE_NAMES = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="/\\\x00"), min_size=1, max_size=40
).filter(lambda name: name.strip(". "))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    values=st.fixed_dictionaries(
        {},
        optional={
            name: st.one_of(
                printable, st.sampled_from(["", " ", "0", "31-12-1899", "2024-02-30", "department-1"])
            )
            for name in [*VALID, "about", "person_complained_about", "homepage", "attachments"]
        },
    ),
    files=st.lists(st.tuples(FILE_NAMES, st.binary(max_size=64)), max_size=3),
)
@pytest.mark.django_db
def test_no_input_makes_the_form_fail(client, municipality, settings, values, files):
    settings.INTAKE_SUBMISSIONS_PER_HOUR = 10_000
    uploads = [SimpleUploadedFile(name, content) for name, content in files]

    response = client.post(URL, {**values, "attachments": uploads} if uploads else values)

    assert response.status_code in (200, 302)
