"""Reads about accounts that pages ask for."""

from __future__ import annotations

from typing import Any


def can_recover_password(user: Any) -> bool:
    """Whether a forgotten password can be recovered: today by e-mail only (SMS comes later)."""
    return bool(getattr(user, "email", ""))
