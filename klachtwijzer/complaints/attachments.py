"""Attachments to a complaint: checked by their content, not by their name.

A complaint takes at most ``MAX_FILES`` attachments per submission of at most ``MAX_SIZE`` bytes each:
PDF, images (JPEG, PNG, GIF, WebP, HEIC) and Office documents (Word, Excel, OpenDocument). The type is
read from the file's first bytes (magic numbers, ``filetype``); a name that claims another type than
the content is refused. Used by the public form, the status page and the back office alike.
"""

from __future__ import annotations

import zipfile
from collections.abc import Sequence

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


def _extension(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def _zip_office_type(upload: UploadedFile) -> str | None:
    """Tell a Word or Excel file (a zip) from any other zip by the parts inside it."""
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            names = archive.namelist()
            if "mimetype" in names:
                mimetype = archive.read("mimetype").decode("ascii", "replace").strip()
                return mimetype if mimetype in ALLOWED else None
    except (zipfile.BadZipFile, OSError):
        return None
    finally:
        upload.seek(0)
    for marker, extension in OOXML_MARKERS.items():
        if any(name.startswith(marker) for name in names):
            return next(mime for mime, exts in ALLOWED.items() if extension in exts)
    return None


def detect_content_type(upload: UploadedFile) -> str | None:
    """The file's type as read from its content, or None when it is not an allowed type."""
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
    return kind.mime


def validate_attachment(upload: UploadedFile) -> str:
    """Check one uploaded file; return its content type or raise a ValidationError in Dutch."""
    name = upload.name or ""
    if upload.size is None or upload.size == 0:
        raise ValidationError(_("The file %(name)s is empty.") % {"name": name})
    if upload.size > MAX_SIZE:
        raise ValidationError(
            _("The file %(name)s is larger than %(max)s.") % {"name": name, "max": filesizeformat(MAX_SIZE)}
        )
    content_type = detect_content_type(upload)
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


def validate_attachments(uploads: Sequence[UploadedFile]) -> list[str]:
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
    uploads: Sequence[UploadedFile],
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
