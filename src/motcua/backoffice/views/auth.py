"""Login (password, then TOTP), first enrolment of an authenticator app (with an enrolment code), logout."""

from __future__ import annotations

import time
from base64 import b32encode

from django.contrib.auth import authenticate
from django.contrib.auth import login as auth_login
from django.contrib.auth import logout as auth_logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from motcua.api.tokens import revoke_all_tokens
from motcua.core.time import local
from motcua.printing.render import qr_data_uri

from ..auth import (
    ENROL_CODE,
    ENROL_DEVICE,
    LAST_SEEN,
    PENDING_AT,
    PENDING_BACKEND,
    SecondFactor,
    audit,
    check_second_factor,
    clear_pending,
    confirmed_device,
    is_staff_member,
    may_log_in,
    pending_user,
    safe_next,
    second_step_url,
    set_pending,
)
from ..enrolment import (
    EnrolmentCodeInvalid,
    EnrolmentCodeLocked,
    check_enrolment_code,
    complete_enrolment,
    request_email_code,
    start_enrolment,
    usable_code,
)
from ..models import EnrolmentCode, LoginAudit

Stage = LoginAudit.Stage
REASONS = {
    "het-phien": gettext_lazy(
        "Phiên làm việc đã kết thúc vì không có thao tác trong thời gian dài. Vui lòng đăng nhập lại."
    ),
    "da-dang-xuat": gettext_lazy("Bạn đã đăng xuất. Các mã truy cập API của bạn cũng đã hết hiệu lực."),
}


@sensitive_post_parameters("password")
@csrf_protect
@never_cache
def login(request: HttpRequest) -> HttpResponse:
    next_url = safe_next(request, "")
    error = ""
    username = ""
    if request.method == "POST":
        username = request.POST.get("username", "").strip()[:150]
        password = request.POST.get("password", "")
        user = authenticate(request, username=username, password=password) if username and password else None
        if user is None:
            audit(request, stage=Stage.PASSWORD, success=False, username=username, reason="sai thông tin")
            error = _(
                "Tên đăng nhập hoặc mật khẩu không đúng, hoặc tài khoản đang tạm khóa do nhập sai nhiều lần."
            )
        elif not may_log_in(user):
            audit(request, stage=Stage.PASSWORD, success=False, user=user, reason="không phải cán bộ")
            error = _(
                "Tài khoản này không phải tài khoản cán bộ. "
                "Công dân vui lòng đăng nhập tại Cổng dịch vụ công."
            )
        else:
            audit(request, stage=Stage.PASSWORD, success=True, user=user, reason="chờ mã xác thực")
            set_pending(request, user, getattr(user, "backend", ""))
            return redirect(second_step_url(user, next_url))
    reason = REASONS.get(request.GET.get("ly-do", ""), "")
    status = 400 if error else 200
    return render(
        request,
        "backoffice/login.html",
        {
            "error": error,
            "username": username,
            "next": next_url,
            "notice": reason,
            "for_admin": next_url.startswith("/admin/"),
        },
        status=status,
    )


def _finish_login(request: HttpRequest, user, device: TOTPDevice, stage: str) -> HttpResponse:  # type: ignore[no-untyped-def]
    backend = request.session.get(PENDING_BACKEND) or "motcua.accounts.backends.MotcuaBackend"
    home = "backoffice:home" if is_staff_member(user) else "admin:index"
    next_url = safe_next(request, reverse(home))
    if not (request.user.is_authenticated and request.user.pk == user.pk):
        auth_login(request, user, backend=backend)
    else:
        request.session.cycle_key()
    otp_login(request, device)
    clear_pending(request)
    request.session[LAST_SEEN] = time.time()
    audit(request, stage=stage, success=True, user=user)
    return redirect(next_url)


@sensitive_post_parameters("token")
@csrf_protect
@never_cache
def totp(request: HttpRequest) -> HttpResponse:
    user = pending_user(request)
    if user is None or not may_log_in(user):
        return redirect("backoffice:login")
    device = confirmed_device(user)
    if device is None:
        return redirect(second_step_url(user, safe_next(request, "")))
    error = ""
    if request.method == "POST":
        check = check_second_factor(user, request.POST.get("token", ""))
        if check.outcome is SecondFactor.OK:
            return _finish_login(request, user, device, Stage.TOTP)
        if check.outcome is SecondFactor.LOCKED:
            audit(
                request, stage=Stage.TOTP, success=False, user=user, reason="tạm khóa do nhập sai nhiều lần"
            )
            error = _("Bạn đã nhập sai nhiều lần. Vui lòng chờ ít phút rồi thử lại.")
            if check.locked_until:
                error = _("Bạn đã nhập sai nhiều lần. Vui lòng thử lại sau %(t)s.") % {
                    "t": local(check.locked_until).strftime("%H:%M:%S")
                }
        else:
            audit(request, stage=Stage.TOTP, success=False, user=user, reason="sai mã xác thực")
            error = _("Mã xác thực không đúng hoặc đã hết hạn. Hãy nhập mã đang hiển thị trên ứng dụng.")
    return render(
        request,
        "backoffice/totp.html",
        {"who": user, "error": error, "next": safe_next(request, "")},
        status=400 if error else 200,
    )


