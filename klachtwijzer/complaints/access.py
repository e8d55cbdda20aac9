"""Who may see and do what with a complaint: the one place where roles become rules for a case.

- Coordinator: every complaint, every step.
- Handler: the complaints of their own department and those assigned to them; handling steps.
- Department manager: the complaints of their own department and those assigned to them; reads, and
  assigns within the department; handles the ones assigned to them.
- Partner: the complaints about the partner's own services; registers and reads them, records contact
  and adds information.
- Administrator and board member: no complaints (see ``accounts/access.py`` for the roles and scopes).

Views ask ``visible_complaints`` for lists and ``can_view`` / ``can_act`` for one complaint, and
answer 404 (not 403) for a complaint the user may not see, so a guessed URL reveals nothing. Roles
that see no complaints at all (administrator, board member) get 403 on the back office's lists.
Assigning (Awb 9:7): the coordinator chooses among all active staff who handle complaints, a
department manager among those of their own department (``assignable_handlers``).
"""

from __future__ import annotations

import operator
from functools import reduce

from django.db.models import Q, QuerySet

from klachtwijzer.accounts.access import HANDLER_ROLES, Scope, complaint_scope
from klachtwijzer.accounts.models import Role, User

from .models import Complaint, ComplaintQuerySet
from .workflow import Step

# Steps only the coordinator takes: the first check, assigning across departments, reopening, revoking
# the resident's status link.
COORDINATOR_STEPS = {Step.TRIAGE, Step.REOPEN, Step.REVOKE_STATUS_LINK}
MANAGER_STEPS = {Step.ASSIGN}
PARTNER_STEPS = {Step.CONTACT, Step.ADD_INFORMATION}


def _conditions(scope: Scope) -> list[Q]:
    """The filters whose union is the complaints in ``scope`` (not used for a scope of everything)."""
    conditions = []
    if scope.assigned_to is not None:
        conditions.append(Q(handler_id=scope.assigned_to))
    if scope.department_id is not None:
        conditions.append(Q(department_id=scope.department_id))
    if scope.partner_id is not None:
        conditions.append(Q(partner_id=scope.partner_id))
    return conditions


def visible_complaints(
    user: User, queryset: ComplaintQuerySet[Complaint] | None = None
) -> ComplaintQuerySet[Complaint]:
    """The complaints ``user`` may see; an empty queryset for roles that see none."""
    qs = queryset if queryset is not None else Complaint.objects.all()
    scope = complaint_scope(user)
    if scope.everything:
        return qs
    conditions = _conditions(scope)
    if not conditions:
        return qs.none()
    return qs.filter(reduce(operator.or_, conditions))


def can_view(user: User, complaint: Complaint) -> bool:
    """Whether ``user`` may open ``complaint`` with its personal data."""
    return complaint_scope(user).covers(
        handler_id=complaint.handler_id,
        department_id=complaint.department_id,
        partner_id=complaint.partner_id,
    )


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


def assignable_handlers(user: User, complaint: Complaint) -> QuerySet[User]:
    """The staff ``user`` may give ``complaint`` to: active staff who handle complaints.

    The coordinator chooses across departments, a manager within their own department. Awb 9:7
    (not the person complained about) is checked when assigning, so the refusal can be explained.
    """
    candidates = User.objects.filter(is_active=True, role__in=HANDLER_ROLES).select_related("department")
    if not can_act(user, complaint, Step.ASSIGN):
        return candidates.none()
    if user.role == Role.COORDINATOR:
        return candidates
    if user.department_id is None:
        return candidates.none()
    return candidates.filter(department_id=user.department_id)
