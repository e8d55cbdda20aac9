"""The hearings of a complaint (Awb 9:10): each party may be heard, each hearing has its record.

A hearing is with the complainant, with the person complained about, or with both together. Its invitation
states the date, the time, the place or the video link, and a reply date; what was said is its report
(verslag), free text destroyed with the personal data. The complainant's hearing is also summarised on
the complaint (``hearing_planned_on``, ``hearing_held_on``) and its report in
``PersonalData.hearing_report``, which the closing rules (9:10, 9:12) and the hearing report letter
read. Re-exported from ``models.py``.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class HearingParty(models.TextChoices):
    BOTH = "both", _("The complainant and the person complained about, together")
    COMPLAINANT = "complainant", _("The complainant")
    PERSON_COMPLAINED_ABOUT = "person_complained_about", _("The person complained about")


COMPLAINANT_PARTIES = (HearingParty.BOTH, HearingParty.COMPLAINANT)
PERSON_COMPLAINED_ABOUT_PARTIES = (HearingParty.BOTH, HearingParty.PERSON_COMPLAINED_ABOUT)


class Hearing(models.Model):
    complaint = models.ForeignKey("complaints.Complaint", on_delete=models.CASCADE, related_name="hearings")
    party = models.CharField(_("who is heard"), max_length=30, choices=HearingParty.choices)
    planned_on = models.DateField(_("date of the hearing"))
    starts_at = models.TimeField(_("time"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    video_link = models.URLField(_("video link"), max_length=500, blank=True)
    reply_by = models.DateField(_("reply by"), null=True, blank=True)
    invited_on = models.DateField(_("invitation sent on"), null=True, blank=True)
    held_on = models.DateField(_("held on"), null=True, blank=True)
    report = models.TextField(_("report of the hearing"), blank=True)

    class Meta:
        ordering = ["planned_on", "pk"]
        verbose_name = _("hearing")
        verbose_name_plural = _("hearings")

    def __str__(self) -> str:
        return f"{self.get_party_display()} · {self.planned_on:%Y-%m-%d}"

    @property
    def hears_complainant(self) -> bool:
        return self.party in COMPLAINANT_PARTIES

    @property
    def hears_person_complained_about(self) -> bool:
        return self.party in PERSON_COMPLAINED_ABOUT_PARTIES
