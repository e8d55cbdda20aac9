"""Roles and scopes: what a role may do in general, and which part of the organisation a user covers.

- Coordinator: the whole municipality.
- Handler and department manager: their own department, and whatever is assigned to them.
- Partner: the partner's own services.
- Administrator: reference data and users in the admin; no complaint contents.
- Board member: figures only; no complaint and no personal data.
- Records manager (DIV): retention and destruction lists, legal holds; no complaint's personal data.
- Privacy officer (FG): the access log (who looked at which complaint); no complaint files.

This module knows users, roles, departments and partners only. The rules for one complaint (who may
open it, who may take which step, whom it may be assigned to) are built on ``complaint_scope`` in
``klachtwijzer/complaints/access.py``.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404, HttpRequest

from .models import Role, User

CASE_ROLES = (Role.COORDINATOR, Role.HANDLER, Role.MANAGER, Role.PARTNER)
FIGURE_ROLES = (Role.COORDINATOR, Role.MANAGER, Role.BOARD, Role.HANDLER)
DASHBOARD_ROLES = (Role.COORDINATOR, Role.MANAGER, Role.BOARD)
# Who runs retention and destruction (proposes, approves, carries out lists; places legal holds).
RETENTION_ROLES = (Role.COORDINATOR, Role.RECORDS_MANAGER)
# Who can be given a complaint to handle.
HANDLER_ROLES = (Role.HANDLER, Role.COORDINATOR, Role.MANAGER)


@dataclass(frozen=True)
class Scope:
    """The part of the organisation a user covers; nothing at all when every field is empty."""

    everything: bool = False
    assigned_to: int | None = None
    department_id: int | None = None
    partner_id: int | None = None

    def covers(self, *, handler_id: int | None, department_id: int | None, partner_id: int | None) -> bool:
        """Whether a case with this handler, department and partner lies within the scope."""
        if self.everything:
            return True
        if self.assigned_to is not None and handler_id == self.assigned_to:
            return True
        if self.department_id is not None and department_id == self.department_id:
            return True
        return self.partner_id is not None and partner_id == self.partner_id


def complaint_scope(user: User) -> Scope:
    """Which complaints ``user`` covers, by role: all, own department and assigned, own partner, none."""
    if not user.is_authenticated or not user.is_active:
        return Scope()
    if user.role == Role.COORDINATOR:
        return Scope(everything=True)
    if user.role in (Role.HANDLER, Role.MANAGER):
        return Scope(assigned_to=user.pk, department_id=user.department_id)
    if user.role == Role.PARTNER and user.partner_id:
        return Scope(partner_id=user.partner_id)
    return Scope()


def logged_in_user(request: HttpRequest) -> User | None:
    """The user of ``request``, or None for a visitor who is not logged in."""
    user = request.user
    return user if isinstance(user, User) and user.is_authenticated else None


def user_of(request: HttpRequest) -> User:
    """The user of a back-office request. Every such page requires a login; anything else is a 404."""
    user = logged_in_user(request)
    if user is None:
        raise Http404
    return user


def sees_complaints(user: User) -> bool:
    """Whether the back office's complaint lists and pages are for ``user`` at all."""
    return user.is_authenticated and user.is_active and user.role in CASE_ROLES


def can_search_text(user: User) -> bool:
    """Free-text search reads the complainant's words: only for those who may see personal data."""
    return sees_complaints(user)


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


def can_manage_retention(user: User) -> bool:
    """Retention and destruction pages: the coordinator and the records manager (no personal data shown)."""
    return user.is_authenticated and user.is_active and user.role in RETENTION_ROLES


def can_read_access_log(user: User) -> bool:
    """The access log's search page: the privacy officer (FG), who oversees every other role's looks."""
    return user.is_authenticated and user.is_active and user.role == Role.PRIVACY_OFFICER


def can_answer_subject_access(user: User) -> bool:
    """The AVG access request export (everything held about one person): the privacy officer only."""
    return user.is_authenticated and user.is_active and user.role == Role.PRIVACY_OFFICER
