"""What a letter may say: the variables of the letter templates and the conditions for each kind.

A letter is made only when the step it belongs to allows it (``check_ready``):

- acknowledgement (Awb 9:6): the complaint is open and not yet acknowledged;
- notice of not handling (9:8): the complaint was closed on a ground of 9:8; the ombudsman term runs
  one year from the notice;
- copy to the person complained about (9:9): the complaint is being handled;
- hearing invitation (9:10): the hearing has been planned;
- extension notice (9:11 lid 2): the extension has been recorded;
- outcome letter (9:12): the complaint was closed with a judgement, and the letter has the
  findings, a judgement with reasons for every element, the measures (stated explicitly, "geen"
  when there are none) and the ombudsman clause with its one-year term (9:24);
- hearing report (9:10): the hearing was held and its report (verslag) recorded; to both parties;
- request to complete (Awb 9:4): the request was recorded and the complaint still lacks a part; the
  letter names the parts and the reply date;
- explanation, not a complaint: triage closed it as not a complaint; ``instead`` says what it is
  (a report, an objection, a question, policy), so the text can say where the resident goes.

Templates see plain values only (strings, lists of strings), never model instances, so a template
edited in the browser cannot reach anything but what is listed in ``VARIABLES``.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from klachtwijzer.accounts.models import Municipality, User
from klachtwijzer.complaints import completeness
from klachtwijzer.complaints.constants import (
    OPEN_STATUSES,
    REMEDY_GROUNDS,
    Form,
    NotAComplaintKind,
    NotHandledGround,
    Outcome,
    Status,
)
from klachtwijzer.complaints.dates import long_date
from klachtwijzer.complaints.hearing_models import COMPLAINANT_PARTIES, PERSON_COMPLAINED_ABOUT_PARTIES
from klachtwijzer.complaints.models import Complaint, Hearing

from .models import LetterKind, RecipientRole

DEFAULTS_DIR = Path(__file__).resolve().parent / "defaults"


class LetterError(ValidationError):
    """A letter that cannot be made now; the message says why, in Dutch."""


VARIABLES: dict[str, Any] = {
    "municipality": gettext_lazy("Name of the municipality"),
    "municipality_address": gettext_lazy("Postal address of the municipality"),
    "municipality_phone": gettext_lazy("Phone number of the municipality"),
    "municipality_email": gettext_lazy("Complaints e-mail address of the municipality"),
    "municipality_website": gettext_lazy("Website of the municipality"),
    "reference": gettext_lazy("Reference of the complaint"),
    "letter_date": gettext_lazy("Date of the letter"),
    "received_on": gettext_lazy("Date of receipt"),
    "term_ends_on": gettext_lazy("End of the handling term (Awb 9:11)"),
    "extended_term_ends_on": gettext_lazy("End of the extended term"),
    "extension_reason": gettext_lazy(
        "Reason for the extension: only filled in when the handler ticks that it goes in the letter"
    ),
    "advisory_committee": gettext_lazy(
        "True when an advisory committee handles the complaint (use with {% if %})"
    ),
    "recipient_name": gettext_lazy("Name of the addressee"),
    "complainant_name": gettext_lazy("Name of the complainant"),
    "description": gettext_lazy("The complaint in the complainant's words"),
    "desired_outcome": gettext_lazy("What the complainant wants"),
    "department": gettext_lazy("Department the complaint is about"),
    "handler_name": gettext_lazy("Name of the handler"),
    "handler_email": gettext_lazy("E-mail address of the handler"),
    "hearing_date": gettext_lazy("Date of the hearing"),
    "hearing_time": gettext_lazy('Time of the hearing ("14:30 uur")'),
    "hearing_place": gettext_lazy("Place of the hearing (empty for a video call)"),
    "hearing_video_link": gettext_lazy("Video link of the hearing (empty when it is held in a building)"),
    "hearing_reply_by": gettext_lazy("Date by which the parties answer the hearing invitation"),
    "hearing_held_on": gettext_lazy("Date the hearing was held"),
    "hearing_report": gettext_lazy("The report (verslag) of the hearing"),
    "attachments": gettext_lazy("List of the complainant's attachments"),
    "not_handled_ground": gettext_lazy("Ground of Awb 9:8 for not handling, in words, with its article"),
    "not_handled_remedy": gettext_lazy(
        "For grounds 1c and 1d: where and until when objection or appeal is or was possible"
    ),
    "instead": gettext_lazy(
        "What it is instead of a complaint: melding, bezwaar, vraag or beleid "
        '(use with {% if instead == "melding" %})'
    ),
    "findings": gettext_lazy("Findings (what was established)"),
    "elements": gettext_lazy("Complaint elements: a list; each has number, summary, judgement and reasoning"),
    "judgement": gettext_lazy("Overall judgement"),
    "measures": gettext_lazy("Measures taken or 'geen'"),
    "ombudsman_name": gettext_lazy("The ombudsman"),
    "ombudsman_address": gettext_lazy("The ombudsman's address"),
    "ombudsman_term_ends_on": gettext_lazy("Last day to go to the ombudsman (Awb 9:24)"),
    "ombudsman_clause": gettext_lazy("The full ombudsman clause with its one-year term"),
    "status_url": gettext_lazy("Private status link (only in letters to the complainant)"),
    "extra": gettext_lazy("Additional text typed when the letter is made"),
    "committee_advised": gettext_lazy("Yes when the advisory committee advised on the complaint"),
    "committee_judgement": gettext_lazy("The judgement the advisory committee recommended"),
    "departure_reason": gettext_lazy("Why the judgement departs from the committee's advice"),
    "to_complainant": gettext_lazy("Yes when the letter goes to the complainant (write 'uw klacht' then)"),
    "informal_resolved_on": gettext_lazy("Date the complaint was resolved informally (Awb 9:5)"),
    "informal_how": gettext_lazy("How the complainant's satisfaction was established"),
    "informal_agreement": gettext_lazy("What was agreed with the complainant"),
    "forwarded_to": gettext_lazy("The body or partner the complaint was forwarded to (Awb 2:3)"),
    "missing_parts": gettext_lazy(
        "What the written complaint still lacks (Awb 9:4): a list, in words for the complainant"
    ),
    "completion_reply_by": gettext_lazy("Date by which the complainant is asked to complete the complaint"),
}

# The variables a template of each kind must use (checked when a template is saved).
REQUIRED_VARIABLES: dict[str, set[str]] = {
    LetterKind.ACKNOWLEDGEMENT: {"reference", "term_ends_on"},
    LetterKind.NOT_HANDLING: {"reference", "not_handled_ground", "ombudsman_clause"},
    LetterKind.COPY: {"reference", "description"},
    LetterKind.HEARING: {"reference", "hearing_date"},
    LetterKind.EXTENSION: {"reference", "extended_term_ends_on"},
    LetterKind.OUTCOME: {"reference", "findings", "elements", "measures", "ombudsman_clause"},
    LetterKind.NOT_A_COMPLAINT: {"reference"},
    LetterKind.HEARING_REPORT: {"reference", "hearing_report"},
    LetterKind.INFORMAL: {"reference", "informal_agreement"},
    LetterKind.FORWARDING: {"reference", "forwarded_to"},
    LetterKind.WITHDRAWAL: {"reference"},
    LetterKind.REQUEST_TO_COMPLETE: {"reference", "missing_parts", "completion_reply_by"},
}

# Who each kind of letter goes to.
RECIPIENT_ROLES: dict[str, tuple[str, ...]] = {
    LetterKind.ACKNOWLEDGEMENT: (RecipientRole.COMPLAINANT,),
    LetterKind.NOT_HANDLING: (RecipientRole.COMPLAINANT,),
    LetterKind.COPY: (RecipientRole.PERSON_COMPLAINED_ABOUT,),
    LetterKind.HEARING: (RecipientRole.COMPLAINANT, RecipientRole.PERSON_COMPLAINED_ABOUT),
    LetterKind.EXTENSION: (RecipientRole.COMPLAINANT, RecipientRole.PERSON_COMPLAINED_ABOUT),
    LetterKind.OUTCOME: (RecipientRole.COMPLAINANT,),
    LetterKind.NOT_A_COMPLAINT: (RecipientRole.COMPLAINANT,),
    LetterKind.HEARING_REPORT: (RecipientRole.COMPLAINANT, RecipientRole.PERSON_COMPLAINED_ABOUT),
    LetterKind.INFORMAL: (RecipientRole.COMPLAINANT,),
    LetterKind.FORWARDING: (RecipientRole.COMPLAINANT, RecipientRole.COMPETENT_BODY),
    LetterKind.WITHDRAWAL: (RecipientRole.COMPLAINANT,),
    LetterKind.REQUEST_TO_COMPLETE: (RecipientRole.COMPLAINANT,),
}


# The grounds of Awb 9:8 as a resident reads them (B1), with the article they come from.
GROUND_WORDS: dict[str, Any] = {
    NotHandledGround.ALREADY_HANDLED: gettext_lazy(
        "We have already handled a complaint about the same conduct (article 9:8, paragraph 1, under a)."
    ),
    NotHandledGround.OLDER_THAN_YEAR: gettext_lazy(
        "What you complain about happened more than a year before you filed your complaint "
        "(article 9:8, paragraph 1, under b)."
    ),
    NotHandledGround.OBJECTION_POSSIBLE: gettext_lazy(
        "You could or can object to this (bezwaar: you ask the municipality to look at its decision "
        "again) (article 9:8, paragraph 1, under c)."
    ),
    NotHandledGround.APPEAL_POSSIBLE: gettext_lazy(
        "You could or can appeal against this (beroep: you ask a court to look at the decision) "
        "(article 9:8, paragraph 1, under d)."
    ),
    NotHandledGround.BEFORE_COURT: gettext_lazy(
        "A civil or criminal court is dealing with, or has dealt with, the same conduct "
        "(article 9:8, paragraph 1, under e)."
    ),
    NotHandledGround.CRIMINAL_INVESTIGATION: gettext_lazy(
        "There is a criminal investigation into the same conduct (article 9:8, paragraph 1, under f)."
    ),
    NotHandledGround.TOO_SMALL: gettext_lazy(
        "Your interest or the weight of what happened is clearly too small (article 9:8, paragraph 2)."
    ),
}


def ground_in_words(ground: str) -> str:
    """The ground of 9:8 as the notice states it: in words, with the article; '' without a ground."""
    return str(GROUND_WORDS[ground]) if ground in GROUND_WORDS else ""


def remedy_sentence(ground: str, where: str, until: dt.date | None) -> str:
    """Where and until when objection (1c) or appeal (1d) is or was possible; '' for other grounds."""
    if ground not in REMEDY_GROUNDS or not where or until is None:
        return ""
    values = {"where": where, "date": long_date(until)}
    if ground == NotHandledGround.OBJECTION_POSSIBLE:
        return _("You could or can object to %(where)s until %(date)s.") % values
    return _("You could or can appeal to %(where)s until %(date)s.") % values


def sender_email(municipality: Municipality) -> str:
    """The address residents see on letters and e-mails, and reply to: the municipality's published
    complaints address (admin, *Municipality*), or ``DEFAULT_FROM_EMAIL`` while it has none."""
    return municipality.email or settings.DEFAULT_FROM_EMAIL


def status_url(complaint: Complaint) -> str:
    return settings.SITE_URL + reverse("intake:status", kwargs={"token": complaint.public_token})


def ombudsman_clause(municipality: Municipality, term_ends_on: dt.date | None) -> str:
    """The sentence every final letter ends with: where to go next, and until when (Awb 9:24)."""
    return _(
        "If you are not satisfied with how your complaint was handled, you may go to %(ombudsman)s "
        "(%(address)s). You can do so within one year of the date of this letter, so until "
        "%(date)s (Article 9:24 of the General Administrative Law Act)."
    ) % {
        "ombudsman": municipality.ombudsman_name,
        "address": municipality.ombudsman_address,
        "date": long_date(term_ends_on),
    }


def _require(condition: object, message: str) -> None:
    if not condition:
        raise LetterError(message, code="not_ready")


def check_ready(complaint: Complaint, kind: str, municipality: Municipality) -> None:
    """Refuse a letter whose step has not been taken or whose required content is missing."""
    if kind == LetterKind.ACKNOWLEDGEMENT:
        _require(complaint.status in OPEN_STATUSES, _("The complaint has already been closed."))
        _require(
            complaint.form == Form.WRITTEN,
            _("An oral complaint gets no acknowledgement (Awb 9:6 is for written complaints)."),
        )
        _require(
            not complaint.acknowledged_on,
            _("The acknowledgement was already sent on %(date)s.")
            % {"date": long_date(complaint.acknowledged_on)},
        )
    elif kind == LetterKind.COPY:
        _require(
            complaint.status in (Status.TRIAGED, Status.IN_HANDLING, Status.WAITING),
            _("A copy is sent while the complaint is being handled."),
        )
    elif kind == LetterKind.HEARING:
        hearing = complaint.hearings.order_by("-pk").first()
        _require(hearing, _("Plan the hearing first; the invitation states its date."))
        _require(
            hearing and hearing.starts_at and (hearing.place or hearing.video_link),
            _(
                "Record the time of the hearing and its place or video link first; "
                "the invitation states them."
            ),
        )
    elif kind == LetterKind.EXTENSION:
        _require(
            complaint.extension_notice_on and complaint.extended_term_ends_on,
            _("Record the extension (date and reason) first; the notice states the new term."),
        )
    elif kind == LetterKind.NOT_HANDLING:
        _require(
            complaint.outcome == Outcome.NOT_HANDLED and complaint.not_handled_ground,
            _("Record the decision not to handle the complaint (Awb 9:8) first."),
        )
        _require(
            complaint.not_handled_ground not in REMEDY_GROUNDS
            or bool(complaint.not_handled_remedy_where and complaint.not_handled_remedy_until),
            _(
                "Record where and until when objection or appeal is or was possible "
                "(Awb 9:8 lid 1c/1d) first."
            ),
        )
        _check_ombudsman(complaint, municipality)
    elif kind == LetterKind.OUTCOME:
        check_outcome_ready(complaint, municipality)
    elif kind == LetterKind.HEARING_REPORT:
        personal = getattr(complaint, "personal_data", None)
        _require(
            complaint.hearing_held_on and personal is not None and personal.hearing_report.strip(),
            _("Record the hearing and its report first; this letter sends the report."),
        )
    elif kind == LetterKind.INFORMAL:
        _require(
            complaint.outcome == Outcome.INFORMAL and complaint.closed_on,
            _("Record the informal resolution first; this letter confirms it (Awb 9:5)."),
        )
    elif kind == LetterKind.FORWARDING:
        _require(
            complaint.outcome == Outcome.FORWARDED and complaint.forwarded_to.strip(),
            _("Record to whom the complaint is forwarded first; the letter names it (Awb 2:3)."),
        )
    elif kind == LetterKind.WITHDRAWAL:
        _require(
            complaint.outcome == Outcome.WITHDRAWN,
            _("Record the withdrawal first; this letter confirms it."),
        )
    elif kind == LetterKind.REQUEST_TO_COMPLETE:
        _require(
            complaint.completion_requested_on and complaint.completion_reply_by,
            _("Record the request to complete first; the letter states the reply date (Awb 9:4)."),
        )
        _require(
            completeness.missing_parts(complaint),
            _("The complaint is complete now (Awb 9:4): there is nothing to ask for."),
        )
    elif kind == LetterKind.NOT_A_COMPLAINT:
        _require(
            complaint.outcome == Outcome.NOT_A_COMPLAINT,
            _("Triage the submission as not a complaint first; the letter explains that decision."),
        )


def _check_ombudsman(complaint: Complaint, municipality: Municipality) -> None:
    _require(
        municipality.ombudsman_name.strip() and municipality.ombudsman_address.strip(),
        _("Fill in the ombudsman's name and address in the municipality's settings."),
    )
    _require(
        complaint.ombudsman_petition_ends_on, _("The ombudsman term is not known: close the complaint first.")
    )


def check_outcome_ready(complaint: Complaint, municipality: Municipality) -> None:
    """The outcome letter needs findings, every element judged with reasons, measures and the
    ombudsman clause (Awb 9:12, 9:24)."""
    problems = []
    if complaint.outcome != Outcome.JUDGED or complaint.closed_on is None:
        problems.append(
            _("Close the complaint with a judgement first; the letter's date is the closing date.")
        )
    personal = getattr(complaint, "personal_data", None)
    if personal is None or not personal.findings.strip():
        problems.append(_("The outcome letter needs the findings (Awb 9:12)."))
    elements = list(complaint.elements.all())
    if not elements:
        problems.append(_("The outcome letter needs at least one judged complaint element."))
    for element in elements:
        if not element.judgement or not element.reasoning.strip():
            problems.append(
                _("Complaint element %(n)s has no judgement with reasons.") % {"n": element.position}
            )
    if not complaint.measures.strip():
        problems.append(_("State the measures; write 'geen' (none) if there are none."))
    if not (municipality.ombudsman_name.strip() and municipality.ombudsman_address.strip()):
        problems.append(_("Fill in the ombudsman's name and address in the municipality's settings."))
    if complaint.ombudsman_petition_ends_on is None:
        problems.append(_("The ombudsman term is not known: close the complaint first."))
    if problems:
        raise LetterError(problems, code="outcome_incomplete")


def letter_date(complaint: Complaint, kind: str, today: dt.date) -> dt.date:
    """The date a letter bears: the closing date for final letters, the notice date for an extension."""
    if kind == LetterKind.OUTCOME and complaint.closed_on:
        return complaint.closed_on
    if kind == LetterKind.INFORMAL and complaint.outcome == Outcome.INFORMAL and complaint.closed_on:
        return complaint.closed_on
    if kind == LetterKind.NOT_HANDLING and complaint.not_handled_notice_on:
        return complaint.not_handled_notice_on
    if kind == LetterKind.EXTENSION and complaint.extension_notice_on:
        return complaint.extension_notice_on
    if kind == LetterKind.REQUEST_TO_COMPLETE and complaint.completion_requested_on:
        return complaint.completion_requested_on
    return today


def complainant_address(complaint: Complaint) -> str:
    personal = complaint.personal_data
    lines = [personal.address, " ".join(part for part in (personal.postcode, personal.city) if part)]
    return "\n".join(line for line in lines if line.strip())


def build_context(
    complaint: Complaint,
    *,
    kind: str,
    recipient_role: str,
    recipient_name: str,
    day: dt.date,
    municipality: Municipality,
    extra: str = "",
    with_reason: bool = False,
) -> dict[str, Any]:
    """The values a letter template sees, all plain strings and lists.

    The extension reason is typed for staff; it is a value only when the handler chose to put it in the
    letter (``with_reason``), so it never reaches a resident unasked.
    """
    personal = complaint.personal_data
    handler: User | None = complaint.handler
    elements = [
        {
            "number": element.position,
            "summary": element.summary,
            "judgement": element.get_judgement_display() if element.judgement else "",
            "reasoning": element.reasoning,
            "nature": str(element.nature) if element.nature else "",
        }
        for element in complaint.elements.all()
    ]
    to_complainant = recipient_role == RecipientRole.COMPLAINANT
    return {
        "municipality": municipality.name,
        "municipality_address": municipality.address,
        "municipality_phone": municipality.phone,
        "municipality_email": sender_email(municipality),
        "municipality_website": municipality.website,
        "reference": complaint.reference,
        "letter_date": long_date(day),
        "received_on": long_date(complaint.received_on),
        "term_ends_on": long_date(complaint.term_ends_on),
        "extended_term_ends_on": long_date(complaint.extended_term_ends_on),
        "extension_reason": complaint.extension_reason if with_reason else "",
        "advisory_committee": complaint.advisory_committee,
        "recipient_name": recipient_name,
        "complainant_name": personal.name,
        "description": personal.description,
        "desired_outcome": personal.desired_outcome,
        "department": str(complaint.department or ""),
        "handler_name": str(handler) if handler else "",
        "handler_email": handler.email if handler else "",
        **_hearing_values(complaint, recipient_role, personal.hearing_report),
        "attachments": [attachment.filename for attachment in complaint.attachments.all()],
        "not_handled_ground": ground_in_words(complaint.not_handled_ground),
        "not_handled_remedy": remedy_sentence(
            complaint.not_handled_ground,
            complaint.not_handled_remedy_where,
            complaint.not_handled_remedy_until,
        ),
        "instead": complaint.not_a_complaint_kind,
        "findings": personal.findings,
        "elements": elements,
        "judgement": complaint.get_judgement_display() if complaint.judgement else "",
        "measures": complaint.measures,
        "ombudsman_name": municipality.ombudsman_name,
        "ombudsman_address": municipality.ombudsman_address,
        "ombudsman_term_ends_on": long_date(complaint.ombudsman_petition_ends_on),
        "ombudsman_clause": ombudsman_clause(municipality, complaint.ombudsman_petition_ends_on)
        if complaint.ombudsman_petition_ends_on
        else "",
        "status_url": status_url(complaint) if to_complainant else "",
        "extra": extra,
        "to_complainant": to_complainant,
        "informal_resolved_on": long_date(complaint.closed_on)
        if complaint.outcome == Outcome.INFORMAL
        else "",
        "informal_how": _sentence(complaint.informal_resolution_how),
        "informal_agreement": personal.informal_agreement,
        "forwarded_to": complaint.forwarded_to,
        "missing_parts": [
            str(completeness.LETTER_LABELS[part]) for part in completeness.missing_parts(complaint)
        ],
        "completion_reply_by": long_date(complaint.completion_reply_by),
        **_committee_values(complaint),
    }


def hearing_for(complaint: Complaint, recipient_role: str) -> Hearing | None:
    """The newest hearing with the addressee's party: the one their invitation or report is about."""
    parties = (
        COMPLAINANT_PARTIES
        if recipient_role == RecipientRole.COMPLAINANT
        else PERSON_COMPLAINED_ABOUT_PARTIES
    )
    return complaint.hearings.filter(party__in=parties).order_by("-pk").first()


