"""Agency identification codes (mã định danh), domain-vn.md sections 3.4 and 12.1."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError

# QCVN 102:2016 / Decision 20/2020 layout, 13 characters: 000.00.14.H20
AGENCY_CODE_LEGACY = re.compile(r"^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$")
# Short hierarchical layout seen since Decision 09/2025: G09, G09.20, H37.02.02, H37.DN.001
AGENCY_CODE_SHORT = re.compile(r"^[A-Z]\d{2}(?:\.[A-Z0-9]{2,3}){0,3}$")


def is_valid_agency_code(code: str) -> bool:
    return bool(AGENCY_CODE_LEGACY.match(code) or AGENCY_CODE_SHORT.match(code))


def validate_agency_code(code: str) -> None:
    if not is_valid_agency_code(code):
        raise ValidationError(
            "Mã định danh '%(code)s' không đúng định dạng (ví dụ: 000.00.14.H20 hoặc H37.02.02).",
            code="invalid_agency_code",
            params={"code": code},
        )
