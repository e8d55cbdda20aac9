"""Who may see and do what: the one place where roles become rules.

- Coordinator: every complaint, every step.
- Handler: the complaints of their own department and those assigned to them; handling steps.
- Department manager: the complaints of their own department and those assigned to them; reads, and
  assigns within the department; handles the ones assigned to them.
- Partner: the complaints about the partner's own services; registers and reads them, records contact
  and adds information.
- Administrator: reference data and users in the admin; no complaint contents.
- Board member: figures only; no complaint and no personal data.

Views ask ``visible_complaints`` for lists and ``can_view`` / ``can_act`` for one complaint, and
answer 404 (not 403) for a complaint the user may not see, so a guessed URL reveals nothing. Roles
that see no complaints at all (administrator, board member) get 403 on the back office's lists.
Assigning (Awb 9:7): the coordinator chooses among all active staff who handle complaints, a
department manager among those of their own department (``assignable_handlers``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from .models import Role, User

if TYPE_CHECKING:
    from klachtwijzer.complaints.models import Complaint, ComplaintQuerySet

CASE_ROLES = (Role.COORDINATOR, Role.HANDLER, Role.MANAGER, Role.PARTNER)
FIGURE_ROLES = (Role.COORDINATOR, Role.MANAGER, Role.BOARD, Role.HANDLER)
DASHBOARD_ROLES = (Role.COORDINATOR, Role.MANAGER, Role.BOARD)
# Steps only the coordinator takes: the first check, assigning across departments, reopening.
COORDINATOR_STEPS = {"triage", "reopen"}
MANAGER_STEPS = {"assign"}
PARTNER_STEPS = {"contact", "add_information"}
# Who can be given a complaint to handle.
HANDLER_ROLES = (Role.HANDLER, Role.COORDINATOR, Role.MANAGER)


def visible_complaints(user: User, queryset: ComplaintQuerySet | None = None) -> ComplaintQuerySet:
    """The complaints ``user`` may see; an empty queryset for roles that see none."""
    from klachtwijzer.complaints.models import Complaint

    qs = queryset if queryset is not None else Complaint.objects.all()
    if not user.is_authenticated or not user.is_active:
        return qs.none()
    if user.role == Role.COORDINATOR:
        return qs
    if user.role in (Role.HANDLER, Role.MANAGER):
        own = Q(handler=user)
        if user.department_id:
            own |= Q(department_id=user.department_id)
        return qs.filter(own)
    if user.role == Role.PARTNER and user.partner_id:
        return qs.filter(partner_id=user.partner_id)
    return qs.none()


def can_view(user: User, complaint: Complaint) -> bool:
    """Whether ``user`` may open ``complaint`` with its personal data."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.role == Role.COORDINATOR:
        return True
    if user.role in (Role.HANDLER, Role.MANAGER):
        return complaint.handler_id == user.pk or (
            user.department_id is not None and complaint.department_id == user.department_id
        )
    if user.role == Role.PARTNER:
        return user.partner_id is not None and complaint.partner_id == user.partner_id
    return False


def can_act(user: User, complaint: Complaint, step: str) -> bool:
    """Whether ``user`` may take ``step`` (a ``workflow.Step`` value) on ``complaint``."""
    if not can_view(user, complaint):
        return False
    if user.role == Role.COORDINATOR:
        return True
    if step in COORDINATOR_STEPS:
        return False
    if user.role == Role.HANDLER:
        return step not in MANAGER_STEPS
    if user.role == Role.MANAGER:
        # A manager may be given a complaint to handle (Awb 9:7 allows any impartial staff member).
        return step in MANAGER_STEPS or complaint.handler_id == user.pk
    if user.role == Role.PARTNER:
        return step in PARTNER_STEPS
    return False


def sees_complaints(user: User) -> bool:
    """Whether the back office's complaint lists and pages are for ``user`` at all."""
    return user.is_authenticated and user.is_active and user.role in CASE_ROLES


def can_search_text(user: User) -> bool:
    """Free-text search reads the complainant's words: only for those who may see personal data."""
    return sees_complaints(user)


def assignable_handlers(user: User, complaint: Complaint) -> QuerySet[User]:
    """The staff ``user`` may give ``complaint`` to: active staff who handle complaints.

    The coordinator chooses across departments, a manager within their own department. Awb 9:7
    (not the person complained about) is checked when assigning, so the refusal can be explained.
    """
    candidates = User.objects.filter(is_active=True, role__in=HANDLER_ROLES).select_related("department")
    if not can_act(user, complaint, "assign"):
        return candidates.none()
    if user.role == Role.COORDINATOR:
        return candidates
    if user.department_id is None:
        return candidates.none()
    return candidates.filter(department_id=user.department_id)


def can_register(user: User) -> bool:
    """Staff and partners register complaints received by phone, letter, desk or e-mail."""
    return (
        user.is_authenticated
        and user.is_active
        and user.role in (Role.COORDINATOR, Role.HANDLER, Role.PARTNER)
    )


def can_export_personal_data(user: User) -> bool:
    """Personal data in the list's export: the staff who handle complaints, not partners.

    Free text (the complainant's description, findings, notes) is never exported in a list.
    """
    return user.is_authenticated and user.is_active and user.role in HANDLER_ROLES


def can_see_dashboard(user: User) -> bool:
    """The dashboard: the coordinator, department managers (their department) and board members."""
    return user.is_authenticated and user.is_active and user.role in DASHBOARD_ROLES


def dashboard_departments(user: User) -> frozenset[int] | None:
    """The departments whose figures ``user`` sees on the dashboard; None for all of them."""
    if user.role == Role.MANAGER:
        return frozenset({user.department_id}) if user.department_id else frozenset()
    return None


def can_see_figures(user: User) -> bool:
    """Reports and the dashboard: departments and totals, never persons."""
    return user.is_authenticated and user.role in FIGURE_ROLES


def can_manage_reports(user: User) -> bool:
    """Finalising and adopting the yearly report is the coordinator's."""
    return user.is_authenticated and user.role == Role.COORDINATOR
