"""Anonymous tracking with the dossier code and the lookup secret printed on the receipt.

A wrong secret and an unknown code get the same answer, and wrong attempts from one address are
limited (`accounts.throttling`, shared by every web process through the database).
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from motcua.accounts import throttling
from motcua.accounts.oidc import oidc_enabled
from motcua.core.errors import DomainError, NotFound
from motcua.core.net import request_limit_key
from motcua.core.time import local
from motcua.dossiers.models import Dossier
from motcua.dossiers.selectors import dossier_by_secret
from motcua.dossiers.services import citizen_account, claim_dossier, claim_refusal

from .common import TRACKED, Access, grant
from .dossiers import status_context


def _policy() -> throttling.Policy:
    minutes = timedelta(minutes=settings.MOTCUA_TRACKING_LOCK_MINUTES)
    return throttling.Policy(limit=settings.MOTCUA_TRACKING_MAX_FAILURES, window=minutes, lock_for=minutes)


def _key(request: HttpRequest) -> str:
    return "track:" + request_limit_key(request)


def track(request: HttpRequest) -> HttpResponse:
    """The lookup form. The QR code of the acknowledgement opens it with both values filled in."""
    source = request.POST if request.method == "POST" else request.GET
    code = source.get("ma", "").strip().upper()[:40]
    secret = source.get("ma-tra-cuu", "").strip().upper()[:12]
    error = ""
    status = 200
    if request.method == "POST" or (code and secret):
        until = throttling.locked_until(_key(request))
        if until is not None:
            error = _("Bạn đã nhập sai quá nhiều lần. Vui lòng thử lại sau %(time)s.") % {
                "time": f"{local(until):%H:%M}"
            }
            status = 429
        elif not code or not secret:
            error = _("Vui lòng nhập cả mã hồ sơ và mã tra cứu.")
            status = 400
        else:
            try:
                dossier = dossier_by_secret(code, secret)
            except NotFound:
                throttling.register_failure(_key(request), _policy())
                error, status = _("Mã hồ sơ hoặc mã tra cứu không đúng."), 404
            else:
                grant(request, dossier)
                return redirect("portal:track_detail", dossier.code)
    return render(
        request,
        "portal/track/form.html",
        {"code": code, "error": error},
        status=status,
    )


def track_detail(request: HttpRequest, code: str) -> HttpResponse:
    """The dossier as the secret's holder sees it: no personal data, only its progress."""
    secret = request.session.get(TRACKED, {}).get(code)
    if not secret:
        return redirect(reverse("portal:track") + "?" + urlencode({"ma": code}))
    try:
        dossier = dossier_by_secret(code, secret)
    except NotFound:
        return redirect(reverse("portal:track") + "?" + urlencode({"ma": code}))
    owner = request.user.is_authenticated and dossier.owner_id == request.user.pk
    return render(
        request,
        "portal/track/detail.html",
        status_context(Access(dossier=dossier, owner=False, secret=secret))
        | {"is_owner": owner, "claim": _claim_offer(request, dossier), "oidc_enabled": oidc_enabled()},
    )


def _claim_offer(request: HttpRequest, dossier: Dossier) -> str:
    """For a dossier no account holds: 'claim' (the button), 'verify' (log in with the national
    identity first), 'login' (a link), or '' (staff)."""
    if dossier.owner_id is not None:
        return ""
    if not request.user.is_authenticated:
        return "login"
    if not citizen_account(request.user):
        return ""
    return "verify" if claim_refusal(request.user, dossier) else "claim"


@require_POST
def claim(request: HttpRequest, code: str) -> HttpResponse:
    """Add a dossier filed on paper to the citizen's account, with the secret proved in this session."""
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("portal:track_detail", args=[code]))
    secret = request.session.get(TRACKED, {}).get(code)
    if not secret:
        raise Http404  # as for a dossier that does not exist: the secret comes first
    try:
        claim_dossier(code=code, secret=secret, user=request.user)
    except NotFound as exc:
        raise Http404 from exc
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("portal:track_detail", code)
    messages.success(
        request,
        _("Đã thêm hồ sơ vào tài khoản của bạn. Từ nay bạn có thể bổ sung giấy tờ và rút hồ sơ trực tuyến."),
    )
    return redirect("portal:dossier", code)
