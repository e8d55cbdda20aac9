"""Keyset ("seek") paging for the complaint list, and a count that stops at a cap.

At a million complaints two things make a list page slow (measured in ``docs/benchmarks.md``): counting
every matching row, and ``OFFSET``, which reads and throws away every row before a deep page. This module
replaces both:

- A page is found from the sort values of the row before it (the cursor in the link ``na=``), or of the
  row after it for the previous page (``voor=``), with a condition the database answers from an index:
  ``received_on <= :day AND (received_on < :day OR reference < :ref)`` for newest first. Each sort ends
  with the unique reference, so the order is total and no row is skipped or shown twice.
- The count reads at most ``COUNT_CAP + 1`` rows; beyond that the page says "more than 10,000".

The sorts by status and by department lead with a column of few values, followed by newest first. No
single index serves "status ascending, then date descending" across the whole seek, so on PostgreSQL such a
page is one ``UNION ALL`` of a short, index-served branch per status (or department) from the cursor's on,
each ``LIMIT size + 1``; the rows of the page are then fetched by id. SQLite cannot order and limit inside
a compound statement; it pages those sorts with the plain condition (its data is the demo's).

A cursor is plain text a user can change: one that does not parse is reported and the first page shown.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.db import connection
from django.db.models import F, Q, QuerySet, Value
from django.db.models.expressions import Expression
from django.db.models.functions import Coalesce

COUNT_CAP = 10_000

T = TypeVar("T")


@dataclass(frozen=True)
class SortKey:
    """One column of a sort: the name it is annotated as, the expression, its type and direction."""

    name: str
    expression: Expression | F
    kind: type
    descending: bool


def _key(name: str, expression: Expression | F, kind: type, descending: bool = False) -> SortKey:
    return SortKey(name, expression, kind, descending)


_RECEIVED = ("received_on", F("received_on"), dt.date)
_REFERENCE = ("reference", F("reference"), str)
_TERM = (
    "applicable_term_end",
    Coalesce("further_delay_until", "extended_term_ends_on", "term_ends_on"),
    dt.date,
)

#: The sorts of the list, each ending with the unique reference. A nullable column is sorted through a
#: ``Coalesce`` so NULL compares like any value on SQLite and PostgreSQL alike.
SORT_KEYS: dict[str, tuple[SortKey, ...]] = {
    "-received": (_key(*_RECEIVED, descending=True), _key(*_REFERENCE, descending=True)),
    "received": (_key(*_RECEIVED), _key(*_REFERENCE)),
    "term": (_key(*_TERM), _key(*_REFERENCE)),
    "-term": (_key(*_TERM, descending=True), _key(*_REFERENCE, descending=True)),
    "reference": (_key(*_REFERENCE),),
    "status": (
        _key("status", F("status"), str),
        _key(*_RECEIVED, descending=True),
        _key(*_REFERENCE, descending=True),
    ),
    "department": (
        _key("sort_department", Coalesce("department__name", Value("")), str),
        _key(*_RECEIVED, descending=True),
        _key(*_REFERENCE, descending=True),
    ),
}


def _status_groups() -> list[tuple[str, Q]]:
    from .constants import Status

    return [(status, Q(status=status)) for status in sorted(Status.values)]


def _department_groups() -> list[tuple[str, Q]]:
    from klachtwijzer.accounts.models import Department

    names = sorted(Department.objects.values_list("name", "pk"))
    return [("", Q(department__isnull=True)), *((name, Q(department_id=pk)) for name, pk in names)]


#: The sorts whose first column has few values: how to list those values in order, and their filters.
GROUPED_SORTS = {"status": _status_groups, "department": _department_groups}


class BadCursor(ValueError):
    """A ``na``/``voor`` value that is not a cursor of this sort."""


def encode_cursor(values: Sequence[Any]) -> str:
    """The text of a cursor: the sort values, as JSON in URL-safe base64 without padding."""
    plain = [value.isoformat() if isinstance(value, dt.date) else value for value in values]
    return base64.urlsafe_b64encode(json.dumps(plain, separators=(",", ":")).encode()).decode().rstrip("=")


def decode_cursor(text: str, keys: Sequence[SortKey]) -> list[Any]:
    """The sort values in ``text``, each of its key's type; :class:`BadCursor` when it does not fit."""
    if len(text) > 400:
        raise BadCursor(text)
    try:
        raw = json.loads(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))
    except (binascii.Error, ValueError, UnicodeDecodeError) as error:
        raise BadCursor(text) from error
    if not isinstance(raw, list) or len(raw) != len(keys):
        raise BadCursor(text)
    values: list[Any] = []
    for key, value in zip(keys, raw, strict=True):
        if not isinstance(value, str):
            raise BadCursor(text)
        if key.kind is dt.date:
            try:
                values.append(dt.date.fromisoformat(value))
            except ValueError as error:
                raise BadCursor(text) from error
        else:
            values.append(value)
    return values


def _beyond(keys: Sequence[SortKey], values: Sequence[Any], *, backwards: bool) -> Q:
    """Rows after ``values`` in the sort (before them when ``backwards``), as an index-friendly condition."""

    def lookup(key: SortKey, strict: bool) -> str:
        down = key.descending != backwards
        return f"{key.name}__{'lt' if down else 'gt'}{'' if strict else 'e'}"

    # The first column bounds the range, so the database seeks to it; the OR chain settles the ties.
    chain = Q()
    for position, key in enumerate(keys):
        equal = {other.name: values[n] for n, other in enumerate(keys[:position])}
        chain |= Q(**equal, **{lookup(key, strict=True): values[position]})
    return Q(**{lookup(keys[0], strict=False): values[0]}) & chain


