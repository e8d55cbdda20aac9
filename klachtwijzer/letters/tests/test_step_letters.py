"""The binding mechanism: a step that stands for a letter is recorded only by that letter."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from klachtwijzer.complaints.models import HistoryEvent
from klachtwijzer.complaints.tests.factories import complaint_in_handling
from klachtwijzer.letters import composing, step_letters
from klachtwijzer.letters.context import LetterError
from klachtwijzer.letters.models import Letter, LetterChannel, LetterKind, RecipientRole

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def upload(complaint, user, *, name="brief.pdf", content=PDF, sent_on=None):
    return composing.upload_external_letter(
        complaint,
        kind=LetterKind.COPY,
        recipient_role=RecipientRole.PERSON_COMPLAINED_ABOUT,
        sent_on=sent_on or complaint.received_on,
        file=SimpleUploadedFile(name, content),
        acting_user=user,
    )


@pytest.mark.django_db
def test_an_uploaded_letter_records_its_step_on_its_date(municipality, coordinator, handler, department):
    complaint = complaint_in_handling(coordinator=coordinator, handler=handler, department=department)

    letter = upload(complaint, handler)

    complaint.refresh_from_db()
    assert complaint.copy_sent_on == complaint.received_on
    assert letter.channel == LetterChannel.OUTSIDE and letter.is_sent and letter.external_file
    assert step_letters.has_sent_letter(complaint, LetterKind.COPY)
    assert "buiten Klachtwijzer" in complaint.history.get(type=HistoryEvent.Type.LETTER_SENT).note


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("brief.pdf", b"", "leeg"),
        ("brief.pdf", b"just text", "geen pdf"),
        ("brief.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 32, "PDF, Word"),
    ],
)
def test_a_bad_upload_stores_nothing(municipality, coordinator, handler, department, name, content, message):
    complaint = complaint_in_handling(coordinator=coordinator, handler=handler, department=department)

    with pytest.raises(LetterError, match=message):
        upload(complaint, handler, name=name, content=content)

    complaint.refresh_from_db()
    assert complaint.copy_sent_on is None
    assert not Letter.objects.exists()


@pytest.mark.django_db
def test_an_upload_cannot_be_dated_in_the_future(municipality, coordinator, handler, department):
    complaint = complaint_in_handling(coordinator=coordinator, handler=handler, department=department)

    with pytest.raises(LetterError, match="toekomst"):
        upload(complaint, handler, sent_on=timezone.localdate() + dt.timedelta(days=3))

    assert not Letter.objects.exists()
