"""Reads about accounts that pages ask for."""

from __future__ import annotations

from typing import Any


def can_recover_password(user: Any) -> bool:
    """Whether a forgotten password can be recovered by e-mail (the profile suggests adding one).

    A mobile number recovers it too, by a code sent by text message (accounts.phone_codes)."""
    return bool(getattr(user, "email", ""))


def verified_by_vneid(user: Any) -> bool:
    """The account's national id was vouched for by the national identity service (VNeID)."""
    return bool(getattr(user, "has_verified_national_id", False))
