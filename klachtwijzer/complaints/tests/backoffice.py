"""Helpers for the back-office view tests: people in every role, complaints in a known state, steps."""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from klachtwijzer.accounts.models import Role, User
from klachtwijzer.accounts.tests.factories import DepartmentFactory, PartnerFactory, UserFactory
from klachtwijzer.complaints import attachments
from klachtwijzer.complaints.models import Complaint
from klachtwijzer.complaints.tests.factories import complaint_in_handling

TODAY = dt.datetime(2024, 6, 3, 12, tzinfo=dt.UTC)  # a Monday
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def pdf(name: str = "brief.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def step_url(complaint: Complaint, slug: str) -> str:
    return reverse("complaints:step", kwargs={"reference": complaint.reference, "slug": slug})


def post_step(client: Client, complaint: Complaint, slug: str, **data):
    """POST a step's form as the complaint page sends it (fields carry the step's prefix)."""
    return client.post(step_url(complaint, slug), {f"{slug}-{name}": value for name, value in data.items()})


def post_step_with_letter(
    client: Client,
    complaint: Complaint,
    slug: str,
    *,
    delivery: str = "post",
    action: str = "confirm",
    letter: dict[str, object] | None = None,
    **data,
):
    """POST a step that stands for a letter, with how its letter goes (``letters/step_flow.py``)."""
    fields: dict[str, object] = {f"{slug}-{name}": value for name, value in data.items()}
    fields.update({"delivery": delivery, "action": action, **(letter or {})})
    return client.post(step_url(complaint, slug), fields)


FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


class Organisation:
    """Two departments and two partners, with a member of staff in every role on the 'own' side.

    Create it after setting ``settings.PASSWORD_HASHERS = FAST_HASHERS`` to keep the tests quick.
    """

    def __init__(self) -> None:
        self.department = DepartmentFactory(name="Burgerzaken")
        self.other_department = DepartmentFactory(name="Sociaal Domein")
        self.partner = PartnerFactory(name="Afvalbedrijf")
        self.other_partner = PartnerFactory(name="Belastingsamenwerking")
        self.coordinator = UserFactory(role=Role.COORDINATOR, username="coordinator")
        self.handler = UserFactory(role=Role.HANDLER, username="handler", department=self.department)
        self.other_handler = UserFactory(
            role=Role.HANDLER, username="other_handler", department=self.other_department
        )
        self.manager = UserFactory(role=Role.MANAGER, username="manager", department=self.department)
        self.partner_user = UserFactory(role=Role.PARTNER, username="partner", partner=self.partner)
        self.administrator = UserFactory(role=Role.ADMINISTRATOR, username="administrator", is_staff=True)
        self.board = UserFactory(role=Role.BOARD, username="board")
        self.records_manager = UserFactory(role=Role.RECORDS_MANAGER, username="records_manager")
        self.privacy_officer = UserFactory(role=Role.PRIVACY_OFFICER, username="privacy_officer")

    def user(self, role: str) -> User:
        return getattr(self, role)

    def own_complaint(self, **personal: str) -> Complaint:
        """In handling in the own department, about the own partner, handled by ``handler``."""
        return self._complaint(
            self.department,
            self.partner,
            self.handler,
            name="Anna Eigenaar",
            description="Eigen tekst",
            **personal,
        )

    def other_complaint(self) -> Complaint:
        """In handling in the other department, about the other partner, handled by ``other_handler``."""
        return self._complaint(
            self.other_department,
            self.other_partner,
            self.other_handler,
            name="Bernard Anderman",
            description="Geheime andere tekst",
        )

    def _complaint(self, department, partner, handler, **personal: str) -> Complaint:
        complaint = complaint_in_handling(
            coordinator=self.coordinator,
            handler=handler,
            department=department,
            received_on=dt.date(2024, 5, 6),
            partner=partner,
            personal=personal,
        )
        attachments.add_attachments(complaint, uploads=[pdf()], from_complainant=True, acting_user=None)
        return complaint
