"""The access matrix: every role by every back-office page and action by its own and someone else's
complaint, guessed URLs included. A complaint one may not see answers 404 and leaks nothing; a step one
may not take answers 403; roles without complaints (administrator, board member, records manager) get 403
on the lists. The retention pages are for the coordinator and the records manager only."""

import pytest
import time_machine
from django.contrib import admin
from django.urls import reverse

from klachtwijzer.complaints.models import Complaint, PersonalDataAccess
from klachtwijzer.complaints.tests.backoffice import FAST_HASHERS, TODAY, Organisation, step_url

pytestmark = pytest.mark.django_db

ROLES = [
    "coordinator",
    "handler",
    "other_handler",
    "manager",
    "partner_user",
    "administrator",
    "board",
    "records_manager",
    "privacy_officer",
]
# Who sees the 'own' complaint (own department, own partner, handled by ``handler``) and the 'other' one.
SEES = {
    "coordinator": {"own", "other"},
    "handler": {"own"},
    "other_handler": {"other"},
    "manager": {"own"},
    "partner_user": {"own"},
    "administrator": set(),
    "board": set(),
    "records_manager": set(),
    "privacy_officer": set(),
}
# Who may record a contact (a handling step), take the coordinator's triage, assign.
MAY_CONTACT = {"coordinator", "handler", "other_handler", "partner_user"}
MAY_ASSIGN = {"coordinator", "manager"}
SEES_LISTS = {"coordinator", "handler", "other_handler", "manager", "partner_user"}
REGISTERS = {"coordinator", "handler", "other_handler", "partner_user"}
SECRETS = {"own": ("Anna Eigenaar", "Eigen tekst"), "other": ("Bernard Anderman", "Geheime andere tekst")}


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def org(municipality, settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS
    org = Organisation()
    org.complaints = {"own": org.own_complaint(), "other": org.other_complaint()}
    return org


def _assert_no_secrets(response, which):
    body = b"".join(response.streaming_content) if response.streaming else response.content
    for secret in SECRETS[which]:
        assert secret.encode() not in body


def _expected(role, which, allowed=None):
    if which not in SEES[role]:
        return 404
    if allowed is not None and role not in allowed:
        return 403
    return 200


@pytest.mark.parametrize("which", ["own", "other"])
@pytest.mark.parametrize("role", ROLES)
class TestComplaintPages:
    def test_complaint_page(self, client, org, role, which):
        complaint = org.complaints[which]
        client.force_login(org.user(role))
        response = client.get(complaint.get_absolute_url())
        assert response.status_code == _expected(role, which)
        if response.status_code == 404:
            _assert_no_secrets(response, which)
            assert not PersonalDataAccess.objects.filter(user=org.user(role)).exists()
        else:
            assert SECRETS[which][0] in response.content.decode()

    def test_attachment_download(self, client, org, role, which):
        complaint = org.complaints[which]
        attachment = complaint.attachments.get()
        client.force_login(org.user(role))
        response = client.get(reverse("complaints:attachment", args=[complaint.reference, attachment.pk]))
        assert response.status_code == _expected(role, which)
        if response.status_code == 200:
            assert response["Content-Disposition"].startswith("attachment;")
        logged = PersonalDataAccess.objects.filter(user=org.user(role), action="download").exists()
        assert logged == (response.status_code == 200)

    def test_attachment_of_another_complaint_under_this_reference(self, client, org, role, which):
        """Swapping the attachment id in a URL of a visible complaint reveals nothing."""
        complaint = org.complaints[which]
        foreign = org.complaints["other" if which == "own" else "own"].attachments.get()
        client.force_login(org.user(role))
        response = client.get(reverse("complaints:attachment", args=[complaint.reference, foreign.pk]))
        assert response.status_code == 404

    def test_step_page_and_post(self, client, org, role, which):
        complaint = org.complaints[which]
        client.force_login(org.user(role))
        expected = _expected(role, which, MAY_CONTACT)
        assert client.get(step_url(complaint, "contact")).status_code == expected
        response = client.post(
            step_url(complaint, "contact"), {"contact-contacted_on": "2024-06-03", "contact-note": "Gebeld"}
        )
        assert response.status_code == (302 if expected == 200 else expected)
        assert complaint.history.filter(type="contact").exists() == (expected == 200)
        if response.status_code == 404:
            _assert_no_secrets(response, which)

    def test_assign(self, client, org, role, which):
        complaint = org.complaints[which]
        client.force_login(org.user(role))
        response = client.post(step_url(complaint, "toewijzen"), {"toewijzen-handler": org.manager.pk})
        expected = _expected(role, which, MAY_ASSIGN)
        assert response.status_code == (302 if expected == 200 else expected)
        complaint.refresh_from_db()
        assert (complaint.handler == org.manager) == (expected == 200)

    def test_judge_element_and_reopen_need_rights(self, client, org, role, which):
        complaint = org.complaints[which]
        element = complaint.elements.create(position=1, summary="Onderdeel")
        client.force_login(org.user(role))
        url = reverse("complaints:judge_element", args=[complaint.reference, element.pk])
        assert client.get(url).status_code == _expected(
            role, which, {"coordinator", "handler", "other_handler"}
        )
        reopen = client.post(step_url(complaint, "heropenen"), {"heropenen-reason": "x"})
        assert reopen.status_code == _expected(role, which, {"coordinator"})

    def test_list_search_shows_only_what_one_may_see(self, client, org, role, which):
        complaint = org.complaints[which]
        client.force_login(org.user(role))
        for query in (complaint.reference, SECRETS[which][1]):
            response = client.get(reverse("complaints:list"), {"q": query})
            if role not in SEES_LISTS:
                assert response.status_code == 403
                continue
            assert response.status_code == 200
            link = f'href="{complaint.get_absolute_url()}"'
            assert (link in response.content.decode()) == (which in SEES[role])
            # Lists never show personal data (the search box repeats only what was typed).
            assert SECRETS[which][0] not in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_guessed_references_answer_404(client, org, role):
    client.force_login(org.user(role))
    for reference in ("TST-2024-9999", "TST-2024-0001%00", "..", "' OR 1=1 --", "tst-2024-0001"):
        assert client.get(reverse("complaints:detail", args=[reference])).status_code == 404
        assert client.get(step_url_for(reference, "contact")).status_code == 404
    own = org.complaints["own"]
    assert client.get(reverse("complaints:attachment", args=[own.reference, 999999])).status_code in (404,)
    assert client.get(reverse("complaints:step", args=[own.reference, "no-such-step"])).status_code == 404


def step_url_for(reference, slug):
    return reverse("complaints:step", kwargs={"reference": reference, "slug": slug})


@pytest.mark.parametrize("role", ROLES)
def test_lists_queues_home_and_intake(client, org, role):
    client.force_login(org.user(role))
    home = client.get(reverse("complaints:home"))
    assert home.status_code == 200
    for which in ("own", "other"):
        if which not in SEES[role]:
            assert org.complaints[which].reference not in home.content.decode()
            _assert_no_secrets(home, which)
    for queue in ("triage", "mine", "department", "week", "overdue"):
        response = client.get(reverse("complaints:list"), {"queue": queue})
        assert response.status_code == (200 if role in SEES_LISTS else 403)
    assert client.get(reverse("complaints:register")).status_code == (200 if role in REGISTERS else 403)


def test_anonymous_visitors_are_sent_to_the_login_page(client, org):
    own = org.complaints["own"]
    urls = [
        reverse("complaints:home"),
        reverse("complaints:list"),
        reverse("complaints:register"),
        own.get_absolute_url(),
        step_url(own, "contact"),
        reverse("complaints:attachment", args=[own.reference, own.attachments.get().pk]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))


def test_inactive_users_see_nothing(client, org):
    org.handler.is_active = False
    org.handler.save()
    client.force_login(org.handler)
    response = client.get(org.complaints["own"].get_absolute_url())
    assert response.status_code in (302, 404)


def test_the_admin_holds_no_complaints(client, org):
    assert Complaint not in admin.site._registry
    client.force_login(org.administrator)
    assert client.get("/beheer/").status_code == 200
    assert client.get("/beheer/complaints/complaint/").status_code == 404


def test_manager_assigns_within_own_department_only(client, org):
    complaint = org.complaints["own"]
    client.force_login(org.manager)
    response = client.post(step_url(complaint, "toewijzen"), {"toewijzen-handler": org.other_handler.pk})
    assert response.status_code == 200  # not a valid choice: shown next to the field
    complaint.refresh_from_db()
    assert complaint.handler == org.handler


def test_a_manager_handles_what_is_assigned_to_them_even_elsewhere(client, org):
    other = org.complaints["other"]
    client.force_login(org.coordinator)
    client.post(step_url(other, "toewijzen"), {"toewijzen-handler": org.manager.pk})
    client.force_login(org.manager)
    assert client.get(other.get_absolute_url()).status_code == 200
    response = client.post(
        step_url(other, "contact"), {"contact-contacted_on": "2024-06-03", "contact-note": "x"}
    )
    assert response.status_code == 302
    assert client.post(step_url(other, "heropenen"), {"heropenen-reason": "x"}).status_code == 403


RETENTION = {"coordinator", "records_manager"}


@pytest.mark.parametrize("role", ROLES)
def test_retention_pages_are_for_the_coordinator_and_the_records_manager(client, org, role):
    from klachtwijzer.complaints.models import DestructionList, LegalHold

    hold = LegalHold.objects.create(
        complaint=org.complaints["own"], reason="Rechtszaak", placed_by=org.coordinator
    )
    proposed = DestructionList.objects.create(
        as_of=TODAY.date(), references=[org.complaints["own"].reference]
    )
    client.force_login(org.user(role))
    allowed = role in RETENTION
    for url in (reverse("complaints:retention"), reverse("complaints:retention_list", args=[proposed.pk])):
        response = client.get(url)
        assert response.status_code == (200 if allowed else 403)
        _assert_no_secrets(response, "own")  # references and dates only, never personal data
    posts = [
        (reverse("complaints:retention_lift", args=[hold.pk]), {"reason": "Klaar"}),
        (reverse("complaints:retention_approve", args=[proposed.pk]), {}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == (302 if allowed else 403)
    hold.refresh_from_db()
    proposed.refresh_from_db()
    assert (hold.lifted_at is not None) is allowed
    assert (proposed.state == DestructionList.State.APPROVED) is allowed
