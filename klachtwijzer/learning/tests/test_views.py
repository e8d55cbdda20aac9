"""The learning pages as each role sees them (docs/learning.md, docs/access.md)."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from klachtwijzer.complaints import handling as complaint_handling
from klachtwijzer.complaints.models import PersonalDataAccess
from klachtwijzer.complaints.tests.backoffice import FAST_HASHERS, TODAY, Organisation
from klachtwijzer.learning.models import ActionState, LearningHistoryEvent, LearningPoint, Theme
from klachtwijzer.learning.tests.factories import action, point

pytestmark = pytest.mark.django_db

D = dt.date
SECRET = "De beller werd niet teruggebeld."  # the points' free text (factories.point)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=False):  # Monday 3 June 2024
        yield


@pytest.fixture
def org(municipality, settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS
    return Organisation()


@pytest.fixture
def learned(org):
    """Points in both departments (Terugbelafspraken in both, Bejegening in one) and actions."""
    own, other = org.own_complaint(), org.other_complaint()
    own_point = point(own, themes=["Terugbelafspraken", "Bejegening"], summary="Niet teruggebeld")
    other_point = point(other, themes=["Terugbelafspraken"], summary="Andere afdeling")
    late = action(
        owner=org.manager,
        points=[own_point],
        created_on=D(2024, 5, 6),
        due_on=D(2024, 5, 31),
        title="Achterstand wegwerken",
    )
    later = action(
        owner=org.manager,
        points=[own_point],
        created_on=D(2024, 5, 6),
        due_on=D(2024, 6, 30),
        title="Op tijd",
    )
    action(owner=org.other_handler, points=[other_point], created_on=D(2024, 5, 6), due_on=D(2024, 5, 20))
    return {"own": own, "other": other, "own_point": own_point, "late": late, "later": later}


def login(client, user):
    client.force_login(user)
    return client


def test_the_manager_sees_the_departments_actions_overdue_first_and_its_points(client, org, learned):
    page = login(client, org.manager).get(reverse("learning:department")).content.decode()

    table = page[page.index('data-table="actions"') :].split("</table>")[0]
    assert table.index("Achterstand wegwerken") < table.index("Op tijd")
    assert table.count('<tr class="utrecht-table__row" data-overdue="true">') == 1
    assert table.count('<span class="utrecht-status-badge utrecht-status-badge--danger" data-overdue') == 1
    assert "Niet teruggebeld" in page
    assert "Andere afdeling" not in page  # the other department's point


def test_the_coordinator_sees_broader_themes_with_drill_down(client, org, learned):
    page = login(client, org.coordinator).get(reverse("learning:overview")).content.decode()

    broader = page[page.index('data-list="broader"') :].split("</ul>")[0]
    terugbel = Theme.objects.get(name="Terugbelafspraken")
    assert "Terugbelafspraken" in broader and "Bejegening" not in broader
    assert f'href="/leren/leerpunten/?thema={terugbel.pk}"' in broader
    listed = client.get(f"/leren/leerpunten/?thema={terugbel.pk}").content.decode()
    assert "Niet teruggebeld" in listed and "Andere afdeling" in listed


def test_a_board_member_sees_the_theme_figures_without_points_or_free_text(client, org, learned):
    page = login(client, org.board).get(reverse("learning:overview")).content.decode()

    assert "Terugbelafspraken" in page
    assert "/leren/leerpunten/" not in page
    assert SECRET not in page and "Niet teruggebeld" not in page
    assert client.get(reverse("learning:points")).status_code == 403
    assert client.get(learned["own_point"].get_absolute_url()).status_code == 404


def test_a_partner_and_an_administrator_see_no_learning_pages(client, org, learned):
    for user in (org.partner_user, org.administrator):
        login(client, user)
        assert client.get(reverse("learning:overview")).status_code == 403
        assert client.get(reverse("learning:actions")).status_code == 403


def test_a_handler_of_another_department_cannot_open_the_point(client, org, learned):
    login(client, org.other_handler)

    assert client.get(learned["own_point"].get_absolute_url()).status_code == 404
    assert client.get(learned["late"].get_absolute_url()).status_code == 404


def test_opening_a_point_shows_its_text_and_is_logged(client, org, learned):
    page = login(client, org.handler).get(learned["own_point"].get_absolute_url()).content.decode()

    assert SECRET in page
    assert "Achterstand wegwerken" in page and 'data-overdue="true"' in page
    log = PersonalDataAccess.objects.get(user=org.handler, action=PersonalDataAccess.Action.VIEW)
    assert log.complaint == learned["own"]


def test_the_handler_records_a_point_from_the_complaint_page(client, org, learned):
    complaint = learned["own"]
    login(client, org.handler)
    page = client.get(complaint.get_absolute_url()).content.decode()
    assert (
        "Niet teruggebeld" in page and "Achterstand wegwerken" in page
    )  # its points and the actions they feed
    form_url = reverse("learning:record_point", kwargs={"reference": complaint.reference})
    assert form_url in page
    bejegening = Theme.objects.get(name="Bejegening")

    response = client.post(
        form_url,
        {
            "what_went_wrong": "Brief kwam te laat",
            "department": org.department.pk,
            "themes": [bejegening.pk],
            "summary": "Brief te laat",
        },
    )

    assert response.status_code == 302
    new = LearningPoint.objects.get(summary="Brief te laat")
    assert (new.complaint, new.recorded_by, list(new.themes.all())) == (complaint, org.handler, [bejegening])
    assert LearningHistoryEvent.objects.filter(point=new, type="point_recorded", actor=org.handler).exists()
    assert "Brief te laat" in client.get(complaint.get_absolute_url()).content.decode()


def test_a_point_without_theme_or_text_is_refused_in_dutch(client, org, learned):
    complaint = learned["own"]
    login(client, org.handler)
    before = LearningPoint.objects.count()

    response = client.post(
        reverse("learning:record_point", kwargs={"reference": complaint.reference}),
        {"what_went_wrong": " ", "department": org.department.pk},
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Dit veld is verplicht." in page or "Kies" in page
    assert LearningPoint.objects.count() == before


def test_a_founded_complaint_asks_for_a_learning_point(client, org):
    complaint = org.own_complaint()
    complaint_handling.waive_hearing(complaint, reason="waived", acting_user=org.coordinator)
    element = complaint_handling.add_element(complaint, summary="Bejegening", acting_user=org.coordinator)
    complaint_handling.judge_element(
        element, judgement="gegrond", reasoning="Klopt", acting_user=org.coordinator
    )
    login(client, org.handler)

    page = client.get(complaint.get_absolute_url()).content.decode()
    assert 'data-prompt="learning-point"' in page

    point(complaint, themes=["Bejegening"])
    assert 'data-prompt="learning-point"' not in client.get(complaint.get_absolute_url()).content.decode()


def test_the_owner_records_progress_finishes_and_checks_the_effect(client, org, learned):
    item = learned["late"]
    login(client, org.manager)
    url = lambda slug: reverse("learning:action_step", kwargs={"pk": item.pk, "slug": slug})  # noqa: E731

    client.post(
        url("voortgang"), {"voortgang-written_on": "2024-06-01", "voortgang-text": "Werkinstructie klaar"}
    )
    refused = client.post(url("effect"), {"effect-checked_on": "2024-06-03", "effect-recurred": "no"})
    assert refused.status_code == 403  # no effect check before the action is done
    client.post(url("uitgevoerd"), {"uitgevoerd-on": "2024-06-02"})
    bad = client.post(
        url("effect"),
        {"effect-checked_on": "2024-06-01", "effect-recurred": "no", "effect-finding": "Rustig"},
    )
    assert "vóór de dag waarop de maatregel is uitgevoerd" in bad.content.decode()
    client.post(
        url("effect"),
        {"effect-checked_on": "2024-06-03", "effect-recurred": "no", "effect-finding": "Rustig"},
    )

    item.refresh_from_db()
    assert (item.state, item.done_on) == (ActionState.DONE, D(2024, 6, 2))
    page = client.get(item.get_absolute_url()).content.decode()
    assert "Werkinstructie klaar" in page and "Rustig" in page
    assert 'data-overdue="true"' not in page


def test_themes_are_unique_whatever_their_case_and_merging_moves_points(client, org, learned):
    login(client, org.coordinator)

    response = client.post(reverse("learning:themes"), {"thema-name": "terugbelafspraken"})
    assert "Er is al een thema met de naam terugbelafspraken." in response.content.decode()

    bejegening, terugbel = Theme.objects.get(name="Bejegening"), Theme.objects.get(name="Terugbelafspraken")
    client.post(
        reverse("learning:theme", kwargs={"pk": bejegening.pk}),
        {"wat": "samenvoegen", "samenvoegen-into": terugbel.pk},
    )

    bejegening.refresh_from_db()
    assert bejegening.merged_into == terugbel
    assert list(learned["own_point"].themes.all()) == [terugbel]
    assert LearningHistoryEvent.objects.filter(point=learned["own_point"], type="point_moved").exists()
    assert client.get(reverse("learning:themes")).status_code == 200
    assert login(client, org.handler).get(reverse("learning:themes")).status_code == 403


def test_the_menu_offers_learning_by_role(client, org):
    coordinator = login(client, org.coordinator).get("/").content.decode()
    assert reverse("learning:overview") in coordinator
    assert reverse("learning:themes") in client.get(reverse("learning:overview")).content.decode()
    manager = login(client, org.manager).get("/").content.decode()
    assert reverse("learning:department") in manager and reverse("learning:themes") not in manager
    partner = login(client, org.partner_user).get("/").content.decode()
    assert reverse("learning:overview") not in partner


def test_the_actions_list_filters_by_the_complaints_behind_them_and_names_a_bad_filter(client, org, learned):
    other_department = learned["other"].department_id
    listed = login(client, org.coordinator).get(
        reverse("learning:actions"), {"klacht_afdeling": other_department, "stand": "open"}
    )
    page = listed.content.decode()
    assert "1 verbetermaatregel" in page and "Achterstand wegwerken" not in page and "Op tijd" not in page
    assert "Alle maatregelen tonen" in page

    refused = client.get(reverse("learning:actions"), {"stand": "klaar-ish", "ontvangen_van": "2024-02-30"})
    assert refused.status_code == 200
    page = refused.content.decode()
    assert "Stand:" in page and "Klacht ontvangen vanaf:" in page
    assert "3 verbetermaatregelen" in page  # the bad filters are left out


@pytest.mark.parametrize("value", ["-99999999999999999999", "99999999999999999999", "abc"])
def test_a_department_id_out_of_range_in_the_filter_is_refused_not_a_server_error(client, org, value):
    client.force_login(org.coordinator)

    response = client.get("/leren/leerpunten/", {"klacht_afdeling": value})

    assert response.status_code == 200
    assert "geen geldige waarde" in response.content.decode() or "geldige keuze" in response.content.decode()
