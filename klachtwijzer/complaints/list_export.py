"""The complaint list as a file: CSV or XLSX, with the list's filters, streamed in constant memory.

The rows are read in chunks (``QuerySet.iterator(chunk_size=...)``, one query for the natures per
chunk, the labels and the catalogue of natures once), so a list of 100,000 complaints never sits in
memory. CSV goes out row by row as it is written; XLSX is written by openpyxl's write-only mode to a
temporary file, which is then streamed.

Personal data (name, address, contact details, the person complained about) is a column only for the
roles ``access.can_export_personal_data`` allows; free text (the description, findings, notes) is
never exported. A cell that starts with ``=``, ``+``, ``-``, ``@`` (or a tab or carriage return) gets
a leading apostrophe, so a spreadsheet never runs it as a formula. Every export is logged in the
access log (``audit.log_export``) by the view.
"""

from __future__ import annotations

import csv
import datetime as dt
import itertools
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from .constants import Channel, Kind, Status, register_oordeel
from .models import Complaint, Nature

FORMATS = ("csv", "xlsx")
CHUNK_SIZE = 2000
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def safe_cell(value: str) -> str:
    """A text that a spreadsheet shows as text, never runs as a formula."""
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def _facts_header() -> list[str]:
    return [
        _("Reference"), _("Received on"), _("Channel"), _("Kind"), _("Status"), _("Department"),
        _("Partner"), _("Natures"), _("Handler"), _("Term ends on"), _("Closed on"), _("How it ended"),
    ]  # fmt: skip


def _personal_header() -> list[str]:
    return [
        _("Name"), _("Address"), _("Postcode"), _("City"), _("E-mail address"), _("Phone number"),
        _("Person(s) complained about"),
    ]  # fmt: skip


def header(*, personal: bool) -> list[str]:
    return _facts_header() + (_personal_header() if personal else [])


def _text(value: Any) -> str:
    return safe_cell(str(value)) if value not in (None, "") else ""


@dataclass(frozen=True)
class Labels:
    """The Dutch labels and the catalogue of natures, read once per export rather than once per cell."""

    channels: dict[str, str]
    kinds: dict[str, str]
    statuses: dict[str, str]
    natures: dict[int, str]
    order: dict[int, int]  # a nature's place in the catalogue

    def place(self, pair: tuple[int, int]) -> tuple[int, int]:
        """A (complaint, nature) pair's place: by complaint, then the nature's place in the catalogue."""
        return pair[0], self.order[pair[1]]

    @classmethod
    def read(cls) -> Labels:
        natures = dict(Nature.objects.order_by("position", "name").values_list("pk", "name"))
        return cls(
            {value: str(label) for value, label in Channel.choices},
            {value: str(label) for value, label in Kind.choices},
            {value: str(label) for value, label in Status.choices},
            natures,
            {pk: index for index, pk in enumerate(natures)},
        )


def row(complaint: Complaint, natures: list[str], labels: Labels, *, personal: bool) -> list[Any]:
    """One complaint as cells: dates as dates, everything else as safe text."""
    applicable: dt.date = getattr(complaint, "applicable_term_end", None) or complaint.applicable_term_ends_on
    cells: list[Any] = [
        _text(complaint.reference),
        complaint.received_on,
        _text(labels.channels.get(complaint.channel, complaint.channel)),
        _text(labels.kinds.get(complaint.kind, complaint.kind)),
        _text(labels.statuses.get(complaint.status, complaint.status)),
        _text(complaint.department or ""),
        _text(complaint.partner or ""),
        _text(", ".join(natures)),
        _text(complaint.handler or ""),
        applicable,
        complaint.closed_on,
        _text(register_oordeel(complaint.outcome, complaint.judgement)),
    ]
    if personal:
        data = getattr(complaint, "personal_data", None)
        fields = ("name", "address", "postcode", "city", "email", "phone", "person_complained_about")
        cells += [_text(getattr(data, name, "")) for name in fields]
    return cells


def rows(complaints: QuerySet[Complaint], *, personal: bool) -> Iterator[list[Any]]:
    """The rows, read in chunks: the complaints through a server-side cursor, their natures one query
    per chunk (by the complaints' ids, the natures' names from the catalogue)."""
    labels = Labels.read()
    through = Complaint.natures.through.objects
    chunks = complaints.prefetch_related(None).iterator(chunk_size=CHUNK_SIZE)
    while chunk := list(itertools.islice(chunks, CHUNK_SIZE)):
        names: dict[int, list[str]] = defaultdict(list)
        pairs = through.filter(complaint_id__in=[c.pk for c in chunk]).order_by(
            "nature__position", "nature_id"
        )
        for complaint_id, nature_id in pairs.values_list("complaint_id", "nature_id"):
            names[complaint_id].append(labels.natures[nature_id])
        for complaint in chunk:
            yield row(complaint, names[complaint.pk], labels, personal=personal)


class _Echo:
    """A file-like object whose ``write`` hands back what it is given (for csv.writer)."""

    def write(self, value: str) -> str:
        return value


def _csv_lines(header_row: list[str], data: Iterable[list[Any]]) -> Iterator[str]:
    writer = csv.writer(_Echo(), delimiter=";")
    yield "\ufeff" + writer.writerow(header_row)  # the BOM makes Excel read UTF-8
    for cells in data:
        yield writer.writerow(["" if cell is None else cell for cell in cells])


def _xlsx_file(header_row: list[str], data: Iterable[list[Any]]) -> Any:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Complaints"))
    sheet.append(header_row)
    for cells in data:
        sheet.append(cells)
    handle = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 (FileResponse closes it)
    workbook.save(handle)
    handle.seek(0)
    return handle


def filename(fmt: str) -> str:
    return f"klachten-{timezone.localdate().isoformat()}.{fmt}"


def response(complaints: QuerySet[Complaint], fmt: str, *, personal: bool) -> StreamingHttpResponse:
    """The export as a streamed download."""
    data = rows(complaints, personal=personal)
    if fmt == "csv":
        streamed = StreamingHttpResponse(
            _csv_lines(header(personal=personal), data), content_type="text/csv; charset=utf-8"
        )
        streamed["Content-Disposition"] = f'attachment; filename="{filename(fmt)}"'
        return streamed
    handle = _xlsx_file(header(personal=personal), data)
    return FileResponse(handle, as_attachment=True, filename=filename(fmt), content_type=XLSX)


def describe(fmt: str, filters: dict[str, str], *, personal: bool) -> str:
    """The access log's note of an export: the format, the filters and whether personal data went out."""
    given = ", ".join(f"{key}={value}" for key, value in sorted(filters.items())) or "-"
    if personal:
        return _("List export (%(format)s) with personal data; filters: %(filters)s") % {
            "format": fmt,
            "filters": given,
        }
    return _("List export (%(format)s) without personal data; filters: %(filters)s") % {
        "format": fmt,
        "filters": given,
    }
