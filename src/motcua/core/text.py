"""Vietnamese text helpers."""

from __future__ import annotations

import re

from text_unidecode import unidecode

_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Lower-case ASCII form for search: 'Cấp Phiếu lý lịch tư pháp' -> 'cap phieu ly lich tu phap'.

    unicodedata alone leaves đ/Đ untouched, so we use unidecode, which folds them to d.
    """
    return _SPACES.sub(" ", unidecode(text or "").lower()).strip()
