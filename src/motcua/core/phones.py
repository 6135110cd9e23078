"""Vietnamese telephone numbers: one rule for every door (forms, API, services, JSON-Schema forms).

The national numbering plan since 2018: mobiles are 10 digits, 0 then 3, 5, 7, 8 or 9
(0912 345 678); landlines are 11 digits, 0 then a three-digit area code starting with 2 and an
eight-digit subscriber number (0233 3852 999, 024 3825 1234). People type spaces, dots, dashes,
brackets and the country code +84; all of that is read and stored as the bare national number.
"""

from __future__ import annotations

import re
from typing import Any

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

_SEPARATORS = re.compile(r"[\s.\-()/]")
MOBILE = re.compile(r"^0[35789]\d{8}$")
LANDLINE = re.compile(r"^02\d{9}$")

# What is expected, with examples: after a field's title ("Số điện thoại: nhập số di động ...").
HOW = _(
    "nhập số di động 10 chữ số (ví dụ 0912 345 678) hoặc số cố định 11 chữ số gồm cả mã vùng "
    "(ví dụ 0233 3852 999)."
)
# What a person is told when the number is not one of these.
EXPECTED: Any = format_lazy("{}: {}", _("Số điện thoại không hợp lệ"), HOW)

# The name of the JSON-Schema format that procedure forms use for a telephone field.
SCHEMA_FORMAT = "vn-phone"


def normalise_phone(value: str) -> str:
    """'+84 912 345 678', '0912.345.678', '(0233) 3852-999' -> national digits; else stripped text."""
    phone = _SEPARATORS.sub("", value or "")
    if phone.startswith("+84"):
        phone = "0" + phone[3:]
    elif phone.startswith("84") and len(phone) in (11, 12):
        phone = "0" + phone[2:]
    return phone


def is_valid_phone(value: str) -> bool:
    """A Vietnamese mobile or landline number, however it was typed."""
    phone = normalise_phone(value)
    return bool(MOBILE.match(phone) or LANDLINE.match(phone))


def clean_phone(value: str) -> str | None:
    """The number in its one stored form ('' when nothing was typed), or None when it is not one."""
    if not (value or "").strip():
        return ""
    return normalise_phone(value) if is_valid_phone(value) else None


def is_mobile(value: str) -> bool:
    """A mobile number (one that can receive text messages), however it was typed."""
    return bool(MOBILE.match(normalise_phone(value)))
