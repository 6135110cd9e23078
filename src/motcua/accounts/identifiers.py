"""How a person names their account when logging in: phone number, e-mail address or user name."""

from __future__ import annotations

import secrets
from typing import Any

from django.contrib.auth import get_user_model

from motcua.core.phones import is_valid_phone as is_phone
from motcua.core.phones import normalise_phone

__all__ = ["find_user", "is_phone", "lockout_key", "new_username", "normalise_login", "normalise_phone"]


def lockout_key(identifier: str) -> str:
    """The key counting failed logins for what was typed, when it names no account."""
    return "login:" + normalise_login(identifier)


def normalise_login(identifier: str) -> str:
    value = (identifier or "").strip()
    if "@" in value:
        return value.lower()
    if is_phone(value):
        return normalise_phone(value)
    return value


def find_user(identifier: str) -> Any | None:
    """The one account named by an e-mail address, a phone number or a user name, else None."""
    User = get_user_model()
    value = (identifier or "").strip()
    if not value:
        return None
    if "@" in value:
        candidates = list(User.objects.filter(email__iexact=value)[:2])
        if not candidates:
            candidates = list(User.objects.filter(username=value)[:2])
    elif is_phone(value):
        candidates = list(User.objects.filter(phone=normalise_phone(value))[:2])
        if not candidates:
            candidates = list(User.objects.filter(username=value)[:2])
    else:
        candidates = list(User.objects.filter(username=value)[:2])
    return candidates[0] if len(candidates) == 1 else None


def new_username() -> str:
    """Citizens never see their user name: they log in with their phone or e-mail."""
    return "cd" + secrets.token_hex(6)
