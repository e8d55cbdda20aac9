"""What a written complaint must hold (Awb 9:4 lid 2), computed from its data, and what follows a gap.

A written complaint holds the complainant's name and address, a date and a description of the conduct.
A complaint registered in the back office may lack some of these: it is stored anyway, its page shows what
is missing (``missing_parts``), and the handler may ask the complainant to complete it
(``handling.request_completion``, with its letter). The term does not stop meanwhile (no clock stops in
the law). When the reply date passes with parts still missing, the complaint is handled with what is there
and that is recorded once (``record_lapsed_requests``, run by the daily pass): the policy of
``docs/adr/0010-incomplete-and-oral-complaints.md``. An oral complaint (Awb 9:1, 9:2) has no such
requirements.

The address counts as given with the street and house number and a postcode or a town.
"""

from __future__ import annotations

import datetime as dt
import enum

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_stubs_ext import StrOrPromise

from . import history
from .constants import Form
from .dates import long_date
from .locking import changes_complaint
from .models import Complaint, ComplaintQuerySet, ComplaintT, PersonalData
from .steps import Event, save_facts


class Part(enum.StrEnum):
    """A part of a written complaint that Awb 9:4 lid 2 asks for."""

    NAME = "name"
    ADDRESS = "address"
    DATE = "date"
    DESCRIPTION = "description"


# How a part is named on the complaint page, in a sentence and in the letter ("uw naam", ...).
PART_LABELS: dict[Part, StrOrPromise] = {
    Part.NAME: gettext_lazy("the complainant's name"),
    Part.ADDRESS: gettext_lazy("the complainant's address"),
    Part.DATE: gettext_lazy("a date on the complaint"),
    Part.DESCRIPTION: gettext_lazy("a description of the conduct complained about"),
}
LETTER_LABELS: dict[Part, StrOrPromise] = {
    Part.NAME: gettext_lazy("your name"),
    Part.ADDRESS: gettext_lazy("your address (street, house number, postcode and town)"),
    Part.DATE: gettext_lazy("the date of your complaint"),
    Part.DESCRIPTION: gettext_lazy(
        "what happened: what did the municipality or its employee do or fail to do?"
    ),
}


def applies(complaint: Complaint) -> bool:
    """Whether Awb 9:4 lid 2 applies and can be checked: a written complaint whose data were not destroyed."""
    personal: PersonalData | None = getattr(complaint, "personal_data", None)
    return complaint.form == Form.WRITTEN and personal is not None and personal.destroyed_on is None


def missing_parts(complaint: Complaint) -> list[Part]:
    """The parts a written complaint lacks (Awb 9:4 lid 2); none for an oral one or destroyed data."""
    if not applies(complaint):
        return []
    personal = complaint.personal_data
    missing = []
    if not personal.name.strip():
        missing.append(Part.NAME)
    if not personal.address.strip() or not (personal.postcode.strip() or personal.city.strip()):
        missing.append(Part.ADDRESS)
    if complaint.dated_on is None:
        missing.append(Part.DATE)
    if not personal.description.strip():
        missing.append(Part.DESCRIPTION)
    return missing


def incomplete_q() -> Q:
    """The database's version of ``missing_parts``: written complaints that lack a part."""
    return Q(form=Form.WRITTEN, personal_data__destroyed_on__isnull=True) & (
        Q(personal_data__name="")
        | Q(personal_data__address="")
        | Q(personal_data__postcode="", personal_data__city="")
        | Q(dated_on__isnull=True)
        | Q(personal_data__description="")
    )


def awaiting_completion(complaints: ComplaintQuerySet[ComplaintT]) -> ComplaintQuerySet[ComplaintT]:
    """Open complaints asked to complete whose data are still incomplete (the reply date passed or not)."""
    return complaints.open().filter(incomplete_q(), completion_requested_on__isnull=False)


def reply_date_passed(complaint: Complaint, today: dt.date) -> bool:
    """The complainant was asked to complete the complaint, the reply date passed and parts are missing."""
    reply_by = complaint.completion_reply_by
    return reply_by is not None and reply_by < today and bool(missing_parts(complaint))


def sentence(parts: list[Part]) -> str:
    """The parts as one Dutch phrase: "de naam, het adres en een datum"."""
    labels = [str(PART_LABELS[part]) for part in parts]
    if len(labels) < 2:
        return "".join(labels)
    return _("%(first)s and %(last)s") % {"first": ", ".join(labels[:-1]), "last": labels[-1]}


@changes_complaint
def record_lapse(complaint: Complaint, *, today: dt.date) -> Complaint:
    """Record once that the reply date passed with parts missing: the complaint is handled as it is."""
    if complaint.completion_lapsed_on is not None or not reply_date_passed(complaint, today):
        return complaint
    missing = missing_parts(complaint)
    complaint.completion_lapsed_on = today
    save_facts(complaint, ["completion_lapsed_on"])
    assert complaint.completion_reply_by is not None  # reply_date_passed checked it
    note = _(
        "The complainant did not complete the complaint by %(date)s. Still missing: %(parts)s. The complaint "
        "is handled with what is there; the term runs on."
    ) % {"date": long_date(complaint.completion_reply_by), "parts": sentence(missing)}
    history.record(complaint, Event.COMPLETION_LAPSED, actor=None, actor_label=_("Klachtwijzer"), note=note)
    return complaint


def record_lapsed_requests(*, today: dt.date) -> int:
    """Record every open request to complete whose reply date passed without completion; the number."""
    candidates = (
        awaiting_completion(Complaint.objects.all())
        .filter(completion_reply_by__lt=today, completion_lapsed_on__isnull=True)
        .select_related("personal_data")
    )
    recorded = 0
    for complaint in candidates:
        if record_lapse(complaint, today=today).completion_lapsed_on == today:
            recorded += 1
    return recorded
