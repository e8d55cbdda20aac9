"""Attachments to a complaint: checked by their content, not by their name.

A complaint takes at most ``MAX_FILES`` attachments per submission of at most ``MAX_SIZE`` bytes each:
PDF, images (JPEG, PNG, GIF, WebP, HEIC) and Office documents (Word, Excel, OpenDocument). The type is
read from the file's first bytes (magic numbers, ``filetype``); a name that claims another type than
the content is refused. Used by the public form, the status page and the back office alike.

Office files are zip archives, and a zip can unpack to far more than it holds (a "zip bomb": a 1 MB
file that inflates to 1 GiB). An archive is therefore judged by its directory before anything in it is
unpacked: at most ``ZIP_MAX_MEMBERS`` members (counted entry by entry, before ``zipfile`` builds an
object for each), at most ``ZIP_MAX_UNCOMPRESSED`` bytes declared in total, and no large member that
claims to unpack to more than ``ZIP_MAX_RATIO`` times its packed size. A directory that cannot be read
this way, or that is not where the end record says (data before the archive), is no Office file. Of
the contents only the first ``MIMETYPE_MAX`` bytes of the OpenDocument ``mimetype`` member are ever
read, so checking a file costs a few kilobytes of memory whatever it claims to hold.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from collections.abc import Sequence
from typing import IO

import filetype
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from klachtwijzer.accounts.models import User

from . import history
from .models import Attachment, Complaint, HistoryEvent

MAX_FILES = 5
MAX_SIZE = 10 * 1024 * 1024

ALLOWED: dict[str, set[str]] = {
    "application/pdf": {"pdf"},
    "image/jpeg": {"jpg", "jpeg"},
    "image/png": {"png"},
    "image/gif": {"gif"},
    "image/webp": {"webp"},
    "image/heic": {"heic"},
    "application/msword": {"doc"},
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": {"docx"},
    "application/vnd.ms-excel": {"xls"},
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {"xlsx"},
    "application/vnd.oasis.opendocument.text": {"odt"},
    "application/vnd.oasis.opendocument.spreadsheet": {"ods"},
}
OLE2_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")  # the container of .doc and .xls
OOXML_MARKERS = {"word/": "docx", "xl/": "xlsx"}

ZIP_MAX_MEMBERS = 10_000
ZIP_MAX_UNCOMPRESSED = 256 * 1024 * 1024
ZIP_MAX_RATIO = 200  # Office XML packs about 10:1; a bomb packs about 1000:1
ZIP_RATIO_FROM = 1024 * 1024  # smaller members may pack as they like: they cost little to unpack
MIMETYPE_MAX = 200  # "application/vnd.oasis.opendocument.spreadsheet" is 46 bytes
# Anything a damaged or hostile archive makes zipfile raise while its directory or a member is read.
ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    OSError,
    EOFError,
    RuntimeError,
    NotImplementedError,
    ValueError,
    KeyError,
    IndexError,
    struct.error,
    zlib.error,
    UnicodeDecodeError,
)
_END_RECORD = b"PK\x05\x06"
_END_RECORD_SIZE = 22
_ZIP64_LOCATOR = b"PK\x06\x07"
_ZIP64_END_RECORD = b"PK\x06\x06"
_DIRECTORY_ENTRY = b"PK\x01\x02"
_DIRECTORY_ENTRY_SIZE = 46
_ZIP64_EXTRA = 0x0001
_UNSET_32 = 0xFFFFFFFF


class UnsafeArchiveError(Exception):
    """A zip that would cost far more to unpack than its size: refused before it is unpacked."""


def _extension(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def _directory_location(handle: IO[bytes]) -> tuple[int, int] | None:
    """Where the archive's directory starts and how many bytes it takes, from its end record; None when
    there is no end record or the directory does not end where the end record begins."""
    handle.seek(0, 2)
    size = handle.tell()
    tail_start = max(0, size - _END_RECORD_SIZE - 0xFFFF)
    handle.seek(tail_start)
    tail = handle.read()
    at = tail.rfind(_END_RECORD)
    if at < 0 or len(tail) - at < _END_RECORD_SIZE:
        return None
    directory_size, directory_offset = struct.unpack_from("<II", tail, at + 12)
    directory_end = tail_start + at
    locator = at - 20
    if _UNSET_32 in (directory_size, directory_offset) and tail[locator : locator + 4] == _ZIP64_LOCATOR:
        (directory_end,) = struct.unpack_from("<Q", tail, locator + 8)
        handle.seek(directory_end)
        record = handle.read(56)
        if len(record) < 56 or record[:4] != _ZIP64_END_RECORD:
            return None
        directory_size, directory_offset = struct.unpack_from("<QQ", record, 40)
    if directory_offset + directory_size != directory_end:
        return None  # zipfile would look for the directory elsewhere; an Office file has nothing before it
    return directory_offset, directory_size


def _zip64_sizes(extra: bytes, file_size: int, compress_size: int) -> tuple[int, int]:
    """The real sizes of a member whose directory entry points to its zip64 extra field."""
    at = 0
    while at + 4 <= len(extra):
        kind, length = struct.unpack_from("<HH", extra, at)
        if kind == _ZIP64_EXTRA:
            values = list(struct.unpack_from(f"<{length // 8}Q", extra, at + 4))
            if file_size == _UNSET_32 and values:
                file_size = values.pop(0)
            if compress_size == _UNSET_32 and values:
                compress_size = values.pop(0)
            break
        at += 4 + length
    return file_size, compress_size


def check_archive(handle: IO[bytes]) -> bool:
    """Whether the archive's directory can be read; raises ``UnsafeArchiveError`` when it promises more
    than an Office document ever holds.

    The directory is read entry by entry, nothing kept, so an archive that declares a million members is
    refused at member ``ZIP_MAX_MEMBERS + 1`` before ``zipfile`` would build an object for each.
    """
    location = _directory_location(handle)
    if location is None:
        return False
    offset, size = location
    handle.seek(offset)
    members = total = read = 0
    while read + _DIRECTORY_ENTRY_SIZE <= size:
        entry = handle.read(_DIRECTORY_ENTRY_SIZE)
        if len(entry) < _DIRECTORY_ENTRY_SIZE or entry[:4] != _DIRECTORY_ENTRY:
            return False
        compress_size, file_size, name_length, extra_length, comment_length = struct.unpack_from(
            "<IIHHH", entry, 20
        )
        handle.seek(name_length, 1)
        extra = handle.read(extra_length)
        handle.seek(comment_length, 1)
        read += _DIRECTORY_ENTRY_SIZE + name_length + extra_length + comment_length
        if _UNSET_32 in (file_size, compress_size):
            file_size, compress_size = _zip64_sizes(extra, file_size, compress_size)
        members += 1
        total += file_size
        too_packed = file_size > ZIP_RATIO_FROM and file_size > ZIP_MAX_RATIO * max(compress_size, 1)
        if members > ZIP_MAX_MEMBERS or total > ZIP_MAX_UNCOMPRESSED or too_packed:
            raise UnsafeArchiveError
    return read == size


def _office_type_of(archive: zipfile.ZipFile) -> str | None:
    names = archive.namelist()
    if "mimetype" in names:
        with archive.open("mimetype") as member:
            head = member.read(MIMETYPE_MAX + 1)
        if len(head) > MIMETYPE_MAX:
            return None
        mimetype = head.decode("ascii", "replace").strip()
        return mimetype if mimetype in ALLOWED else None
    for marker, extension in OOXML_MARKERS.items():
        if any(name.startswith(marker) for name in names):
            return next(mime for mime, exts in ALLOWED.items() if extension in exts)
    return None


def _zip_office_type(upload: UploadedFile[bytes]) -> str | None:
    """Tell a Word, Excel or OpenDocument file (a zip) from any other zip by the parts inside it.

    Raises ``UnsafeArchiveError`` for an archive that would unpack to far more than it holds.
    """
    try:
        if not check_archive(upload):
            return None
        upload.seek(0)
        with zipfile.ZipFile(upload) as archive:
            return _office_type_of(archive)
    except ZIP_ERRORS:
        return None
    finally:
        upload.seek(0)


def detect_content_type(upload: UploadedFile[bytes]) -> str | None:
    """The file's type as read from its content, or None when it is not an allowed type.

    Raises ``UnsafeArchiveError`` for a zip that would unpack to far more than it holds.
    """
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    if head.startswith(OLE2_MAGIC):
        extension = _extension(upload.name or "")
        return "application/vnd.ms-excel" if extension == "xls" else "application/msword"
    if head.startswith(b"PK\x03\x04"):
        return _zip_office_type(upload)
    kind = filetype.guess(head)
    if kind is None or kind.mime not in ALLOWED:
        return None
    return str(kind.mime)


def validate_attachment(upload: UploadedFile[bytes]) -> str:
    """Check one uploaded file; return its content type or raise a ValidationError in Dutch."""
    name = upload.name or ""
    if upload.size is None or upload.size == 0:
        raise ValidationError(_("The file %(name)s is empty.") % {"name": name})
    if upload.size > MAX_SIZE:
        raise ValidationError(
            _("The file %(name)s is larger than %(max)s.") % {"name": name, "max": filesizeformat(MAX_SIZE)}
        )
    try:
        content_type = detect_content_type(upload)
    except UnsafeArchiveError:
        raise ValidationError(
            _(
                "The file %(name)s is packed in a way we do not accept: it would unpack to far more "
                "than its size. Save it again in your program, or send it as a PDF."
            )
            % {"name": name}
        ) from None
    if content_type is None:
        raise ValidationError(
            _("The file %(name)s is not a PDF, an image or an Office document.") % {"name": name}
        )
    if _extension(name) not in ALLOWED[content_type]:
        raise ValidationError(
            _("The name of %(name)s does not match its content (%(type)s).")
            % {"name": name, "type": content_type}
        )
    return content_type


def validate_attachments(uploads: Sequence[UploadedFile[bytes]]) -> list[str]:
    """Check a submission's files together; every problem is reported, not just the first."""
    errors: list[str] = []
    if len(uploads) > MAX_FILES:
        errors.append(_("Send at most %(max)s files at once.") % {"max": MAX_FILES})
    types = []
    for upload in uploads:
        try:
            types.append(validate_attachment(upload))
        except ValidationError as error:
            errors.extend(error.messages)
    if errors:
        raise ValidationError(errors)
    return types


@transaction.atomic
def add_attachments(
    complaint: Complaint,
    *,
    uploads: Sequence[UploadedFile[bytes]],
    from_complainant: bool,
    acting_user: User | None,
    actor_label: str = "",
) -> list[Attachment]:
    """Store checked files with the complaint and note them in its history."""
    types = validate_attachments(uploads)
    stored = []
    for upload, content_type in zip(uploads, types, strict=True):
        attachment = Attachment(
            complaint=complaint,
            filename=(upload.name or "bijlage")[:255],
            content_type=content_type,
            size=upload.size or 0,
            from_complainant=from_complainant,
            uploaded_by=acting_user if acting_user and acting_user.pk else None,
        )
        attachment.file.save(upload.name or "bijlage", upload, save=False)
        attachment.save()
        stored.append(attachment)
    if stored:
        history.record(
            complaint,
            HistoryEvent.Type.ATTACHMENT_ADDED,
            actor=acting_user,
            actor_label=actor_label,
            note=", ".join(a.filename for a in stored),
        )
    return stored
