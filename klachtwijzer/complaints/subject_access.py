"""An AVG access request (article 15): everything Klachtwijzer holds about one person, as one ZIP file.

The person is a complainant, found by e-mail address or exact name, or a person complained about, found
by exact name (as typed in "person(s) complained about") or as a member of staff (username). The ZIP
holds ``inzageverzoek.json`` (the data, for a machine) and ``inzageverzoek.html`` (the same, to read or
print). Per complaint: its facts, the personal data, the complaint elements, the history, the letters
sent to the person (a list, not their text), the attachments (a list) and the complainant's messages.

Another person's data never appear:

- a complainant gets only complaints with their own e-mail address or name, and of letters only those
  sent to the complainant;
- a person complained about gets only complaints that name them, no data of the complainant (name,
  address, postcode, e-mail address, phone number are left out, and wherever they appear in a text
  they are replaced by ``[weggelaten]``), and of letters only those sent to them.

Names of staff acting in their office (who took a step) are kept. The privacy officer reads the file before
handing it out (the AVG's exceptions, article 15 lid 4 and article 41 UAVG, are theirs to weigh).
Every export is logged: one access-log entry per complaint (action export, detail ``subject access``)
and one for the request itself, with how the person was found but not who it was.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from klachtwijzer.accounts.models import User

from . import audit, extensions
from .models import Complaint, HistoryEvent, PersonalData, PersonalDataAccess

EMAIL, NAME, STAFF = "email", "name", "staff"
KINDS = {
    EMAIL: gettext_lazy("E-mail address of the complainant"),
    NAME: gettext_lazy("Exact name (of the complainant or of a person complained about)"),
    STAFF: gettext_lazy("Username of a member of staff complained about"),
}
COMPLAINANT, PERSON_COMPLAINED_ABOUT = "complainant", "person_complained_about"
# The letters app's recipient roles (``letters.models.RecipientRole``), named here as this app may not
# import it.
LETTER_RECIPIENT = {COMPLAINANT: "complainant", PERSON_COMPLAINED_ABOUT: "person_complained_about"}
MAX_LENGTH = 200
MASK = "[weggelaten]"
# The complainant's data, of which a person complained about gets nothing.
COMPLAINANT_FIELDS = ("name", "address", "postcode", "city", "email", "phone")
# What the complaint says about the person complained about.
ABOUT_FIELDS = ("description", "desired_outcome", "hearing_report", "findings", "notes")
PERSONAL_FIELDS = (*COMPLAINANT_FIELDS, "person_complained_about", *ABOUT_FIELDS)
# Words of a name too common to hide on their own.
NAME_PARTICLES = {"de", "den", "der", "van", "het", "ter", "ten", "te", "op", "in", "la", "le", "du", "von"}
_NAME_SEPARATORS = re.compile(r"[,;/\n]|\s+(?:en|and|&)\s+", re.IGNORECASE)


class SubjectError(Exception):
    """The request cannot be answered as asked; ``message`` says why, in Dutch."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Subject:
    """Whom the request is about: how they are found, and the member of staff when it is one."""

    kind: str
    value: str
    user: User | None = None

    @property
    def name(self) -> str:
        """The person's name, as letters to them and the complaint would have it."""
        if self.user is not None:
            return self.user.get_full_name() or self.user.username
        return self.value if self.kind == NAME else ""


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def subject_for(kind: str, value: str) -> Subject:
    """The subject as the privacy officer typed it, or ``SubjectError`` with the reason."""
    value = " ".join(value.split())
    if kind not in KINDS:
        raise SubjectError(_("Choose how to find the person: e-mail address, name or member of staff."))
    if not value:
        raise SubjectError(_("Fill in whom the request is about."))
    if len(value) > MAX_LENGTH:
        raise SubjectError(_("Fill in at most %(max)d characters.") % {"max": MAX_LENGTH})
    if kind == EMAIL:
        try:
            validate_email(value)
        except ValidationError as error:
            raise SubjectError(_("Fill in a valid e-mail address, like naam@voorbeeld.nl.")) from error
    if kind == STAFF:
        user = User.objects.filter(username=value).first()
        if user is None:
            raise SubjectError(_("There is no member of staff with this username."))
        return Subject(kind, value, user)
    return Subject(kind, value)


