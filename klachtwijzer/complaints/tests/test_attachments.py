import io
import struct
import tracemalloc
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import given, settings
from hypothesis import strategies as st

from klachtwijzer.complaints.attachments import (
    ALLOWED,
    MAX_SIZE,
    ZIP_MAX_MEMBERS,
    ZIP_MAX_RATIO,
    ZIP_MAX_UNCOMPRESSED,
    ZIP_RATIO_FROM,
    add_attachments,
    validate_attachment,
)
from klachtwijzer.complaints.tests import zips
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


# Zip bombs and hostile archives: Office files are zips, and a zip may claim anything.

UNSAFE = "veel groter worden dan het bestand zelf"
ODT_TYPE = "application/vnd.oasis.opendocument.text"


def refusal_and_peak(name: str, content: bytes) -> tuple[str, int]:
    """Check one file; its refusal and the most memory Python held while checking it."""
    upload = SimpleUploadedFile(name, content)
    tracemalloc.start()
    try:
        with pytest.raises(ValidationError) as refused:
            validate_attachment(upload)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return refused.value.messages[0], peak


def test_an_odt_that_inflates_to_a_gigabyte_is_refused_reading_only_kilobytes():
    message, peak = refusal_and_peak("brief.odt", zips.odt_bomb(zips.GIB))

    assert UNSAFE in message and "brief.odt" in message
    assert peak < 256 * 1024


def test_a_bomb_below_the_ratio_check_is_still_read_no_further_than_its_mimetype():
    """A member that unpacks to just under the ratio's threshold: only a few hundred bytes are read."""
    message, peak = refusal_and_peak("brief.odt", zips.odt_bomb(ZIP_RATIO_FROM - 1024))

    assert "geen pdf" in message
    assert peak < 256 * 1024


def test_an_honest_odt_is_recognised():
    assert validate_attachment(SimpleUploadedFile("brief.odt", zips.odt())) == ODT_TYPE


def test_an_archive_with_more_members_than_an_office_file_has_is_refused():
    members = [zips.stored("mimetype", zips.ODT.encode())]
    members += [zips.stored(f"part{i}.xml", b"") for i in range(ZIP_MAX_MEMBERS)]
    archive = zips.build_zip(members)

    with pytest.raises(ValidationError, match=UNSAFE):
        validate_attachment(SimpleUploadedFile("brief.odt", archive))


def test_an_archive_whose_end_record_understates_its_members_is_still_refused():
    members = [zips.stored("mimetype", zips.ODT.encode())]
    members += [zips.stored(f"part{i}.xml", b"") for i in range(ZIP_MAX_MEMBERS)]
    archive = bytearray(zips.build_zip(members))
    archive[-14:-10] = struct.pack("<HH", 1, 1)  # "one member" in the end record

    with pytest.raises(ValidationError, match=UNSAFE):
        validate_attachment(SimpleUploadedFile("brief.odt", bytes(archive)))


def test_an_archive_declaring_more_than_the_total_is_refused():
    members = [zips.stored("mimetype", zips.ODT.encode())]
    members += [zips.Member(f"part{i}.xml", b"x" * 1024, 0, ZIP_RATIO_FROM) for i in range(300)]

    with pytest.raises(ValidationError, match=UNSAFE):
        validate_attachment(SimpleUploadedFile("brief.odt", zips.build_zip(members)))


member = st.builds(
    zips.Member,
    name=st.sampled_from(["mimetype", "content.xml", "word/document.xml", "xl/sheet.xml", "a" * 300]),
    data=st.binary(max_size=64),
    crc=st.integers(0, 2**32 - 1),
    size=st.one_of(st.integers(0, 4096), st.integers(0, 2**32 - 1)),
    method=st.sampled_from([0, 8, 12, 14, 99]),
)


@given(members=st.lists(member, max_size=6))
@settings(max_examples=200, deadline=None)
def test_hostile_archives_get_an_answer_never_a_crash(members):
    archive = zips.build_zip(members)
    declared = sum(m.size for m in members)
    too_packed = any(
        m.size > ZIP_RATIO_FROM and m.size > ZIP_MAX_RATIO * max(len(m.data), 1) for m in members
    )

    try:
        content_type = validate_attachment(SimpleUploadedFile("brief.odt", archive))
    except ValidationError as error:
        if declared > ZIP_MAX_UNCOMPRESSED or too_packed:
            assert UNSAFE in error.messages[0]
    else:
        assert not too_packed and declared <= ZIP_MAX_UNCOMPRESSED
        assert content_type == ODT_TYPE


@given(data=st.data())
@settings(max_examples=300, deadline=None)
def test_damaged_office_files_get_an_answer_never_a_crash(data):
    archive = bytearray(
        data.draw(st.sampled_from([zips.odt(), docx_bytes(), zips.odt_bomb(4 * ZIP_RATIO_FROM)]))
    )
    for _ in range(data.draw(st.integers(1, 8))):
        at = data.draw(st.integers(0, len(archive) - 1))
        archive[at] = data.draw(st.integers(0, 255))
    cut = data.draw(st.integers(4, len(archive)))

    try:
        content_type = validate_attachment(SimpleUploadedFile("brief.odt", bytes(archive[:cut])))
    except ValidationError as error:
        assert "brief.odt" in error.messages[0]  # a message naming the file
    else:
        assert content_type in ALLOWED


def test_an_archive_with_data_before_it_is_no_office_file():
    """zipfile would find the directory anyway, past the check: such a file is refused instead."""
    with pytest.raises(ValidationError, match="geen pdf"):
        validate_attachment(SimpleUploadedFile("brief.odt", b"PK\x03\x04" + b"\x00" * 100 + zips.odt()))
