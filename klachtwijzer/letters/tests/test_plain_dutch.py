"""The standard letters in plain Dutch (B1), and what a handler typed for staff stays out of them unasked."""

import datetime as dt
import importlib
import re

import pytest
import time_machine
from django.apps import apps as django_apps
from django.urls import reverse

from klachtwijzer.complaints import handling
from klachtwijzer.complaints.tests.factories import complaint_in_handling
from klachtwijzer.letters import composing, rendering
from klachtwijzer.letters.context import RECIPIENT_ROLES, sample_context
from klachtwijzer.letters.models import LetterChannel, LetterKind, LetterTemplate, RecipientRole
from klachtwijzer.letters.standard_texts import DEFAULTS_DIR, standard_text

# Words residents often do not know; a letter explains them or says it plainly instead.
OFFICIAL_WORDS = re.compile(r"verdag|gedraging|zich\s+(te\s+)?wenden|wendt\s+u\s+zich|wend\s+u\s+zich", re.I)


@pytest.mark.parametrize("path", sorted(DEFAULTS_DIR.glob("*.txt")), ids=lambda path: path.stem)
def test_no_default_letter_uses_official_words(path):
    text = path.read_text(encoding="utf-8")

    assert not OFFICIAL_WORDS.search(text), OFFICIAL_WORDS.search(text)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "kind", [kind for kind in LetterKind if RECIPIENT_ROLES[kind] == (RecipientRole.COMPLAINANT,)]
)
def test_a_letter_only_for_the_complainant_speaks_of_uw_klacht(kind, municipality):
    subject, body = standard_text(kind)
    text = rendering.render_text(f"{subject}\n\n{body}", sample_context(municipality))

    assert not re.search(r"\b(de|deze) klacht\b", text, re.I), kind


@pytest.mark.django_db
def test_the_extension_letter_tells_each_party_whose_complaint_it_is(municipality):
    _subject, body = standard_text(LetterKind.EXTENSION)
    values = sample_context(municipality)

    to_complainant = rendering.render_text(body, values)
    to_colleague = rendering.render_text(body, {**values, "to_complainant": False})

    assert "uw klacht" in to_complainant and "de klacht" not in to_complainant
    assert "de klacht" in to_colleague and "uw klacht" not in to_colleague


@pytest.fixture
def extended(municipality, coordinator, handler, department):
    complaint = complaint_in_handling(coordinator=coordinator, handler=handler, department=department)
    with time_machine.travel(dt.datetime(2024, 4, 1, 12, tzinfo=dt.UTC)):
        handling.extend_term(
            complaint,
            notice_sent_on=dt.date(2024, 4, 1),
            reason="Collega Bakker is ziek.",
            acting_user=handler,
        )
    return complaint


@pytest.mark.django_db
def test_the_staff_reason_for_the_extension_is_only_in_the_letter_when_the_handler_chooses_it(
    extended, handler
):
    recipient = composing.recipients_for(extended, LetterKind.EXTENSION)[0]
    arguments = {"kind": LetterKind.EXTENSION, "recipient": recipient, "channel": LetterChannel.POST}

    unasked = composing.draft_letter(extended, acting_user=handler, **arguments)
    chosen = composing.draft_letter(extended, acting_user=handler, with_reason=True, **arguments)

    assert "Collega Bakker" not in unasked.body
    assert "Collega Bakker is ziek." in chosen.body


@pytest.mark.django_db
def test_the_compose_page_asks_for_the_reason_and_the_extra_text_in_words(client, extended, handler):
    client.force_login(handler)
    url = reverse("letters:compose", kwargs={"reference": extended.reference})

    page = client.get(url, {"kind": LetterKind.EXTENSION}).content.decode()
    preview = client.post(
        url, {"kind": LetterKind.EXTENSION, "recipient": "complainant", "action": "preview"}
    ).content.decode()
    ticked = client.post(
        url,
        {"kind": LetterKind.EXTENSION, "recipient": "complainant", "action": "preview", "with_reason": "on"},
    ).content.decode()

    assert "{{" not in page and "{%" not in page and "{{" not in preview
    assert "Zet de reden voor het uitstel in de brief" in page
    assert "Collega Bakker is ziek." in page  # the handler sees what would go in
    assert preview.count("Collega Bakker is ziek.") == 1  # only in the help text, not in the letter
    assert ticked.count("Collega Bakker is ziek.") == 2  # and now in the letter too
    # the preview shows the letter as signed: once, on behalf of the college, with the contact person
    assert preview.count("Met vriendelijke groet,") == 1
    assert "namens het college van burgemeester en wethouders" in preview
    assert "Neem bij vragen over deze brief contact op met:" in preview


@pytest.mark.django_db
def test_the_migration_renews_only_templates_still_at_the_earlier_standard_text(municipality, monkeypatch):
    migration = importlib.import_module("klachtwijzer.letters.migrations.0005_letterdoc_plain_dutch_defaults")
    unchanged = LetterTemplate.objects.get(kind=LetterKind.ACKNOWLEDGEMENT)
    unchanged.subject, unchanged.body = "Oude onderwerpregel", "Oude tekst die wij gaan verdagen.\n"
    unchanged.save()
    edited = LetterTemplate.objects.get(kind=LetterKind.OUTCOME)
    edited.body = "Onze eigen tekst.\n"
    edited.save()
    monkeypatch.setitem(
        migration.EARLIER_DEFAULTS,
        LetterKind.ACKNOWLEDGEMENT,
        migration.fingerprint(unchanged.subject, unchanged.body),
    )

    migration.update(django_apps, None)

    unchanged.refresh_from_db()
    edited.refresh_from_db()
    assert (unchanged.subject, unchanged.body) == standard_text(LetterKind.ACKNOWLEDGEMENT)
    assert edited.body == "Onze eigen tekst.\n"
