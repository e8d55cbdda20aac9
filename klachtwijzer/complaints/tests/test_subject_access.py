"""An AVG access request: everything held about one person, as a ZIP (JSON and a page), from the command
line and the privacy officer's page; another person's data never appear; every export is logged."""

import datetime as dt
import io
import json
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from klachtwijzer.accounts.models import Role, User
from klachtwijzer.accounts.tests.factories import UserFactory
from klachtwijzer.complaints import history
from klachtwijzer.complaints.models import Attachment, ComplainantMessage, HistoryEvent, PersonalDataAccess
from klachtwijzer.complaints.tests.factories import received_complaint
from klachtwijzer.letters.models import Letter, LetterChannel, LetterKind, RecipientRole

pytestmark = pytest.mark.django_db
URL = "/privacy/inzageverzoek/"
ANNA = {
    "name": "Anna de Vries",
    "email": "anna@example.nl",
    "phone": "06-12345678",
    "address": "Dorpsstraat 1",
    "postcode": "1234 AB",
    "city": "Teststad",
    "person_complained_about": "Piet Bakker; K. Jansen",
    "description": "Piet Bakker was onbeleefd tegen Anna de Vries. <script>alert(1)</script>",
}
BERT = {
    "name": "Bert Smit",
    "email": "bert@example.nl",
    "phone": "06-99999999",
    "person_complained_about": "Piet Bakker",
    "description": "Geheim verhaal van Bert.",
}
# Whatever of Anna's a person complained about might find: none of it may be in their export.
ANNA_SECRETS = ["Anna", "Vries", "anna@example.nl", "06-12345678", "Dorpsstraat", "1234 AB"]


def _letter(complaint, role, name, email=""):
    return Letter.objects.create(
        complaint=complaint,
        kind=LetterKind.ACKNOWLEDGEMENT,
        date=dt.date(2024, 3, 5),
        recipient_role=role,
        recipient_name=name,
        recipient_email=email,
        subject=f"Brief aan {name}",
        body="...",
        channel=LetterChannel.EMAIL,
    )


@pytest.fixture
def cases(municipality, coordinator):
    bakker = UserFactory(username="pbakker", first_name="Piet", last_name="Bakker", role=Role.HANDLER)
    anna = received_complaint(personal=dict(ANNA))
    anna.staff_complained_about.add(bakker)
    history.record(
        anna, HistoryEvent.Type.CONTACT, actor=coordinator, note="Mevrouw De Vries belde, 06-12345678."
    )
    ComplainantMessage.objects.create(complaint=anna, text="Nog een vraag van Anna over Piet Bakker.")
    Attachment.objects.create(
        complaint=anna,
        file=ContentFile(b"%PDF-1.4", name="x.pdf"),
        filename="brief-anna-de-vries.pdf",
        content_type="application/pdf",
        size=8,
    )
    _letter(anna, RecipientRole.COMPLAINANT, "Anna de Vries", "anna@example.nl")
    _letter(anna, RecipientRole.PERSON_COMPLAINED_ABOUT, "Piet Bakker")
    _letter(anna, RecipientRole.PERSON_COMPLAINED_ABOUT, "K. Jansen")
    again = received_complaint(
        personal={**ANNA, "email": "ANNA@example.nl", "person_complained_about": "", "description": "Tweede."}
    )
    bert = received_complaint(personal=dict(BERT))
    _letter(bert, RecipientRole.COMPLAINANT, "Bert Smit", "bert@example.nl")
    return {"anna": anna, "again": again, "bert": bert, "bakker": bakker}


def _files(content: bytes) -> tuple[dict, str]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        assert sorted(archive.namelist()) == ["inzageverzoek.html", "inzageverzoek.json"]
        return json.loads(archive.read("inzageverzoek.json")), archive.read("inzageverzoek.html").decode()


