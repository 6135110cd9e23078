"""The Wagtail admin (/can-bo/bien-tap/) behind the staff login: password, TOTP, idle timeout.

Nothing here restates who is staff or what the second factor is: `backoffice.auth` declares both, as
it does for the back office and the Django admin. Wagtail's own login, logout and password pages are
replaced by the back office's, so the editors' admin has no password form of its own.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render

from motcua.backoffice.auth import _to_login, keep_alive, may_log_in, second_step_url

# Wagtail's admin still writes inline scripts and styles; it is reachable only by staff who passed
# the second factor, so its pages (and only they) allow them. Everything else keeps the strict policy.
ADMIN_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'self'"],
}


def staff_second_factor(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """Let through only an active staff account that passed TOTP and has not sat idle."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        user = request.user
        if not user.is_authenticated:
            return _to_login(request)
        if not may_log_in(user):
            return render(request, "backoffice/not_staff.html", status=403)
        if not user.is_verified():  # type: ignore[attr-defined]
            return redirect(second_step_url(user, request.get_full_path()))
        if not keep_alive(request):
            return _to_login(request, "het-phien")
        response = view(request, *args, **kwargs)
        response._csp_config = ADMIN_CSP  # type: ignore[attr-defined]
        return response

    return wrapper


def login(request: HttpRequest) -> HttpResponse:
    """Wagtail's login address: the back office's two steps, or 403 for staff without the admin."""
    user = request.user
    if user.is_authenticated and user.is_verified() and may_log_in(user):  # type: ignore[attr-defined]
        if user.has_perm("wagtailadmin.access_admin"):
            return redirect("wagtailadmin_home")
        return render(request, "backoffice/not_admin.html", status=403)
    return _to_login(request)
