"""The satisfaction survey: invitations (which know the complaint) and answers (which do not).

An ``Invitation`` belongs to one complaint and holds the SHA-256 hash of the private link's token,
never the token itself. An ``Answer`` stores only the facts the figures need (year of closing,
department name, route, judgement) and the answers; it has a random primary key and no date or
time, so neither its key order nor a timestamp ties it to an invitation. ``AnsweredInvitation``
records *that* an invitation was answered: its primary key is the invitation, so the database
refuses a second answer to one complaint, while nothing says *which* answer was given.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

COMMENT_MAX_LENGTH = 1000


class Choice3(models.TextChoices):
    YES = "ja", _("Yes")
    PARTLY = "deels", _("Partly")
    NO = "nee", _("No")


class Invitation(models.Model):
    complaint = models.OneToOneField(
        "complaints.Complaint", on_delete=models.CASCADE, related_name="satisfaction_invitation"
    )
    token_hash = models.CharField(_("hash of the link's token"), max_length=64, blank=True, db_index=True)
    created_on = models.DateField(_("invited on"))
    expires_on = models.DateField(_("link works until"))
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)
    # The facts the figures count, copied at closing (the same as on the answer).
    closing_year = models.PositiveSmallIntegerField(_("year of closing"))
    department = models.CharField(_("department"), max_length=200, blank=True)
    route = models.CharField(_("route"), max_length=20)
    judgement = models.CharField(_("judgement"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("survey invitation")
        verbose_name_plural = _("survey invitations")

    def __str__(self) -> str:
        return f"invitation {self.pk}"


class AnsweredInvitation(models.Model):
    """That an invitation was answered (one answer per complaint), not which answer it was."""

    invitation = models.OneToOneField(Invitation, on_delete=models.CASCADE, primary_key=True)

    class Meta:
        verbose_name = _("answered invitation")
        verbose_name_plural = _("answered invitations")

    def __str__(self) -> str:
        return f"answered invitation {self.pk}"


class Answer(models.Model):
    """One complainant's answers, apart from the case file: no link to the complaint or invitation."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    closing_year = models.PositiveSmallIntegerField(_("year of closing"))
    department = models.CharField(_("department"), max_length=200, blank=True)
    route = models.CharField(_("route"), max_length=20)
    judgement = models.CharField(_("judgement"), max_length=20, blank=True)
    score = models.PositiveSmallIntegerField(_("score"))
    resolved = models.CharField(_("resolved"), max_length=5, choices=Choice3.choices)
    heard = models.CharField(_("felt heard"), max_length=5, choices=Choice3.choices)
    comment = models.TextField(_("comment"), max_length=COMMENT_MAX_LENGTH, blank=True)

    class Meta:
        verbose_name = _("survey answer")
        verbose_name_plural = _("survey answers")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(score__gte=1, score__lte=10), name="satisfaction_score_1_to_10"
            )
        ]

    def __str__(self) -> str:
        return f"answer {self.pk}"
