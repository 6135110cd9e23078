"""Writes to accounts: registration of a citizen and changes to their profile."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from motcua.core import phones
from motcua.core.errors import ValidationFailed
from motcua.core.time import now

from .identifiers import new_username

TAKEN = {
    "email": gettext_lazy("Thư điện tử này đã được dùng cho một tài khoản khác."),
    "phone": gettext_lazy("Số điện thoại này đã được dùng cho một tài khoản khác."),
    "national_id": gettext_lazy("Số định danh này đã được dùng cho một tài khoản khác."),
}

# Until text messages can prove a phone number, an e-mail address is the only way to get back
# into an account, so every new account needs one (issue 9: phone-only accounts were stranded).
EMAIL_NEEDED = gettext_lazy(
    "Vui lòng nhập thư điện tử, hoặc đăng ký bằng số điện thoại có mã xác minh qua tin nhắn, "
    "để có thể lấy lại mật khẩu khi quên."
)


def _phone(value: str) -> str:
    """The phone number in its stored form, or a field error saying what is expected."""
    phone = phones.clean_phone(value)
    if phone is None:
        raise ValidationFailed(str(phones.EXPECTED), fields={"phone": str(phones.EXPECTED)})
    return phone


def _taken(values: dict[str, str], exclude_pk: int | None = None) -> dict[str, str]:
    User = get_user_model()
    errors = {}
    for field in ("email", "phone", "national_id"):
        value = values.get(field, "")
        if not value:
            continue
        lookup = {f"{field}__iexact": value} if field == "email" else {field: value}
        others = User.objects.filter(**lookup)
        if exclude_pk is not None:
            others = others.exclude(pk=exclude_pk)
        if others.exists():
            errors[field] = str(TAKEN[field])
    return errors


def _save(user: Any, fields: dict[str, str]) -> None:
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError as exc:  # a simultaneous registration took the same phone or e-mail
        errors = _taken(fields, exclude_pk=user.pk) or {"email": str(TAKEN["email"])}
        raise ValidationFailed(_("Thông tin đã được dùng cho tài khoản khác."), fields=errors) from exc


@transaction.atomic
def register_citizen(
    *, full_name: str, password: str, email: str = "", phone: str = "", phone_verified: bool = False
) -> Any:
    """A new citizen account; it logs in with its e-mail address or its phone number.

    A way to recover a forgotten password is required: an e-mail address, or a phone number proven
    by a code sent to it by text message (`phone_verified`, from `accounts.phone_codes`).
    """
    values = {"full_name": full_name.strip(), "email": email.strip(), "phone": _phone(phone)}
    if not values["email"] and not (phone_verified and values["phone"]):
        raise ValidationFailed(str(EMAIL_NEEDED), fields={"email": str(EMAIL_NEEDED)})
    errors = _taken(values)
    if errors:
        raise ValidationFailed(_("Thông tin đã được dùng cho tài khoản khác."), fields=errors)
    user = get_user_model()(username=new_username(), **values)
    if phone_verified:
        user.phone_verified_at = now()
    user.set_password(password)
    _save(user, values)
    return user


@transaction.atomic
def update_profile(
    *, user: Any, full_name: str, national_id: str, phone: str, email: str, address: str
) -> Any:
    values = {
        "full_name": full_name.strip(),
        "national_id": national_id.strip(),
        "phone": _phone(phone),
        "email": email.strip(),
        "address": address.strip(),
    }
    if user.has_verified_national_id and values["national_id"] != user.national_id:
        raise ValidationFailed(
            _("Số định danh đã được xác thực qua tài khoản định danh điện tử nên không sửa được."),
            fields={"national_id": _("Số định danh đã được xác thực qua tài khoản định danh điện tử.")},
        )
    if user.email and not values["email"]:
        # The e-mail is the only way back into the account; it can be changed, not removed.
        message = _("Cần giữ thư điện tử để đăng nhập và lấy lại mật khẩu.")
        raise ValidationFailed(message, fields={"email": message})
    errors = _taken(values, exclude_pk=user.pk)
    if errors:
        raise ValidationFailed(_("Thông tin đã được dùng cho tài khoản khác."), fields=errors)
    for field, value in values.items():
        setattr(user, field, value)
    _save(user, values)
    return user
