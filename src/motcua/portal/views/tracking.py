"""Anonymous tracking with the dossier code and the lookup secret printed on the receipt.

A wrong secret and an unknown code get the same answer, and wrong attempts from one address are
limited (`accounts.throttling`, shared by every web process through the database).
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from motcua.accounts import throttling
from motcua.core.errors import NotFound
from motcua.core.time import local
from motcua.dossiers.selectors import dossier_by_secret

from .common import TRACKED, Access, client_address, grant
from .dossiers import status_context


def _policy() -> throttling.Policy:
    minutes = timedelta(minutes=settings.MOTCUA_TRACKING_LOCK_MINUTES)
    return throttling.Policy(limit=settings.MOTCUA_TRACKING_MAX_FAILURES, window=minutes, lock_for=minutes)


def _key(request: HttpRequest) -> str:
    return "track:" + client_address(request)


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
        status_context(Access(dossier=dossier, owner=False, secret=secret)) | {"is_owner": owner},
    )
