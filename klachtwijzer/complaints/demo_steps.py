"""The procedure steps one demo complaint goes through, up to the state or ending it was planned for.

Each step is a real use case of ``handling.py`` or ``closing.py``, run on its own date (see
``demo.DemoComplaints.on``), so the complaint's history is the history those steps write. What the
steps need of the demo run is described by ``DemoRun``, so this module does not import ``demo.py``.
"""

from __future__ import annotations

import datetime as dt
import random
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any, Protocol

from django.core.files.uploadedfile import SimpleUploadedFile

from klachtwijzer.accounts.models import Department, User

from . import closing, demo_texts, extensions, handling, history
from .constants import (
    HearingWaiver,
    Judgement,
    NoCopyReason,
    NotAComplaintKind,
    NotHandledGround,
    Route,
    TriageDecision,
)
from .models import Complaint, Nature


class DemoOrganisation(Protocol):
    """The demo's departments, natures and who handles what."""

    @property
    def departments(self) -> dict[str, Department]: ...

    @property
    def natures(self) -> dict[str, Nature]: ...

    def handler_for(self, department: str) -> User: ...


class DemoRun(Protocol):
    """What the steps use of the demo run (``demo.DemoComplaints``): its organisation, chance and clock."""

    @property
    def org(self) -> DemoOrganisation: ...

    @property
    def rng(self) -> random.Random: ...

    @property
    def today(self) -> dt.date: ...

    @property
    def coordinator(self) -> User: ...

    def on(self, day: dt.date) -> AbstractContextManager[None]: ...

    def day(self, received: dt.date, days: int) -> dt.date: ...


def send_demo_letters(complaint: Complaint, kind: str, day: dt.date, user: User) -> int:
    """The letters of a demo step (``extensions.set_demo_letters``); 0 without the letters app."""
    maker = extensions.demo_letters()
    return maker(complaint, kind, day, user) if maker else 0


ELEMENT_JUDGEMENTS = {
    "gegrond": [Judgement.FOUNDED, Judgement.FOUNDED],
    "deels gegrond": [Judgement.FOUNDED, Judgement.UNFOUNDED],
    "ongegrond": [Judgement.UNFOUNDED, Judgement.UNFOUNDED],
    "geen oordeel": [Judgement.NO_JUDGEMENT, Judgement.NO_JUDGEMENT],
}


