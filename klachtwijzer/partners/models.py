"""What partners report and what their accounthouders record: figures per period and conversations.

A partner that handles complaints about its municipal service in its own system reports its figures per
period (``docs/partner-figures-format.md``). Figures are never changed or deleted: a correction stores new
figures and marks the earlier ones replaced (when, by whom, by which), so the history stays complete and a
frozen report can be recomputed as it was.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

# The file's outcome columns, the model's fields and the report's keys, in the order of the spec.
OUTCOME_FIELDS = (
    "gegrond",
    "deels_gegrond",
    "ongegrond",
    "geen_oordeel",
    "informeel_opgelost",
    "ingetrokken",
    "niet_in_behandeling",
)


class FiguresQuerySet(models.QuerySet[Any]):
    def current(self) -> FiguresQuerySet:
        """The figures that stand: not replaced by a correction."""
        return self.filter(replaced_at__isnull=True)


class PartnerFigures(models.Model):
    """The complaint figures a partner reported for one period."""

    partner = models.ForeignKey(
        "accounts.Partner",
        verbose_name=_("partner"),
        on_delete=models.PROTECT,
        related_name="reported_figures",
    )
    period_from = models.DateField(_("period from"))
    period_to = models.DateField(_("period to"))
    received = models.PositiveIntegerField(_("received"))
    closed = models.PositiveIntegerField(_("closed"))
    gegrond = models.PositiveIntegerField(_("founded"), default=0)
    deels_gegrond = models.PositiveIntegerField(_("partly founded"), default=0)
    ongegrond = models.PositiveIntegerField(_("unfounded"), default=0)
    geen_oordeel = models.PositiveIntegerField(_("no judgement"), default=0)
    informeel_opgelost = models.PositiveIntegerField(_("resolved informally"), default=0)
    ingetrokken = models.PositiveIntegerField(_("withdrawn"), default=0)
    niet_in_behandeling = models.PositiveIntegerField(_("not taken up"), default=0)
    within_term = models.PositiveIntegerField(_("closed within the term"), null=True, blank=True)
    explanation = models.TextField(_("explanation"), blank=True)
    reported_at = models.DateTimeField(_("reported at"))
    reported_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("reported by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reported_by_label = models.CharField(_("reported by (as shown)"), max_length=200)
    file_name = models.CharField(_("file"), max_length=255, blank=True)
    replaced_at = models.DateTimeField(_("replaced at"), null=True, blank=True)
    replaced_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("replaced by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    replaced_by_label = models.CharField(_("replaced by (as shown)"), max_length=200, blank=True)
    replacement = models.ForeignKey(
        "self",
        verbose_name=_("replacement"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replaces",
    )

    objects = FiguresQuerySet.as_manager()

    class Meta:
        ordering = ["partner__name", "-period_from", "-reported_at"]
        verbose_name = _("partner figures")
        verbose_name_plural = _("partner figures")
        indexes = [models.Index(fields=["partner", "period_to"], name="partner_figures_period")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_to__gte=models.F("period_from")),
                name="partner_figures_period_order",
            ),
            models.CheckConstraint(
                condition=models.Q(closed__lte=models.F("received")),
                name="partner_figures_closed_le_received",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.partner_id} {self.period_from} - {self.period_to}"

    @property
    def founded(self) -> int:
        return self.gegrond + self.deels_gegrond


class PartnerConversation(models.Model):
    """The periodic conversation between the accounthouder and the partner about complaint handling."""

    partner = models.ForeignKey(
        "accounts.Partner", verbose_name=_("partner"), on_delete=models.PROTECT, related_name="conversations"
    )
    held_on = models.DateField(_("date"))
    participants = models.TextField(_("who took part"))
    agreements = models.TextField(_("agreements"))
    recorded_at = models.DateTimeField(_("recorded at"))
    recorded_by = models.ForeignKey(
        "accounts.User", verbose_name=_("recorded by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["partner__name", "-held_on", "-pk"]
        verbose_name = _("conversation with a partner")
        verbose_name_plural = _("conversations with partners")

    def __str__(self) -> str:
        return f"{self.partner_id} {self.held_on}"
