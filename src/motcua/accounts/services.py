"""Writes to accounts: registration of a citizen and changes to their profile."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction

from motcua.core.errors import ValidationFailed

from .identifiers import new_username, normalise_phone

TAKEN = {
    "email": "Thư điện tử này đã được dùng cho một tài khoản khác.",
    "phone": "Số điện thoại này đã được dùng cho một tài khoản khác.",
    "national_id": "Số định danh này đã được dùng cho một tài khoản khác.",
}


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
            errors[field] = TAKEN[field]
    return errors


def _save(user: Any, fields: dict[str, str]) -> None:
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError as exc:  # a simultaneous registration took the same phone or e-mail
        errors = _taken(fields, exclude_pk=user.pk) or {"email": TAKEN["email"]}
        raise ValidationFailed("Thông tin đã được dùng cho tài khoản khác.", fields=errors) from exc


@transaction.atomic
def register_citizen(*, full_name: str, password: str, email: str = "", phone: str = "") -> Any:
    """A new citizen account; it logs in with its phone number or e-mail address."""
    values = {"full_name": full_name.strip(), "email": email.strip(), "phone": normalise_phone(phone)}
    if not values["email"] and not values["phone"]:
        raise ValidationFailed(
            "Thiếu thông tin đăng nhập.",
            fields={"email": "Vui lòng nhập số điện thoại hoặc thư điện tử."},
        )
    errors = _taken(values)
    if errors:
        raise ValidationFailed("Thông tin đã được dùng cho tài khoản khác.", fields=errors)
    user = get_user_model()(username=new_username(), **values)
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
        "phone": normalise_phone(phone),
        "email": email.strip(),
        "address": address.strip(),
    }
    if user.has_verified_national_id and values["national_id"] != user.national_id:
        raise ValidationFailed(
            "Số định danh đã được xác thực qua tài khoản định danh điện tử nên không sửa được.",
            fields={"national_id": "Số định danh đã được xác thực qua tài khoản định danh điện tử."},
        )
    errors = _taken(values, exclude_pk=user.pk)
    if errors:
        raise ValidationFailed("Thông tin đã được dùng cho tài khoản khác.", fields=errors)
    for field, value in values.items():
        setattr(user, field, value)
    _save(user, values)
    return user
