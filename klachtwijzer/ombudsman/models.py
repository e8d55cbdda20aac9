"""Cases of the ombudsman about the municipality's complaints (Awb 9:17-9:36, second line).

A case is linked to the original complaint. It records which ombudsman handles it, the petition date,
the ombudsman's own case number, what the ombudsman did (``Action``), its judgement per complaint
element with the norm named, its recommendations with what the municipality did with each, and the
municipality's response deadlines.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class OmbudsmanKind(models.TextChoices):
    NATIONAL = "national", _("Nationale ombudsman")
    MUNICIPAL = "municipal", _("Municipal ombudsman")
    COMMITTEE = "committee", _("Ombudscommissie")


class Action(models.TextChoices):
    """What the ombudsman did; the values are the report's ``by_outcome`` keys."""

    OPEN = "open", _("Not known yet")
    FORWARDED = "terugverwezen", _("Forwarded back for own handling")
    INTERVENTION = "interventie", _("Intervention")
    MEDIATION = "bemiddeling", _("Mediation")
    REPORT = "rapport", _("Investigation with a report")
    REPORT_LETTER = "rapportbrief", _("Report letter")
    NOT_HANDLED = "niet in behandeling", _("Not handled")


class Verdict(models.TextChoices):
    PROPER = "behoorlijk", _("behoorlijk")
    IMPROPER = "niet behoorlijk", _("niet behoorlijk")


class Response(models.TextChoices):
    OPEN = "open", _("Not decided yet")
    FOLLOWED = "followed", _("Followed")
    PARTLY = "partly", _("Partly followed")
    NOT_FOLLOWED = "not_followed", _("Not followed")


class OmbudsmanCase(models.Model):
    complaint = models.ForeignKey(
        "complaints.Complaint",
        on_delete=models.PROTECT,
        related_name="ombudsman_cases",
        verbose_name=_("complaint"),
    )
    ombudsman_name = models.CharField(_("ombudsman"), max_length=120)
    ombudsman_kind = models.CharField(_("kind of ombudsman"), max_length=20, choices=OmbudsmanKind.choices)
    petition_on = models.DateField(_("petition date"))
    case_number = models.CharField(_("the ombudsman's case number"), max_length=60, blank=True)
    action = models.CharField(
        _("what the ombudsman did"), max_length=30, choices=Action.choices, default=Action.OPEN
    )
    action_on = models.DateField(_("date of the outcome"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("ombudsman case")
        verbose_name_plural = _("ombudsman cases")
        ordering = ["petition_on", "pk"]

    def __str__(self) -> str:
        return self.case_number or f"{self.complaint_id}/{self.petition_on.isoformat()}"

    @property
    def is_open(self) -> bool:
        return self.action == Action.OPEN


class Judgement(models.Model):
    """The ombudsman's judgement on one complaint element, with the norm it named."""

    case = models.ForeignKey(OmbudsmanCase, on_delete=models.CASCADE, related_name="judgements")
    element = models.ForeignKey(
        "complaints.ComplaintElement",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ombudsman_judgements",
        verbose_name=_("element"),
    )
    norm = models.ForeignKey(
        "complaints.Nature", on_delete=models.PROTECT, related_name="+", verbose_name=_("norm")
    )
    verdict = models.CharField(_("judgement"), max_length=20, choices=Verdict.choices)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.norm_id}: {self.verdict}"


class Recommendation(models.Model):
    case = models.ForeignKey(OmbudsmanCase, on_delete=models.CASCADE, related_name="recommendations")
    text = models.TextField(_("recommendation"))
    response = models.CharField(
        _("what the municipality did"), max_length=20, choices=Response.choices, default=Response.OPEN
    )
    explanation = models.TextField(_("explanation"), blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.text[:60]


class ResponseDeadline(models.Model):
    """A date by which the municipality must answer the ombudsman."""

    case = models.ForeignKey(OmbudsmanCase, on_delete=models.CASCADE, related_name="deadlines")
    description = models.CharField(_("what is asked"), max_length=200)
    due_on = models.DateField(_("due on"))
    done_on = models.DateField(_("done on"), null=True, blank=True)

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.due_on.isoformat()


class CaseDocument(models.Model):
    """A document exchanged with the ombudsman, checked as complaint attachments are."""

    case = models.ForeignKey(OmbudsmanCase, on_delete=models.CASCADE, related_name="documents")
    file = models.FileField(_("file"), upload_to="ombudsman/%Y/")
    filename = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=120)
    size = models.PositiveIntegerField(_("size"))
    received = models.BooleanField(_("received from the ombudsman"), default=True)
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.filename
