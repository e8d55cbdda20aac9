"""The use cases that correct a case's facts and the complainant's data, each change in the history.

The facts (channel, department, natures, staff complained about, ...) are recorded old → new; for the
personal data the history names the fields changed but never their contents.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext as _

from klachtwijzer.accounts.models import Municipality, User

from . import history, terms
from .constants import Form
from .locking import changes_complaint
from .models import Complaint, Nature, PersonalData
from .steps import Event, check_version, raise_version, save_facts
from .workflow import ProcedureError, Step, check_step

PERSONAL_FIELDS = [
    "name",
    "address",
    "postcode",
    "city",
    "email",
    "phone",
    "person_complained_about",
    "description",
    "desired_outcome",
]
EDITABLE_FACTS = [
    "channel",
    "form",
    "department",
    "partner",
    "conduct_on",
    "dated_on",
    "about_governing_body",
]


def _check_handler_not_complained_about(complaint: Complaint, staff: list[User], *, about_body: bool) -> None:
    if complaint.handler_id in {user.pk for user in staff} and not about_body:
        raise ProcedureError(
            {
                "staff_complained_about": _(
                    "%(user)s handles this complaint and cannot also be complained about (Awb 9:7)."
                )
                % {"user": complaint.handler}
            }
        )


def _set_many(complaint: Complaint, field: str, items: list[Any]) -> list[dict[str, Any]]:
    """Replace a many-to-many field's items; the change as (field, old, new) names, if any."""
    manager = getattr(complaint, field)
    old = sorted(str(item) for item in manager.all())
    new = sorted(str(item) for item in items)
    if old == new:
        return []
    manager.set(items)
    return [{"field": field, "old": ", ".join(old), "new": ", ".join(new)}]


def _acknowledgement_due_on(complaint: Complaint, form: str) -> dt.date | None:
    """A complaint recorded as written after all is given its acknowledgement target (Awb 9:6)."""
    if form != Form.WRITTEN:
        return None
    days = Municipality.current().acknowledgement_target_days
    return terms.acknowledgement_target(complaint.received_on, days)


@changes_complaint
def update_complaint(
    complaint: Complaint,
    /,
    *,
    acting_user: User,
    natures: Iterable[Nature] | None = None,
    staff_complained_about: Iterable[User] | None = None,
    expected_version: int | None = None,
    **values: Any,
) -> Complaint:
    """Change the case's facts (channel, department, ...); every changed field goes into the history.

    The handler may not become one of the staff complained about (Awb 9:7), unless the complaint is
    about the governing body itself. With ``expected_version`` (the version the form was opened on)
    a change by someone else in the meantime is refused rather than overwritten.
    """
    check_version(complaint, expected_version)
    check_step(complaint.status, Step.EDIT)
    unknown = set(values) - set(EDITABLE_FACTS)
    if unknown:
        raise ValueError(f"Not editable: {sorted(unknown)}")
    if staff_complained_about is not None:
        staff_complained_about = list(staff_complained_about)
        about_body = values.get("about_governing_body", complaint.about_governing_body)
        _check_handler_not_complained_about(complaint, staff_complained_about, about_body=about_body)
    dated_on = values.get("dated_on")
    if dated_on and dated_on > complaint.received_on:
        raise ProcedureError({"dated_on": _("The date on the complaint lies after the date of receipt.")})
    changed = {name: value for name, value in values.items() if getattr(complaint, name) != value}
    if "form" in changed:
        changed["acknowledgement_due_on"] = _acknowledgement_due_on(complaint, changed["form"])
    changes: list[dict[str, Any]] = []
    if changed:
        before = history.snapshot(complaint, list(changed))
        for name, value in changed.items():
            setattr(complaint, name, value)
        save_facts(complaint, list(changed))
        changes = history.diff(before, history.snapshot(complaint, list(changed)))
    many: list[dict[str, Any]] = []
    for field, items in (("natures", natures), ("staff_complained_about", staff_complained_about)):
        if items is not None:
            many += _set_many(complaint, field, list(items))
    if many and not changed:
        raise_version(complaint)
    changes += many
    if changes:
        history.record(complaint, Event.CHANGED, actor=acting_user, changes=changes)
    return complaint


@changes_complaint
def update_personal_data(
    complaint: Complaint, /, *, acting_user: User, expected_version: int | None = None, **values: str
) -> PersonalData:
    """Change the complainant's data; the history names the fields changed but not their contents.

    ``expected_version`` refuses the change when someone else changed the complaint in the meantime.
    """
    check_version(complaint, expected_version)
    unknown = set(values) - set(PERSONAL_FIELDS)
    if unknown:
        raise ValueError(f"Not editable: {sorted(unknown)}")
    personal = complaint.personal_data
    changed = [name for name, value in values.items() if getattr(personal, name) != value]
    for name in changed:
        setattr(personal, name, values[name])
    personal.full_clean()
    personal.save()
    if changed:
        raise_version(complaint)
        history.record(
            complaint,
            Event.CHANGED,
            actor=acting_user,
            changes=[{"field": name, "old": "…", "new": "…"} for name in changed],
        )
    return personal


@changes_complaint
def record_ombudsman_referral(
    complaint: Complaint, /, *, referred_on: Any, reference: str, acting_user: User | None
) -> Complaint:
    """Record that the complainant petitioned the ombudsman (Awb 9:18): the date and its reference.

    ``ombudsman_referred_on`` is the fact that moves the retention of the case to 10 years
    (Selectielijst 13.1.2); the ombudsman app calls this when a case is opened. A later date than one
    already recorded is kept as it is: the first referral counts.
    """
    values: dict[str, Any] = {}
    if complaint.ombudsman_referred_on is None or referred_on < complaint.ombudsman_referred_on:
        values["ombudsman_referred_on"] = referred_on
    if reference and reference != complaint.ombudsman_reference:
        values["ombudsman_reference"] = reference[:60]
    if not values:
        return complaint
    before = history.snapshot(complaint, list(values))
    for name, value in values.items():
        setattr(complaint, name, value)
    save_facts(complaint, list(values))
    history.record(
        complaint,
        Event.CHANGED,
        actor=acting_user,
        changes=history.diff(before, history.snapshot(complaint, list(values))),
    )
    return complaint


def record_ombudsman_event(
    complaint: Complaint,
    /,
    *,
    acting_user: User | None,
    note: str,
    changes: list[dict[str, Any]] | None = None,
) -> None:
    """Append a step of the complaint's ombudsman case to the complaint's own history."""
    history.record(complaint, Event.CHANGED, actor=acting_user, note=note, changes=changes or [])