@dataclass
class SeekPage(Generic[T]):
    """One page of the list, with the links' cursors and the capped count."""

    rows: list[T]
    count: int
    count_capped: bool
    next_cursor: str
    previous_cursor: str
    first: bool

    def __iter__(self) -> Any:
        return iter(self.rows)

    @property
    def has_next(self) -> bool:
        return bool(self.next_cursor)

    @property
    def has_previous(self) -> bool:
        return bool(self.previous_cursor)

    @property
    def has_other_pages(self) -> bool:
        return self.has_next or self.has_previous


def capped_count(queryset: QuerySet[Any], cap: int | None = None) -> tuple[int, bool]:
    """How many rows ``queryset`` has, reading at most ``cap + 1``, and whether it has more than ``cap``."""
    cap = COUNT_CAP if cap is None else cap
    count = queryset.order_by().values("pk")[: cap + 1].count()
    return min(count, cap), count > cap


def seek_page(
    queryset: QuerySet[Any],
    sort: str,
    *,
    after: str = "",
    before: str = "",
    size: int,
) -> SeekPage[Any]:
    """The page of ``queryset`` in ``sort`` order after cursor ``after`` (or before ``before``).

    Raises :class:`BadCursor` for a cursor that does not parse; the caller shows the first page instead.
    """
    keys = SORT_KEYS[sort]
    if sort in GROUPED_SORTS and connection.features.supports_slicing_ordering_in_compound:
        return _grouped_page(queryset, sort, after=after, before=before, size=size)
    present = queryset.query.annotations
    annotated = queryset.annotate(
        **{
            key.name: key.expression
            for key in keys
            if not isinstance(key.expression, F) and key.name not in present
        }
    )
    backwards = bool(before) and not after
    cursor = decode_cursor(after or before, keys) if (after or before) else None
    ordering = [f"{'-' if key.descending != backwards else ''}{key.name}" for key in keys]
    listed = annotated.order_by(*ordering)
    if cursor is not None:
        listed = listed.filter(_beyond(keys, cursor, backwards=backwards))
    rows = list(listed[: size + 1])
    more = len(rows) > size
    rows = rows[:size]
    if backwards:
        rows.reverse()
    edges = [encode_cursor([getattr(row, key.name) for key in keys]) for row in rows[:1] + rows[-1:]]
    return _page(queryset, rows, edges, paged=cursor is not None, backwards=backwards, more=more)


def _page(
    queryset: QuerySet[Any], rows: list[Any], edges: list[str], *, paged: bool, backwards: bool, more: bool
) -> SeekPage[Any]:
    """The page of ``rows``, with the cursors of its first and last row (``edges``) for the links."""
    count, capped = capped_count(queryset)
    at_start = not paged or (backwards and not more)
    at_end = not edges or (not backwards and not more)
    return SeekPage(
        rows=rows,
        count=count,
        count_capped=capped,
        next_cursor="" if at_end else edges[-1],
        previous_cursor="" if at_start or not edges else edges[0],
        first=at_start,
    )


def _grouped_page(queryset: QuerySet[Any], sort: str, *, after: str, before: str, size: int) -> SeekPage[Any]:
    """A page of a sort led by a column of few values (``GROUPED_SORTS``), by a union of seeks per value."""
    keys = SORT_KEYS[sort]
    rest = keys[1:]
    groups = GROUPED_SORTS[sort]()
    backwards = bool(before) and not after
    cursor = decode_cursor(after or before, keys) if (after or before) else None
    values = [value for value, _condition in groups]
    if cursor is not None and cursor[0] not in values:
        raise BadCursor(after or before)
    start = values.index(cursor[0]) if cursor is not None else (len(groups) - 1 if backwards else 0)
    positions = range(start, -1, -1) if backwards else range(start, len(groups))
    order = [f"{'-' if key.descending != backwards else ''}{key.name}" for key in rest]
    branches = []
    for n, position in enumerate(positions):
        branch = queryset.filter(groups[position][1])
        if n == 0 and cursor is not None:
            branch = branch.filter(_beyond(rest, cursor[1:], backwards=backwards))
        branch = branch.annotate(group_position=Value(position)).order_by(*order)
        branches.append(branch.values_list("pk", "group_position", *(key.name for key in rest))[: size + 1])
    union = branches[0].union(*branches[1:], all=True) if len(branches) > 1 else branches[0]
    final = [f"{'-' if backwards else ''}group_position", *order]
    found = list(union.order_by(*final)[: size + 1]) if len(branches) > 1 else list(union)
    more = len(found) > size
    found = found[:size]
    if backwards:
        found.reverse()
    by_pk = {row.pk: row for row in queryset.filter(pk__in=[row[0] for row in found])}
    rows = [by_pk[row[0]] for row in found if row[0] in by_pk]
    edges = [encode_cursor([values[row[1]], *row[2:]]) for row in found[:1] + found[-1:]]
    return _page(queryset, rows, edges, paged=cursor is not None, backwards=backwards, more=more)
