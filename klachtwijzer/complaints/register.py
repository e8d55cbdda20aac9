"""Importing and exporting the complaints register (``docs/register.md``).

Import: a municipality migrating from a spreadsheet register brings its complaints in, all or nothing
(one transaction), with every problem in the file reported at once (``RegisterError``). Each row
becomes a ``Complaint`` whose terms are computed at import from the date of receipt (``terms.py``:
Awb 9:8 lid 3, 9:11 and the Algemene termijnenwet) and stored, its description in ``PersonalData``,
its natures in the order of the file, and one history event saying it was imported. Unknown
departments and partners are created. Kenmerken of the form ``<PREFIX>-<YEAR>-<NNNN>`` are reserved,
so new intake never hands out the same reference again.

Export: the same columns in the same order, plus the stored term ends and whether the complaint was
closed within the term that applied. Terms are read from the stored columns, never recomputed, so a
later change of the rules or holidays does not change an earlier export. The export holds personal
free text (``omschrijving``, ``leerpunt``): whoever calls ``export_register`` logs it with
``audit.log_export``.

The learning columns (``thema``, ``leerpunt``) are read and written by the app that registered them
(``extensions.add_register_columns``; the learning app does so at start-up), so complaints never
imports learning. ``ombudsman_op`` is the complaint's ``ombudsman_referred_on``.

Made for large registers: lookups are fetched once, rows are written with ``bulk_create`` in batches,
and no query runs per row (100,000 rows in well under a minute on PostgreSQL, see docs/benchmarks.md).
"""

from __future__ import annotations

import datetime as dt
import difflib
import io
import os
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import IO, Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from klachtwijzer.accounts.models import Department, Municipality, Partner, User
from klachtwijzer.spreadsheets import SafeWriter

from . import extensions, references, terms
from .constants import Kind, Outcome, Status, TriageDecision
from .models import Complaint, HistoryEvent, Nature, PersonalData
from .register_file import COLUMNS, COMPUTED_COLUMNS, RegisterError, RowError, read_table
from .register_rows import RegisterRow, RowChecker

__all__ = ["ImportSummary", "RegisterError", "RowError", "export_register", "import_register"]

BATCH_SIZE = 2000
LOOKUP_BATCH_SIZE = 900  # below SQLite's 999 query parameters
REFERENCE_PATTERN = re.compile(r"(?P<prefix>[^-\s]{1,10})-(?P<year>\d{4})-(?P<number>\d{4,9})")
EXPORT_COLUMNS = COLUMNS + COMPUTED_COLUMNS
NatureLink = Complaint.natures.through


@dataclass(frozen=True)
class ImportSummary:
    """What an import created."""

    complaints_per_year: dict[int, int] = field(default_factory=dict)
    departments_created: int = 0
    partners_created: int = 0
    new_departments: tuple[str, ...] = ()
    new_partners: tuple[str, ...] = ()

    @property
    def complaints_created(self) -> int:
        return sum(self.complaints_per_year.values())

    def __str__(self) -> str:
        years = ", ".join(f"{year}: {count}" for year, count in sorted(self.complaints_per_year.items()))
        return _(
            "Complaints imported: %(count)s (per year of receipt: %(years)s); new departments: "
            "%(departments)s; new partners: %(partners)s."
        ) % {
            "count": self.complaints_created,
            "years": years or "-",
            "departments": self.departments_created,
            "partners": self.partners_created,
        }


def import_register(
    source: str | os.PathLike[str] | IO[bytes],
    *,
    filename: str | None = None,
    acting_user: User | None = None,
    actor_label: str = "",
    create_departments: bool = False,
) -> ImportSummary:
    """Import a register file (CSV or XLSX) as a whole, or raise ``RegisterError`` listing every problem.

    ``source`` is a path or a binary file object; ``filename`` (or the path's name) helps recognise
    the format and is noted in each complaint's history. A department the register does not know is
    created, unless its name is close to a known one (a typing error, ``Burgerzakem``): that is an
    error naming the likely department, until ``create_departments`` says the new one is meant.
    """
    data, filename = _read_source(source, filename)
    table = read_table(data, filename=filename)
    checker = RowChecker(natures=_nature_lookup(), today=timezone.localdate())
    rows = checker.check_table(table)
    errors = checker.errors + _references_in_register(rows)
    if not create_departments:
        errors += _misspelled_departments(rows)
    if errors:
        raise RegisterError(errors)
    try:
        return _store(rows, filename=filename or "", acting_user=acting_user, actor_label=actor_label)
    except IntegrityError as error:  # someone stored the same kenmerk meanwhile
        raise RegisterError(
            [RowError(1, "kenmerk", _("the register changed during the import; import the file again"))]
        ) from error