def _command(tmp_path, *args) -> tuple[dict, str]:
    out = tmp_path / "export.zip"
    call_command("subject_access", *args, "--output", str(out), stdout=io.StringIO())
    return _files(out.read_bytes())


def test_a_complainant_gets_all_their_complaints_and_nothing_of_anyone_else(cases, tmp_path):
    document, page = _command(tmp_path, "--email", "Anna@Example.nl")

    complaints = {entry["reference"]: entry for entry in document["complaints"]}
    assert set(complaints) == {cases["anna"].reference, cases["again"].reference}
    anna = complaints[cases["anna"].reference]
    assert anna["relation"] == ["klager"]
    assert anna["personal_data"]["name"] == "Anna de Vries"
    assert anna["personal_data"]["phone"] == "06-12345678"
    assert any("Mevrouw De Vries belde" in event["note"] for event in anna["history"])
    assert [m["text"] for m in anna["messages"]] == ["Nog een vraag van Anna over Piet Bakker."]
    assert [a["filename"] for a in anna["attachments"]] == ["brief-anna-de-vries.pdf"]
    assert [letter["recipient_name"] for letter in anna["letters"]] == ["Anna de Vries"]
    for text in (json.dumps(document, ensure_ascii=False), page):
        assert "Bert" not in text and "bert@example.nl" not in text and cases["bert"].reference not in text
        assert "Brief aan Piet Bakker" not in text and "Brief aan K. Jansen" not in text
    assert "Anna de Vries" in page and "Ontvangen" in page
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page


def test_a_member_of_staff_complained_about_gets_no_data_of_the_complainant(cases, tmp_path):
    document, page = _command(tmp_path, "--staff", "pbakker")

    references = {entry["reference"] for entry in document["complaints"]}
    # Named in Anna's complaint as a user, in Bert's by name; not in Anna's second complaint.
    assert references == {cases["anna"].reference, cases["bert"].reference}
    anna = next(e for e in document["complaints"] if e["reference"] == cases["anna"].reference)
    assert anna["relation"] == ["persoon over wie is geklaagd"]
    assert "name" not in anna["personal_data"] and "email" not in anna["personal_data"]
    assert anna["personal_data"]["description"].startswith("Piet Bakker was onbeleefd tegen [weggelaten]")
    assert [letter["recipient_name"] for letter in anna["letters"]] == ["Piet Bakker"]
    for text in (json.dumps(document, ensure_ascii=False), page):
        for secret in [*ANNA_SECRETS, "Bert Smit", "bert@example.nl", "06-99999999", "K. Jansen"]:
            assert secret not in text, secret


def test_a_named_person_complained_about_is_found_by_exact_name(cases, tmp_path):
    document, _page = _command(tmp_path, "--name", "k.  jansen")

    assert [entry["reference"] for entry in document["complaints"]] == [cases["anna"].reference]
    entry = document["complaints"][0]
    assert [letter["recipient_name"] for letter in entry["letters"]] == ["K. Jansen"]
    assert "Anna" not in json.dumps(entry, ensure_ascii=False)
    assert _command(tmp_path, "--name", "Jansen")[0]["complaints"] == []


def test_a_complainant_is_found_by_exact_name(cases, tmp_path):
    document, _page = _command(tmp_path, "--name", "anna de vries")

    assert {entry["reference"] for entry in document["complaints"]} == {
        cases["anna"].reference,
        cases["again"].reference,
    }
    assert _command(tmp_path, "--name", "Anna")[0]["complaints"] == []


