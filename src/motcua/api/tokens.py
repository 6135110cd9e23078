"""Issuing and revoking API tokens (the writes of this package)."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.utils import timezone

from .models import ApiToken

# Recording every single use would turn each read into a write; once a minute is enough for audits.
LAST_USED_GRANULARITY = timedelta(minutes=1)


def digest(raw: str) -> str:
    """The SHA-256 hex digest under which a token is stored."""
    return hashlib.sha256(raw.encode()).hexdigest()


def issue_token(*, user: Any, name: str = "", at: datetime | None = None) -> tuple[str, ApiToken]:
    """Create a token for `user`; returns the raw value (shown once) and the stored row."""
    at = at or timezone.now()
    raw = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        key_hash=digest(raw),
        name=name[:100],
        created_at=at,
        expires_at=at + timedelta(hours=settings.API_TOKEN_TTL_HOURS),
    )
    return raw, token


def revoke_token(token: ApiToken) -> None:
    ApiToken.objects.filter(pk=token.pk).delete()


def touch(token: ApiToken, at: datetime) -> None:
    """Remember when the token was last used, at most once per LAST_USED_GRANULARITY."""
    if token.last_used_at is None or at - token.last_used_at >= LAST_USED_GRANULARITY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=at)
        token.last_used_at = at
