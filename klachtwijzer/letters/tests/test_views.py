"""The letter pages as staff use them: who may see, make and download what, and what is logged."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from klachtwijzer.accounts.models import Role
from klachtwijzer.accounts.tests.factories import DepartmentFactory, PartnerFactory, UserFactory
from klachtwijzer.complaints.models import HistoryEvent, PersonalDataAccess
from klachtwijzer.complaints.tests.factories import complaint_in_handling, received_complaint
from klachtwijzer.letters import composing
from klachtwijzer.letters.models import Letter, LetterChannel, LetterKind, LetterTemplate
from klachtwijzer.letters.tests.builders import judged_complaint


def letters_url(complaint) -> str:
    return reverse("letters:complaint_letters", kwargs={"reference": complaint.reference})


def compose_url(complaint) -> str:
    return reverse("letters:compose", kwargs={"reference": complaint.reference})


@pytest.fixture
def closed(municipality, coordinator, handler, department):
    return judged_complaint(coordinator=coordinator, handler=handler, department=department)


@pytest.fixture
def posted_letter(closed, handler):
    recipient = composing.recipients_for(closed, LetterKind.OUTCOME)[0]
    return composing.compose_letter(
        closed, kind=LetterKind.OUTCOME, recipient=recipient, channel=LetterChannel.POST, acting_user=handler
    )


@pytest.mark.django_db
def test_the_handler_makes_the_outcome_letter_for_post_previewing_it_first(client, closed, handler):
    client.force_login(handler)

    chooser = client.get(letters_url(closed))
    form = client.get(compose_url(closed), {"kind": LetterKind.OUTCOME})
    preview = client.post(compose_url(closed), {"kind": LetterKind.OUTCOME, "recipient": "complainant"})
    made_by_preview = Letter.objects.count()
    made = client.post(
        compose_url(closed), {"kind": LetterKind.OUTCOME, "recipient": "complainant", "action": "post"}
    )

    assert "Brief maken" in chooser.content.decode()
    assert 'value="complainant"' in form.content.decode()
    assert "de Nationale ombudsman" in preview.content.decode()
    assert made_by_preview == 0
    letter = Letter.objects.get()
    assert made.status_code == 302 and made["Location"] == letter.get_absolute_url()
    assert (letter.channel, letter.sent_at) == (LetterChannel.POST, None)

    client.post(reverse("letters:mark_posted", kwargs={"reference": closed.reference, "pk": letter.pk}))

    letter.refresh_from_db()
    assert letter.sent_at is not None and letter.sent_by == handler
    assert closed.history.filter(type=HistoryEvent.Type.LETTER_SENT, actor=handler).exists()


@pytest.mark.django_db
def test_the_acknowledgement_is_sent_by_e_mail_from_the_compose_page(
    client, municipality, coordinator, settings, django_capture_on_commit_callbacks
):
    from django.core import mail

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    complaint = received_complaint()
    client.force_login(coordinator)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            compose_url(complaint),
            {"kind": LetterKind.ACKNOWLEDGEMENT, "recipient": "complainant", "action": "email"},
        )

    assert response.status_code == 302
    assert len(mail.outbox) == 1 and mail.outbox[0].attachments[0][2] == "application/pdf"
    complaint.refresh_from_db()
    assert complaint.acknowledged_on is not None


@pytest.mark.django_db
def test_a_letter_that_cannot_be_made_yet_says_why(client, municipality, coordinator, handler, department):
    complaint = complaint_in_handling(coordinator=coordinator, handler=handler, department=department)
    client.force_login(handler)

    response = client.get(compose_url(complaint), {"kind": LetterKind.OUTCOME})

    assert response.status_code == 200
    assert "Deze brief kan nog niet worden gemaakt." in response.content.decode()
    assert "Handel de klacht eerst af met een oordeel" in response.content.decode()


@pytest.mark.parametrize(
    "params", [{"kind": "onzin"}, {}, {"kind": LetterKind.OUTCOME, "recipient": "staff-999"}]
)
@pytest.mark.django_db
def test_garbage_on_the_compose_page_is_no_error(client, closed, handler, params):
    client.force_login(handler)

    response = client.post(compose_url(closed), {**params, "action": "post", "extra": "\x00"})

    assert response.status_code in (200, 302)
    assert not Letter.objects.exists()


@pytest.mark.django_db
def test_downloads_are_logged(client, closed, handler, posted_letter):
    client.force_login(handler)

    for fmt, magic in (("pdf", b"%PDF"), ("docx", b"PK")):
        url = reverse(
            "letters:download", kwargs={"reference": closed.reference, "pk": posted_letter.pk, "fmt": fmt}
        )
        response = client.get(url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content).startswith(magic)
        name = f"{closed.reference}-afhandelingsbrief-{posted_letter.pk}.{fmt}"
        assert f'filename="{name}"' in response["Content-Disposition"]

    details = set(
        PersonalDataAccess.objects.filter(action="download", user=handler).values_list("detail", flat=True)
    )
    assert details == {f"letter {posted_letter.pk} pdf", f"letter {posted_letter.pk} docx"}


@pytest.mark.django_db
def test_the_letters_page_uses_a_fixed_number_of_queries(
    client, closed, handler, posted_letter, django_assert_num_queries
):
    client.force_login(handler)
    client.get(letters_url(closed))
    # 10: the two-factor device and the unread count are two, the access-log entry three
    # (lock the chain head, insert, move the head)
    with django_assert_num_queries(10) as first:
        client.get(letters_url(closed))
    for _ in range(3):
        recipient = composing.recipients_for(closed, LetterKind.OUTCOME)[0]
        composing.compose_letter(
            closed,
            kind=LetterKind.OUTCOME,
            recipient=recipient,
            channel=LetterChannel.POST,
            acting_user=handler,
        )

    with django_assert_num_queries(len(first.captured_queries)):
        client.get(letters_url(closed))


@pytest.mark.django_db
def test_people_who_may_not_see_the_complaint_get_not_found(client, closed, posted_letter):
    outsider = UserFactory(role=Role.HANDLER, department=DepartmentFactory(name="Belastingen"))
    board = UserFactory(role=Role.BOARD)
    urls = [
        letters_url(closed),
        compose_url(closed) + "?kind=outcome",
        posted_letter.get_absolute_url(),
        reverse(
            "letters:download", kwargs={"reference": closed.reference, "pk": posted_letter.pk, "fmt": "pdf"}
        ),
    ]
    for user in (outsider, board):
        client.force_login(user)
        assert [client.get(url).status_code for url in urls] == [404] * len(urls)
    assert not PersonalDataAccess.objects.filter(user__in=[outsider, board]).exists()
    client.logout()
    assert client.get(urls[0]).status_code == 302  # to the login page


@pytest.mark.django_db
def test_a_partner_reads_but_does_not_make_letters(client, municipality, coordinator, handler, department):
    partner = PartnerFactory(name="Afvalbedrijf")
    partner_user = UserFactory(role=Role.PARTNER, partner=partner)
    complaint = complaint_in_handling(
        coordinator=coordinator, handler=handler, department=department, partner=partner
    )
    client.force_login(partner_user)

    page = client.get(letters_url(complaint))
    compose = client.get(compose_url(complaint), {"kind": LetterKind.ACKNOWLEDGEMENT})

    assert page.status_code == 200 and "Brief maken" not in page.content.decode()
    assert compose.status_code == 302
    assert not Letter.objects.exists()


@pytest.mark.django_db
def test_a_manager_may_not_mark_a_letter_posted(client, closed, posted_letter, department):
    manager = UserFactory(role=Role.MANAGER, department=department)
    client.force_login(manager)

    response = client.post(
        reverse("letters:mark_posted", kwargs={"reference": closed.reference, "pk": posted_letter.pk})
    )

    assert response.status_code == 403
    posted_letter.refresh_from_db()
    assert posted_letter.sent_at is None


@pytest.mark.django_db
def test_only_the_coordinator_edits_templates(client, municipality, coordinator, handler):
    client.force_login(handler)
    assert client.get(reverse("letters:templates")).status_code == 403
    assert client.get(reverse("letters:edit_template", kwargs={"kind": "outcome"})).status_code == 403

    client.force_login(coordinator)
    listing = client.get(reverse("letters:templates"))
    assert listing.status_code == 200 and "Afhandelingsbrief (Awb 9:12)" in listing.content.decode()
    assert client.get(reverse("letters:edit_template", kwargs={"kind": "onzin"})).status_code == 404


@pytest.mark.django_db
def test_the_template_editor_previews_refuses_bad_templates_and_saves(client, municipality, coordinator):
    client.force_login(coordinator)
    url = reverse("letters:edit_template", kwargs={"kind": LetterKind.ACKNOWLEDGEMENT})
    good = "Geachte {{ recipient_name }}, uw klacht {{ reference }} behandelen wij voor {{ term_ends_on }}."

    preview = client.post(url, {"subject": "Ontvangen {{ reference }}", "body": good, "action": "preview"})
    bad = client.post(
        url, {"subject": "Ontvangen", "body": "{{ reference }} {{ wachtwoord }}", "action": "save"}
    )
    saved = client.post(url, {"subject": "Ontvangen {{ reference }}", "body": good, "action": "save"})

    assert "Geachte J. de Vries, uw klacht TST-2025-0042" in preview.content.decode()
    assert bad.status_code == 200
    assert "Onbekende variabele: {{ wachtwoord }}" in bad.content.decode()
    assert "moet {{ term_ends_on }} bevatten" in bad.content.decode()
    assert saved.status_code == 302
    template = LetterTemplate.objects.get(kind=LetterKind.ACKNOWLEDGEMENT)
    assert (template.body, template.updated_by) == (good, coordinator)


def test_every_kind_has_a_standard_text_that_passes_its_own_checks():
    from klachtwijzer.letters import rendering
    from klachtwijzer.letters.standard_texts import standard_text

    for kind in LetterKind.values:
        rendering.validate_template(kind, *standard_text(kind))


@pytest.mark.django_db
def test_installation_loads_the_standard_templates():
    # Non-transactional tests run before transactional ones, which empty the tables when they finish.
    assert sorted(LetterTemplate.objects.values_list("kind", flat=True)) == sorted(LetterKind.values)


template_text = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=400),
    st.lists(
        st.sampled_from(["{{", "}}", "{%", "%}", " if ", " for ", " x ", "|", "reference", "endif", "\n"])
    ).map("".join),
    st.just("{% if x %}" * 400),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(subject=template_text, body=template_text, action=st.sampled_from(["preview", "save", "restore", "x"]))
@pytest.mark.django_db
def test_no_template_text_makes_the_editor_fail(client, municipality, coordinator, subject, body, action):
    client.force_login(coordinator)

    response = client.post(
        reverse("letters:edit_template", kwargs={"kind": LetterKind.OUTCOME}),
        {"subject": subject, "body": body, "action": action},
    )

    assert response.status_code in (200, 302)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    data=st.fixed_dictionaries(
        {},
        optional={
            "kind": st.one_of(st.sampled_from(LetterKind.values), st.text(max_size=20)),
            "recipient": st.one_of(
                st.sampled_from(["complainant", "named", "staff-1"]), st.text(max_size=20)
            ),
            "extra": st.text(st.characters(blacklist_categories=("Cs",)), max_size=200),
            "action": st.sampled_from(["preview", "x"]),
        },
    )
)
@pytest.mark.django_db
def test_no_input_makes_the_compose_page_fail(client, municipality, coordinator, data):
    complaint = received_complaint()
    client.force_login(coordinator)

    response = client.post(compose_url(complaint), data)

    assert response.status_code in (200, 302)


@pytest.mark.django_db
def test_every_kind_of_letter_has_a_dutch_file_name(closed, posted_letter):
    words = {}
    for kind in LetterKind:
        posted_letter.kind = kind
        words[kind] = posted_letter.file_stem.removeprefix(f"{closed.reference}-").rsplit("-", 1)[0]

    assert words == {
        LetterKind.ACKNOWLEDGEMENT: "ontvangstbevestiging",
        LetterKind.NOT_HANDLING: "mededeling-niet-behandelen",
        LetterKind.COPY: "afschrift-klacht",
        LetterKind.HEARING: "uitnodiging-hoorzitting",
        LetterKind.EXTENSION: "meer-tijd-nodig",
        LetterKind.OUTCOME: "afhandelingsbrief",
        LetterKind.NOT_A_COMPLAINT: "uitleg-geen-klacht",
        LetterKind.HEARING_REPORT: "verslag-hoorgesprek",
        LetterKind.INFORMAL: "bevestiging-informele-oplossing",
        LetterKind.FORWARDING: "doorgestuurd",
        LetterKind.WITHDRAWAL: "intrekking",
        LetterKind.REQUEST_TO_COMPLETE: "verzoek-om-aanvulling",
    }
