"""What identifies a person, kept apart from the case's facts so it can be destroyed on its own.

``PersonalData`` holds who complained, about whom, and their own words; ``ComplainantMessage`` what the
complainant added later. Both go when the personal data are destroyed (Selectielijst 2020, 13.1), the
facts of ``Complaint`` stay. ``PersonalDataAccess`` is the log of every look at them (see ``audit.py``).
Re-exported from ``models.py``; the complaint is referred to by name so this module does not import it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PersonalData(models.Model):
    """Who complained, about whom, and their own words: destroyable apart from the case's facts."""

    complaint = models.OneToOneField(
        "complaints.Complaint", on_delete=models.CASCADE, related_name="personal_data"
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("phone number"), max_length=40, blank=True)
    person_complained_about = models.CharField(_("person(s) complained about"), max_length=300, blank=True)
    description = models.TextField(_("what happened"), blank=True)
    desired_outcome = models.TextField(_("what the complainant wants"), blank=True)
    hearing_report = models.TextField(_("report of the hearing"), blank=True)
    findings = models.TextField(_("findings"), blank=True)
    informal_agreement = models.TextField(_("what was agreed (informal resolution)"), blank=True)
    notes = models.TextField(_("internal notes"), blank=True)
    destroyed_on = models.DateField(_("destroyed on"), null=True, blank=True)

    class Meta:
        verbose_name = _("personal data")
        verbose_name_plural = _("personal data")

    def __str__(self) -> str:
        return str(_("Personal data of %(reference)s") % {"reference": self.complaint.reference})


class ComplainantMessage(models.Model):
    """Information the complainant added while the complaint was open: free text, destroyed with the
    personal data (the history only notes that information was added, never the words)."""

    complaint = models.ForeignKey("complaints.Complaint", on_delete=models.CASCADE, related_name="messages")
    text = models.TextField(_("text"))
    received_at = models.DateTimeField(_("received at"), auto_now_add=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["received_at", "pk"]
        verbose_name = _("message from the complainant")
        verbose_name_plural = _("messages from the complainant")

    def __str__(self) -> str:
        return f"{self.complaint_id} {self.received_at:%Y-%m-%d %H:%M}"


class PersonalDataAccess(models.Model):
    """The audit log: who saw or exported a complaint's personal data, when and how."""

    class Action(models.TextChoices):
        VIEW = "view", _("Viewed")
        DOWNLOAD = "download", _("Downloaded an attachment or letter")
        EXPORT = "export", _("Exported")
        EDIT = "edit", _("Edited")
        SEARCH = "search", _("Searched in personal data")

    complaint = models.ForeignKey(
        "complaints.Complaint", on_delete=models.SET_NULL, null=True, blank=True, related_name="access_log"
    )
    reference = models.CharField(_("reference"), max_length=40, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    actor_label = models.CharField(_("by (description)"), max_length=100, blank=True)
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    detail = models.CharField(_("detail"), max_length=300, blank=True)
    at = models.DateTimeField(_("at"), default=timezone.now, editable=False, db_index=True)
    # Tamper evidence (docs/privacy.md): sha256 over this entry's fields and the previous entry's hash.
    prev_hash = models.CharField(_("previous hash"), max_length=64, blank=True, editable=False)
    entry_hash = models.CharField(_("hash"), max_length=64, blank=True, editable=False)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("personal data access")
        verbose_name_plural = _("personal data access log")

    def __str__(self) -> str:
        return f"{self.user} {self.action} {self.reference}"


class AccessLogChainHead(models.Model):
    """One row: the hash of the newest access-log entry, locked while an entry is appended.

    ``anchor`` is the hash the oldest kept entry chains to (empty until entries are pruned).
    """

    last_hash = models.CharField(max_length=64, blank=True)
    anchor = models.CharField(max_length=64, blank=True)

    def __str__(self) -> str:
        return self.last_hash
