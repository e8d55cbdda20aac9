"""The admin holds reference data only: complaints are handled in the back office, never here."""

from typing import TYPE_CHECKING

from django.contrib import admin
from django.http import HttpRequest

from .models import Nature

if TYPE_CHECKING:
    # The stubs make ModelAdmin generic; Django's class takes no type arguments at run time.
    _NatureAdminBase = admin.ModelAdmin[Nature]
else:
    _NatureAdminBase = admin.ModelAdmin


@admin.register(Nature)
class NatureAdmin(_NatureAdminBase):
    list_display = ["name", "group", "is_norm", "position", "retired_on"]
    list_filter = ["group", "is_norm", "retired_on"]
    search_fields = ["name"]
    readonly_fields = ["is_norm"]

    def has_delete_permission(self, request: HttpRequest, obj: Nature | None = None) -> bool:
        # Retire an entry instead: complaints classified under it keep their history.
        return False