def _named_in(listing: str, name: str) -> bool:
    """Whether ``name`` is one of the names in a "person(s) complained about" text."""
    wanted = _norm(name)
    return bool(wanted) and any(_norm(part) == wanted for part in _NAME_SEPARATORS.split(listing))


def _named(name: str) -> set[int]:
    rows = PersonalData.objects.filter(person_complained_about__icontains=name).values_list(
        "complaint_id", "person_complained_about"
    )
    return {pk for pk, listing in rows if _named_in(listing, name)}


def find(subject: Subject) -> dict[int, set[str]]:
    """The complaints held about the subject, by id, with how they are in it (complainant or not)."""
    found: dict[int, set[str]] = defaultdict(set)
    if subject.kind == EMAIL:
        for pk in PersonalData.objects.filter(email__iexact=subject.value).values_list(
            "complaint_id", flat=True
        ):
            found[pk].add(COMPLAINANT)
    elif subject.kind == NAME:
        names = PersonalData.objects.filter(name__iexact=subject.value).values_list("complaint_id", "name")
        for pk, name in names:
            if _norm(name) == _norm(subject.value):
                found[pk].add(COMPLAINANT)
        for pk in _named(subject.value):
            found[pk].add(PERSON_COMPLAINED_ABOUT)
    elif subject.user is not None:
        for pk in Complaint.objects.filter(staff_complained_about=subject.user).values_list("pk", flat=True):
            found[pk].add(PERSON_COMPLAINED_ABOUT)
        if subject.user.get_full_name():
            for pk in _named(subject.user.get_full_name()):
                found[pk].add(PERSON_COMPLAINED_ABOUT)
    return dict(found)


def _masker(personal: PersonalData | None) -> Callable[[str], str]:
    """Replace the complainant's data, wherever they appear in a text, by ``[weggelaten]``."""
    secrets: set[str] = set()
    if personal is not None:
        for field in COMPLAINANT_FIELDS:
            value = " ".join(str(getattr(personal, field)).split())
            if len(value) >= 3:
                secrets.add(value)
        for word in re.split(r"[\s.,]+", personal.name):
            if len(word) >= 3 and word.casefold() not in NAME_PARTICLES:
                secrets.add(word)
    if not secrets:
        return lambda text: text
    pattern = re.compile(
        "|".join(re.escape(s).replace(r"\ ", r"\s+") for s in sorted(secrets, key=len, reverse=True)),
        re.IGNORECASE,
    )
    return lambda text: pattern.sub(MASK, text)


def _masked(value: Any, mask: Callable[[str], str]) -> Any:
    if isinstance(value, str):
        return mask(value)
    if isinstance(value, list):
        return [_masked(item, mask) for item in value]
    if isinstance(value, dict):
        return {key: _masked(item, mask) for key, item in value.items()}
    return value


def _date(value: Any) -> str:
    return value.isoformat() if value else ""


def _facts(complaint: Complaint) -> dict[str, str]:
    return {
        "reference": complaint.reference,
        "received_on": _date(complaint.received_on),
        "status": str(complaint.get_status_display()),
        "kind": str(complaint.get_kind_display()),
        "channel": str(complaint.get_channel_display()),
        "department": str(complaint.department or ""),
        "partner": str(complaint.partner or ""),
        "outcome": str(complaint.get_outcome_display()),
        "judgement": str(complaint.get_judgement_display()),
        "closed_on": _date(complaint.closed_on),
        "destroy_on": _date(complaint.destroy_on),
    }


