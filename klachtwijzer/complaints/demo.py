"""Demo data: a fictional municipality, a user for every role and three years of complaints.

Then the steps other apps registered (``extensions.add_demo_loader``), such as what was learned from
them: themes, learning points and improvement actions.

Every complaint is made through the real use cases (``handling.py``, ``closing.py``), so each one obeys
the procedure and its history is the history those steps write. The clock is set to each step's date
while the step runs, so the history reads as it happened rather than all on the day the demo was
loaded. The complaints cover every state and every ending; the open ones lie before, near and past
their term relative to today. The texts are in ``demo_texts.py``.

``load_demo`` fills an empty database only: when the demo's users or any complaint exist it does
nothing, so running it twice does no harm.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import random
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any
from unittest import mock
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from klachtwijzer.accounts.demo_devices import demo_secret, give_demo_device
from klachtwijzer.accounts.models import Department, Municipality, Partner, Role, User
from klachtwijzer.accounts.security import needs_two_factor

from . import demo_texts, extensions, handling
from .constants import Channel, Form
from .demo_steps import ComplaintSteps, send_demo_letters
from .models import Complaint, Nature

DEMO_PASSWORD = "klachtwijzer-demo"
DEMO_DOMAIN = "voorbeeld.example"  # the demo users' e-mail addresses: how a second run recognises them
CLOSED_ENDINGS = [
    ("ongegrond", 24),
    ("gegrond", 15),
    ("deels gegrond", 13),
    ("geen oordeel", 7),
    ("informeel", 22),
    ("niet in behandeling", 5),
    ("doorgestuurd", 5),
    ("ingetrokken", 5),
    ("geen klacht", 4),
]
YEAR_TREND = (1.1, 0.95, 1.0, 1.05)  # a little up and down from year to year
QUICK_ENDINGS = ["informeel", "doorgestuurd", "geen klacht", "ingetrokken"]
# Open complaints: received this many days ago, and how far they got. Relative to today, so the
# queues always show complaints on time, due soon (a term ends within 7 days) and overdue.
OPEN_CASES = [
    (0, "received"),
    (1, "acknowledged"),
    (3, "triaged"),
    (6, "triaged"),
    (9, "other_kind"),
    (10, "in_handling"),
    (16, "waiting"),
    (22, "information_added"),
    (26, "reopened"),
    (30, "partner"),
    (37, "in_handling"),
    (40, "hearing_planned"),
    (44, "extended"),
    (47, "in_handling"),
    (55, "in_handling"),
    (60, "extended"),
    (78, "extended"),
    (85, "delay_consent"),
]
CHANNELS = [
    (Channel.WEB_FORM, 50),
    (Channel.EMAIL, 22),
    (Channel.PHONE, 10),
    (Channel.LETTER, 10),
    (Channel.DESK, 5),
    (Channel.SOCIAL_MEDIA, 3),
]
HANDLERS = {
    "Burgerzaken": "behandelaar",
    "Belastingen": "behandelaar",
    "Sociaal Domein": "behandelaar2",
    "Werk en Inkomen": "behandelaar2",
    "Openbare Ruimte": "manager",
}


@dataclass
class DemoResult:
    """What ``load_demo`` did: ``created`` False with the reason when it left the database alone."""

    created: bool
    reason: str | Promise = ""  # lazy, so that the command says it in the language it speaks
    complaints: int = 0
    logins: Sequence[tuple[str, str | Promise]] = field(default_factory=list)
    # The authenticator secret of every demo user whose role needs a second factor.
    secrets: dict[str, str] = field(default_factory=dict)


def _hold_one_due(today: dt.date, coordinator: User) -> None:
    """Some closed demo complaints are due for destruction already; one of them is on legal hold."""
    from .destruction import due, place_hold

    first = due(today).first()
    if first is not None:
        place_hold(
            first, reason=str(_("A court case about this complaint is running.")), acting_user=coordinator
        )


def load_demo(*, today: dt.date | None = None, per_year: int = 80, seed: int = 9) -> DemoResult:
    """Fill an empty database with the demo municipality, its users and its complaints."""
    refusal = _refusal()
    if refusal:
        return DemoResult(False, refusal)
    today = today or timezone.localdate()
    with transaction.atomic():
        organisation = _Organisation.create()
        complaints = DemoComplaints(organisation, random.Random(seed), today)
        count = complaints.create(per_year=per_year)
        _hold_one_due(today, complaints.coordinator)
        managers = {
            user.department.name: user
            for user in organisation.users.values()
            if user.role == Role.MANAGER and user.department
        }
        for loader in extensions.demo_loaders():
            loader(today=today, coordinator=complaints.coordinator, managers=managers, seed=seed)
    logins = [(user.username, Role(user.role).label) for user in organisation.users.values()]
    secrets = {user.username: demo_secret(user.username) for user in organisation.users.values()}
    secrets = {name: secret for name, secret in secrets.items() if needs_two_factor(organisation.users[name])}
    return DemoResult(True, complaints=count, logins=logins, secrets=secrets)


def _refusal() -> str | Promise:
    """Why the demo must leave this database alone, or '' when it may fill it."""
    namesakes = User.objects.filter(username__in=[user[0] for user in demo_texts.USERS])
    if namesakes.filter(email__endswith=f"@{DEMO_DOMAIN}").exists():
        return _("The demo data is already there; nothing was changed.")
    if Complaint.objects.exists():
        return _("The database already holds complaints; the demo fills an empty one only.")
    if namesakes.exists():
        return _("Users with the demo's user names exist already; nothing was changed.")
    return ""


@dataclass
class _Organisation:
    departments: dict[str, Department]
    partners: dict[str, Partner]
    users: dict[str, User]
    natures: dict[str, Nature]

    @classmethod
    def create(cls) -> _Organisation:
        if not Municipality.objects.exists():
            Municipality.objects.create(**demo_texts.MUNICIPALITY)
        departments = {
            name: Department.objects.get_or_create(name=name)[0] for name in demo_texts.DEPARTMENTS
        }
        partners = {
            name: Partner.objects.get_or_create(
                name=name, defaults={"service": service, "reporting_way": way}
            )[0]
            for name, service, way, _department in demo_texts.PARTNERS
        }
        users = {}
        for username, first, last, role, department, partner in demo_texts.USERS:
            user = User(
                username=username,
                first_name=first,
                last_name=last,
                email=f"{username}@{DEMO_DOMAIN}",
                role=role,
                department=departments.get(department or ""),
                partner=partners.get(partner or ""),
                is_staff=role == Role.ADMINISTRATOR,
                is_superuser=role == Role.ADMINISTRATOR,
            )
            user.set_password(DEMO_PASSWORD)
            user.save()
            give_demo_device(user)
            users[username] = user
        for organisation in partners.values():
            organisation.accounthouders.add(users["coordinator"])
        natures = {nature.name: nature for nature in Nature.objects.all()}
        return cls(departments, partners, users, natures)

    def handler_for(self, department: str) -> User:
        """Who handles a department's complaints in the demo (a manager or the coordinator may too)."""
        return self.users[HANDLERS.get(department, "coordinator")]


