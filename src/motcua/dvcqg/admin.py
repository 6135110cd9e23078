"""The sync log for administrators: every outbox row with the portal's reply; failed ones first to hand.

Read-only: rows change only through the services (the retry action calls `services.retry_failed`,
the same function as `motcua dvcqg retry`).
"""

from __future__ import annotations

import json
from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from motcua.agencies.selectors import is_system_administrator

from . import services
from .models import Reconciliation, SyncOutbox


class _ReadOnly(admin.ModelAdmin):
    """Seen by the province's system administrators (a superuser, or the administrator role)."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_system_administrator(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_system_administrator(request.user)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


def _pretty(value: Any) -> str:
    if value in (None, ""):
        return "—"
    return format_html("<pre>{}</pre>", json.dumps(value, ensure_ascii=False, indent=2))


@admin.register(SyncOutbox)
class SyncOutboxAdmin(_ReadOnly):
    list_display = (
        "dossier",
        "event_seq",
        "event_kind",
        "state",
        "attempts",
        "created_at",
        "sent_at",
        "reply_message",
        "short_error",
    )
    list_filter = ("state", "event_kind", "full")
    search_fields = ("dossier__code",)
    list_select_related = ("dossier",)
    date_hierarchy = "created_at"
    actions = ["retry"]
    fields = (
        "dossier",
        "event_seq",
        "event_kind",
        "state",
        "attempts",
        "created_at",
        "next_attempt_at",
        "sent_at",
        "coalesced_into",
        "last_error",
        "reply_pretty",
        "body_pretty",
    )
    readonly_fields = fields

    @admin.display(description=_("phản hồi"))
    def reply_message(self, row: SyncOutbox) -> str:
        reply = row.reply or {}
        first = reply.get("DongBoHoSoMC", reply) if isinstance(reply, dict) else {}
        return str(first.get("message", "")) if isinstance(first, dict) else ""

    @admin.display(description=_("lỗi gần nhất"))
    def short_error(self, row: SyncOutbox) -> str:
        return row.last_error[:120]

    @admin.display(description=_("phản hồi của Cổng DVC quốc gia"))
    def reply_pretty(self, row: SyncOutbox) -> str:
        return _pretty(row.reply)

    @admin.display(description=_("nội dung đã gửi"))
    def body_pretty(self, row: SyncOutbox) -> str:
        return _pretty(row.body)

    @admin.action(description=_("Gửi lại các dòng lỗi đã chọn"), permissions=["retry"])
    def retry(self, request: HttpRequest, queryset: QuerySet[SyncOutbox]) -> None:
        count = services.retry_failed(ids=list(queryset.values_list("pk", flat=True)))
        self.message_user(
            request, _("Đã đưa %(count)s dòng vào hàng đợi gửi lại.") % {"count": count}, messages.SUCCESS
        )

    def has_retry_permission(self, request: HttpRequest) -> bool:
        return is_system_administrator(request.user)


@admin.register(Reconciliation)
class ReconciliationAdmin(_ReadOnly):
    list_display = ("day", "local_count", "synced_count", "checked_at")
    readonly_fields = ("day", "local_count", "synced_count", "missing", "checked_at")