def _history(events: Iterable[HistoryEvent]) -> list[dict[str, Any]]:
    return [
        {
            "at": timezone.localtime(event.at).isoformat(),
            "event": str(event.get_type_display()),
            "by": str(event.actor) if event.actor else event.actor_label,
            "note": event.note,
            "changes": event.changes,
        }
        for event in events
    ]


def _letters(letters: list[dict[str, Any]], relations: set[str], subject: Subject) -> list[dict[str, Any]]:
    """Only the letters sent to the subject: to the complainant, or to this person complained about."""
    kept = []
    for letter in letters:
        if COMPLAINANT in relations and letter["recipient_role"] == LETTER_RECIPIENT[COMPLAINANT]:
            kept.append(letter)
        elif (
            PERSON_COMPLAINED_ABOUT in relations
            and letter["recipient_role"] == LETTER_RECIPIENT[PERSON_COMPLAINED_ABOUT]
        ):
            by_name = subject.name and _norm(letter["recipient_name"]) == _norm(subject.name)
            email = subject.user.email if subject.user else ""
            if by_name or (email and _norm(letter["recipient_email"]) == _norm(email)):
                kept.append(letter)
    return [{key: value for key, value in letter.items() if key != "recipient_role"} for letter in kept]


def _advice(complaint: Complaint) -> dict[str, str]:
    """The advisory committee's advice (Awb 9:16), if there is one, by the labels a reader sees."""
    advice = getattr(complaint, "committee_advice", None)
    if advice is None:
        return {}
    values = {
        "hearing_on": _date(advice.hearing_on),
        "advised_on": _date(advice.advised_on),
        "recommended_judgement": str(advice.get_recommended_judgement_display()),
        "advice": advice.advice,
        "document_name": advice.document_name,
        "departure_reason": advice.departure_reason,
    }
    return {capfirst(str(advice._meta.get_field(name).verbose_name)): value for name, value in values.items()}


@dataclass(frozen=True)
class Export:
    """What was found, as the JSON document, and the complaints it covers (for the log)."""

    document: dict[str, Any]
    complaints: list[Complaint]


def collect(subject: Subject, *, made_by: str) -> Export:
    """Everything held about the subject, in a fixed number of queries whatever the number of complaints."""
    found = find(subject)
    complaints = list(
        Complaint.objects.filter(pk__in=found)
        .select_related("department", "partner", "personal_data")
        .prefetch_related(
            Prefetch("history", queryset=HistoryEvent.objects.select_related("actor").order_by("at", "pk")),
            "attachments",
            "messages",
            "elements",
            "hearings",
        )
        .select_related("committee_advice")
        .order_by("received_on", "reference")
    )
    letters = extensions.subject_letters([c.pk for c in complaints])
    parts = extensions.subject_parts([c.pk for c in complaints])
    entries = []
    for complaint in complaints:
        relations = found[complaint.pk]
        personal = getattr(complaint, "personal_data", None)
        complainant = COMPLAINANT in relations
        fields = PERSONAL_FIELDS if complainant else ABOUT_FIELDS
        entry: dict[str, Any] = {
            "reference": complaint.reference,
            "relation": [
                str(_("complainant") if relation == COMPLAINANT else _("person complained about"))
                for relation in sorted(relations)
            ],
            "facts": _facts(complaint),
            "personal_data": {field: getattr(personal, field) if personal else "" for field in fields},
            "destroyed_on": _date(personal.destroyed_on) if personal else "",
            "elements": [
                {"summary": e.summary, "judgement": str(e.get_judgement_display()), "reasoning": e.reasoning}
                for e in complaint.elements.all()
            ],
            "history": _history(complaint.history.all()),
            "letters": _letters(letters.get(complaint.pk, []), relations, subject),
            "attachments": [
                {
                    "filename": a.filename,
                    "content_type": a.content_type,
                    "size": a.size,
                    "uploaded_at": timezone.localtime(a.uploaded_at).isoformat(),
                    "from_complainant": a.from_complainant,
                }
                for a in complaint.attachments.all()
            ],
            "messages": [
                {"received_at": timezone.localtime(m.received_at).isoformat(), "text": m.text}
                for m in complaint.messages.all()
            ],
            "hearings": [
                {
                    "party": str(h.get_party_display()),
                    "planned_on": _date(h.planned_on),
                    "held_on": _date(h.held_on),
                    "report": h.report,
                }
                for h in complaint.hearings.all()
            ],
            "committee_advice": _advice(complaint),
            **{key: found.get(complaint.pk, []) for key, found in parts.items()},
        }
        if not complainant:
            mask = _masker(personal)
            for part in ("personal_data", "elements", "history", "letters", "attachments", "messages"):
                entry[part] = _masked(entry[part], mask)
            for part in ("hearings", "committee_advice", *parts):
                entry[part] = _masked(entry[part], mask)
        entries.append(entry)
    document = {
        "request": {
            "found_by": str(KINDS[subject.kind]),
            "searched_for": subject.value,
            "made_at": timezone.localtime().isoformat(),
            "made_by": made_by,
        },
        "complaints": entries,
    }
    return Export(document, complaints)


