from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import LoginAudit


@admin.register(LoginAudit)
class LoginAuditAdmin(admin.ModelAdmin):
    """Read only: the audit trail of back-office logins is never edited by hand."""

    list_display = ("at", "username", "stage", "success", "reason", "ip")
    list_filter = ("stage", "success")
    search_fields = ("username", "ip")
    date_hierarchy = "at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
