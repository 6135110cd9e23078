"""The quarantine in the admin: read-only (rows are written by the scanner's services only)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin

from .models import QuarantinedFile


@admin.register(QuarantinedFile)
class QuarantinedFileAdmin(admin.ModelAdmin):
    list_display = ("detected_at", "status", "original_name", "signature", "door", "size")
    list_filter = ("status", "door")
    search_fields = ("original_name", "sha256", "signature")
    date_hierarchy = "detected_at"
    readonly_fields = [f.name for f in QuarantinedFile._meta.fields]

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False