def _hearing_values(complaint: Complaint, recipient_role: str, complainant_report: str) -> dict[str, str]:
    """The hearing the letter is about: its date, time, place or video link, reply date and report."""
    hearing = hearing_for(complaint, recipient_role)
    if hearing is None:
        return {
            "hearing_date": long_date(complaint.hearing_planned_on),
            "hearing_time": "",
            "hearing_place": "",
            "hearing_video_link": "",
            "hearing_reply_by": long_date(complaint.hearing_reply_by),
            "hearing_held_on": long_date(complaint.hearing_held_on),
            "hearing_report": complainant_report,
        }
    return {
        "hearing_date": long_date(hearing.planned_on),
        "hearing_time": f"{hearing.starts_at:%H:%M} uur" if hearing.starts_at else "",
        "hearing_place": hearing.place,
        "hearing_video_link": hearing.video_link,
        "hearing_reply_by": long_date(hearing.reply_by),
        "hearing_held_on": long_date(hearing.held_on),
        "hearing_report": hearing.report if hearing.held_on else complainant_report,
    }


def _sentence(text: str) -> str:
    """A short phrase typed for staff, as a sentence in a letter ("Telefonisch" -> "Telefonisch.")."""
    text = text.strip()
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?" else text + "."


def _committee_values(complaint: Complaint) -> dict[str, Any]:
    """What the outcome letter says about the advisory committee's advice (Awb 9:16)."""
    from klachtwijzer.complaints.committee import advice_of

    advice = advice_of(complaint) if complaint.advisory_committee else None
    return {
        "committee_advised": advice is not None,
        "committee_judgement": advice.get_recommended_judgement_display() if advice else "",
        "departure_reason": advice.departure_reason if advice else "",
    }


