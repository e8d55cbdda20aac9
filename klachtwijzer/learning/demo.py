"""Demo data for learning from complaints: themes, learning points and improvement actions.

Made through the use cases (``handling.py``) on the demo's founded complaints, after they were made:
a catalogue of themes (one retired, one merged into another), learning points across departments with
some themes in several departments (the "bredere thema's"), one on another kind of complaint, and
improvement actions in every state: open, in progress, done with and without an effect check
(once the problem recurred), dropped with a reason, and overdue ones.
"""

from __future__ import annotations

import datetime as dt
import random

from django.db.models import QuerySet

from klachtwijzer.accounts.models import Department, User
from klachtwijzer.complaints.constants import FOUNDED_JUDGEMENTS, Kind
from klachtwijzer.complaints.models import Complaint

from . import handling, improvement_actions
from .models import ImprovementAction, LearningPoint, Theme

THEMES = [
    ("Terugbelafspraken", "Afspraken om terug te bellen worden niet nagekomen."),
    ("Bejegening", "Hoe medewerkers inwoners te woord staan."),
    ("Bereikbaarheid", "Inwoners komen moeilijk iemand te spreken."),
    ("Duidelijke brieven", "Brieven en besluiten zijn moeilijk te begrijpen."),
    ("Doorlooptijden", "Aanvragen en meldingen duren te lang."),
    ("Informatie over de status", "Inwoners weten niet hoe het met hun zaak staat."),
]
RETIRED_THEME = "Faxberichten"
MERGED_THEME = ("Telefonische bereikbaarheid", "Bereikbaarheid")
# What went wrong and what should change, per theme (the demo's points have no personal data).
LESSONS = {
    "Terugbelafspraken": (
        "De inwoner werd niet teruggebeld, hoewel dat was toegezegd.",
        "Terugbelverzoeken vastleggen in het zaaksysteem met een datum.",
    ),
    "Bejegening": (
        "De medewerker reageerde kortaf en liet de inwoner niet uitpraten.",
        "Gesprekstraining voor de medewerkers aan de balie en de telefoon.",
    ),
    "Bereikbaarheid": (
        "De inwoner kreeg dagenlang niemand aan de telefoon.",
        "Een vast terugbelmoment en een duidelijk keuzemenu.",
    ),
    "Duidelijke brieven": (
        "De brief was in moeilijke taal geschreven en noemde geen contactpersoon.",
        "Standaardbrieven herschrijven op taalniveau B1.",
    ),
    "Doorlooptijden": (
        "De aanvraag lag weken stil zonder bericht aan de inwoner.",
        "Een signaal als een aanvraag langer dan twee weken stil ligt.",
    ),
    "Informatie over de status": (
        "De inwoner wist niet of de melding was ontvangen.",
        "Een ontvangstbevestiging met de verwachte afhandeldatum.",
    ),
}


def load_learning_demo(*, today: dt.date, coordinator: User, managers: dict[str, User], seed: int = 9) -> int:
    """Themes, points and actions on the demo's complaints; returns the number of points made."""
    rng = random.Random(seed)
    themes = {
        name: handling.create_theme(name=name, description=text, acting_user=coordinator)
        for name, text in THEMES
    }
    retired = handling.create_theme(name=RETIRED_THEME, acting_user=coordinator)
    merged = handling.create_theme(name=MERGED_THEME[0], acting_user=coordinator)
    founded = list(_founded(today))
    points = _points(founded, themes, merged, rng, coordinator)
    handling.merge_theme(merged, into=themes[MERGED_THEME[1]], acting_user=coordinator)
    handling.retire_theme(retired, acting_user=coordinator)
    other_kind = Complaint.objects.filter(kind=Kind.OTHER, department__isnull=False).order_by("pk").first()
    if other_kind is not None:
        points.append(_point(other_kind, [themes["Bereikbaarheid"]], today, coordinator))
    _actions(points, today, coordinator, managers)
    return len(points)


def _founded(today: dt.date) -> QuerySet[Complaint]:
    return (
        Complaint.objects.filter(
            judgement__in=FOUNDED_JUDGEMENTS, department__isnull=False, closed_on__lte=today
        )
        .select_related("department", "handler")
        .order_by("received_on", "pk")
    )


