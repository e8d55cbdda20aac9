"""What retention stores besides the complaint's own fields: legal holds and destruction lists.

Re-exported from ``models.py``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class LegalHold(models.Model):
    """A reason not to destroy a complaint's personal data (a court case, a request under the Woo...)."""

    complaint = models.ForeignKey("complaints.Complaint", on_delete=models.PROTECT, related_name="holds")
    reason = models.TextField(_("reason"))
    placed_at = models.DateTimeField(_("placed at"), auto_now_add=True)
    placed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    lifted_at = models.DateTimeField(_("lifted at"), null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    lift_reason = models.TextField(_("reason for lifting"), blank=True)

    class Meta:
        ordering = ["-placed_at"]
        verbose_name = _("legal hold")
        verbose_name_plural = _("legal holds")

    def __str__(self) -> str:
        return f"{self.complaint_id} {self.placed_at:%Y-%m-%d}"


class DestructionList(models.Model):
    """A list of complaints whose personal data are due for destruction: proposed, approved, carried out.

    ``references`` is fixed when the list is proposed; ``counts`` is what carrying it out destroyed.
    The list itself is the log of the destruction and is never deleted.
    """

    class State(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        APPROVED = "approved", _("Approved")
        CARRIED_OUT = "carried_out", _("Carried out")

    as_of = models.DateField(pgettext_lazy("destruction", "due on"))
    references = models.JSONField(_("references"), default=list)
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.PROPOSED)
    proposed_at = models.DateTimeField(_("proposed at"), auto_now_add=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    carried_out_at = models.DateTimeField(_("carried out at"), null=True, blank=True)
    counts = models.JSONField(_("counts"), default=dict, blank=True)

    class Meta:
        ordering = ["-proposed_at"]
        verbose_name = _("destruction list")
        verbose_name_plural = _("destruction lists")

    def __str__(self) -> str:
        return f"{self.as_of} {self.state}"
