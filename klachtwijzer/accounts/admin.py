"""The admin: reference data and user accounts.

Who may grant access to complaints (docs/access.md, "Granting roles"): only a complaints coordinator
with access to the admin may give a user a role that sees complainants' data (coordinator, handler,
manager, partner), change such a user's role, department, partner or e-mail address, or set their
password. The administrator manages every other account and never their own role or rights, so one
save in the admin cannot open the complaints to the person who keeps the system.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

from .access import CASE_ROLES
from .models import Department, Municipality, Partner, Role, User

# What only a coordinator may change on an account that sees complaints (it decides which ones).
SCOPE_FIELDS = ("role", "department", "partner", "email")
# What nobody changes on their own account.
OWN_RIGHTS_FIELDS = (
    "role",
    "department",
    "partner",
    "is_staff",
    "is_superuser",
    "groups",
    "user_permissions",
)


def may_grant_case_roles(user: Any) -> bool:
    """Whether ``user`` may give access to complainants' data: only the complaints coordinator."""
    return bool(user.is_authenticated and user.is_active and user.role == Role.COORDINATOR)


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin[Municipality]):
    list_display = ["name", "reference_prefix", "advisory_committee"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return not Municipality.objects.exists()


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin[Department]):
    list_display = ["name", "email", "active"]
    list_filter = ["active"]
    search_fields = ["name"]


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin[Partner]):
    list_display = ["name", "service", "reporting_way", "reporting_frequency", "active"]
    list_filter = ["active", "reporting_way", "reporting_frequency"]
    filter_horizontal = ["accounthouders"]
    search_fields = ["name"]


@admin.register(User)
class UserAdmin(BaseUserAdmin[User]):
    list_display = ["username", "first_name", "last_name", "role", "department", "partner", "is_active"]
    list_filter = ["role", "department", "partner", "is_active"]
    fieldsets = (
        *(BaseUserAdmin.fieldsets or ()),
        (_("Role in complaint handling"), {"fields": ("role", "department", "partner", "phone")}),
    )
    add_fieldsets = (
        *(BaseUserAdmin.add_fieldsets or ()),
        (_("Role in complaint handling"), {"fields": ("role", "department", "partner")}),
    )

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        fields = set(super().get_readonly_fields(request, obj))
        if obj is not None and obj.pk == request.user.pk:
            fields.update(OWN_RIGHTS_FIELDS)
        if obj is not None and obj.role in CASE_ROLES and not may_grant_case_roles(request.user):
            fields.update(SCOPE_FIELDS)
        return tuple(sorted(fields))

    def formfield_for_choice_field(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "role" and not may_grant_case_roles(request.user):
            kwargs["choices"] = [(value, label) for value, label in Role.choices if value not in CASE_ROLES]
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def user_change_password(self, request: HttpRequest, id: str, form_url: str = "") -> HttpResponse:
        target = self.get_object(request, id)
        if target is not None and target.role in CASE_ROLES and not may_grant_case_roles(request.user):
            raise PermissionDenied
        return super().user_change_password(request, id, form_url)
