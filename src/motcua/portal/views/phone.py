"""Registration and password recovery by a one-time code sent by text message (accounts.phone_codes)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth import login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.debug import sensitive_post_parameters

from motcua.accounts import phone_codes
from motcua.core.errors import ValidationFailed
from motcua.core.net import request_limit_key

SESSION_PHONE = "sms_phone"


class PhoneForm(forms.Form):
    phone = forms.CharField(
        label=gettext_lazy("Số điện thoại di động"),
        max_length=20,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}),
    )


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Mã xác minh (6 chữ số trong tin nhắn)"),
        max_length=6,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )
    password1 = forms.CharField(
        label=gettext_lazy("Mật khẩu mới"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    password2 = forms.CharField(
        label=gettext_lazy("Nhập lại mật khẩu mới"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self):  # type: ignore[no-untyped-def]
        data = super().clean()
        if data.get("password1") and data.get("password1") != data.get("password2"):
            self.add_error("password2", _("Hai mật khẩu không giống nhau."))
        return data


class RegisterCodeForm(CodeForm):
    full_name = forms.CharField(label=gettext_lazy("Họ và tên"), max_length=200)
    field_order = ["full_name", "code", "password1", "password2"]


def _errors(form: forms.Form, exc: ValidationFailed) -> None:
    fields = exc.details.get("fields") or {}
    for field, message in fields.items():
        form.add_error(field if field in form.fields else None, message)
    if not fields:
        form.add_error(None, str(exc))


def _ask(request: HttpRequest, purpose: str, title: str, next_name: str) -> HttpResponse:
    form = PhoneForm(data=request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            phone_codes.send_code(
                phone=form.cleaned_data["phone"], purpose=purpose, address=request_limit_key(request)
            )
        except ValidationFailed as exc:
            _errors(form, exc)
        else:
            request.session[SESSION_PHONE] = phone_codes.clean(form.cleaned_data["phone"])
            messages.success(request, _("Nếu số điện thoại hợp lệ, mã xác minh đã được gửi qua tin nhắn."))
            return redirect(next_name)
    return render(
        request,
        "portal/account/phone_ask.html",
        {"form": form, "title": title},
        status=400 if request.method == "POST" else 200,
    )


def recover_ask(request: HttpRequest) -> HttpResponse:
    return _ask(
        request, phone_codes.Purpose.RECOVER, _("Lấy lại mật khẩu qua tin nhắn"), "accounts:sms_recover_code"
    )


def register_ask(request: HttpRequest) -> HttpResponse:
    return _ask(
        request, phone_codes.Purpose.REGISTER, _("Đăng ký bằng số điện thoại"), "accounts:sms_register_code"
    )


@sensitive_post_parameters("password1", "password2", "code")
def recover_code(request: HttpRequest) -> HttpResponse:
    phone = request.session.get(SESSION_PHONE)
    if not phone:
        return redirect("accounts:sms_recover")
    form = CodeForm(data=request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            phone_codes.reset_password_by_phone(
                phone=phone, code=form.cleaned_data["code"], password=form.cleaned_data["password1"]
            )
        except ValidationFailed as exc:
            _errors(form, exc)
        else:
            request.session.pop(SESSION_PHONE, None)
            messages.success(request, _("Đã đặt mật khẩu mới. Vui lòng đăng nhập."))
            return redirect("accounts:login")
    return render(
        request,
        "portal/account/phone_code.html",
        {"form": form, "title": _("Nhập mã xác minh"), "phone": phone, "button": _("Đặt mật khẩu mới")},
        status=400 if request.method == "POST" else 200,
    )


@sensitive_post_parameters("password1", "password2", "code")
def register_code(request: HttpRequest) -> HttpResponse:
    phone = request.session.get(SESSION_PHONE)
    if not phone:
        return redirect("accounts:sms_register")
    form = RegisterCodeForm(data=request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            user = phone_codes.register_by_phone(
                full_name=form.cleaned_data["full_name"],
                phone=phone,
                code=form.cleaned_data["code"],
                password=form.cleaned_data["password1"],
            )
        except ValidationFailed as exc:
            _errors(form, exc)
        else:
            request.session.pop(SESSION_PHONE, None)
            login(request, user, backend="motcua.accounts.backends.MotcuaBackend")
            messages.success(request, _("Đăng ký tài khoản thành công. Chào mừng %(name)s!") % {"name": user})
            return redirect("portal:my_dossiers")
    return render(
        request,
        "portal/account/phone_code.html",
        {"form": form, "title": _("Hoàn tất đăng ký"), "phone": phone, "button": _("Đăng ký")},
        status=400 if request.method == "POST" else 200,
    )
