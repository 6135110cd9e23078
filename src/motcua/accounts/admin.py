from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import ExternalIdentity, FailureCounter, LoginAddress, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (_("Thông tin công dân"), {"fields": ("full_name", "phone", "national_id", "address")}),
    )
    list_display = ("username", "full_name", "email", "phone", "is_staff", "is_active")
    search_fields = ("username", "full_name", "email", "phone", "national_id")


@admin.register(FailureCounter)
class FailureCounterAdmin(admin.ModelAdmin):
    """Delete a row to lift a lockout at once."""

    list_display = ("key", "failures", "window_started_at", "locked_until")
    search_fields = ("key",)
    readonly_fields = ("key", "failures", "window_started_at", "locked_until")

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False


@admin.register(LoginAddress)
class LoginAddressAdmin(admin.ModelAdmin):
    """Addresses spared the account-wide login slow-down; delete one to stop sparing it."""

    list_display = ("user", "address", "last_success_at")
    search_fields = ("user__username", "address")
    readonly_fields = ("user", "address", "last_success_at")

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False


@admin.register(ExternalIdentity)
class ExternalIdentityAdmin(admin.ModelAdmin):
    list_display = ("user", "issuer", "subject", "linked_at")
    search_fields = ("subject", "user__username", "user__email")
    raw_id_fields = ("user",)
