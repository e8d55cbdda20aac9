"""Who sees and changes ombudsman cases (docs/access.md).

The coordinator is the ombudsman's contact: every case, every change. A handler or department manager
reads the cases on the complaints they may see (``complaints.access``). Partners, administrators and
board members never see a case (the board sees only the report's counts).
"""

from __future__ import annotations

from django.db.models import QuerySet

from klachtwijzer.accounts.models import Role, User
from klachtwijzer.complaints import access as case_access
from klachtwijzer.complaints.models import Complaint

from .models import OmbudsmanCase

READ_ROLES = (Role.COORDINATOR, Role.HANDLER, Role.MANAGER)


def sees_cases(user: User) -> bool:
    return user.is_active and user.role in READ_ROLES


def changes_cases(user: User) -> bool:
    return user.is_active and user.role == Role.COORDINATOR


def visible_cases(user: User) -> QuerySet[OmbudsmanCase]:
    if not sees_cases(user):
        return OmbudsmanCase.objects.none()
    if user.role == Role.COORDINATOR:
        return OmbudsmanCase.objects.all()
    return OmbudsmanCase.objects.filter(complaint__in=case_access.visible_complaints(user).values("pk"))


def can_view_complaint_cases(user: User, complaint: Complaint) -> bool:
    return sees_cases(user) and case_access.can_view(user, complaint)