def _point(complaint: Complaint, themes: list[Theme], day: dt.date, acting_user: User) -> LearningPoint:
    wrong, change = LESSONS.get(themes[0].name, LESSONS["Bereikbaarheid"])
    assert complaint.department is not None
    return handling.record_learning_point(
        complaint=complaint,
        department=complaint.department,
        what_went_wrong=wrong,
        what_should_change=change,
        themes=themes,
        summary=change,
        recorded_on=max(day, complaint.received_on),
        acting_user=complaint.handler or acting_user,
    )


def _points(
    founded: list[Complaint], themes: dict[str, Theme], merged: Theme, rng: random.Random, coordinator: User
) -> list[LearningPoint]:
    """Points on most founded complaints; the first themes fall in several departments."""
    points = []
    names = list(themes)
    for index, complaint in enumerate(founded):
        if index % 5 == 4:  # not every founded complaint has a point yet: the prompt shows
            continue
        chosen = [themes[names[index % len(names)] if index < len(names) * 2 else rng.choice(names)]]
        if index % 7 == 0:
            chosen.append(merged if index % 2 else themes["Bejegening"])
        day = complaint.closed_on or complaint.received_on
        points.append(_point(complaint, list(dict.fromkeys(chosen)), day, coordinator))
    return points


def _actions(
    points: list[LearningPoint], today: dt.date, coordinator: User, managers: dict[str, User]
) -> None:
    """Actions in every state, fed by the points of a theme in one department."""
    if not points:
        return
    by_department: dict[Department, list[LearningPoint]] = {}
    for point in points:
        by_department.setdefault(point.department, []).append(point)
    groups = list(by_department.items())
    plans = [
        # title, created (days ago), due (days from creation), steps
        ("Terugbelverzoeken in het zaaksysteem", 200, 60, ["start", "done", "checked"]),
        ("Gesprekstraining balie", 160, 90, ["start", "done", "recurred"]),
        ("Brieven herschrijven op B1", 120, 45, ["start", "done"]),
        ("Signaal bij stilliggende aanvragen", 100, 40, ["start"]),  # in progress, overdue
        ("Keuzemenu telefoon vernieuwen", 60, 120, ["start"]),  # in progress, on time
        ("Ontvangstbevestiging met afhandeldatum", 90, 30, []),  # open, overdue
        ("Vaste terugbelmomenten", 10, 60, []),  # open, on time
        ("Eigen klachtenlijn per afdeling", 150, 60, ["drop"]),
    ]
    for index, (title, created_days, due_days, steps) in enumerate(plans):
        department, feeding = groups[index % len(groups)]
        owner = managers.get(department.name, coordinator)
        created = today - dt.timedelta(days=created_days)
        action = improvement_actions.create_improvement_action(
            title=title,
            description=feeding[0].what_should_change,
            owner=owner,
            department=department,
            due_on=created + dt.timedelta(days=due_days),
            points=feeding[:3],
            created_on=created,
            acting_user=coordinator,
        )
        _take_steps(action, steps, created, owner)


def _take_steps(action: ImprovementAction, steps: list[str], created: dt.date, owner: User) -> None:
    day = created + dt.timedelta(days=7)
    if "start" in steps:
        improvement_actions.start_improvement_action(action, on=day, acting_user=owner)
        improvement_actions.add_progress_note(
            action, text="Plan van aanpak besproken in het teamoverleg.", written_on=day, acting_user=owner
        )
    if "done" in steps:
        done = day + dt.timedelta(days=30)
        improvement_actions.add_progress_note(
            action, text="Uitgevoerd en met het team geëvalueerd.", written_on=done, acting_user=owner
        )
        improvement_actions.finish_improvement_action(action, on=done, acting_user=owner)
        if "checked" in steps or "recurred" in steps:
            recurred = "recurred" in steps
            finding = (
                "Er kwamen weer twee klachten over binnen."
                if recurred
                else "In drie maanden geen nieuwe klachten hierover."
            )
            improvement_actions.record_effect_check(
                action,
                checked_on=done + dt.timedelta(days=90),
                recurred=recurred,
                finding=finding,
                acting_user=owner,
            )
    if "drop" in steps:
        improvement_actions.drop_improvement_action(
            action, on=day, reason="Opgegaan in de landelijke aanpak.", acting_user=owner
        )
