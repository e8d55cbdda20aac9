from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import Department, Municipality, Partner, User


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["name", "reference_prefix", "advisory_committee"]

    def has_add_permission(self, request):
        return not Municipality.objects.exists()


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ["name", "email", "active"]
    list_filter = ["active"]
    search_fields = ["name"]


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    list_display = ["name", "service", "account_manager", "registers_in_klachtwijzer", "active"]
    list_filter = ["active", "registers_in_klachtwijzer"]
    search_fields = ["name"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "first_name", "last_name", "role", "department", "partner", "is_active"]
    list_filter = ["role", "department", "partner", "is_active"]
    fieldsets = (
        *(BaseUserAdmin.fieldsets or ()),
        (_("Role in complaint handling"), {"fields": ("role", "department", "partner")}),
    )
    add_fieldsets = (
        *(BaseUserAdmin.add_fieldsets or ()),
        (_("Role in complaint handling"), {"fields": ("role", "department", "partner")}),
    )
