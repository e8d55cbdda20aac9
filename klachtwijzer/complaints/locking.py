"""No lost update: a change to a complaint holds its row, and sees the complaint as it is now.

Every use case that changes a complaint runs through ``changes_complaint``: one transaction that first
takes the complaint's row lock (``SELECT ... FOR UPDATE`` on PostgreSQL; SQLite takes its write lock
when the transaction begins, ``transaction_mode=IMMEDIATE``) and re-reads the complaint. A second
request for the same complaint waits until the first has committed and then checks its step against
the new state, so four quick clicks on *withdraw* make one closing and three refusals. Forms that
change data rather than the state (the facts, the personal data) also carry the complaint's
``version`` and the use case refuses an older one (``steps.check_version``): the second editor
gets a message instead of silently overwriting the first.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from typing import Concatenate, ParamSpec, TypeVar, cast

from django.db import transaction

from .models import Complaint

P = ParamSpec("P")
R = TypeVar("R")

_held = threading.local()


def _locked_ids() -> set[int]:
    if not hasattr(_held, "ids"):
        _held.ids = set()
    ids: set[int] = _held.ids
    return ids


def lock_complaint(complaint: Complaint) -> None:
    """Take the complaint's row lock for the current transaction and re-read it from the database."""
    complaint.refresh_from_db(from_queryset=Complaint.objects.select_for_update())


def changes_complaint(
    use_case: Callable[Concatenate[Complaint, P], R],
) -> Callable[Concatenate[Complaint, P], R]:
    """Run ``use_case`` in one transaction holding the complaint's row (once, also when nested)."""

    @functools.wraps(use_case)
    def locked(complaint: Complaint, *args: P.args, **kwargs: P.kwargs) -> R:
        held = _locked_ids()
        if id(complaint) in held:
            return use_case(complaint, *args, **kwargs)
        with transaction.atomic():
            lock_complaint(complaint)
            held.add(id(complaint))
            try:
                return use_case(complaint, *args, **kwargs)
            finally:
                held.discard(id(complaint))

    return cast("Callable[Concatenate[Complaint, P], R]", locked)
