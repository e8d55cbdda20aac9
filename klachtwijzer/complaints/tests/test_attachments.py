import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from klachtwijzer.complaints.attachments import MAX_SIZE, add_attachments, validate_attachment
from klachtwijzer.complaints.tests.factories import received_complaint

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("brief.pdf", PDF, "application/pdf"),
        ("foto.png", PNG, "image/png"),
        (
            "brief.docx",
            docx_bytes(),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
    ],
)
def test_allowed_types_are_recognised_by_content(name, content, expected):
    assert validate_attachment(SimpleUploadedFile(name, content)) == expected


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("virus.pdf", b"MZ\x90\x00" + b"\x00" * 64, "geen pdf"),
        ("foto.pdf", PNG, "past niet bij de inhoud"),
        ("leeg.pdf", b"", "is leeg"),
        ("archief.zip", b"PK\x03\x04" + b"\x00" * 64, "geen pdf"),
    ],
)
def test_disguised_or_empty_files_are_refused(name, content, message):
    with pytest.raises(ValidationError, match=message):
        validate_attachment(SimpleUploadedFile(name, content))


def test_too_large_file_is_refused():
    with pytest.raises(ValidationError, match="groter dan"):
        validate_attachment(SimpleUploadedFile("groot.pdf", PDF + b"0" * MAX_SIZE))


@pytest.mark.django_db
def test_attachments_are_stored_and_noted_in_history(municipality):
    complaint = received_complaint()

    stored = add_attachments(
        complaint, uploads=[SimpleUploadedFile("brief.pdf", PDF)], from_complainant=True, acting_user=None
    )

    assert [a.filename for a in complaint.attachments.all()] == ["brief.pdf"]
    assert stored[0].file.read() == PDF
    assert complaint.history.filter(type="attachment_added", note="brief.pdf").exists()