def _grouped(secret: bytes) -> str:
    text = b32encode(secret).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


@sensitive_post_parameters("token", "enrolment_code")
@csrf_protect
@never_cache
def enrol(request: HttpRequest) -> HttpResponse:
    """First login: an enrolment code first; then the otpauth:// QR code, confirmed with one code it shows."""
    user = pending_user(request)
    if user is None or not may_log_in(user):
        return redirect("backoffice:login")
    if confirmed_device(user) is not None:
        return redirect(second_step_url(user, safe_next(request, "")))
    code = usable_code(user=user, code_id=request.session.get(ENROL_CODE))
    if code is None:
        return _enrolment_code_step(request, user)
    return _authenticator_step(request, user, code)


def _enrolment_code_step(request: HttpRequest, user) -> HttpResponse:  # type: ignore[no-untyped-def]
    error = notice = ""
    if request.method == "POST" and request.POST.get("action") == "gui-ma":
        until = request_email_code(user=user)
        if until is not None:
            error = _("Bạn đã yêu cầu gửi mã nhiều lần. Vui lòng thử lại sau %(t)s.") % {
                "t": local(until).strftime("%H:%M")
            }
        else:
            audit(
                request, stage=Stage.ENROLMENT, success=True, user=user, reason="yêu cầu mã đăng ký qua thư"
            )
            request.session[PENDING_AT] = time.time()  # time to open the mailbox
            notice = _(
                "Nếu tài khoản của bạn có địa chỉ thư điện tử, mã đăng ký 6 số vừa được gửi tới đó. "
                "Mã có hiệu lực 15 phút."
            )
    elif request.method == "POST":
        try:
            code = check_enrolment_code(user=user, code=request.POST.get("enrolment_code", ""))
        except EnrolmentCodeLocked as exc:
            audit(request, stage=Stage.ENROLMENT, success=False, user=user, reason="tạm khóa mã đăng ký")
            error = _("Bạn đã nhập sai mã đăng ký nhiều lần. Vui lòng thử lại sau %(t)s.") % {
                "t": local(exc.until).strftime("%H:%M")
            }
        except EnrolmentCodeInvalid:
            audit(request, stage=Stage.ENROLMENT, success=False, user=user, reason="sai mã đăng ký")
            error = _("Mã đăng ký không đúng, đã được dùng hoặc đã hết hạn.")
        else:
            request.session[ENROL_CODE] = code.pk
            request.session[PENDING_AT] = time.time()  # time to scan the QR code
            return redirect(request.get_full_path())
    return render(
        request,
        "backoffice/enrol_code.html",
        {"who": user, "error": error, "notice": notice, "next": safe_next(request, "")},
        status=400 if error else 200,
    )


def _authenticator_step(request: HttpRequest, user, code: EnrolmentCode) -> HttpResponse:  # type: ignore[no-untyped-def]
    device = start_enrolment(user=user, device_id=request.session.get(ENROL_DEVICE))
    request.session[ENROL_DEVICE] = device.pk
    error = ""
    if request.method == "POST":
        token = request.POST.get("token", "").replace(" ", "").strip()
        if token.isdigit() and device.verify_token(token):
            if complete_enrolment(user=user, device=device, code_id=code.pk):
                return _finish_login(request, user, device, Stage.ENROLMENT)
            request.session.pop(ENROL_CODE, None)
            return redirect(request.get_full_path())
        audit(request, stage=Stage.ENROLMENT, success=False, user=user, reason="sai mã xác thực")
        error = _("Mã chưa đúng. Kiểm tra đồng hồ của điện thoại và nhập mã mới nhất hiện trên ứng dụng.")
    return render(
        request,
        "backoffice/enrol.html",
        {
            "who": user,
            "qr": qr_data_uri(device.config_url, scale=5),
            "secret": _grouped(device.bin_key),
            "error": error,
            "next": safe_next(request, ""),
        },
        status=400 if error else 200,
    )


@require_POST
@csrf_protect
def logout(request: HttpRequest) -> HttpResponse:
    """End the session and, with it, every API token of the officer (said on the button and after)."""
    if request.user.is_authenticated:
        revoked = revoke_all_tokens(user=request.user)
        reason = f"thu hồi {revoked} mã truy cập API" if revoked else ""
        audit(request, stage=Stage.LOGOUT, success=True, user=request.user, reason=reason)
    auth_logout(request)
    return redirect(reverse("backoffice:login") + "?ly-do=da-dang-xuat")