def _read_source(
    source: str | os.PathLike[str] | IO[bytes], filename: str | None
) -> tuple[bytes, str | None]:
    if isinstance(source, str | os.PathLike):
        path = Path(source)
        return path.read_bytes(), filename or path.name
    data: Any = source.read()
    if isinstance(data, str):
        data = data.encode("utf-8")
    return bytes(data), filename or getattr(source, "name", None)


def _nature_lookup() -> dict[str, int]:
    """Catalogue names, case-folded, to ids; retired natures count too (old registers use them)."""
    return {name.casefold(): pk for pk, name in Nature.objects.values_list("pk", "name")}


def _misspelled_departments(rows: list[RegisterRow]) -> list[RowError]:
    """New department names that look like a known one (or an earlier new one) in other letters.

    Names whose numbers differ (``Team 2023``, ``Team 2024``) are different on purpose.
    """
    known = list(Department.objects.values_list("name", flat=True))
    folded = {name.casefold() for name in known}
    errors: list[RowError] = []
    seen: set[str] = set()
    for row in rows:
        name = row.department
        if name.casefold() in folded or name in seen:
            continue
        digits = re.sub(r"\D", "", name)
        candidates = [other for other in folded if re.sub(r"\D", "", other) == digits]  # 2023 ≠ 2024
        match = difflib.get_close_matches(name.casefold(), candidates, n=1, cutoff=0.8)
        if match:
            likely = next(candidate for candidate in known if candidate.casefold() == match[0])
            errors.append(
                RowError(
                    row.row,
                    "afdeling",
                    _(
                        "the department '%(name)s' does not exist; did you mean '%(likely)s'? Correct the "
                        "file, or confirm that it is a new department (--create-departments)"
                    )
                    % {"name": name, "likely": likely},
                )
            )
            seen.add(name)
            continue
        seen.add(name)
        known.append(name)
        folded.add(name.casefold())
    return errors


def _references_in_register(rows: list[RegisterRow]) -> list[RowError]:
    row_of = {row.reference: row.row for row in rows}
    found: list[str] = []
    kenmerken = list(row_of)
    for start in range(0, len(kenmerken), LOOKUP_BATCH_SIZE):
        chunk = kenmerken[start : start + LOOKUP_BATCH_SIZE]
        found += Complaint.objects.filter(reference__in=chunk).values_list("reference", flat=True)
    message = _("this complaint is already in the register")
    return [RowError(row_of[reference], "kenmerk", message) for reference in found]


@transaction.atomic
def _store(
    rows: list[RegisterRow], *, filename: str, acting_user: User | None, actor_label: str
) -> ImportSummary:
    department_ids, new_departments = _ids_by_name(Department, (row.department for row in rows))
    partner_ids, new_partners = _ids_by_name(Partner, (row.partner for row in rows if row.partner))
    municipality = Municipality.current()
    builder = _ComplaintBuilder(
        committee=municipality.advisory_committee,
        acknowledgement_days=municipality.acknowledgement_target_days,
        department_ids=department_ids,
        partner_ids=partner_ids,
        acting_user=acting_user if acting_user and acting_user.pk else None,
    )
    note = _("Imported from the register file %(file)s (row %(row)s).")
    column_stores = [columns.start_import(builder.acting_user) for columns in extensions.register_columns()]
    for batch in _batched(rows, BATCH_SIZE):
        complaints = _store_batch(
            batch, builder, note=note, filename=filename or "-", actor_label=actor_label[:100]
        )
        for store in column_stores:
            store(complaints)
    _reserve_references(row.reference for row in rows)
    return ImportSummary(
        complaints_per_year=dict(sorted(Counter(row.received_on.year for row in rows).items())),
        departments_created=len(new_departments),
        partners_created=len(new_partners),
        new_departments=tuple(new_departments),
        new_partners=tuple(new_partners),
    )


