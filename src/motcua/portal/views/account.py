"""The citizen's account pages: log in, register, profile, password reset."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.messages.views import SuccessMessageMixin
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from motcua.accounts import services
from motcua.accounts.oidc import complete_pending_link, oidc_enabled, pending_link
from motcua.accounts.selectors import can_recover_password, verified_by_vneid
from motcua.core.errors import ValidationFailed
from motcua.portal.account_forms import (
    LoginForm,
    ProfileForm,
    QueuedPasswordResetForm,
    RegistrationForm,
    ResetSetPasswordForm,
)


def _next_url(request: HttpRequest) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _apply_field_errors(form, exc: ValidationFailed) -> None:  # type: ignore[no-untyped-def]
    for field, message in (exc.details.get("fields") or {}).items():
        form.add_error(field if field in form.fields else None, message)
    if not exc.details.get("fields"):
        form.add_error(None, exc.message)


@sensitive_post_parameters("password")
def login_view(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated and request.method == "GET":
        return redirect(_next_url(request))
    form = LoginForm(request, data=request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        login(request, form.user)
        if complete_pending_link(request.session, form.user):
            messages.success(
                request,
                _("Đã liên kết tài khoản với %(provider)s. Lần sau bạn có thể đăng nhập bằng %(provider)s.")
                % {"provider": settings.MOTCUA_OIDC_PROVIDER_NAME},
            )
        return redirect(_next_url(request))
    status = 200 if request.method == "GET" or form.is_valid() else 400
    if request.GET.get("oidc") == "loi" and request.method == "GET":
        if pending_link(request.session):
            messages.info(
                request,
                _(
                    "Đã có tài khoản trên Cổng dùng số định danh cá nhân hoặc thư điện tử của bạn. "
                    "Để bảo vệ tài khoản đó, hãy đăng nhập bằng mật khẩu của nó một lần: %(provider)s sẽ "
                    "được liên kết, lần sau chỉ cần đăng nhập bằng %(provider)s. Quên mật khẩu? Hãy dùng "
                    "chức năng lấy lại mật khẩu rồi đăng nhập lại trên trình duyệt này."
                )
                % {"provider": settings.MOTCUA_OIDC_PROVIDER_NAME},
            )
        else:
            messages.error(request, _("Không đăng nhập được qua tài khoản định danh. Vui lòng thử lại."))
    return render(
        request,
        "portal/account/login.html",
        {
            "form": form,
            "next": request.POST.get("next") or request.GET.get("next", ""),
            "oidc_enabled": oidc_enabled(),
            "oidc_name": settings.MOTCUA_OIDC_PROVIDER_NAME,
        },
        status=status,
    )


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    messages.success(request, _("Bạn đã đăng xuất."))
    return redirect("portal:home")


@sensitive_post_parameters("password1", "password2")
def register_view(request: HttpRequest) -> HttpResponse:
    form = RegistrationForm(data=request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = services.register_citizen(
                full_name=data["full_name"],
                email=data["email"],
                phone=data["phone"],
                password=data["password1"],
            )
        except ValidationFailed as exc:
            _apply_field_errors(form, exc)
        else:
            login(request, user, backend="motcua.accounts.backends.MotcuaBackend")
            messages.success(request, _("Đăng ký tài khoản thành công. Chào mừng %(name)s!") % {"name": user})
            return redirect(_next_url(request))
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "portal/account/register.html",
        {"form": form, "next": request.POST.get("next") or request.GET.get("next", "")},
        status=status,
    )


@login_required
def profile_view(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    initial = {f: getattr(user, f) for f in ("full_name", "national_id", "phone", "email", "address")}
    form = ProfileForm(data=request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_profile(user=user, **form.cleaned_data)
        except ValidationFailed as exc:
            _apply_field_errors(form, exc)
        else:
            messages.success(request, _("Đã lưu thông tin cá nhân."))
            return redirect("accounts:profile")
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "portal/account/profile.html",
        {
            "form": form,
            "has_password": user.has_usable_password(),
            "can_recover": can_recover_password(user),
            "vneid": verified_by_vneid(user),
        },
        status=status,
    )


password_reset = auth_views.PasswordResetView.as_view(
    form_class=QueuedPasswordResetForm,
    template_name="portal/account/password_reset_form.html",
    email_template_name="portal/account/email/password_reset.txt",
    subject_template_name="portal/account/email/password_reset_subject.txt",
    success_url=reverse_lazy("accounts:password_reset_done"),
)
password_reset_done = auth_views.PasswordResetDoneView.as_view(
    template_name="portal/account/password_reset_done.html"
)
password_reset_confirm = auth_views.PasswordResetConfirmView.as_view(
    form_class=ResetSetPasswordForm,
    template_name="portal/account/password_reset_confirm.html",
    success_url=reverse_lazy("accounts:password_reset_complete"),
)
password_reset_complete = auth_views.PasswordResetCompleteView.as_view(
    template_name="portal/account/password_reset_complete.html"
)


class PasswordChangeView(SuccessMessageMixin, auth_views.PasswordChangeView):
    template_name = "portal/account/password_change.html"
    success_url = reverse_lazy("accounts:profile")
    success_message = gettext_lazy("Đã đổi mật khẩu.")


password_change = PasswordChangeView.as_view()
