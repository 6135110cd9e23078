"""Payments and the gateway's messages, read-only: what came in, raw, and what was made of it."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import GatewayMessage, Payment


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Payment)
class PaymentAdmin(ReadOnly):
    list_display = ("order_id", "dossier", "channel", "status", "amount", "paid_at", "receipt_number")
    list_filter = ("channel", "status")
    search_fields = ("order_id", "transaction_no", "receipt_number", "dossier__code")
    list_select_related = ("dossier",)


@admin.register(GatewayMessage)
class GatewayMessageAdmin(ReadOnly):
    list_display = ("received_at", "kind", "outcome", "reason", "transaction_no", "client_address")
    list_filter = ("kind", "outcome")
    search_fields = ("transaction_no", "reason", "body")
