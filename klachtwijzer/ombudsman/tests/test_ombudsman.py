"""Ombudsman cases: the use cases, who sees what, the queue, and the figures (docs/guide-coordinator.md)."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from klachtwijzer.complaints.models import HistoryEvent, Nature
from klachtwijzer.complaints.tests.backoffice import FAST_HASHERS, TODAY, Organisation
from klachtwijzer.learning.models import LearningPoint, Source
from klachtwijzer.ombudsman import handling
from klachtwijzer.ombudsman.handling import OmbudsmanError
from klachtwijzer.ombudsman.models import Action, OmbudsmanCase, Response, Verdict
from klachtwijzer.reporting.figures import compute_figures
from klachtwijzer.reporting.learning_sources import ombudsman_cases

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=False):  # Monday 3 June 2024
        yield


@pytest.fixture
def org(municipality, settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS
    return Organisation()


def norm() -> Nature:
    return Nature.objects.filter(is_norm=True).order_by("pk").first()


def test_opening_a_case_records_the_referral_on_the_complaint_and_in_its_history(org, settings):
    settings.OMBUDSMAN_NAME = "Ombudscommissie Teststad"
    settings.OMBUDSMAN_KIND = "committee"
    complaint = org.own_complaint()
    case = handling.open_case(
        complaint=complaint, petition_on=D(2024, 5, 20), case_number="2024.123", acting_user=org.coordinator
    )
    complaint.refresh_from_db()
    assert complaint.ombudsman_referred_on == D(2024, 5, 20)
    assert complaint.ombudsman_reference == "2024.123"
    assert case.ombudsman_name == "Ombudscommissie Teststad" and case.ombudsman_kind == "committee"
    assert case.action == Action.OPEN
    events = HistoryEvent.objects.filter(complaint=complaint, actor=org.coordinator)
    assert any(change["field"] == "ombudsman_referred_on" for event in events for change in event.changes)
    assert any("Ombudscommissie Teststad" in event.note for event in events)


def test_bad_petition_dates_are_refused_and_nothing_is_stored(org):
    complaint = org.own_complaint()
    for day, message in ((D(2024, 5, 1), "vóór de datum van ontvangst"), (D(2024, 6, 4), "in de toekomst")):
        with pytest.raises(OmbudsmanError) as error:
            handling.open_case(complaint=complaint, petition_on=day, acting_user=org.coordinator)
        assert message in " ".join(error.value.message_dict["petition_on"])
    assert not OmbudsmanCase.objects.exists()
    complaint.refresh_from_db()
    assert complaint.ombudsman_referred_on is None


def test_findings_against_the_municipality_become_learning_points_from_the_ombudsman(org):
    complaint = org.own_complaint()
    case = handling.open_case(complaint=complaint, petition_on=D(2024, 5, 20), acting_user=org.coordinator)
    handling.judge_element(case, norm=norm(), verdict=Verdict.PROPER, acting_user=org.coordinator)
    assert not LearningPoint.objects.exists()
    handling.judge_element(case, norm=norm(), verdict=Verdict.IMPROPER, acting_user=org.coordinator)
    recommendation = handling.add_recommendation(
        case, text="Bel binnen twee werkdagen terug.", acting_user=org.coordinator
    )
    points = LearningPoint.objects.filter(complaint=complaint)
    assert points.count() == 2
    assert set(points.values_list("source", flat=True)) == {Source.OMBUDSMAN}
    with pytest.raises(OmbudsmanError) as error:
        handling.respond_to_recommendation(
            recommendation, response=Response.PARTLY, acting_user=org.coordinator
        )
    assert "Leg uit" in " ".join(error.value.message_dict["explanation"])
    handling.respond_to_recommendation(
        recommendation, response=Response.FOLLOWED, acting_user=org.coordinator
    )
    recommendation.refresh_from_db()
    assert recommendation.response == Response.FOLLOWED


def test_a_norm_that_is_not_a_behoorlijkheidsnorm_is_refused(org):
    case = handling.open_case(
        complaint=org.own_complaint(), petition_on=D(2024, 5, 20), acting_user=org.coordinator
    )
    other = Nature.objects.filter(is_norm=False).first() or Nature.objects.create(name="Iets anders")
    with pytest.raises(OmbudsmanError):
        handling.judge_element(case, norm=other, verdict=Verdict.IMPROPER, acting_user=org.coordinator)


def test_the_queue_shows_open_cases_overdue_first_to_the_coordinator(client, org):
    own, other = org.own_complaint(), org.other_complaint()
    later = handling.open_case(
        complaint=own, petition_on=D(2024, 5, 10), case_number="LATER", acting_user=None
    )
    handling.add_deadline(later, description="Reactie", due_on=D(2024, 6, 20), acting_user=None)
    late = handling.open_case(
        complaint=other, petition_on=D(2024, 5, 20), case_number="OVERDUE", acting_user=None
    )
    handling.add_deadline(late, description="Informatie", due_on=D(2024, 5, 31), acting_user=None)
    done = handling.open_case(
        complaint=own, petition_on=D(2024, 5, 21), case_number="KLAAR", acting_user=None
    )
    handling.record_outcome(done, action=Action.INTERVENTION, action_on=D(2024, 5, 30), acting_user=None)
    client.force_login(org.coordinator)
    page = client.get(reverse("ombudsman:queue")).content.decode()
    assert page.index("OVERDUE") < page.index("LATER")
    assert "KLAAR" not in page
    assert "te laat" in page
    # the handler of the own department reads the own cases only, and cannot change them
    client.force_login(org.handler)
    page = client.get(reverse("ombudsman:queue")).content.decode()
    assert "LATER" in page and "OVERDUE" not in page
    assert client.get(reverse("ombudsman:case", args=[late.pk])).status_code == 404
    response = client.post(
        reverse("ombudsman:change", args=[later.pk, "uitkomst"]),
        {"outcome-action": Action.REPORT, "outcome-action_on": "01-06-2024"},
    )
    assert response.status_code == 403
    for role in ("board", "partner_user", "administrator"):
        client.force_login(getattr(org, role))
        assert client.get(reverse("ombudsman:queue")).status_code == 403


def test_the_queue_runs_a_fixed_number_of_queries(client, org, django_assert_max_num_queries):
    for day in range(10, 20):
        case = handling.open_case(
            complaint=org.own_complaint(), petition_on=D(2024, 5, day), acting_user=None
        )
        handling.add_deadline(case, description="Reactie", due_on=D(2024, 6, day), acting_user=None)
    client.force_login(org.coordinator)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("ombudsman:queue")).status_code == 200


def test_the_coordinator_opens_a_case_and_a_bad_date_gets_a_dutch_message(client, org):
    complaint = org.own_complaint()
    client.force_login(org.coordinator)
    url = reverse("ombudsman:open", args=[complaint.reference])
    response = client.post(url, {"petition_on": "31-02-2024", "ombudsman_kind": "national"})
    assert response.status_code == 400
    assert "Vul een datum in" in response.content.decode()
    response = client.post(url, {"petition_on": "10-06-2024", "ombudsman_kind": "national"})
    assert response.status_code == 400
    assert "in de toekomst" in response.content.decode()
    assert not OmbudsmanCase.objects.exists()
    response = client.post(
        url, {"petition_on": "20-05-2024", "case_number": "X1", "ombudsman_kind": "national"}
    )
    case = OmbudsmanCase.objects.get()
    assert response.status_code == 302 and case.case_number == "X1"
    response = client.post(
        reverse("ombudsman:change", args=[case.pk, "uitkomst"]),
        {"outcome-action": Action.REPORT, "outcome-action_on": "15-05-2024"},
    )
    assert response.status_code == 400
    assert "vóór de datum van het verzoek" in response.content.decode()


def test_the_report_counts_petitions_outcomes_judgements_and_recommendations(org):
    first = handling.open_case(complaint=org.own_complaint(), petition_on=D(2024, 5, 20), acting_user=None)
    handling.judge_element(first, norm=norm(), verdict=Verdict.IMPROPER, acting_user=None)
    handling.judge_element(first, norm=norm(), verdict=Verdict.PROPER, acting_user=None)
    followed = handling.add_recommendation(first, text="Eerst bellen.", acting_user=None)
    handling.respond_to_recommendation(followed, response=Response.FOLLOWED, acting_user=None)
    handling.add_recommendation(first, text="Beter uitleggen.", acting_user=None)
    handling.record_outcome(first, action=Action.REPORT, action_on=D(2024, 5, 31), acting_user=None)
    handling.open_case(complaint=org.other_complaint(), petition_on=D(2024, 5, 21), acting_user=None)
    figures = compute_figures(year=2024, as_of=D(2024, 6, 3))
    assert figures["ombudsman"] == {
        "petitions": 2,
        "by_outcome": {"open": 1, "rapport": 1},
        "judgements": {"behoorlijk": 1, "niet behoorlijk": 1},
        "recommendations": {"received": 2, "followed": 1},
    }
    # before the date of its outcome the report case still counts as open
    earlier = compute_figures(year=2024, as_of=D(2024, 5, 25))
    assert earlier["ombudsman"]["by_outcome"] == {"open": 2}
    entries = ombudsman_cases(2024, D(2024, 6, 3))
    assert [entry["department"] for entry in entries] == ["Burgerzaken", "Sociaal Domein"]


def test_response_deadlines_lists_passed_and_coming_ones_for_a_notification_app(org):
    case = handling.open_case(complaint=org.own_complaint(), petition_on=D(2024, 5, 20), acting_user=None)
    coming = handling.add_deadline(case, description="Zienswijze", due_on=D(2024, 6, 10), acting_user=None)
    passed = handling.add_deadline(case, description="Informatie", due_on=D(2024, 5, 30), acting_user=None)
    handling.add_deadline(case, description="Ver weg", due_on=D(2024, 9, 1), acting_user=None)
    done = handling.add_deadline(case, description="Klaar", due_on=D(2024, 5, 25), acting_user=None)
    handling.complete_deadline(done, done_on=D(2024, 5, 24), acting_user=None)
    due = handling.response_deadlines(today=D(2024, 6, 3))
    assert [(item.deadline, item.passed) for item in due] == [(passed, True), (coming, False)]


def test_a_register_import_with_ombudsman_op_makes_an_open_case(municipality):
    import io

    from klachtwijzer.complaints.register import import_register
    from klachtwijzer.complaints.tests.test_register import LEARNING_HEADER, csv_bytes

    rows = [
        f"TST-2023-{n:04d},2023-03-04,Burgerzaken,2023-03-20,gegrond,,,{'2023-06-01' if n % 2 else ''}"
        for n in range(1, 41)
    ]
    import_register(io.BytesIO(csv_bytes(*rows, header=LEARNING_HEADER)))
    cases = OmbudsmanCase.objects.select_related("complaint")
    assert cases.count() == 20
    assert {(case.action, case.petition_on) for case in cases} == {(Action.OPEN, D(2023, 6, 1))}
    assert compute_figures(year=2023, as_of=D(2024, 6, 3))["ombudsman"]["by_outcome"] == {"open": 20}


def test_the_report_chapter_lists_the_cases_and_hides_small_counts_when_published(org):
    from klachtwijzer.reporting import documents
    from klachtwijzer.reporting.tests.test_documents import html_text

    first = handling.open_case(
        complaint=org.own_complaint(), petition_on=D(2024, 5, 20), case_number="2024.777", acting_user=None
    )
    handling.record_outcome(first, action=Action.INTERVENTION, action_on=D(2024, 5, 31), acting_user=None)
    handling.open_case(complaint=org.other_complaint(), petition_on=D(2024, 5, 21), acting_user=None)
    figures = compute_figures(year=2024, as_of=D(2024, 6, 3))
    published = html_text(documents.build_for_figures(figures, published=True))
    internal = html_text(documents.build_for_figures(figures, published=False))
    assert "2024.777 · Burgerzaken · Interventie" in published
    assert "Verzoeken aan de ombudsman: minder dan 5." in published
    assert "Verzoeken aan de ombudsman: 2." in internal
    assert "geen zaken van de Nationale ombudsman" not in published


def test_the_dashboard_has_an_ombudsman_panel(client, org):
    handling.open_case(complaint=org.own_complaint(), petition_on=D(2024, 5, 20), acting_user=None)
    client.force_login(org.coordinator)
    page = client.get("/dashboard/").content.decode()
    assert 'id="panel-ombudsman"' in page
    assert "Verzoeken aan de ombudsman" in page


def test_documents_are_checked_as_attachments_and_downloads_are_logged(client, org):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from klachtwijzer.complaints.models import PersonalDataAccess
    from klachtwijzer.complaints.tests.backoffice import pdf
    from klachtwijzer.ombudsman.models import CaseDocument

    case = handling.open_case(complaint=org.own_complaint(), petition_on=D(2024, 5, 20), acting_user=None)
    client.force_login(org.coordinator)
    url = reverse("ombudsman:add_documents", args=[case.pk])
    fake = SimpleUploadedFile("brief.pdf", b"MZ not a pdf at all", content_type="application/pdf")
    response = client.post(url, {"files": [pdf("verzoek.pdf"), fake]})
    assert response.status_code == 400
    assert "brief.pdf is geen pdf" in response.content.decode()
    assert not CaseDocument.objects.exists()  # all or none
    response = client.post(url, {"files": [pdf("verzoek.pdf")], "direction": "received"})
    assert response.status_code == 302
    document = CaseDocument.objects.get()
    assert document.received and document.content_type == "application/pdf"
    client.force_login(org.handler)
    response = client.get(reverse("ombudsman:document", args=[document.pk]))
    assert response.status_code == 200
    assert PersonalDataAccess.objects.filter(user=org.handler, detail="verzoek.pdf").exists()
    assert client.post(url, {"files": [pdf()]}).status_code == 403


def test_the_coordinator_records_the_ombudsmans_judgement_on_one_element_of_the_complaint(client, org):
    complaint = org.own_complaint()
    first = complaint.elements.create(position=1, summary="Niet teruggebeld")
    second = complaint.elements.create(position=2, summary="Onvriendelijk aan de balie")
    other = org.other_complaint().elements.create(position=1, summary="Andere klacht")
    case = handling.open_case(complaint=complaint, petition_on=D(2024, 5, 20), acting_user=None)
    client.force_login(org.coordinator)
    url = reverse("ombudsman:change", args=[case.pk, "oordeel"])

    page = client.get(reverse("ombudsman:case", args=[case.pk])).content.decode()
    assert "2. Onvriendelijk aan de balie" in page and "Andere klacht" not in page

    refused = client.post(
        url,
        {"judgement-element": other.pk, "judgement-norm": norm().pk, "judgement-verdict": Verdict.IMPROPER},
    )
    assert refused.status_code == 400 and not case.judgements.exists()
    response = client.post(
        url,
        {"judgement-element": second.pk, "judgement-norm": norm().pk, "judgement-verdict": Verdict.IMPROPER},
    )
    assert response.status_code == 302
    assert case.judgements.get().element == second != first
    assert "Onderdeel 2, " in client.get(reverse("ombudsman:case", args=[case.pk])).content.decode()
