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


FACTS = (
    "pk", "reference", "received_on", "channel", "kind", "status", "department__name", "partner__name",
    "handler__first_name", "handler__last_name", "handler__username", "applicable_term_end", "closed_on",
    "outcome", "judgement",
)  # fmt: skip
PERSONAL = tuple(
    f"personal_data__{name}"
    for name in ("name", "address", "postcode", "city", "email", "phone", "person_complained_about")
)


def row(facts: dict[str, Any], natures: list[str], labels: Labels, *, personal: bool) -> list[Any]:
    """One complaint as cells: dates as dates, everything else as safe text."""
    handler = " ".join(filter(None, (facts["handler__first_name"], facts["handler__last_name"])))
    cells: list[Any] = [
        _text(facts["reference"]),
        facts["received_on"],
        _text(labels.channels.get(facts["channel"], facts["channel"])),
        _text(labels.kinds.get(facts["kind"], facts["kind"])),
        _text(labels.statuses.get(facts["status"], facts["status"])),
        _text(facts["department__name"]),
        _text(facts["partner__name"]),
        _text(", ".join(natures)),
        _text(handler or facts["handler__username"]),
        facts["applicable_term_end"],
        facts["closed_on"],
        _text(register_oordeel(facts["outcome"], facts["judgement"])),
    ]
    if personal:
        cells += [_text(facts[name]) for name in PERSONAL]
    return cells


def rows(complaints: QuerySet[Complaint], *, personal: bool) -> Iterator[list[Any]]:
    """The rows, read in chunks: the complaints' columns through a server-side cursor (no model
    instances), their natures one query per chunk (the names from the catalogue)."""
    labels = Labels.read()
    through = Complaint.natures.through.objects
    columns = FACTS + (PERSONAL if personal else ())
    chunks = complaints.prefetch_related(None).values(*columns).iterator(chunk_size=CHUNK_SIZE)
    while chunk := list(itertools.islice(chunks, CHUNK_SIZE)):
        names: dict[int, list[str]] = defaultdict(list)
        ids = [facts["pk"] for facts in chunk]
        pairs = through.filter(complaint_id__in=ids).order_by().values_list("complaint_id", "nature_id")
        for complaint_id, nature_id in sorted(pairs, key=labels.place):
            names[complaint_id].append(labels.natures[nature_id])
        for facts in chunk:
            yield row(facts, names[facts["pk"]], labels, personal=personal)


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
