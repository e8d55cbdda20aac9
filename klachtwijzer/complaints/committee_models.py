"""The advisory committee's hearing and advice on one complaint (Awb 9:13-9:16); see ``committee.py``."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .constants import Judgement


def advice_path(instance: CommitteeAdvice, filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower()
    return f"advice/{uuid.uuid4().hex}.{extension}"


class CommitteeAdvice(models.Model):
    """When the committee heard the parties, what it advised, and why a decision departs from it."""

    complaint = models.OneToOneField(
        "complaints.Complaint",
        verbose_name=_("complaint"),
        on_delete=models.CASCADE,
        related_name="committee_advice",
    )
    hearing_on = models.DateField(_("committee hearing held on"))
    advised_on = models.DateField(_("advice given on"))
    advice = models.TextField(_("advice"), blank=True)
    document = models.FileField(_("advice document"), upload_to=advice_path, blank=True)
    document_name = models.CharField(_("file name of the advice"), max_length=255, blank=True)
    recommended_judgement = models.CharField(
        _("judgement the committee recommends"), max_length=20, choices=Judgement.choices
    )
    departure_reason = models.TextField(_("why the decision departs from the advice"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("advice of the advisory committee")
        verbose_name_plural = _("advice of the advisory committee")

    def __str__(self) -> str:
        return f"{self.complaint_id} {self.advised_on}"
