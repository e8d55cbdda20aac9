"""The organisation: the municipality, its departments, its partners and the people who use Klachtwijzer.

A user's role and department decide which complaints they see (see ``access.py``; the rules for one
complaint are in ``complaints/access.py``).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

# The colour of letters, pages and the report until the municipality sets its own.
DEFAULT_COLOUR = "#00689e"


def default_ombudsman_name() -> str:
    """The ombudsman a new municipality record names, in the language of the catalogue."""
    return gettext("the Nationale ombudsman")


def default_ombudsman_address() -> str:
    return gettext("PO Box 93122, 2509 AC The Hague, www.nationaleombudsman.nl")


def default_signed_on_behalf_of() -> str:
    """Whom letters are signed on behalf of (Awb 9:12: the governing body)."""
    return gettext("on behalf of the mayor and aldermen")


class Municipality(models.Model):
    """The one municipality this installation serves: its name and what goes on its letters."""

    name = models.CharField(_("name"), max_length=200)
    address = models.TextField(_("postal address"), blank=True)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("complaints e-mail address"), blank=True)
    phone = models.CharField(_("phone number"), max_length=40, blank=True)
    logo = models.ImageField(_("logo"), upload_to="municipality/", blank=True)
    primary_colour = models.CharField(_("primary colour"), max_length=7, default=DEFAULT_COLOUR)
    reference_prefix = models.CharField(
        _("reference prefix"),
        max_length=10,
        help_text=_("Letters that start every complaint reference, e.g. LEI in LEI-2024-0001."),
    )
    acknowledgement_target_days = models.PositiveSmallIntegerField(
        _("acknowledgement target (working days)"), default=5
    )
    internal_target_days = models.PositiveSmallIntegerField(
        _("internal handling target (days)"),
        default=21,
        help_text=_("An internal goal shorter than the legal term, e.g. 21 days (3 weeks)."),
    )
    due_soon_days = models.PositiveSmallIntegerField(_("warn this many days before a term ends"), default=7)
    advisory_committee = models.BooleanField(
        _("advisory committee (Awb 9:13-9:16)"),
        default=False,
        help_text=_("Complaints are heard by an advisory committee; the handling term is then 10 weeks."),
    )
    ombudsman_name = models.CharField(_("ombudsman"), max_length=200, default=default_ombudsman_name)
    ombudsman_address = models.TextField(_("ombudsman address"), default=default_ombudsman_address)
    suppression_threshold = models.PositiveSmallIntegerField(
        _("smallest number shown in published figures"), default=5
    )
    signed_on_behalf_of = models.CharField(
        _("letters signed on behalf of"), max_length=200, default=default_signed_on_behalf_of
    )
    signatory_name = models.CharField(
        _("signatory's name"),
        max_length=200,
        blank=True,
        help_text=_("The person who signs every letter on behalf of the governing body."),
    )
    signatory_function = models.CharField(_("signatory's function"), max_length=200, blank=True)
    regulation_article = models.CharField(
        _("article of the complaints regulation on the annual report"),
        max_length=100,
        blank=True,
        help_text=_("The legal basis of the college proposal, e.g. 'artikel 15 van de Klachtenregeling'."),
    )

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipality")

    def __str__(self) -> str:
        return self.name

    @classmethod
    def current(cls) -> Municipality:
        """The municipality's record, created from the settings on first use."""
        from django.conf import settings

        municipality = cls.objects.order_by("pk").first()
        if municipality is None:
            municipality = cls.objects.create(
                name=settings.MUNICIPALITY_NAME, reference_prefix=settings.REFERENCE_PREFIX
            )
        return municipality


class ActiveQuerySet(models.QuerySet[Any]):
    def active(self) -> ActiveQuerySet:
        return self.filter(active=True)


class Department(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    active = models.BooleanField(_("active"), default=True)

    objects = ActiveQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("department")
        verbose_name_plural = _("departments")

    def __str__(self) -> str:
        return self.name


class ReportingWay(models.TextChoices):
    """How a partner accounts for the complaints about its service."""

    KLACHTWIJZER = "klachtwijzer", _("Registers complaints in Klachtwijzer")
    FIGURES = "figures", _("Reports figures from its own system")
    BOTH = "both", _("Both")


class ReportingFrequency(models.TextChoices):
    QUARTER = "quarter", _("Every quarter")
    HALF_YEAR = "half_year", _("Every half year")
    YEAR = "year", _("Every year")


class Partner(models.Model):
    """A samenwerkingspartner: an organisation delivering a municipal service.

    Its accounthouders are the municipal staff responsible for the relationship; its own users (role
    partner) register and handle complaints about its service in Klachtwijzer, report their figures
    periodically (``partners`` app), or both (``reporting_way``).
    """

    name = models.CharField(_("name"), max_length=200, unique=True)
    service = models.CharField(_("service delivered"), max_length=200, blank=True)
    accounthouders = models.ManyToManyField(
        "accounts.User",
        verbose_name=_("accounthouders"),
        blank=True,
        related_name="partners_managed",
        help_text=_("Municipal staff responsible for the relationship with this partner."),
    )
    reporting_way = models.CharField(
        _("how it reports"), max_length=20, choices=ReportingWay.choices, default=ReportingWay.KLACHTWIJZER
    )
    reporting_frequency = models.CharField(
        _("reporting frequency"),
        max_length=20,
        choices=ReportingFrequency.choices,
        default=ReportingFrequency.QUARTER,
        help_text=_("How often the partner reports its figures (when it reports figures)."),
    )
    active = models.BooleanField(_("active"), default=True)

    objects = ActiveQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")

    def __str__(self) -> str:
        return self.name

    @property
    def registers_in_klachtwijzer(self) -> bool:
        return self.reporting_way in (ReportingWay.KLACHTWIJZER, ReportingWay.BOTH)

    @property
    def reports_figures(self) -> bool:
        return self.reporting_way in (ReportingWay.FIGURES, ReportingWay.BOTH)


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("Complaints coordinator")
    HANDLER = "handler", _("Complaint handler")
    MANAGER = "manager", _("Department manager")
    PARTNER = "partner", _("Partner")
    ADMINISTRATOR = "administrator", _("Administrator")
    BOARD = "board", _("Board member")
    RECORDS_MANAGER = "records_manager", _("Records manager")
    PRIVACY_OFFICER = "privacy_officer", _("Privacy officer")


class User(AbstractUser):
    """A member of staff, a partner's employee or a board member. Residents have no account."""

    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.HANDLER)
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
    )
    partner = models.ForeignKey(
        Partner,
        verbose_name=_("partner"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
    )
    phone = models.CharField(
        _("phone number"),
        max_length=40,
        blank=True,
        help_text=_("Shown on letters when this user handles the complaint (contact person)."),
    )

    class Meta:
        ordering = ["first_name", "last_name", "username"]
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(role="partner") | models.Q(partner__isnull=False),
                name="partner_user_has_partner",
                violation_error_message=_("A partner user must belong to a partner."),
            ),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def is_coordinator(self) -> bool:
        return self.role == Role.COORDINATOR
