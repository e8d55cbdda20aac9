"""Finding a complaint: by its reference, or by a person and their words (for those who may see them).

- The reference matches by its beginning, in any case: ``TST-2024`` finds every complaint of 2024 of
  that municipality (references are stored in capitals; an index with pattern operators serves it).
- Staff who may see personal data (``accounts.access.can_search_text``) also find a complaint by the
  complainant's name, e-mail address or phone number, by the person complained about, and by words of
  the complainant's description. Names, addresses and numbers match anywhere in the field,
  case-insensitively; on PostgreSQL trigram indexes (``pg_trgm``) serve these, and the description is
  searched with PostgreSQL's text search in the Dutch configuration (so ``teruggebeld`` also finds
  ``terugbellen``) besides the substring match. SQLite uses the same substring matches without indexes.
  A search of fewer than ``MIN_PERSON_SEARCH`` characters looks at the reference only: shorter pieces
  match too much and no index can serve them.
- A search of digits (with or without spaces, dashes, dots, brackets or a slash) also matches a phone
  number written with other separators: ``0612345678`` finds ``06-12 34 56 78``. Both sides are compared
  without those separators (``phone_digits``; on PostgreSQL a trigram index on the same expression,
  migration ``0013_add_phone_digits_index``).
- The search is a look at personal data: the list view logs it in the access log.

The matching complaints are gathered as a union of ids (reference, persons), so each part is answered
from its own index. Up to ``FEW`` matches their ids are read first and the list pages over exactly those
(PostgreSQL then plans the page from the known ids; given the union as a subquery it may walk the whole
table in date order instead). Beyond ``FEW`` the union stays a subquery, which suits many matches.
"""

from __future__ import annotations

from typing import Any

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import F, Q, QuerySet, Value
from django.db.models.expressions import Combinable
from django.db.models.functions import Replace

from .models import Complaint
from .personal_data import PersonalData

MIN_PERSON_SEARCH = 3
FEW = 1000
PERSON_FIELDS = ("name", "email", "phone", "person_complained_about")
#: What people write between the digits of a phone number; left out on both sides when comparing.
PHONE_SEPARATORS = (" ", "-", ".", "(", ")", "/")


def phone_digits() -> Combinable:
    """The phone number without its separators (the expression the PostgreSQL index is built on)."""
    expression: Combinable = F("phone")
    for separator in PHONE_SEPARATORS:
        expression = Replace(expression, Value(separator), Value(""))
    return expression


def _digits_only(text: str) -> bool:
    return any(ch.isdigit() for ch in text) and not any(ch.isalpha() for ch in text)


def matching_ids(text: str, *, persons: bool) -> list[int] | QuerySet[Complaint, int]:
    """The ids of the complaints ``text`` finds: a list when they are at most ``FEW``, else a subquery.
    ``persons`` for a user who may search personal data."""
    parts = _parts(text.strip(), persons=persons)
    first, rest = parts[0], parts[1:]
    everything = first.union(*rest, all=True) if rest else first
    found = set(everything[: FEW + 1])
    if len(found) <= FEW:
        return sorted(found)
    return first.union(*rest) if rest else first


def _parts(text: str, *, persons: bool) -> list[QuerySet[Any, int]]:
    """The reference by its beginning; for ``persons`` also the personal data's fields and words."""
    by_reference = Complaint.objects.filter(reference__startswith=text.upper()).order_by()
    parts: list[QuerySet[Any, int]] = [by_reference.values_list("pk", flat=True)]
    if not persons or len(text) < MIN_PERSON_SEARCH:
        return parts
    fields = ("phone",) if _digits_only(text) else PERSON_FIELDS
    condition = Q()
    for field in fields:
        condition |= Q(**{f"{field}__icontains": text})
    people = PersonalData.objects.order_by()
    digits = "".join(ch for ch in text if ch.isdigit())
    if _digits_only(text) and len(digits) >= MIN_PERSON_SEARCH:
        people = people.annotate(phone_digits=phone_digits())
        condition |= Q(phone_digits__contains=digits)
    if not _digits_only(text):
        condition |= Q(description__icontains=text)
        if connection.vendor == "postgresql":
            people = people.annotate(words=SearchVector("description", config="dutch"))
            condition |= Q(words=SearchQuery(text, config="dutch", search_type="websearch"))
    parts.append(people.filter(condition).values_list("complaint_id", flat=True))
    return parts
