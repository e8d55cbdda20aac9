"""The admin holds reference data only: complaints are handled in the back office, never here."""

from django.contrib import admin

from .models import Nature


@admin.register(Nature)
class NatureAdmin(admin.ModelAdmin):
    list_display = ["name", "group", "is_norm", "position", "retired_on"]
    list_filter = ["group", "is_norm", "retired_on"]
    search_fields = ["name"]
    readonly_fields = ["is_norm"]

    def has_delete_permission(self, request, obj=None):
        # Retire an entry instead: complaints classified under it keep their history.
        return False
