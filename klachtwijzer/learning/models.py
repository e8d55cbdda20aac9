"""Learning from complaints: learning points, the themes they share and the improvement actions they feed.

The loop (ISO 10002; the ombudsmen's guidance on learning from complaints):

- A ``LearningPoint`` (leerpunt) on a complaint of any kind says what went wrong and what should
  change, for one department, under one or more ``Theme``\\s, optionally naming the complaint elements
  it comes from. Its free text may hold personal data, so it is shown only to those who may see the
  complaint; its ``summary`` is a short anonymous line that the yearly report may print.
- A ``Theme`` (thema) is an entry of the shared catalogue the coordinator curates. Names are unique
  whatever their case. A theme is retired (kept for past figures, no longer offered) or merged into
  another one (its points move there), never deleted.
- An ``ImprovementAction`` (verbetermaatregel) has an owner, a department and a due date, and moves
  open -> in progress -> done, or is dropped with a reason. The date of each step is stored, so its
  state on any earlier day can be counted. Progress notes and effect checks are appended, never
  rewritten.
- ``LearningHistoryEvent`` records every change of a point, theme or action: who, what, old -> new.

Every change goes through ``handling.py``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Case, Q, Value, When
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class AppendOnlyQuerySet(models.QuerySet[Any]):
    def update(self, **kwargs: Any) -> int:
        raise TypeError("These records are append-only.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise TypeError("These records are append-only.")


class AppendOnly(models.Model):
    """A record that is written once and never changed or deleted."""

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise TypeError("These records are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise TypeError("These records are append-only.")


class ThemeQuerySet(models.QuerySet["Theme"]):
    def active(self) -> ThemeQuerySet:
        """The themes offered for new points: neither retired nor merged."""
        return self.filter(retired_on__isnull=True, merged_into__isnull=True)


class Theme(models.Model):
    """An entry of the catalogue of learning themes."""

    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    retired_on = models.DateField(_("retired on"), null=True, blank=True)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_from",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ThemeQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                name="unique_theme_name_any_case",
                violation_error_message=_("A theme with this name already exists."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("learning:theme", kwargs={"pk": self.pk})

    @property
    def is_active(self) -> bool:
        return self.retired_on is None and self.merged_into_id is None


class Source(models.TextChoices):
    HANDLER = "handler", _("Recorded by the handler")
    REGISTER = "register", _("Imported from the register file")
    OMBUDSMAN = "ombudsman", _("Finding of the ombudsman")


class LearningPointQuerySet(models.QuerySet["LearningPoint"]):
    def recorded_by_day(self, day: dt.date) -> LearningPointQuerySet:
        return self.filter(recorded_on__lte=day)


class LearningPoint(models.Model):
    """A leerpunt: what went wrong in a complaint and what should change, for one department."""

    complaint = models.ForeignKey(
        "complaints.Complaint",
        verbose_name=_("complaint"),
        on_delete=models.PROTECT,
        related_name="learning_points",
    )
    department = models.ForeignKey(
        "accounts.Department",
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        related_name="learning_points",
    )
    summary = models.CharField(
        _("summary"),
        max_length=200,
        blank=True,
        help_text=_("One short line without names; the yearly report may print it."),
    )
    what_went_wrong = models.TextField(_("what went wrong"))
    what_should_change = models.TextField(_("what should change"), blank=True)
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), related_name="points")
    elements = models.ManyToManyField(
        "complaints.ComplaintElement",
        verbose_name=_("complaint elements"),
        blank=True,
        related_name="learning_points",
    )
    source = models.CharField(_("source"), max_length=20, choices=Source.choices, default=Source.HANDLER)
    # Where a point comes from another case (the ombudsman's), that case's reference: the ombudsman
    # module links its cases here.
    source_reference = models.CharField(_("reference of the source"), max_length=60, blank=True)
    recorded_on = models.DateField(_("recorded on"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = LearningPointQuerySet.as_manager()

    class Meta:
        ordering = ["-recorded_on", "-pk"]
        verbose_name = _("learning point")
        verbose_name_plural = _("learning points")

    def __str__(self) -> str:
        return str(_("Learning point %(number)s") % {"number": self.pk})

    def get_absolute_url(self) -> str:
        return reverse("learning:point", kwargs={"pk": self.pk})


class ActionState(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


FINISHED_STATES = (ActionState.DONE, ActionState.DROPPED)


class ImprovementActionQuerySet(models.QuerySet["ImprovementAction"]):
    def unfinished(self) -> ImprovementActionQuerySet:
        return self.exclude(state__in=FINISHED_STATES)

    def overdue(self, *, on: dt.date) -> ImprovementActionQuerySet:
        """Actions neither done nor dropped whose due date lies before ``on``."""
        return self.unfinished().filter(due_on__lt=on)

    def with_overdue(self, *, on: dt.date) -> ImprovementActionQuerySet:
        """Annotate ``is_overdue`` (see ``overdue``) and order overdue first, then by due date."""
        return self.annotate(
            is_overdue=Case(
                When(Q(due_on__lt=on) & ~Q(state__in=FINISHED_STATES), then=Value(True)),
                default=Value(False),
                output_field=models.BooleanField(),
            )
        ).order_by("-is_overdue", "due_on", "pk")


def state_on(day: dt.date) -> tuple[Q, Q, Q, Q]:
    """Filters for the state an action had on ``day``, from the dates of its steps (open, in progress,
    done, dropped), for actions created on or before ``day``."""
    dropped = Q(dropped_on__lte=day)
    done = Q(done_on__lte=day) & ~dropped
    in_progress = Q(started_on__lte=day) & ~dropped & ~Q(done_on__lte=day)
    open_ = ~Q(started_on__lte=day) & ~Q(done_on__lte=day) & ~dropped
    return open_, in_progress, done, dropped


class ImprovementAction(models.Model):
    """A verbetermaatregel: what a department does about one or more learning points."""

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="improvement_actions",
    )
    department = models.ForeignKey(
        "accounts.Department",
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        related_name="improvement_actions",
    )
    due_on = models.DateField(_("due on"))
    state = models.CharField(_("state"), max_length=20, choices=ActionState.choices, default=ActionState.OPEN)
    created_on = models.DateField(_("created on"))
    started_on = models.DateField(_("started on"), null=True, blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    dropped_on = models.DateField(_("dropped on"), null=True, blank=True)
    drop_reason = models.TextField(_("reason for dropping"), blank=True)
    points = models.ManyToManyField(
        LearningPoint, verbose_name=_("learning points"), blank=True, related_name="actions"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = ImprovementActionQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("improvement action")
        verbose_name_plural = _("improvement actions")
        constraints = [
            models.CheckConstraint(
                condition=~Q(state="dropped") | (Q(dropped_on__isnull=False) & ~Q(drop_reason="")),
                name="dropped_action_has_date_and_reason",
                violation_error_message=_("A dropped action has a date and a reason."),
            ),
            models.CheckConstraint(
                condition=~Q(state="done") | Q(done_on__isnull=False),
                name="done_action_has_date",
                violation_error_message=_("A finished action has the date it was done."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("learning:action", kwargs={"pk": self.pk})

    def overdue_on(self, day: dt.date) -> bool:
        return self.state not in FINISHED_STATES and self.due_on < day


class ActionProgressNote(AppendOnly):
    """A dated note on how an action is getting on. Appended, never rewritten."""

    action = models.ForeignKey(
        ImprovementAction,
        verbose_name=pgettext_lazy("improvement action", "action"),
        on_delete=models.PROTECT,
        related_name="notes",
    )
    written_on = models.DateField(_("date"))
    text = models.TextField(_("progress"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["written_on", "pk"]
        verbose_name = _("progress note")
        verbose_name_plural = _("progress notes")

    def __str__(self) -> str:
        return f"{self.action_id} {self.written_on:%Y-%m-%d}"


class EffectCheck(AppendOnly):
    """After an action is done: on a date someone looked whether the problem recurred, and what they found."""

    action = models.ForeignKey(
        ImprovementAction,
        verbose_name=pgettext_lazy("improvement action", "action"),
        on_delete=models.PROTECT,
        related_name="effect_checks",
    )
    checked_on = models.DateField(_("checked on"))
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("checked by"), on_delete=models.PROTECT, related_name="+"
    )
    recurred = models.BooleanField(_("the problem recurred"))
    finding = models.TextField(_("finding"))

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["checked_on", "pk"]
        verbose_name = _("effect check")
        verbose_name_plural = _("effect checks")

    def __str__(self) -> str:
        return f"{self.action_id} {self.checked_on:%Y-%m-%d}"


class LearningHistoryEvent(AppendOnly):
    """One change of a learning point, theme or action: who, what, and the old and new values."""

    class Type(models.TextChoices):
        POINT_RECORDED = "point_recorded", _("Learning point recorded")
        POINT_CHANGED = "point_changed", _("Learning point changed")
        POINT_MOVED = "point_moved", _("Learning point moved to another theme")
        THEME_CREATED = "theme_created", _("Theme created")
        THEME_RENAMED = "theme_renamed", _("Theme renamed")
        THEME_MERGED = "theme_merged", _("Theme merged")
        THEME_RETIRED = "theme_retired", _("Theme retired")
        ACTION_CREATED = "action_created", _("Improvement action created")
        ACTION_CHANGED = "action_changed", _("Improvement action changed")
        ACTION_STATE = "action_state", _("State of the improvement action changed")
        ACTION_NOTE = "action_note", _("Progress note added")
        EFFECT_CHECKED = "effect_checked", _("Effect checked")

    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    type = models.CharField(_("event"), max_length=30, choices=Type.choices)
    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, null=True, blank=True, related_name="history")
    point = models.ForeignKey(
        LearningPoint, on_delete=models.PROTECT, null=True, blank=True, related_name="history"
    )
    action = models.ForeignKey(
        ImprovementAction, on_delete=models.PROTECT, null=True, blank=True, related_name="history"
    )
    changes = models.JSONField(_("changes"), default=list, blank=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("learning history event")
        verbose_name_plural = _("learning history events")

    def __str__(self) -> str:
        return f"{self.type} {self.at:%Y-%m-%d %H:%M}"