class DemoComplaints:
    """Plans the complaints (dates, case, ending) and takes each one through its steps."""

    def __init__(self, organisation: _Organisation, rng: random.Random, today: dt.date) -> None:
        self.org = organisation
        self.rng = rng
        self.today = today
        self.coordinator = organisation.users["coordinator"]
        self._minutes = 0

    def create(self, *, per_year: int) -> int:
        plans = self._closed_plans(per_year) + [
            (self.today - dt.timedelta(days=days), state) for days, state in OPEN_CASES
        ]
        plans.sort(key=lambda plan: plan[0])  # references count on in order of receipt
        for received, what in plans:
            self._create_one(received, what)
        return len(plans)

    def _closed_plans(self, per_year: int) -> list[tuple[dt.date, str]]:
        """Closed complaints received from 1 January three years ago until 75 days ago, year by year."""
        latest = self.today - dt.timedelta(days=75)  # closed within 70 days, so before today
        days: list[dt.date] = []
        for index, year in enumerate(range(self.today.year - 3, latest.year + 1)):
            first, last = dt.date(year, 1, 1), min(dt.date(year, 12, 31), latest)
            count = round(per_year * YEAR_TREND[index % len(YEAR_TREND)] * ((last - first).days + 1) / 365)
            days += [
                first + dt.timedelta(days=self.rng.randrange((last - first).days + 1)) for _ in range(count)
            ]
        endings = [ending for ending, _weight in CLOSED_ENDINGS]  # every ending at least once
        weights = [weight for _ending, weight in CLOSED_ENDINGS]
        endings += self.rng.choices(endings, weights=weights, k=max(len(days) - len(endings), 0))
        recent = [
            (self.today - dt.timedelta(days=self.rng.randint(14, 70)), self.rng.choice(QUICK_ENDINGS))
            for _ in range(max(per_year // 10, 1))
        ]
        return list(zip(sorted(days), endings, strict=False)) + recent

    @contextlib.contextmanager
    def on(self, day: dt.date) -> Iterator[None]:
        """Run a step as if on ``day`` (a few minutes after the previous step), so history dates are real."""
        if day >= self.today:
            yield
            return
        self._minutes = (self._minutes + 7) % 480
        moment = dt.datetime.combine(day, dt.time(9), tzinfo=ZoneInfo(settings.TIME_ZONE))
        with mock.patch.object(timezone, "now", return_value=moment + dt.timedelta(minutes=self._minutes)):
            yield

    def day(self, received: dt.date, days: int) -> dt.date:
        return min(received + dt.timedelta(days=days), self.today)

    def _create_one(self, received: dt.date, what: str) -> None:
        case = self.rng.choice(demo_texts.CASES)
        partner = self.org.partners.get(case[1]) if case[1] else None
        if what == "partner":
            case = next(c for c in demo_texts.CASES if c[1] == "Afvalbedrijf Regio Voorbeeld")
            partner = self.org.partners[case[1]]
        channel = self.rng.choices([c for c, _w in CHANNELS], weights=[w for _c, w in CHANNELS])[0]
        acting = self.org.users["partner"] if what == "partner" else self.coordinator
        form = Form.ORAL if channel == Channel.PHONE and what == "informeel" else Form.WRITTEN
        with self.on(received):
            complaint = handling.register_complaint(
                received_on=received,
                dated_on=received,
                channel=channel,
                form=form,
                department=self.org.departments[case[0]] if what != "received" else None,
                partner=partner,
                natures=[self.org.natures[name] for name in case[5] if name in self.org.natures],
                personal=self._person(case),
                acting_user=acting,
            )
        if what in ("received",):
            return
        if form == Form.ORAL:  # no acknowledgement for an oral complaint (Awb 9:6 is for written ones)
            ComplaintSteps(self, complaint, case, received).run(what)
            return
        with self.on(self.day(received, 1)):
            # Awb 9:6: the acknowledgement's letter records the step.
            if not send_demo_letters(complaint, "acknowledgement", self.day(received, 1), self.coordinator):
                handling.acknowledge_receipt(
                    complaint, sent_on=self.day(received, 1), acting_user=self.coordinator
                )
        if what == "acknowledged":
            return
        ComplaintSteps(self, complaint, case, received).run(what)

    def _person(self, case: tuple[Any, ...]) -> dict[str, str]:
        first, last = self.rng.choice(demo_texts.FIRST_NAMES), self.rng.choice(demo_texts.LAST_NAMES)
        email = unicodedata.normalize("NFKD", f"{first}.{last}".lower().replace(" ", ""))
        email = email.encode("ascii", "ignore").decode() + "@example.nl"
        letters = "ABCDEGHJKLMNPRSTVWXZ"
        return {
            "name": f"{first} {last}",
            "address": f"{self.rng.choice(demo_texts.STREETS)} {self.rng.randint(1, 140)}",
            "postcode": f"{self.rng.randint(1000, 9999)} {''.join(self.rng.choices(letters, k=2))}",
            "city": "Voorbeeld",
            "email": email if self.rng.random() < 0.8 else "",
            "phone": f"06-{self.rng.randint(10000000, 99999999)}",
            "person_complained_about": case[4],
            "description": case[2],
            "desired_outcome": case[3],
        }
