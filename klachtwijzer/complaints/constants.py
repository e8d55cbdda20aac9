"""The fixed vocabularies of a complaint: states, channels, outcomes and the Awb reason codes.

Values are stable (they are stored and exported); labels are Dutch through gettext.
``REGISTER_OORDEEL`` maps the register file's flattened ``oordeel`` column (spec/register-csv.md)
to the two dimensions kept apart in the model: how a complaint ended and, for formal judgements,
the judgement.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    RECEIVED = "received", _("Received")
    TRIAGED = "triaged", _("Triaged")
    IN_HANDLING = "in_handling", _("In handling")
    WAITING = "waiting", _("Waiting for the complainant")
    CLOSED = "closed", _("Closed")


OPEN_STATUSES = (Status.RECEIVED, Status.TRIAGED, Status.IN_HANDLING, Status.WAITING)


class Channel(models.TextChoices):
    WEB_FORM = "webformulier", _("Web form")
    EMAIL = "e-mail", _("E-mail")
    PHONE = "telefoon", _("Phone")
    LETTER = "brief", _("Letter")
    DESK = "balie", _("Desk")
    SOCIAL_MEDIA = "sociale media", _("Social media")
    OTHER = "overig", _("Other")


class Form(models.TextChoices):
    WRITTEN = "written", _("Written")
    ORAL = "oral", _("Oral")


class Kind(models.TextChoices):
    AWB = "awb", _("Complaint under the Awb")
    OTHER = "andersoortig", _("Other kind of complaint")


class TriageDecision(models.TextChoices):
    AWB_COMPLAINT = "awb", _("Complaint under the Awb")
    OTHER_KIND = "other_kind", _("Other kind of complaint (registered for learning)")
    NOT_A_COMPLAINT = "not_a_complaint", _("Not a complaint (report, question or objection)")
    FORWARD = "forward", _("Forward to the competent body or partner")


class NotAComplaintKind(models.TextChoices):
    """What a submission triaged as 'not a complaint' is instead; it decides where the resident goes."""

    REPORT = "melding", _("A report (melding), not a complaint")
    OBJECTION = "bezwaar", _("An objection (bezwaar), not a complaint")
    QUESTION = "vraag", _("A question, not a complaint")
    POLICY = "beleid", _("About policy, not a complaint")


class Route(models.TextChoices):
    INFORMAL = "informeel", _("Informal (Awb 9:5)")
    FORMAL = "formeel", _("Formal")


class Outcome(models.TextChoices):
    """How a complaint ended (afdoening)."""

    JUDGED = "judged", _("Formal judgement")
    INFORMAL = "informal", _("Resolved informally (Awb 9:5)")
    NOT_HANDLED = "not_handled", _("Not handled (Awb 9:8)")
    FORWARDED = "forwarded", _("Forwarded (Awb 2:3)")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    NOT_A_COMPLAINT = "not_a_complaint", _("Not a complaint")


class Judgement(models.TextChoices):
    """The oordeel on a formally judged complaint or complaint element."""

    FOUNDED = "gegrond", _("Founded")
    PARTLY_FOUNDED = "deels gegrond", _("Partly founded")
    UNFOUNDED = "ongegrond", _("Unfounded")
    NO_JUDGEMENT = "geen oordeel", _("No judgement")


FOUNDED_JUDGEMENTS = (Judgement.FOUNDED, Judgement.PARTLY_FOUNDED)


class NotHandledGround(models.TextChoices):
    """The grounds of Awb 9:8 on which a complaint need not be handled."""

    ALREADY_HANDLED = "1a", _("1a: already handled under this procedure")
    OLDER_THAN_YEAR = "1b", _("1b: the conduct took place more than a year before filing")
    OBJECTION_POSSIBLE = "1c", _("1c: an objection (bezwaar) was or is possible")
    APPEAL_POSSIBLE = "1d", _("1d: an appeal (beroep) is or was possible")
    BEFORE_COURT = "1e", _("1e: before a civil or criminal court")
    CRIMINAL_INVESTIGATION = "1f", _("1f: a criminal investigation is pending")
    TOO_SMALL = "2", _("2: the interest or the weight of the conduct is clearly too small")


# The grounds on which the notice says where and until when objection or appeal is or was possible.
REMEDY_GROUNDS = frozenset({NotHandledGround.OBJECTION_POSSIBLE, NotHandledGround.APPEAL_POSSIBLE})


class HearingWaiver(models.TextChoices):
    """Why the complainant was not heard (Awb 9:10 lid 2)."""

    CLEARLY_UNFOUNDED = "clearly_unfounded", _("The complaint is clearly unfounded")
    WAIVED = "waived", _("The complainant waived the hearing")
    NO_ANSWER = "no_answer", _("The complainant did not answer within the set term")


class NoCopyReason(models.TextChoices):
    """Why no copy of the complaint went to the person complained about (Awb 9:9)."""

    NO_PERSON = "no_person", _("No identifiable person is complained about")
    SAFETY = "safety", _("Sending the copy would endanger someone's safety")
    OTHER = "other", _("Another reason (explained in the note)")


class NatureGroup(models.TextChoices):
    """The four groups of the Nationale ombudsman's Behoorlijkheidswijzer."""

    OPEN_CLEAR = "open", _("Open and clear")
    RESPECTFUL = "respectful", _("Respectful")
    ENGAGED = "engaged", _("Engaged and solution-oriented")
    FAIR_RELIABLE = "fair", _("Fair and reliable")
    OWN = "own", _("Own category")


# The register file's single ``oordeel`` column (spec/register-csv.md) as (outcome, judgement).
REGISTER_OORDEEL: dict[str, tuple[Outcome, Judgement | None]] = {
    "gegrond": (Outcome.JUDGED, Judgement.FOUNDED),
    "deels gegrond": (Outcome.JUDGED, Judgement.PARTLY_FOUNDED),
    "ongegrond": (Outcome.JUDGED, Judgement.UNFOUNDED),
    "geen oordeel": (Outcome.JUDGED, Judgement.NO_JUDGEMENT),
    "informeel opgelost": (Outcome.INFORMAL, None),
    "ingetrokken": (Outcome.WITHDRAWN, None),
    "niet in behandeling": (Outcome.NOT_HANDLED, None),
    "doorgestuurd": (Outcome.FORWARDED, None),
    "geen klacht": (Outcome.NOT_A_COMPLAINT, None),
}


def register_oordeel(outcome: str | None, judgement: str | None) -> str:
    """The register file's ``oordeel`` value for an outcome and judgement ('' while open)."""
    if not outcome:
        return ""
    for value, (o, j) in REGISTER_OORDEEL.items():
        if o == outcome and (j == judgement or (j is None and o != Outcome.JUDGED)):
            return value
    return ""
