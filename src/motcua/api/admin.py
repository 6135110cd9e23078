"""API tokens in the admin: administrators list anyone's and revoke them; no key or hash is shown."""

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from motcua.agencies.selectors import is_system_administrator

from .models import ApiToken
from .tokens import revoke_tokens_as_administrator


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("user", "name", "for_staff", "created_at", "last_used_at", "expires_at")
    list_filter = ("for_staff",)
    search_fields = ("user__username", "user__full_name", "name")
    list_select_related = ("user",)
    fields = ("user", "name", "for_staff", "created_at", "last_used_at", "expires_at")
    readonly_fields = fields
    actions = ("revoke",)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_system_administrator(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_system_administrator(request.user)

    def has_revoke_permission(self, request: HttpRequest) -> bool:
        return is_system_administrator(request.user)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # revoking goes through the action, which records who did it

    @admin.action(description=gettext_lazy("Thu hồi các mã truy cập đã chọn"), permissions=("revoke",))
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        count = revoke_tokens_as_administrator(tokens=queryset, by=request.user)
        messages.success(request, _("Đã thu hồi %(count)d mã truy cập API.") % {"count": count})
