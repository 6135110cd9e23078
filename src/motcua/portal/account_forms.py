"""Forms of the citizen's account pages. Messages are Vietnamese first (gettext, English available)."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.contrib.auth import authenticate, get_user_model, password_validation
from django.contrib.auth.forms import PasswordResetForm, SetPasswordForm
from django.template import loader
from django.utils.translation import gettext_lazy as _

from motcua.accounts.backends import clear_lockout, login_pause
from motcua.accounts.services import EMAIL_NEEDED
from motcua.agencies.selectors import is_staff_account
from motcua.core.phones import EXPECTED as PHONE_EXPECTED
from motcua.core.phones import clean_phone
from motcua.core.time import local

NATIONAL_ID = re.compile(r"^(\d{9}|\d{12})$")


def _clean_phone(value: str) -> str:
    phone = clean_phone(value)
    if phone is None:
        raise forms.ValidationError(PHONE_EXPECTED, code="phone")
    return phone


class LoginForm(forms.Form):
    identifier = forms.CharField(
        label=_("Số điện thoại hoặc thư điện tử"),
        max_length=254,
        error_messages={"required": _("Vui lòng nhập số điện thoại hoặc thư điện tử.")},
        widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none"}),
    )
    password = forms.CharField(
        label=_("Mật khẩu"),
        strip=False,
        error_messages={"required": _("Vui lòng nhập mật khẩu.")},
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, request: Any = None, *args: Any, **kwargs: Any) -> None:
        self.request = request
        self.user: Any = None
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        identifier, password = data.get("identifier"), data.get("password")
        if not identifier or password is None:
            return data
        self.user = authenticate(self.request, username=identifier, password=password)
        if self.user is None:
            pause = login_pause(self.request, identifier)
            if pause is not None and pause.account_wide:
                raise forms.ValidationError(
                    _(
                        "Tài khoản này vừa bị thử mật khẩu sai nhiều lần. Để bảo vệ tài khoản, vui lòng "
                        "chờ %(seconds)s giây rồi đăng nhập lại."
                    )
                    % {"seconds": pause.seconds},
                    code="slowed_down",
                )
            if pause is not None:
                raise forms.ValidationError(
                    _(
                        "Tài khoản tạm thời bị khóa vì nhập sai mật khẩu nhiều lần. Vui lòng thử lại sau "
                        "%(time)s hoặc đặt lại mật khẩu."
                    )
                    % {"time": f"{local(pause.until):%H:%M}"},
                    code="locked",
                )
            raise forms.ValidationError(
                _("Số điện thoại, thư điện tử hoặc mật khẩu không đúng."), code="invalid_login"
            )
        if is_staff_account(self.user):
            # A password alone never opens a staff account: officers log in at /can-bo/ with TOTP.
            self.user = None
            raise forms.ValidationError(
                _(
                    "Đây là tài khoản cán bộ, không đăng nhập tại Cổng dịch vụ công. Vui lòng đăng nhập "
                    "tại trang dành cho cán bộ (/can-bo/) bằng mật khẩu và mã xác thực."
                ),
                code="staff_account",
            )
        return data

    @property
    def refused_staff(self) -> bool:
        return any(error.code == "staff_account" for error in self.non_field_errors().as_data())


class RegistrationForm(forms.Form):
    full_name = forms.CharField(
        label=_("Họ và tên"),
        max_length=200,
        error_messages={"required": _("Vui lòng nhập họ và tên.")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Thư điện tử"),
        error_messages={
            "required": EMAIL_NEEDED,
            "invalid": _("Địa chỉ thư điện tử không hợp lệ (ví dụ ten@example.vn)."),
        },
        help_text=_("Dùng để đăng nhập, nhận thông báo về hồ sơ và lấy lại mật khẩu."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=_("Số điện thoại (không bắt buộc)"),
        required=False,
        max_length=20,
        help_text=_(
            "Di động hoặc cố định, ví dụ 0912 345 678 hoặc 0233 3852 999. Số điện thoại chưa được "
            "xác minh nên chưa dùng để lấy lại mật khẩu."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    password1 = forms.CharField(
        label=_("Mật khẩu"),
        strip=False,
        error_messages={"required": _("Vui lòng đặt mật khẩu.")},
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Ít nhất 8 ký tự, không quá đơn giản, không chỉ gồm chữ số."),
    )
    password2 = forms.CharField(
        label=_("Nhập lại mật khẩu"),
        strip=False,
        error_messages={"required": _("Vui lòng nhập lại mật khẩu.")},
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean_phone(self) -> str:
        return _clean_phone(self.cleaned_data.get("phone", ""))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        password1, password2 = data.get("password1"), data.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", _("Hai mật khẩu không khớp nhau."))
        if password1:
            probe = get_user_model()(
                full_name=data.get("full_name", ""), email=data.get("email", ""), phone=data.get("phone", "")
            )
            try:
                password_validation.validate_password(password1, probe)
            except forms.ValidationError as exc:
                self.add_error("password1", exc)
        return data


class ProfileForm(forms.Form):
    full_name = forms.CharField(
        label=_("Họ và tên"),
        max_length=200,
        error_messages={"required": _("Vui lòng nhập họ và tên.")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    national_id = forms.CharField(
        label=_("Số định danh cá nhân (CCCD)"),
        required=False,
        max_length=12,
        help_text=_("12 chữ số trên thẻ căn cước."),
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    phone = forms.CharField(
        label=_("Số điện thoại"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    email = forms.EmailField(
        label=_("Thư điện tử"),
        required=False,
        error_messages={"invalid": _("Địa chỉ thư điện tử không hợp lệ (ví dụ ten@example.vn).")},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    address = forms.CharField(
        label=_("Địa chỉ thường trú"),
        required=False,
        max_length=300,
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )

    def clean_national_id(self) -> str:
        value = self.cleaned_data.get("national_id", "").strip()
        if value and not NATIONAL_ID.match(value):
            raise forms.ValidationError(_("Số định danh cá nhân gồm 12 chữ số (hoặc CMND 9 chữ số)."))
        return value

    def clean_phone(self) -> str:
        return _clean_phone(self.cleaned_data.get("phone", ""))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("phone") and not data.get("email") and not self.errors:
            self.add_error("email", _("Cần giữ thư điện tử để đăng nhập và lấy lại mật khẩu."))
        return data


class QueuedPasswordResetForm(PasswordResetForm):
    """Django's reset form, but the e-mail goes out through the task queue like every other."""

    email = forms.EmailField(
        label=_("Thư điện tử đã đăng ký"),
        max_length=254,
        error_messages={
            "required": _("Vui lòng nhập thư điện tử."),
            "invalid": _("Địa chỉ thư điện tử không hợp lệ (ví dụ ten@example.vn)."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def get_users(self, email: str) -> Any:
        """Citizens only: a staff account's password is reset by an administrator, never by e-mail.

        With an e-mailed password and an e-mailed enrolment code, a mailbox alone would otherwise
        be enough to take over an officer who has no authenticator yet. The page says the same
        either way.
        """
        return (user for user in super().get_users(email) if not is_staff_account(user))

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        from motcua.accounts.tasks import send_account_mail

        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        send_account_mail.enqueue(subject, body, to_email)


class ResetSetPasswordForm(SetPasswordForm):
    def save(self, commit: bool = True) -> Any:
        user = super().save(commit)
        clear_lockout(user)  # a new password ends the lockout
        return user