def test_every_export_is_logged_under_the_operating_system_account(cases, tmp_path):
    _command(tmp_path, "--email", "anna@example.nl")

    entries = PersonalDataAccess.objects.filter(action=PersonalDataAccess.Action.EXPORT)
    per_complaint = entries.filter(detail="subject access")
    assert {e.complaint_id for e in per_complaint} == {cases["anna"].pk, cases["again"].pk}
    summary = entries.get(complaint=None)
    assert summary.detail == "subject access by email: 2 complaints"
    assert "anna" not in summary.detail and summary.actor_label and summary.user is None
    call_command("verify_logs", stdout=io.StringIO())


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--email", "geen-adres"], "Vul een geldig e-mailadres in"),
        (["--staff", "niemand"], "Er is geen medewerker met deze gebruikersnaam."),
        (["--name", "   "], "Vul in over wie het verzoek gaat."),
        (["--name", "x" * 201], "Vul hoogstens 200 tekens in."),
    ],
)
def test_bad_input_is_refused_in_dutch_and_exports_nothing(cases, tmp_path, args, message):
    out = tmp_path / "export.zip"
    with pytest.raises(CommandError, match=message):
        call_command("subject_access", *args, "--output", str(out))
    assert not out.exists()
    assert not PersonalDataAccess.objects.exists()


def test_a_file_that_cannot_be_written_is_reported(cases, tmp_path):
    with pytest.raises(CommandError, match=r"Kan .* niet"):
        call_command(
            "subject_access", "--email", "anna@example.nl", "--output", str(tmp_path / "no" / "x.zip")
        )
    assert not PersonalDataAccess.objects.exists()


def test_nothing_found_says_so_in_the_file_and_is_logged(cases, tmp_path):
    out = io.StringIO()
    target = tmp_path / "leeg.zip"
    call_command("subject_access", "--email", "onbekend@example.nl", "--output", str(target), stdout=out)

    assert "Over deze persoon is niets bewaard" in out.getvalue()
    document, page = _files(target.read_bytes())
    assert document["complaints"] == [] and "niets bewaard" in page
    assert PersonalDataAccess.objects.get().detail == "subject access by email: 0 complaints"


@pytest.fixture
def privacy_officer(db):
    return User.objects.create_user(username="fg", password="x", role=Role.PRIVACY_OFFICER)


def test_the_privacy_officer_downloads_the_zip_and_it_is_logged(client, cases, privacy_officer):
    client.force_login(privacy_officer)

    page = client.get(URL)
    response = client.post(URL, {"kind": "staff", "value": "pbakker"})

    assert page.status_code == 200 and "Inzageverzoek" in page.content.decode()
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith('attachment; filename="inzageverzoek-')
    document, _page = _files(response.content)
    assert len(document["complaints"]) == 2
    assert document["request"]["made_by"] == "fg"
    logged = PersonalDataAccess.objects.filter(user=privacy_officer, action=PersonalDataAccess.Action.EXPORT)
    assert logged.filter(detail="subject access").count() == 2
    assert logged.filter(detail="subject access by staff: 2 complaints").exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"kind": "email", "value": "geen-adres"}, "Vul een geldig e-mailadres in"),
        ({"kind": "staff", "value": "niemand"}, "Er is geen medewerker met deze gebruikersnaam."),
        ({"kind": "brief", "value": "x"}, "Kies hoe u de persoon zoekt."),
        ({"kind": "name", "value": ""}, "Vul in over wie het verzoek gaat."),
        ({"kind": "name", "value": "x" * 201}, "Vul hoogstens 200 tekens in."),
        ({"kind": "name", "value": "a\x00b"}, "Vul in over wie het verzoek gaat."),
    ],
)
def test_bad_input_on_the_page_gets_a_dutch_message(client, cases, privacy_officer, data, message):
    client.force_login(privacy_officer)

    response = client.post(URL, data)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not PersonalDataAccess.objects.exists()


def test_nothing_found_on_the_page_says_so(client, cases, privacy_officer):
    client.force_login(privacy_officer)

    response = client.post(URL, {"kind": "email", "value": "onbekend@example.nl"})

    assert response.status_code == 200
    assert "Over deze persoon is niets bewaard" in response.content.decode()
    assert PersonalDataAccess.objects.get().detail == "subject access by email: 0 complaints"


