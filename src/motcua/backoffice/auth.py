"""Who may enter the back office: staff only, with a password and a TOTP code, and not for ever.

A login takes two steps. The password step leaves the user id in the session as *pending*; only the
TOTP step (or the first enrolment of an authenticator app) logs the user in, so a session is never
authenticated on a password alone. Every attempt, good or bad, leaves a `LoginAudit` row.

Which accounts are staff is `agencies.selectors.is_staff_account`; the rules on the second factor
(`check_second_factor`) and on idleness (`idle_too_long`) are declared here once and used by every
door that lets staff in: these pages, the admin, API tokens and API calls with a session cookie.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import logout as auth_logout
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp.plugins.otp_totp.models import TOTPDevice

from motcua.agencies.selectors import is_staff_account
from motcua.backoffice.queries import StaffScope, staff_scope
from motcua.core.net import client_ip

from .models import LoginAudit

PENDING_USER = "backoffice_pending_user"
PENDING_BACKEND = "backoffice_pending_backend"
PENDING_AT = "backoffice_pending_at"
LAST_SEEN = "backoffice_last_seen"
# During a first enrolment: the enrolment code accepted, and the unconfirmed device shown, in this session.
ENROL_CODE = "backoffice_enrol_code"
ENROL_DEVICE = "backoffice_enrol_device"
PENDING_TTL_SECONDS = 300
# Write the activity stamp at most this often, so that a busy officer does not cost a session
# write per click; the timeout is therefore exact to within this many seconds.
TOUCH_EVERY_SECONDS = 30


def audit(
    request: HttpRequest,
    *,
    stage: str,
    success: bool,
    username: str = "",
    user: Any = None,
    reason: str = "",
) -> LoginAudit:
    return LoginAudit.objects.create(
        user=user if getattr(user, "pk", None) else None,
        username=(username or getattr(user, "username", "") or "")[:150],
        ip=client_ip(request),
        user_agent=request.META.get("HTTP_USER_AGENT", "")[:400],
        stage=stage,
        success=success,
        reason=reason[:200],
    )


def is_staff_member(user: Any) -> bool:
    return bool(staff_scope(user).posts)


def may_log_in(user: Any) -> bool:
    """A staff account (a post at an agency, or the admin's staff or superuser flag), still active."""
    return bool(user.is_active) and is_staff_account(user)


def confirmed_device(user: Any) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


class SecondFactor(StrEnum):
    """What came of a TOTP code; the values are the API's error codes."""

    OK = "ok"
    REQUIRED = "otp_required"
    INVALID = "otp_invalid"
    LOCKED = "otp_locked"
    NOT_ENROLLED = "otp_not_enrolled"


@dataclass(frozen=True)
class SecondFactorCheck:
    outcome: SecondFactor
    device: TOTPDevice | None = None
    locked_until: datetime | None = None


def check_second_factor(user: Any, code: str) -> SecondFactorCheck:
    """Check `code` against the user's authenticator, with django-otp's own throttling."""
    device = confirmed_device(user)
    if device is None:
        return SecondFactorCheck(SecondFactor.NOT_ENROLLED)
    code = (code or "").replace(" ", "").strip()
    if not code:
        return SecondFactorCheck(SecondFactor.REQUIRED, device)
    allowed, details = device.verify_is_allowed()
    if not allowed:
        return SecondFactorCheck(SecondFactor.LOCKED, device, (details or {}).get("locked_until"))
    # Only digits reach the device, so that a typo like a pasted name does not count as a guess.
    if code.isdigit() and len(code) <= 10 and device.verify_token(code):
        return SecondFactorCheck(SecondFactor.OK, device)
    return SecondFactorCheck(SecondFactor.INVALID, device)


def set_pending(request: HttpRequest, user: Any, backend: str) -> None:
    request.session.cycle_key()
    clear_pending(request)
    request.session[PENDING_USER] = user.pk
    request.session[PENDING_BACKEND] = backend
    request.session[PENDING_AT] = time.time()


def pending_user(request: HttpRequest) -> Any | None:
    """The user who gave the right password a moment ago, or the one already logged in without TOTP."""
    from motcua.accounts.models import User

    user = request.user
    if user.is_authenticated and not user.is_verified():  # type: ignore[attr-defined]
        return user
    user_id = request.session.get(PENDING_USER)
    started = request.session.get(PENDING_AT, 0)
    if not user_id or time.time() - started > PENDING_TTL_SECONDS:
        return None
    return User.objects.filter(pk=user_id, is_active=True).first()


def clear_pending(request: HttpRequest) -> None:
    for key in (PENDING_USER, PENDING_BACKEND, PENDING_AT, ENROL_CODE, ENROL_DEVICE):
        request.session.pop(key, None)


def second_step_url(user: Any, next_url: str = "") -> str:
    name = "backoffice:totp" if confirmed_device(user) else "backoffice:enrol"
    query = f"?{urlencode({'next': next_url})}" if next_url else ""
    return reverse(name) + query


def safe_next(request: HttpRequest, default: str) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate.startswith(("/can-bo/", "/admin/")) and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default


def _to_login(request: HttpRequest, reason: str = "") -> HttpResponse:
    query = {"next": request.get_full_path()} if request.method == "GET" else {}
    if reason:
        query["ly-do"] = reason
    url = reverse("backoffice:login") + (f"?{urlencode(query)}" if query else "")
    if getattr(request, "htmx", False):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return redirect(url)


def staff_idle_limit() -> timedelta:
    """How long a staff session or API token lives without use (MOTCUA_STAFF_IDLE_SECONDS)."""
    return timedelta(seconds=settings.MOTCUA_STAFF_IDLE_SECONDS)


def idle_too_long(seconds_without_use: float) -> bool:
    """The one rule of staff idleness, for sessions and API tokens alike."""
    return seconds_without_use > staff_idle_limit().total_seconds()


def keep_alive(request: HttpRequest) -> bool:
    """Stamp the staff session as active; end it (audited) and say False when it sat idle too long."""
    now = time.time()
    last = request.session.get(LAST_SEEN)
    if last is not None and idle_too_long(now - last):
        audit(request, stage=LoginAudit.Stage.TIMEOUT, success=True, user=request.user)
        auth_logout(request)
        return False
    if last is None or now - last > TOUCH_EVERY_SECONDS:
        request.session[LAST_SEEN] = now
    return True


def session_may_use_api(request: HttpRequest) -> bool:
    """Whether the logged-in session may call the API: a citizen's always; a staff account's only
    after the TOTP step and while not idle (using the API counts as activity)."""
    user = request.user
    if not user.is_authenticated:
        return False
    if getattr(user, "is_verified", lambda: False)():
        return keep_alive(request)
    return not is_staff_account(user)


def staff_required(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """Staff, verified with TOTP, active in the last MOTCUA_STAFF_IDLE_SECONDS; sets `request.staff`."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        user = request.user
        if not user.is_authenticated:
            return _to_login(request)
        scope: StaffScope = staff_scope(user)
        if not scope.posts:
            return render(request, "backoffice/not_staff.html", status=403)
        if not user.is_verified():  # type: ignore[attr-defined]
            return redirect(second_step_url(user, request.get_full_path()))
        if not keep_alive(request):
            return _to_login(request, "het-phien")
        request.staff = scope  # type: ignore[attr-defined]
        return view(request, *args, **kwargs)

    return wrapper
