"""The states of a complaint and the steps allowed in each: the state machine of the procedure.

    received ──triage──▶ triaged ──assign──▶ in handling ⇄ waiting for the complainant
        │                   │                     │
        └───────────────────┴──────exits──────────┴──▶ closed ──reopen (coordinator)──▶ in handling

Exits: formal judgement (Awb 9:12), informal resolution (9:5), not handled (9:8), forwarded (2:3),
withdrawn, not a complaint. ``handling.py`` asks ``check_step`` before every step; this module
knows nothing of the database.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from .constants import FOUNDED_JUDGEMENTS, Form, Judgement, Status


class ProcedureError(ValidationError):
    """A step that the procedure does not allow now; the message tells the user why, in Dutch."""


class Step(enum.StrEnum):
    ACKNOWLEDGE = "acknowledge"
    TRIAGE = "triage"
    ASSIGN = "assign"
    CONTACT = "contact"
    WAIT = "wait"
    RESUME = "resume"
    COPY = "copy"
    EXTEND = "extend"
    DELAY_CONSENT = "delay_consent"
    HEARING = "hearing"
    JUDGE_ELEMENT = "judge_element"
    CLOSE_JUDGED = "close_judged"
    RESOLVE_INFORMALLY = "resolve_informally"
    DECLINE = "decline"
    FORWARD = "forward"
    WITHDRAW = "withdraw"
    REOPEN = "reopen"
    EDIT = "edit"
    ADD_INFORMATION = "add_information"
    REVOKE_STATUS_LINK = "revoke_status_link"
    REQUEST_COMPLETION = "request_completion"
    PUT_IN_WRITING = "put_in_writing"


_OPEN = {Status.RECEIVED, Status.TRIAGED, Status.IN_HANDLING, Status.WAITING}
_HANDLING = {Status.TRIAGED, Status.IN_HANDLING, Status.WAITING}

ALLOWED_FROM: dict[Step, set[Status]] = {
    Step.ACKNOWLEDGE: _OPEN,
    Step.TRIAGE: {Status.RECEIVED},
    Step.ASSIGN: _HANDLING,
    Step.CONTACT: _HANDLING,
    Step.WAIT: {Status.IN_HANDLING},
    Step.RESUME: {Status.WAITING},
    Step.COPY: _HANDLING,
    Step.EXTEND: _OPEN,
    Step.DELAY_CONSENT: _OPEN,
    Step.HEARING: _HANDLING,
    Step.JUDGE_ELEMENT: _HANDLING,
    Step.CLOSE_JUDGED: {Status.IN_HANDLING, Status.WAITING},
    Step.RESOLVE_INFORMALLY: _HANDLING,
    Step.DECLINE: _OPEN,
    Step.FORWARD: _OPEN,
    Step.WITHDRAW: _OPEN,
    Step.REOPEN: {Status.CLOSED},
    Step.EDIT: _OPEN,
    Step.ADD_INFORMATION: _OPEN,
    Step.REVOKE_STATUS_LINK: {*_OPEN, Status.CLOSED},
    Step.REQUEST_COMPLETION: _OPEN,
    Step.PUT_IN_WRITING: _OPEN,
}

# The steps of the formal procedure (Awb 9:4-9:12), which apply to a written complaint only (Awb 9:1, 9:2,
# docs/adr/0010-incomplete-and-oral-complaints.md). An oral complaint is handled properly but informally:
# contact, information, an informal resolution, forwarding, withdrawal, or putting it in writing, after which
# the written procedure applies.
WRITTEN_ONLY_STEPS = {
    Step.ACKNOWLEDGE,
    Step.COPY,
    Step.EXTEND,
    Step.DELAY_CONSENT,
    Step.HEARING,
    Step.JUDGE_ELEMENT,
    Step.CLOSE_JUDGED,
    Step.DECLINE,
    Step.REQUEST_COMPLETION,
}

STEP_LABELS: dict[Step, StrOrPromise] = {
    Step.ACKNOWLEDGE: _("send the acknowledgement"),
    Step.TRIAGE: _("triage"),
    Step.ASSIGN: _("assign a handler"),
    Step.CONTACT: _("record contact"),
    Step.WAIT: _("wait for the complainant"),
    Step.RESUME: _("resume handling"),
    Step.COPY: _("send a copy to the person complained about"),
    Step.EXTEND: _("extend the term"),
    Step.DELAY_CONSENT: _("record consent to further delay"),
    Step.HEARING: _("plan or record the hearing"),
    Step.JUDGE_ELEMENT: _("judge a complaint element"),
    Step.CLOSE_JUDGED: _("close with a judgement"),
    Step.RESOLVE_INFORMALLY: _("resolve informally"),
    Step.DECLINE: _("decide not to handle"),
    Step.FORWARD: _("forward"),
    Step.WITHDRAW: _("record the withdrawal"),
    Step.REOPEN: _("reopen"),
    Step.EDIT: _("change the data"),
    Step.ADD_INFORMATION: _("add information"),
    Step.REVOKE_STATUS_LINK: _("revoke the status link"),
    Step.REQUEST_COMPLETION: _("ask the complainant to complete the complaint"),
    Step.PUT_IN_WRITING: _("put the complaint in writing"),
}


def allowed_steps(status: str) -> list[Step]:
    """The steps that may be taken in ``status``, in the order of the procedure."""
    return [step for step, statuses in ALLOWED_FROM.items() if status in statuses]


def check_step(status: str, step: Step) -> None:
    """Refuse ``step`` when the complaint's ``status`` does not allow it."""
    if status not in ALLOWED_FROM[step]:
        raise ProcedureError(
            _("You cannot %(step)s while the complaint is '%(status)s'.")
            % {"step": STEP_LABELS[step], "status": Status(status).label},
            code="step_not_allowed",
        )


def check_written(form: str, step: Step) -> None:
    """Refuse a step of the formal procedure for an oral complaint (Awb 9:1, 9:2): put it in writing first."""
    if step in WRITTEN_ONLY_STEPS and form != Form.WRITTEN:
        raise ProcedureError(
            _(
                "An oral complaint is handled without the formal procedure, so you cannot %(step)s. "
                "Resolve it informally, or put it in writing first (Awb 9:1 and 9:2)."
            )
            % {"step": STEP_LABELS[step]},
            code="oral_complaint",
        )


def overall_judgement(judgements: Iterable[str]) -> Judgement:
    """The complaint's judgement from its elements' judgements.

    All founded → gegrond; some founded (or partly) → deels gegrond; none founded but some judged
    → ongegrond; none could be judged → geen oordeel.
    """
    values = list(judgements)
    if not values:
        raise ProcedureError(_("Judge at least one complaint element."), code="no_elements")
    if all(value == Judgement.FOUNDED for value in values):
        return Judgement.FOUNDED
    if any(value in FOUNDED_JUDGEMENTS for value in values):
        return Judgement.PARTLY_FOUNDED
    if any(value == Judgement.UNFOUNDED for value in values):
        return Judgement.UNFOUNDED
    return Judgement.NO_JUDGEMENT