def _store_batch(
    batch: list[RegisterRow], builder: _ComplaintBuilder, *, note: str, filename: str, actor_label: str
) -> list[tuple[Complaint, RegisterRow]]:
    """One batch: its complaints, their personal data, natures (in the file's order) and history."""
    complaints = Complaint.objects.bulk_create([builder.complaint(row) for row in batch])
    pairs = list(zip(complaints, batch, strict=True))
    PersonalData.objects.bulk_create(
        PersonalData(complaint=complaint, description=row.description) for complaint, row in pairs
    )
    NatureLink.objects.bulk_create(
        NatureLink(complaint_id=complaint.pk, nature_id=nature_id)
        for complaint, row in pairs
        for nature_id in row.nature_ids
    )
    HistoryEvent.objects.bulk_create(
        HistoryEvent(
            complaint=complaint,
            type=HistoryEvent.Type.RECEIVED,
            actor=builder.acting_user,
            actor_label=actor_label,
            note=note % {"file": filename, "row": row.row},
        )
        for complaint, row in pairs
    )
    return pairs


class _Names:
    """Ids of departments or partners by name: the exact name first, else the name in other capitals."""

    def __init__(self) -> None:
        self.exact: dict[str, int] = {}
        self.folded: dict[str, int] = {}

    def add(self, pk: int, name: str) -> None:
        self.exact.setdefault(name, pk)
        self.folded.setdefault(name.casefold(), pk)

    def get(self, name: str) -> int | None:
        return self.exact.get(name, self.folded.get(name.casefold()))


def _ids_by_name(model: type[Department] | type[Partner], names: Iterable[str]) -> tuple[_Names, list[str]]:
    """Departments or partners by name, creating those the register does not know (first spelling wins)."""
    known = _Names()
    for pk, name in model.objects.order_by("pk").values_list("pk", "name"):
        known.add(pk, name)
    new: dict[str, str] = {}
    for name in names:
        if known.get(name) is None:
            new.setdefault(name.casefold(), name)
    created: list[Any] = [model(name=name) for name in new.values()]
    model.objects.bulk_create(created)
    for pk, name in model.objects.filter(name__in=new.values()).values_list("pk", "name"):
        known.add(pk, name)
    return known, list(new.values())


@dataclass
class _ComplaintBuilder:
    """Turns a checked row into an unsaved Complaint with its terms computed now."""

    committee: bool
    # The register file has no acknowledgement date: an open complaint gets the target date, so the
    # queue of unacknowledged complaints shows it; a closed one none, so the figure leaves it out.
    acknowledgement_days: int
    department_ids: _Names
    partner_ids: _Names
    acting_user: User | None
    _terms: dict[dt.date, tuple[dt.date, dt.date, dt.date]] = field(default_factory=dict)

    def terms_for(self, received_on: dt.date) -> tuple[dt.date, dt.date, dt.date]:
        if received_on not in self._terms:
            self._terms[received_on] = (
                terms.handling_term_end(received_on, advisory_committee=self.committee),
                terms.not_handling_notice_end(received_on),
                terms.extended_term_end(received_on, advisory_committee=self.committee),
            )
        return self._terms[received_on]

    def complaint(self, row: RegisterRow) -> Complaint:
        term_ends_on, notice_due_on, ten_week_term_ends_on = self.terms_for(row.received_on)
        petition_ends_on = None
        if row.closed_on and row.outcome in (Outcome.JUDGED, Outcome.NOT_HANDLED):
            petition_ends_on = terms.ombudsman_petition_end(row.closed_on)
        return Complaint(
            reference=row.reference,
            received_on=row.received_on,
            dated_on=row.received_on,  # the register file has no such column; the complaint was dated
            channel=row.channel,
            kind=row.kind,
            status=_status(row),
            department_id=self.department_ids.get(row.department),
            partner_id=self.partner_ids.get(row.partner) if row.partner else None,
            advisory_committee=self.committee,
            triage_decision=_triage_decision(row),
            route=row.route,
            term_ends_on=term_ends_on,
            not_handling_notice_due_on=notice_due_on,
            ten_week_term_ends_on=ten_week_term_ends_on,
            acknowledgement_due_on=(
                None
                if row.closed_on
                else terms.acknowledgement_target(row.received_on, self.acknowledgement_days)
            ),
            extension_notice_on=row.extension_notice_on,
            extended_term_ends_on=ten_week_term_ends_on if row.extension_notice_on else None,
            not_handled_notice_on=row.closed_on if row.outcome == Outcome.NOT_HANDLED else None,
            outcome=row.outcome,
            judgement=row.judgement,
            closed_on=row.closed_on,
            ombudsman_petition_ends_on=petition_ends_on,
            ombudsman_referred_on=row.ombudsman_on,
            created_by=self.acting_user,
        )