def file_name() -> str:
    return pgettext("file name", "access-request-%(date)s.zip") % {"date": timezone.localdate().isoformat()}


FACT_LABELS = {
    "reference": gettext_lazy("reference"),
    "received_on": gettext_lazy("received on"),
    "status": gettext_lazy("status"),
    "kind": gettext_lazy("kind"),
    "channel": gettext_lazy("channel"),
    "department": gettext_lazy("department"),
    "partner": gettext_lazy("partner"),
    "outcome": gettext_lazy("how it ended"),
    "judgement": gettext_lazy("judgement"),
    "closed_on": gettext_lazy("closed on"),
    "destroy_on": gettext_lazy("destroy personal data on"),
}


def _field_label(name: str) -> str:
    field = PersonalData._meta.get_field(name)
    return str(getattr(field, "verbose_name", name))


def _page(document: dict[str, Any]) -> str:
    """The document as a page: each complaint's facts and personal data as labelled rows."""
    complaints = [
        {
            **entry,
            "fact_rows": [(FACT_LABELS[key], value) for key, value in entry["facts"].items() if value],
            "personal_rows": [
                (_field_label(key), value) for key, value in entry["personal_data"].items() if value
            ],
        }
        for entry in document["complaints"]
    ]
    titles = extensions.subject_part_titles()
    for complaint in complaints:
        complaint["other_parts"] = [(title, complaint.get(key, [])) for key, title in titles.items()]
    context = {"request": document["request"], "complaints": complaints}
    return render_to_string("complaints/subject_access_export.html", context)


def zip_bytes(document: dict[str, Any]) -> bytes:
    """The ZIP: the JSON document and the same as a page to read or print."""
    stem = pgettext("file name", "access-request")  # the names inside the ZIP
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"{stem}.json", json.dumps(document, ensure_ascii=False, indent=2))
        archive.writestr(f"{stem}.html", _page(document))
    return buffer.getvalue()


def export(subject: Subject, *, user: User | None, actor_label: str = "") -> tuple[bytes, int]:
    """Collect, log and pack everything held about the subject; the ZIP and the number of complaints.

    Logged before the file is handed out, in one transaction: one entry per complaint and one for the
    request (how the person was found and how many complaints, never who).
    """
    made_by = user.username if user is not None else actor_label
    with transaction.atomic():
        found = collect(subject, made_by=made_by)
        for complaint in found.complaints:
            audit.log_access(
                user, complaint, PersonalDataAccess.Action.EXPORT, "subject access", actor_label=actor_label
            )
        audit.log_export(
            user,
            f"subject access by {subject.kind}: {len(found.complaints)} complaints",
            actor_label=actor_label,
        )
    return zip_bytes(found.document), len(found.complaints)