@pytest.mark.parametrize("role", [r for r in Role.values if r != Role.PRIVACY_OFFICER])
def test_no_other_role_has_the_page(client, cases, role):
    from klachtwijzer.accounts.tests.factories import PartnerFactory

    partner = PartnerFactory() if role == Role.PARTNER else None
    user = User.objects.create_user(username=f"u-{role}", password="x", role=role, partner=partner)
    client.force_login(user)

    assert client.get(URL).status_code == 403
    assert client.post(URL, {"kind": "email", "value": "anna@example.nl"}).status_code == 403
    assert not PersonalDataAccess.objects.exists()


def test_the_privacy_officer_has_it_in_the_menu(client, municipality, privacy_officer):
    client.force_login(privacy_officer)

    home = client.get(reverse("complaints:home")).content.decode()

    assert f'href="{URL}"' in home and "Inzageverzoek" in home


def test_the_export_holds_the_hearings_the_advice_the_learning_points_and_the_ombudsman_cases(
    cases, tmp_path, coordinator, department
):
    from klachtwijzer.complaints.constants import Judgement
    from klachtwijzer.complaints.models import CommitteeAdvice, Hearing, HearingParty
    from klachtwijzer.learning.models import LearningPoint, Theme
    from klachtwijzer.ombudsman.models import OmbudsmanCase, Recommendation

    anna = cases["anna"]
    Hearing.objects.create(
        complaint=anna, party=HearingParty.COMPLAINANT, planned_on=dt.date(2024, 3, 12),
        held_on=dt.date(2024, 3, 12), report="Anna de Vries vertelde over de balie.",
    )  # fmt: skip
    CommitteeAdvice.objects.create(
        complaint=anna, hearing_on=dt.date(2024, 3, 20), advised_on=dt.date(2024, 3, 27),
        recommended_judgement=Judgement.FOUNDED, advice="De commissie adviseert gegrond.",
    )  # fmt: skip
    point = LearningPoint.objects.create(
        complaint=anna, department=department, what_went_wrong="Anna de Vries werd niet teruggebeld.",
        recorded_on=dt.date(2024, 4, 1), recorded_by=coordinator,
    )  # fmt: skip
    point.themes.add(Theme.objects.create(name="Terugbelafspraken"))
    case = OmbudsmanCase.objects.create(
        complaint=anna, ombudsman_name="Nationale ombudsman", ombudsman_kind=OmbudsmanCase._meta.get_field(
            "ombudsman_kind").choices[0][0], petition_on=dt.date(2024, 6, 1), case_number="NO-2024-17",
    )  # fmt: skip
    Recommendation.objects.create(case=case, text="Bel de klager altijd terug.")

    document, page = _command(tmp_path, "--email", "anna@example.nl")
    about, _about_page = _command(tmp_path, "--staff", "pbakker")

    entry = next(e for e in document["complaints"] if e["reference"] == anna.reference)
    assert entry["hearings"][0]["report"] == "Anna de Vries vertelde over de balie."
    assert "De commissie adviseert gegrond." in entry["committee_advice"].values()
    [learning] = entry["learning_points"]
    assert (
        "Anna de Vries werd niet teruggebeld." in learning.values()
        and "Terugbelafspraken" in learning.values()
    )
    [ombudsman] = entry["ombudsman_cases"]
    assert "NO-2024-17" in ombudsman.values()
    assert "Bel de klager altijd terug." in " ".join(ombudsman.values())
    for text in (
        "Leerpunten",
        "Zaken bij de ombudsman",
        "Terugbelafspraken",
        "NO-2024-17",
        "vertelde over de balie",
    ):
        assert text in page, text
    # The person complained about sees these parts with the complainant's name left out.
    theirs = json.dumps(
        next(e for e in about["complaints"] if e["reference"] == anna.reference), ensure_ascii=False
    )
    assert "niet teruggebeld" in theirs and "vertelde over de balie" in theirs
    for secret in ANNA_SECRETS:
        assert secret not in theirs, secret
