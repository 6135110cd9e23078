"""Site feedback from the contact page, read (and marked handled) in the Django admin."""

from __future__ import annotations

from django.contrib import admin

from .models import SiteFeedback


@admin.register(SiteFeedback)
class SiteFeedbackAdmin(admin.ModelAdmin):
    list_display = ("created_at", "topic", "name", "email", "handled")
    list_filter = ("handled", "topic")
    search_fields = ("name", "email", "message")
    readonly_fields = ("topic", "name", "email", "phone", "message", "created_at", "client")
    fields = (*readonly_fields, "handled")

    def has_add_permission(self, request) -> bool:  # type: ignore[no-untyped-def]
        return False
