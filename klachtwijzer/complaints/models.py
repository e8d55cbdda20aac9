"""The complaint and what belongs to it.

A ``Complaint`` row holds the case's facts only (dates, department, natures, route, outcome, terms):
it is the anonymous fact record that every figure is computed from and that survives destruction.
Everything that identifies a person (complainant, person complained about, free text) lives in
``PersonalData`` and in attachments, which can be destroyed on their own (Selectielijst 2020, 13.1).
``HistoryEvent`` is append-only (see ``history.py``). ``PersonalData`` and the access log live in
``personal_data.py``, ``HistoryEvent`` in ``history_events.py``; all are named here.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import TYPE_CHECKING, Self, TypedDict, TypeVar

from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from . import terms
from .constants import (
    FOUNDED_JUDGEMENTS,
    OPEN_STATUSES,
    Channel,
    Form,
    HearingWaiver,
    Judgement,
    Kind,
    NatureGroup,
    NoCopyReason,
    NotAComplaintKind,
    NotHandledGround,
    Outcome,
    Route,
    Status,
    TriageDecision,
    register_oordeel,
)

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


class NatureQuerySet(models.QuerySet["Nature"]):
    def active(self) -> Self:
        return self.filter(retired_on__isnull=True)


class Nature(models.Model):
    """An entry of the catalogue of natures: a behoorlijkheidsnorm or a municipality's own category.

    Entries are retired, never deleted, so complaints classified under them keep their history.
    """

    name = models.CharField(_("name"), max_length=120, unique=True)
    group = models.CharField(_("group"), max_length=20, choices=NatureGroup.choices)
    description = models.TextField(_("description"), blank=True)
    is_norm = models.BooleanField(_("behoorlijkheidsnorm of the Nationale ombudsman"), default=False)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    retired_on = models.DateField(_("retired on"), null=True, blank=True)

    objects = NatureQuerySet.as_manager()

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("nature")
        verbose_name_plural = _("natures")

    def __str__(self) -> str:
        return self.name


class ReferenceCounter(models.Model):
    """The last reference number handed out per prefix and year (see ``references.py``)."""

    prefix = models.CharField(max_length=10)
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["prefix", "year"], name="unique_counter_per_year")]

    def __str__(self) -> str:
        return f"{self.prefix}-{self.year}: {self.last_number}"


class ApplicableTermEnd(TypedDict):
    """The annotation added by ``ComplaintQuerySet.with_applicable_term_end``."""

    applicable_term_end: dt.date


#: A complaint type for querysets: ``Complaint`` itself, or ``Complaint`` with annotations.
ComplaintT = TypeVar("ComplaintT", bound="Complaint")


class ComplaintQuerySet(models.QuerySet[ComplaintT]):
    """Complaints of type ``ComplaintT``: ``Complaint`` itself, or ``Complaint`` with annotations."""

    def awb(self) -> Self:
        return self.filter(kind=Kind.AWB)

    def open(self) -> Self:
        return self.filter(status__in=OPEN_STATUSES)

    def closed(self) -> Self:
        return self.filter(status=Status.CLOSED)

    def open_on(self, day: dt.date) -> Self:
        """Received on or before ``day`` and not closed on or before it."""
        return self.filter(received_on__lte=day).filter(Q(closed_on__isnull=True) | Q(closed_on__gt=day))

    def applicable_term_end_lte(self, day: dt.date) -> Self:
        """The term that applies (see ``Complaint.applicable_term_ends_on``) ends on or before ``day``."""
        return self.filter(
            Q(further_delay_until__lte=day)
            | Q(further_delay_until__isnull=True, extended_term_ends_on__lte=day)
            | Q(further_delay_until__isnull=True, extended_term_ends_on__isnull=True, term_ends_on__lte=day)
        )

    def with_applicable_term_end(self) -> ComplaintQuerySet[ComplaintWithTermEnd]:
        """Annotate ``applicable_term_end``, the same date as ``Complaint.applicable_term_ends_on``."""
        return self.annotate(
            applicable_term_end=Coalesce("further_delay_until", "extended_term_ends_on", "term_ends_on")
        )

    def overdue(self, *, on: dt.date) -> Self:
        """Open complaints whose applicable term ended before ``on``."""
        return self.open().applicable_term_end_lte(on - dt.timedelta(days=1))

    def due_within(self, *, on: dt.date, days: int) -> Self:
        """Open complaints whose applicable term ends between ``on`` and ``on + days``."""
        return (
            self.open()
            .applicable_term_end_lte(on + dt.timedelta(days=days))
            .exclude(pk__in=self.overdue(on=on).values("pk"))
        )

    def with_element_counts(self) -> Self:
        return self.annotate(
            element_count=Count("elements", distinct=True),
            founded_element_count=Count(
                "elements", filter=Q(elements__judgement__in=FOUNDED_JUDGEMENTS), distinct=True
            ),
        )


class Complaint(models.Model):
    """One complaint (klacht), from receipt to closure. Changed only through ``handling.py``."""

    reference = models.CharField(_("reference"), max_length=40, unique=True)
    public_token = models.UUIDField(_("status link token"), default=uuid.uuid4, unique=True, editable=False)
    received_on = models.DateField(_("received on"))  # indexed first in complaint_received_facts
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices, default=Channel.WEB_FORM)
    form = models.CharField(_("form"), max_length=10, choices=Form.choices, default=Form.WRITTEN)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.AWB)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED, db_index=True
    )

    department = models.ForeignKey(
        "accounts.Department",
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="complaints",
    )
    partner = models.ForeignKey(
        "accounts.Partner",
        verbose_name=_("partner"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="complaints",
    )
    staff_complained_about = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff members complained about"),
        blank=True,
        related_name="complaints_about",
    )
    about_governing_body = models.BooleanField(
        _("about the governing body, its chair or a member"),
        default=False,
        help_text=_("Awb 9:7 lid 2: then the body itself may handle it."),
    )
    conduct_on = models.DateField(_("date of the conduct"), null=True, blank=True)
    dated_on = models.DateField(
        _("date on the complaint"),
        null=True,
        blank=True,
        help_text=_(
            "The date the complainant put on the letter or e-mail (Awb 9:4 lid 2b); empty when none."
        ),
    )
    natures = models.ManyToManyField(Nature, verbose_name=_("natures"), blank=True, related_name="complaints")
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handler"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="complaints_handled",
    )
    advisory_committee = models.BooleanField(_("handled by the advisory committee"), default=False)

    # Triage
    triage_decision = models.CharField(
        _("triage decision"), max_length=20, choices=TriageDecision.choices, blank=True
    )
    triaged_on = models.DateField(_("triaged on"), null=True, blank=True)
    route = models.CharField(_("route"), max_length=10, choices=Route.choices, blank=True)
    forwarded_to = models.CharField(_("forwarded to"), max_length=200, blank=True)
    not_a_complaint_kind = models.CharField(
        _("what it is instead of a complaint"), max_length=10, choices=NotAComplaintKind.choices, blank=True
    )

    # Terms, stored when the event happens (see terms.py)
    term_ends_on = models.DateField(_("term ends on"))
    not_handling_notice_due_on = models.DateField(_("not-handling notice due on"))
    extended_term_ends_on = models.DateField(_("extended term ends on"), null=True, blank=True)
    ten_week_term_ends_on = models.DateField(
        _("end of the longest term after one extension"),
        help_text=_("Receipt + 10 weeks (14 with an advisory committee), stored for the timeliness figures."),
    )

    acknowledgement_due_on = models.DateField(
        _("acknowledgement target date"),
        null=True,
        blank=True,
        help_text=_(
            "The last day of the municipality's target for the written acknowledgement (Awb 9:6), stored at "
            "receipt; empty for an oral complaint."
        ),
    )

    # Procedure steps
    acknowledged_on = models.DateField(_("acknowledged on"), null=True, blank=True)
    copy_sent_on = models.DateField(_("copy sent to the person complained about on"), null=True, blank=True)
    no_copy_reason = models.CharField(
        _("reason no copy went to the person complained about"),
        max_length=20,
        choices=NoCopyReason.choices,
        blank=True,
    )
    no_copy_note = models.TextField(_("explanation why no copy was sent"), blank=True)
    extension_notice_on = models.DateField(_("extension notice sent on"), null=True, blank=True)
    extension_reason = models.TextField(_("reason for the extension"), blank=True)
    further_delay_consent_on = models.DateField(
        _("complainant consented to further delay on"), null=True, blank=True
    )
    further_delay_until = models.DateField(_("further delay until"), null=True, blank=True)
    further_delay_consent_document = models.ForeignKey(
        "Attachment",
        verbose_name=_("the complainant's written consent"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    hearing_planned_on = models.DateField(_("hearing planned on"), null=True, blank=True)
    hearing_reply_by = models.DateField(_("reply to the hearing invitation by"), null=True, blank=True)
    hearing_held_on = models.DateField(_("hearing held on"), null=True, blank=True)
    hearing_waiver = models.CharField(
        _("reason the complainant was not heard"), max_length=20, choices=HearingWaiver.choices, blank=True
    )
    not_handled_ground = models.CharField(
        _("ground for not handling (Awb 9:8)"), max_length=2, choices=NotHandledGround.choices, blank=True
    )
    not_handled_notice_on = models.DateField(_("not-handling notice sent on"), null=True, blank=True)
    not_handled_remedy_where = models.CharField(
        _("where objection or appeal is or was possible (Awb 9:8 lid 1c/1d)"), max_length=200, blank=True
    )
    not_handled_remedy_until = models.DateField(
        _("until when objection or appeal is or was possible"), null=True, blank=True
    )
    not_handled_late_reason = models.TextField(_("why the not-handling notice was late"), blank=True)
    informal_resolution_how = models.CharField(
        _("how it was resolved informally"), max_length=200, blank=True
    )
    informal_resolution_by = models.CharField(_("resolved informally by"), max_length=200, blank=True)
    # Awb 9:4: a written complaint that lacks a part is asked to be completed; the term runs on.
    completion_requested_on = models.DateField(_("asked to complete the complaint on"), null=True, blank=True)
    completion_reply_by = models.DateField(_("asked to complete the complaint by"), null=True, blank=True)
    completion_lapsed_on = models.DateField(
        _("recorded as not completed on"),
        null=True,
        blank=True,
        help_text=_(
            "The reply date passed with parts still missing: the complaint is handled with what is there."
        ),
    )

    # Ending
    outcome = models.CharField(_("how it ended"), max_length=20, choices=Outcome.choices, blank=True)
    judgement = models.CharField(_("judgement"), max_length=20, choices=Judgement.choices, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)  # first in complaint_closed_facts
    measures = models.TextField(_("measures"), blank=True)
    ombudsman_petition_ends_on = models.DateField(_("ombudsman petition term ends on"), null=True, blank=True)
    ombudsman_referred_on = models.DateField(_("referred to the ombudsman on"), null=True, blank=True)
    ombudsman_reference = models.CharField(_("ombudsman's reference"), max_length=60, blank=True)
    # Retention (Selectielijst 2020, process type 13), kept in step by ``retention.py``.
    retention_result = models.CharField(_("Selectielijst result"), max_length=10, blank=True)
    destroy_on = models.DateField(_("destroy personal data on"), null=True, blank=True, db_index=True)
    keep_permanently_reason = models.TextField(_("reason to keep permanently"), blank=True)

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    status_link_revoked_at = models.DateTimeField(_("status link revoked at"), null=True, blank=True)
    # Raised by every change (``handling.py``), so a form opened on an older version is refused.
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = ComplaintQuerySet.as_manager()

    class Meta:
        ordering = ["-received_on", "-reference"]
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        indexes = [
            models.Index(fields=["kind", "received_on"], name="complaint_kind_received"),
            models.Index(fields=["status", "term_ends_on"], name="complaint_status_term"),
            # The figures (reporting/figures.py) read only these columns: on PostgreSQL they come from
            # the index alone (an index-only scan), a fraction of the rows' size. See docs/benchmarks.md.
            models.Index(
                fields=["received_on", "kind"],
                include=[
                    "id",
                    "department",
                    "channel",
                    "partner",
                    "closed_on",
                    "outcome",
                    "judgement",
                    "term_ends_on",
                    "ten_week_term_ends_on",
                    "extended_term_ends_on",
                    "extension_notice_on",
                    "ombudsman_referred_on",
                ],
                name="complaint_received_facts",
            ),
            models.Index(
                fields=["closed_on", "kind"],
                include=["received_on", "department", "channel", "partner"],
                name="complaint_closed_facts",
            ),
            # The list's keyset pages (complaints/paging.py) seek into these instead of counting and
            # skipping rows: newest first, newest first within a status or a department, and by the term
            # that applies.
            models.Index(fields=["received_on", "reference"], name="complaint_received_ref"),
            models.Index(fields=["status", "-received_on", "-reference"], name="complaint_status_received"),
            models.Index(
                fields=["department", "-received_on", "-reference"], name="complaint_department_received"
            ),
            models.Index(
                Coalesce("further_delay_until", "extended_term_ends_on", "term_ends_on"),
                "reference",
                name="complaint_term_reference",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=models.F("received_on")),
                name="closed_not_before_received",
                violation_error_message=_("The closing date lies before the date of receipt."),
            ),
            models.CheckConstraint(
                condition=(Q(status="closed") & ~Q(outcome="") & Q(closed_on__isnull=False))
                | (~Q(status="closed") & Q(closed_on__isnull=True)),
                name="closed_has_outcome_and_date",
                violation_error_message=_("A closed complaint has an outcome and a closing date."),
            ),
            models.CheckConstraint(
                condition=Q(outcome="judged") | Q(judgement=""),
                name="judgement_only_when_judged",
                violation_error_message=_("Only a formally judged complaint has a judgement."),
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    def get_absolute_url(self) -> str:
        return reverse("complaints:detail", kwargs={"reference": self.reference})

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def status_link_works(self, today: dt.date) -> bool:
        """Whether the resident's status link still opens the status page on ``today``.

        Not once the coordinator revoked it, and not ``STATUS_LINK_DAYS_AFTER_CLOSING`` days after
        closing (by default a year and a bit: the year in which the ombudsman may be asked, Awb 9:24).
        """
        if self.status_link_revoked_at is not None:
            return False
        if self.closed_on is None or self.is_open:
            return True
        return today <= self.closed_on + dt.timedelta(days=settings.STATUS_LINK_DAYS_AFTER_CLOSING)

    @property
    def applicable_term_ends_on(self) -> dt.date:
        """The extended term once an extension was sent in time, else the handling term."""
        if self.further_delay_until:
            return self.further_delay_until
        return self.extended_term_ends_on or self.term_ends_on

    def term_status(self, today: dt.date, due_soon_days: int = 7) -> terms.TermState | None:
        if not self.is_open:
            return None
        return terms.term_state(self.applicable_term_ends_on, today=today, due_soon_days=due_soon_days)

    @property
    def closed_within_term(self) -> bool | None:
        """Closed on or before the term that applied; None while open (register column binnen_termijn)."""
        if self.closed_on is None:
            return None
        return self.closed_on <= self.legal_term_ends_on

    @property
    def extended_in_time(self) -> bool:
        return self.extension_notice_on is not None and self.extension_notice_on <= self.term_ends_on

    @property
    def legal_term_ends_on(self) -> dt.date:
        """The term that applied: the extended one where the extension was sent before the term ended."""
        if self.extended_in_time and self.extended_term_ends_on:
            return self.extended_term_ends_on
        return self.term_ends_on

    @property
    def kind_label(self) -> str:
        """What the case really is: 'not a complaint' (and what instead) once triage found that."""
        if self.outcome != Outcome.NOT_A_COMPLAINT:
            return str(self.get_kind_display())
        if self.not_a_complaint_kind:
            return str(NotAComplaintKind(self.not_a_complaint_kind).label)
        return str(Outcome.NOT_A_COMPLAINT.label)

    @property
    def outcome_label(self) -> str:
        """How it ended; for 'not a complaint' what it is instead."""
        if self.outcome == Outcome.NOT_A_COMPLAINT:
            return self.kind_label
        return str(self.get_outcome_display())

    @property
    def register_oordeel(self) -> str:
        return register_oordeel(self.outcome, self.judgement)


if TYPE_CHECKING:
    #: A complaint from ``with_applicable_term_end()``, which carries ``applicable_term_end``.
    ComplaintWithTermEnd = WithAnnotations[Complaint, ApplicableTermEnd]


class ComplaintElement(models.Model):
    """A klachtonderdeel: one part of a complaint, with its own nature and judgement."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="elements")
    position = models.PositiveSmallIntegerField(_("position"), default=1)
    summary = models.CharField(_("summary"), max_length=300)
    nature = models.ForeignKey(
        Nature, verbose_name=_("nature"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    judgement = models.CharField(_("judgement"), max_length=20, choices=Judgement.choices, blank=True)
    reasoning = models.TextField(_("reasoning"), blank=True)

    class Meta:
        ordering = ["complaint", "position"]
        verbose_name = _("complaint element")
        verbose_name_plural = _("complaint elements")

    def __str__(self) -> str:
        return f"{self.complaint.reference} #{self.position}"


def attachment_path(instance: Attachment, filename: str) -> str:
    return f"attachments/{instance.complaint.received_on:%Y}/{uuid.uuid4().hex}"


class Attachment(models.Model):
    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to=attachment_path)
    filename = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=120)
    size = models.PositiveIntegerField(_("size"))
    from_complainant = models.BooleanField(_("sent by the complainant"), default=True)
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["uploaded_at"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.filename


# Personal data and the history have modules of their own; they are models of this app all the same.
from .committee_models import CommitteeAdvice  # noqa: E402
from .hearing_models import Hearing, HearingParty  # noqa: E402
from .history_events import HistoryChainHead, HistoryEvent, HistoryQuerySet  # noqa: E402
from .personal_data import (  # noqa: E402
    AccessLogChainHead,
    ComplainantMessage,
    PersonalData,
    PersonalDataAccess,
)
from .retention_models import DestructionList, LegalHold  # noqa: E402

__all__ = [
    "AccessLogChainHead",
    "Attachment",
    "CommitteeAdvice",
    "ComplainantMessage",
    "Complaint",
    "ComplaintElement",
    "ComplaintQuerySet",
    "ComplaintT",
    "DestructionList",
    "Hearing",
    "HearingParty",
    "HistoryChainHead",
    "HistoryEvent",
    "HistoryQuerySet",
    "LegalHold",
    "Nature",
    "NatureQuerySet",
    "PersonalData",
    "PersonalDataAccess",
    "ReferenceCounter",
    "attachment_path",
]