@dataclass
class ComplaintSteps:
    """The steps one complaint goes through after its acknowledgement, up to its state or ending."""

    demo: DemoRun
    complaint: Complaint
    case: tuple[Any, ...]
    received: dt.date

    def on(self, days: int) -> AbstractContextManager[None]:
        return self.demo.on(self.demo.day(self.received, days))

    def day(self, days: int) -> dt.date:
        return self.demo.day(self.received, days)

    def letters(self, kind: str, days: int, user: User) -> int:
        """The step's letters on its day (``extensions.set_demo_letters``); 0 without the letters app."""
        return send_demo_letters(self.complaint, kind, self.day(days), user)

    def copy(self, handler: User, days: int = 3) -> None:
        """Awb 9:9: the copy's letter records the step; without a person to send it to, the reason."""
        with self.on(days):
            if not self.letters("copy", days, handler):
                handling.record_no_copy(self.complaint, reason=NoCopyReason.NO_PERSON, acting_user=handler)

    def run(self, what: str) -> None:
        if what == "doorgestuurd":
            with self.on(2):
                to = self.demo.rng.choice(demo_texts.FORWARDED_TO)
                self.triage(TriageDecision.FORWARD, forwarded_to=to, days=2)
            return
        if what == "geen klacht":
            with self.on(2):
                self.triage(
                    TriageDecision.NOT_A_COMPLAINT,
                    days=2,
                    not_a_complaint_kind=NotAComplaintKind.REPORT,
                    note="Dit is een melding, geen klacht.",
                )
            return
        informal = what in ("informeel", "information_added", "reopened")
        other = what == "other_kind" or (what in ELEMENT_JUDGEMENTS and self.demo.rng.random() < 0.05)
        decision = TriageDecision.OTHER_KIND if other else TriageDecision.AWB_COMPLAINT
        with self.on(2):
            self.triage(decision, route=Route.INFORMAL if informal else Route.FORMAL, days=2)
        if what == "triaged":
            return
        handler = self.demo.org.handler_for(self.case[0])
        with self.on(2):
            handling.assign_handler(self.complaint, handler=handler, acting_user=self.demo.coordinator)
        getattr(self, "_" + what.replace(" ", "_"), self._judged)(handler, what)

    def triage(
        self,
        decision: str,
        *,
        days: int,
        route: str = "",
        forwarded_to: str = "",
        not_a_complaint_kind: str = "",
        note: str = "",
    ) -> None:
        handling.triage(
            self.complaint,
            decision=decision,
            department=self.demo.org.departments[self.case[0]],
            route=route,
            decided_on=self.day(days),
            forwarded_to=forwarded_to,
            not_a_complaint_kind=not_a_complaint_kind,
            note=note,
            acting_user=self.demo.coordinator,
        )

    def _judged(self, handler: User, target: str) -> None:
        rng = self.demo.rng
        extend, late = rng.random() < 0.2, rng.random() < 0.12
        self.copy(handler)
        if extend:
            reason = rng.choice(demo_texts.EXTENSION_REASONS)
            with self.on(33):
                handling.extend_term(
                    self.complaint, notice_sent_on=self.day(33), reason=reason, acting_user=handler
                )
                self.letters("extension", 33, handler)
        self._hear(handler, waive_as_unfounded=target == "ongegrond" and rng.random() < 0.3)
        natures = [self.demo.org.natures.get(name) for name in self.case[5]]
        judgements = ELEMENT_JUDGEMENTS[target]
        if target == "deels gegrond" and len(self.case[6]) == 1:
            judgements = [Judgement.PARTLY_FOUNDED]
        for position, summary in enumerate(self.case[6]):
            nature = natures[min(position, len(natures) - 1)] if natures else None
            with self.on(20):
                element = handling.add_element(
                    self.complaint, summary=summary, nature=nature, acting_user=handler
                )
                handling.judge_element(
                    element,
                    judgement=judgements[position],
                    reasoning=demo_texts.FINDINGS[target],
                    acting_user=handler,
                )
        days = rng.randint(44, 68) if extend else rng.randint(46, 70) if late else rng.randint(21, 40)
        with self.on(days):
            closing.close_with_judgement(
                self.complaint,
                closed_on=self.day(days),
                findings=demo_texts.FINDINGS[target],
                measures=rng.choice(demo_texts.MEASURES) if target in ("gegrond", "deels gegrond") else "",
                acting_user=handler,
            )
            self.letters("outcome", days, handler)

    def _hear(self, handler: User, *, waive_as_unfounded: bool) -> None:
        if waive_as_unfounded or self.demo.rng.random() < 0.25:
            reason = HearingWaiver.CLEARLY_UNFOUNDED if waive_as_unfounded else HearingWaiver.WAIVED
            with self.on(8):
                handling.waive_hearing(self.complaint, reason=reason, acting_user=handler)
            return
        with self.on(6):
            handling.plan_hearing(
                self.complaint,
                planned_on=self.day(13),
                reply_by=self.day(10),
                starts_at=dt.time(14, 0),
                place="Stadhuis, Stadhuisplein 1, kamer 2.14",
                invited_on=self.day(6),
                acting_user=handler,
            )
            self.letters("hearing", 6, handler)
        with self.on(13):
            report = self.demo.rng.choice(demo_texts.HEARING_REPORTS)
            handling.record_hearing(self.complaint, held_on=self.day(13), report=report, acting_user=handler)

    def _informeel(self, handler: User, _what: str) -> None:
        with self.on(3):
            handling.record_contact(
                self.complaint, contacted_on=self.day(3), note="Klager gebeld.", acting_user=handler
            )
        days = self.demo.rng.randint(4, 16)
        with self.on(days):
            closing.resolve_informally(
                self.complaint,
                resolved_on=self.day(days),
                how=self.demo.rng.choice(demo_texts.INFORMAL_HOW),
                resolved_by=handler.get_full_name(),
                agreement="De medewerker belt u binnen een week terug over uw vraag.",
                acting_user=handler,
            )
            self.letters("informal", days, handler)

    def _niet_in_behandeling(self, handler: User, _what: str) -> None:
        days = self.demo.rng.choice([10, 14, 21, 25, 33])  # one in five past the four weeks of 9:8
        ground = self.demo.rng.choice([NotHandledGround.OLDER_THAN_YEAR, NotHandledGround.OBJECTION_POSSIBLE])
        with self.on(days):
            remedy = ground == NotHandledGround.OBJECTION_POSSIBLE
            late = self.day(days) > self.complaint.not_handling_notice_due_on
            closing.decline_to_handle(
                self.complaint,
                ground=ground,
                notice_sent_on=self.day(days),
                late_reason="Het dossier over het besluit moest eerst worden opgevraagd." if late else "",
                remedy_where="het college van burgemeester en wethouders" if remedy else "",
                remedy_until=self.day(42) if remedy else None,
                acting_user=handler,
            )
            self.letters("not_handling", days, handler)

    def _ingetrokken(self, handler: User, _what: str) -> None:
        with self.on(9):
            note = "Klager heeft telefonisch laten weten de klacht in te trekken."
            closing.withdraw_complaint(
                self.complaint, withdrawn_on=self.day(9), note=note, acting_user=handler
            )

    def _in_handling(self, handler: User, _what: str) -> None:
        self.copy(handler)

    _other_kind = _partner = _in_handling

    def _waiting(self, handler: User, _what: str) -> None:
        with self.on(8):
            note = "Gevraagd om kopieën van de brieven waarover de klacht gaat."
            handling.wait_for_complainant(self.complaint, note=note, acting_user=handler)

    def _information_added(self, handler: User, what: str) -> None:
        self._waiting(handler, what)
        with self.on(15):
            text = "Hierbij de gevraagde brieven; ik hoop dat u er nu mee verder kunt."
            handling.add_information(
                self.complaint, text=text, acting_user=None, actor_label=history.complainant_via_status_page()
            )

    def _reopened(self, handler: User, what: str) -> None:
        self._informeel(handler, what)
        with self.on(20):
            reason = "Klager meldt dat de toezegging niet is nagekomen en wil alsnog een oordeel."
            closing.reopen_complaint(self.complaint, reason=reason, acting_user=self.demo.coordinator)

    def _hearing_planned(self, handler: User, what: str) -> None:
        self._in_handling(handler, what)
        with self.on(38):
            planned = self.demo.today + dt.timedelta(days=5)
            handling.plan_hearing(
                self.complaint,
                planned_on=planned,
                starts_at=dt.time(10, 30),
                video_link="https://video.gemeente.example/hoorgesprek",
                invited_on=self.day(38),
                acting_user=handler,
            )
            self.letters("hearing", 38, handler)

    def _extended(self, handler: User, what: str) -> None:
        self._in_handling(handler, what)
        with self.on(35):
            reason = self.demo.rng.choice(demo_texts.EXTENSION_REASONS)
            handling.extend_term(
                self.complaint, notice_sent_on=self.day(35), reason=reason, acting_user=handler
            )
            self.letters("extension", 35, handler)

    def _delay_consent(self, handler: User, what: str) -> None:
        self._extended(handler, what)
        with self.on(66):
            until = self.demo.today + dt.timedelta(days=14)
            handling.record_delay_consent(
                self.complaint,
                consent_on=self.day(66),
                until=until,
                document=SimpleUploadedFile("toestemming.pdf", demo_texts.CONSENT_PDF),
                acting_user=handler,
            )
