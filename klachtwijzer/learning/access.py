"""Who may see and change what is learned from complaints (docs/access.md, "Learning").

A learning point's text may hold personal data, so points follow the complaints: whoever may see the
complaint may see its points; handlers and managers also see the points for their own department.
A partner sees the points on complaints about its services; a board member and an administrator see
none (the figures only). Improvement actions hold no personal data by design (no names of
complainants), but belong to a department: the coordinator sees all, handlers and managers those of
their department and those they own.

- Recording a point: anyone who may see the complaint and handles complaints (handler, manager,
  coordinator).
- Changing a point: the coordinator, the one who recorded it, and the manager of its department.
- Actions: the coordinator and the manager of the action's department create and change them; the
  owner also records progress, steps and effect checks.
- The theme catalogue: the coordinator (linked from the overview). The theme overview (counts only):
  every role that sees figures.
"""

from __future__ import annotations

from django.db.models import Q

from klachtwijzer.accounts import access
from klachtwijzer.accounts.models import Role, User
from klachtwijzer.complaints.models import Complaint

from .models import ImprovementAction, ImprovementActionQuerySet, LearningPoint, LearningPointQuerySet

RECORDING_ROLES = (Role.HANDLER, Role.MANAGER, Role.COORDINATOR)


def _active(user: User) -> bool:
    return bool(user.is_authenticated and user.is_active)


def visible_points(user: User, queryset: LearningPointQuerySet | None = None) -> LearningPointQuerySet:
    points = queryset if queryset is not None else LearningPoint.objects.all()
    if not _active(user):
        return points.none()
    if user.role == Role.COORDINATOR:
        return points
    visible = access.visible_complaints(user).values("pk")
    if user.role in (Role.HANDLER, Role.MANAGER):
        own = Q(complaint__in=visible)
        if user.department_id:
            own |= Q(department_id=user.department_id)
        return points.filter(own)
    if user.role == Role.PARTNER:
        return points.filter(complaint__in=visible)
    return points.none()


def sees_points(user: User) -> bool:
    return _active(user) and user.role in (*RECORDING_ROLES, Role.PARTNER)


def can_record_point(user: User, complaint: Complaint) -> bool:
    return _active(user) and user.role in RECORDING_ROLES and access.can_view(user, complaint)


def can_change_point(user: User, point: LearningPoint) -> bool:
    if not _active(user):
        return False
    if user.role == Role.COORDINATOR:
        return True
    if user.role == Role.MANAGER and user.department_id == point.department_id:
        return True
    return user.role in RECORDING_ROLES and point.recorded_by_id == user.pk


def visible_actions(
    user: User, queryset: ImprovementActionQuerySet | None = None
) -> ImprovementActionQuerySet:
    actions = queryset if queryset is not None else ImprovementAction.objects.all()
    if not _active(user):
        return actions.none()
    if user.role == Role.COORDINATOR:
        return actions
    if user.role in (Role.HANDLER, Role.MANAGER):
        own = Q(owner=user)
        if user.department_id:
            own |= Q(department_id=user.department_id)
        return actions.filter(own)
    return actions.none()


def sees_actions(user: User) -> bool:
    return _active(user) and user.role in RECORDING_ROLES


def can_manage_actions(user: User, department_id: int | None = None) -> bool:
    """Create an action (for ``department_id``, or for some department when None) or change one."""
    if not _active(user):
        return False
    if user.role == Role.COORDINATOR:
        return True
    return (
        user.role == Role.MANAGER
        and user.department_id is not None
        and (department_id is None or department_id == user.department_id)
    )


def can_work_on_action(user: User, action: ImprovementAction) -> bool:
    """Record progress, its steps and effect checks."""
    return can_manage_actions(user, action.department_id) or (_active(user) and action.owner_id == user.pk)


def can_manage_themes(user: User) -> bool:
    return _active(user) and user.role == Role.COORDINATOR


def sees_theme_overview(user: User) -> bool:
    return access.can_see_figures(user)