def sample_context(municipality: Municipality) -> dict[str, Any]:
    """Made-up values for the template editor's preview (``defaults/sample.json`` plus the municipality)."""
    sample = json.loads((DEFAULTS_DIR / "sample.json").read_text(encoding="utf-8"))
    petition_ends_on = dt.date(2026, 3, 3)
    return {
        **dict.fromkeys(VARIABLES, ""),
        **sample,
        "municipality": municipality.name,
        "municipality_address": municipality.address,
        "municipality_phone": municipality.phone,
        "municipality_email": sender_email(municipality),
        "municipality_website": municipality.website,
        "instead": NotAComplaintKind.REPORT.value,
        "reference": f"{municipality.reference_prefix}-2025-0042",
        "letter_date": long_date(dt.date(2025, 3, 3)),
        "received_on": long_date(dt.date(2025, 2, 17)),
        "term_ends_on": long_date(dt.date(2025, 3, 31)),
        "extended_term_ends_on": long_date(dt.date(2025, 4, 28)),
        "hearing_date": long_date(dt.date(2025, 3, 14)),
        "hearing_reply_by": long_date(dt.date(2025, 3, 10)),
        "hearing_held_on": long_date(dt.date(2025, 3, 14)),
        "hearing_time": "14:30 uur",
        "forwarded_to": "Waterschap Voorbeeldland",
        "hearing_place": "Stadhuis, Stadhuisplein 1, kamer 2.14",
        "advisory_committee": False,
        "to_complainant": True,
        "committee_advised": False,
        "committee_judgement": "",
        "departure_reason": "",
        "not_handled_ground": ground_in_words(NotHandledGround.OBJECTION_POSSIBLE),
        "not_handled_remedy": remedy_sentence(
            NotHandledGround.OBJECTION_POSSIBLE, _("the municipal executive"), dt.date(2025, 1, 10)
        ),
        "ombudsman_name": municipality.ombudsman_name,
        "ombudsman_address": municipality.ombudsman_address,
        "ombudsman_term_ends_on": long_date(petition_ends_on),
        "ombudsman_clause": ombudsman_clause(municipality, petition_ends_on),
        "status_url": settings.SITE_URL + "/klacht/00000000-0000-0000-0000-000000000000/",
    }
