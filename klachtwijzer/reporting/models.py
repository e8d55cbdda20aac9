"""The yearly complaints report: the coordinator's draft and the frozen versions the college adopts.

A ``ReportDraft`` holds the coordinator's texts per section while the report is being written; the
figures of a draft are computed afresh each time it is shown. Finalising makes a ``ReportVersion``:
the figures, the texts and the published PDF are frozen in it, so a later change to a complaint
changes no finalised or adopted report. A new version can be finalised later; every version is kept.
The college's adoption date is recorded on a version once (Awb 9:12a; the report is kept permanently,
Selectielijst 2020 4.1.9). Use cases are in ``adoption.py``.
"""

from __future__ import annotations

from typing import Any, Self

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# What may change once a version is finalised: the adoption, and the PDF that states it.
ADOPTION_FIELDS = {"adopted_on", "adoption_recorded_at", "adoption_recorded_by", "pdf"}


class ReportDraft(models.Model):
    """The coordinator's texts for one year's report, kept between versions."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    as_of = models.DateField(
        _("reference date"),
        null=True,
        blank=True,
        help_text=_("The figures count what was known on this date; empty: today."),
    )
    texts = models.JSONField(_("texts per section"), default=dict, blank=True)
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-year"]
        verbose_name = _("report draft")
        verbose_name_plural = _("report drafts")

    def __str__(self) -> str:
        return str(_("Draft of the complaints report %(year)s") % {"year": self.year})

    def get_absolute_url(self) -> str:
        return reverse("reporting:report", kwargs={"year": self.year})


class ReportVersionQuerySet(models.QuerySet["ReportVersion"]):
    def delete(self) -> Any:
        raise TypeError("A finalised report version is kept permanently.")

    def adopted(self) -> Self:
        return self.filter(adopted_on__isnull=False)


class ReportVersion(models.Model):
    """A finalised yearly report: figures and texts frozen; only the adoption date is added later."""

    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveSmallIntegerField(_("version"))
    as_of = models.DateField(_("reference date"))
    figures = models.JSONField(_("figures"))
    learning = models.JSONField(_("learning points, improvement actions and ombudsman cases"), default=dict)
    texts = models.JSONField(_("texts per section"), default=dict)
    suppression_threshold = models.PositiveSmallIntegerField(_("smallest number shown"))
    pdf = models.BinaryField(_("published report (PDF)"))
    finalised_at = models.DateTimeField(_("finalised at"), default=timezone.now, editable=False)
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("finalised by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    adopted_on = models.DateField(_("adopted by the college on"), null=True, blank=True)
    adoption_recorded_at = models.DateTimeField(_("adoption recorded at"), null=True, blank=True)
    adoption_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("adoption recorded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = ReportVersionQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "-number"]
        verbose_name = _("report version")
        verbose_name_plural = _("report versions")
        constraints = [
            models.UniqueConstraint(fields=["year", "number"], name="unique_report_version"),
        ]

    def __str__(self) -> str:
        return str(
            _("Complaints report %(year)s, version %(number)s") % {"year": self.year, "number": self.number}
        )

    def save(self, *args: Any, **kwargs: Any) -> None:
        """A version is written once; afterwards only its adoption may be recorded."""
        update_fields = kwargs.get("update_fields")
        if self.pk is not None and (update_fields is None or not set(update_fields) <= ADOPTION_FIELDS):
            raise TypeError("A finalised report version is frozen; only its adoption can be recorded.")
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("reporting:version", kwargs={"year": self.year, "number": self.number})

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise TypeError("A finalised report version is kept permanently.")


class ReportJob(models.Model):
    """Long report work done by the background worker (``jobs.py``): finalising a version, or making the
    draft as PDF or DOCX. At most one unfinished job per kind and year (a second click finds the first)."""

    class Kind(models.TextChoices):
        FINALISE = "finalise", _("Finalise the report")
        DRAFT_PDF = "pdf", _("Draft as PDF")
        DRAFT_DOCX = "docx", _("Draft as Word document")

    class State(models.TextChoices):
        QUEUED = "queued", _("Waiting for its turn")
        RUNNING = "running", _("Busy")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress (percent)"), default=0)
    step = models.CharField(_("current step"), max_length=100, blank=True)
    error = models.CharField(_("why it failed"), max_length=500, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    version = models.ForeignKey(
        ReportVersion,
        verbose_name=_("version"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    result = models.BinaryField(_("document"), null=True, blank=True)

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("report job")
        verbose_name_plural = _("report jobs")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "year"],
                condition=models.Q(state__in=["queued", "running"]),
                name="one_unfinished_report_job",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.year}"

    def get_absolute_url(self) -> str:
        return reverse("reporting:job", kwargs={"year": self.year, "pk": self.pk})

    @property
    def finished(self) -> bool:
        return self.state in (self.State.DONE, self.State.FAILED)
