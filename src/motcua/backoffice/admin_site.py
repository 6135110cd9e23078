"""The Django admin behind the back office's own login: password, then TOTP, with the same idle timeout.

The admin edits the catalogue, agencies, staff roles, the calendar and the trust store, so it must be
no easier to enter than a worklist. It has no login form of its own.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .auth import keep_alive, safe_next
from .views.auth import logout as audited_logout


class StaffAdminSite(admin.AdminSite):
    site_header = _("motcua – Quản trị hệ thống")
    site_title = "motcua"

    def has_permission(self, request: HttpRequest) -> bool:
        return (
            super().has_permission(request)
            and request.user.is_verified()  # type: ignore[union-attr]
            and keep_alive(request)
        )

    def login(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> HttpResponse:
        user = request.user
        if user.is_authenticated and user.is_verified() and user.is_active:  # type: ignore[attr-defined]
            # Fully logged in, only without admin rights: logging in again would not help.
            return render(request, "backoffice/not_admin.html", status=403)
        next_url = safe_next(request, reverse("admin:index", current_app=self.name))
        return redirect(reverse("backoffice:login") + "?" + urlencode({"next": next_url}))

    # The stubs say TemplateResponse; Django's own logout also answers with a redirect.
    def logout(  # type: ignore[override]
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        return audited_logout(request)
