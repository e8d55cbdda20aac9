"""What every step on a complaint shares: the date checks, and saving a change with its history entry.

The use cases of ``handling.py``, ``judging.py``, ``editing.py`` and ``closing.py`` are built from these,
so a date before receipt or in the future is refused with the same Dutch message everywhere, and every
change lands in the history as old → new (``history.py``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from klachtwijzer.accounts.models import User

from . import history
from .dates import long_date
from .models import Complaint, HistoryEvent
from .workflow import ProcedureError

Event = HistoryEvent.Type


def not_before_receipt(complaint: Complaint, day: dt.date, field: str) -> None:
    """Refuse a step's date before the complaint was received; ``field`` names the form field."""
    if day < complaint.received_on:
        raise ProcedureError(
            {
                field: _("This date lies before the date of receipt (%(date)s).")
                % {"date": long_date(complaint.received_on)}
            }
        )


def not_in_future(day: dt.date, field: str) -> None:
    """Refuse a date of something that has already happened when it lies after today."""
    if day > timezone.localdate():
        raise ProcedureError({field: _("This date lies in the future.")})


def save_facts(complaint: Complaint, fields: list[str]) -> None:
    """Validate the complaint's facts and save ``fields`` only, counting the change in its version."""
    complaint.full_clean(exclude=["staff_complained_about", "natures"], validate_unique=False)
    complaint.version += 1
    complaint.save(update_fields=[*fields, "version"])


def raise_version(complaint: Complaint) -> None:
    """Count a change that is not in the complaint's own row (its natures, staff, personal data)."""
    complaint.version += 1
    complaint.save(update_fields=["version"])


def check_version(complaint: Complaint, expected_version: int | None) -> None:
    """Refuse a change made on a form that was opened before someone else changed the complaint."""
    if expected_version is not None and expected_version != complaint.version:
        raise ProcedureError(
            _(
                "Someone else changed this complaint after you opened the form. Your changes were not "
                "saved. Look at the complaint as it is now and make your changes again."
            ),
            code="stale_version",
        )


def change_complaint(
    complaint: Complaint, event: str, values: dict[str, Any], *, acting_user: User | None, note: str = ""
) -> Complaint:
    """Set ``values`` on the complaint, save them and record the step with old → new."""
    before = history.snapshot(complaint, list(values))
    for name, value in values.items():
        setattr(complaint, name, value)
    save_facts(complaint, list(values))
    history.record(
        complaint,
        event,
        actor=acting_user,
        changes=history.diff(before, history.snapshot(complaint, list(values))),
        note=note,
    )
    return complaint