def _status(row: RegisterRow) -> Status:
    """Closed with a closing date; open ones are in handling once their route is known, else received."""
    if row.closed_on:
        return Status.CLOSED
    return Status.IN_HANDLING if row.route else Status.RECEIVED


def _triage_decision(row: RegisterRow) -> str:
    if row.outcome == Outcome.FORWARDED:
        return TriageDecision.FORWARD
    if row.outcome == Outcome.NOT_A_COMPLAINT:
        return TriageDecision.NOT_A_COMPLAINT
    if _status(row) == Status.RECEIVED:
        return ""
    return TriageDecision.AWB_COMPLAINT if row.kind == Kind.AWB else TriageDecision.OTHER_KIND


def _reserve_references(kenmerken: Iterable[str]) -> None:
    """Move the reference counters past every imported kenmerk that new intake could hand out again."""
    highest: dict[tuple[str, int], int] = {}
    for kenmerk in kenmerken:
        match = REFERENCE_PATTERN.fullmatch(kenmerk)
        if match:
            key = (match["prefix"], int(match["year"]))
            highest[key] = max(highest.get(key, 0), int(match["number"]))
    for (prefix, year), number in sorted(highest.items()):
        references.reserve_reference(prefix, year, number)


def _batched(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def export_register(out: Any, *, year: int | None = None) -> int:
    """Write the register file (CSV, ``,``, UTF-8) of all complaints or those received in ``year``.

    ``out`` is a text or binary stream (or anything with ``write(str)``, such as an HttpResponse).
    Returns the number of complaints written. The file holds personal free text: log the export.
    """
    stream = io.TextIOWrapper(out, encoding="utf-8", newline="") if _is_binary(out) else out
    writer = SafeWriter(stream)  # no cell a spreadsheet would run as a formula
    writer.writerow(EXPORT_COLUMNS)
    complaints = (
        Complaint.objects.select_related("department", "partner")
        .annotate(description=F("personal_data__description"))
        .order_by("received_on", "reference")
    )
    if year is not None:
        complaints = complaints.filter(received_on__year=year)
    count = 0
    for batch in _batched(complaints.iterator(chunk_size=BATCH_SIZE), LOOKUP_BATCH_SIZE):
        ids = [complaint.pk for complaint in batch]
        natures, extra = _nature_names(ids), _extra_columns(ids)
        writer.writerows(
            _export_row(complaint, natures.get(complaint.pk, []), extra.get(complaint.pk, {}))
            for complaint in batch
        )
        count += len(batch)
    if stream is not out:
        stream.flush()
        stream.detach()
    return count


def _is_binary(out: Any) -> bool:
    return isinstance(out, io.RawIOBase | io.BufferedIOBase) or "b" in getattr(out, "mode", "")


def _nature_names(complaint_ids: list[int]) -> dict[int, list[str]]:
    """Each complaint's natures in the order they were recorded (the order of the imported file)."""
    names: dict[int, list[str]] = {}
    links = (
        NatureLink.objects.filter(complaint_id__in=complaint_ids)
        .order_by("complaint_id", "pk")
        .values_list("complaint_id", "nature__name")
    )
    for complaint_id, name in links:
        names.setdefault(complaint_id, []).append(name)
    return names


def _extra_columns(complaint_ids: list[int]) -> dict[int, dict[str, str]]:
    """The values of the columns other apps registered, per complaint and column."""
    values: dict[int, dict[str, str]] = {}
    for columns in extensions.register_columns():
        for complaint_id, row in columns.export(complaint_ids).items():
            values.setdefault(complaint_id, {}).update(zip(columns.columns, row, strict=True))
    return values


def _export_row(complaint: Any, natures: list[str], extra: dict[str, str]) -> list[str]:
    within = complaint.closed_within_term
    return [
        complaint.reference,
        _date(complaint.received_on),
        complaint.channel,
        complaint.kind,
        complaint.department.name if complaint.department else "",
        complaint.partner.name if complaint.partner else "",
        ";".join(natures),
        complaint.route,
        _date(complaint.extension_notice_on),
        _date(complaint.closed_on),
        complaint.register_oordeel,
        complaint.description or "",
        extra.get("thema", ""),
        extra.get("leerpunt", ""),
        _date(complaint.ombudsman_referred_on),
        _date(complaint.term_ends_on),
        _date(complaint.extended_term_ends_on),
        "" if within is None else ("ja" if within else "nee"),
    ]


def _date(day: dt.date | None) -> str:
    return day.isoformat() if day else ""
