"""Issuing, checking and revoking API tokens (the writes and reads of this package).

A token is bearer proof of a login: it lives at most `API_TOKEN_TTL_HOURS`, dies with its user's
password (whatever path changed it), and a staff account's token also dies after
`MOTCUA_STAFF_IDLE_SECONDS` without use, like a staff session. Staff get one only after the second
factor (`api.views.auth`); `issue_token` itself trusts its caller, so that tests can mint tokens.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.admin.models import DELETION, LogEntry
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.crypto import constant_time_compare

from motcua.agencies.selectors import is_staff_account, is_system_administrator
from motcua.backoffice.auth import idle_too_long, staff_idle_limit
from motcua.core.errors import NotFound, PermissionDenied

from .models import ApiToken

# Recording every single use would turn each read into a write; once a minute is enough for audits
# and makes a staff token's idle limit exact to within a minute.
LAST_USED_GRANULARITY = timedelta(minutes=1)
# A user holds at most this many tokens; issuing one more drops the oldest, so that a script that
# logs in on every run cannot fill the table.
MAX_TOKENS_PER_USER = 50


def digest(raw: str) -> str:
    """The SHA-256 hex digest under which a token is stored."""
    return hashlib.sha256(raw.encode()).hexdigest()


def password_stamp(user: Any) -> str:
    """What a token remembers of its user's password: a digest of Django's session auth hash."""
    return digest(user.get_session_auth_hash())


def _password_unchanged(token: ApiToken, user: Any) -> bool:
    if constant_time_compare(token.password_stamp, password_stamp(user)):
        return True
    # After a SECRET_KEY rotation, tokens made under a fallback key live on, as sessions do.
    return any(
        constant_time_compare(token.password_stamp, digest(fallback))
        for fallback in user.get_session_auth_fallback_hash()
    )


def issue_token(*, user: Any, name: str = "", at: datetime | None = None) -> tuple[str, ApiToken]:
    """Create a token for `user`; returns the raw value (shown once) and the stored row.

    The caller has checked the credentials, and for a staff account the second factor.
    """
    at = at or timezone.now()
    raw = secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user,
            key_hash=digest(raw),
            name=name[:100],
            created_at=at,
            expires_at=at + timedelta(hours=settings.API_TOKEN_TTL_HOURS),
            password_stamp=password_stamp(user),
            for_staff=is_staff_account(user),
        )
        _prune(user, at)
    return raw, token


def _prune(user: Any, at: datetime) -> None:
    """Forget the user's dead tokens and all but the newest MAX_TOKENS_PER_USER."""
    idle_since = at - staff_idle_limit()
    dead = Q(expires_at__lte=at) | Q(for_staff=True) & (
        Q(last_used_at__lt=idle_since) | Q(last_used_at__isnull=True, created_at__lt=idle_since)
    )
    ApiToken.objects.filter(user=user).filter(dead).delete()
    keep = ApiToken.objects.filter(user=user).order_by("-created_at", "-pk").values_list("pk", flat=True)
    ApiToken.objects.filter(user=user).exclude(pk__in=list(keep[:MAX_TOKENS_PER_USER])).delete()


@dataclass(frozen=True)
class TokenState:
    """A token as its owner sees it: when it stops working unless used again, or why it already has."""

    token: ApiToken
    expires_at: datetime
    refusal: str | None


def token_state(token: ApiToken, *, staff: bool, at: datetime) -> TokenState:
    """Judge `token` (its `user` loaded) at `at`; `staff` says whether the user is a staff account now."""
    expires_at = token.expires_at
    last_active = token.last_used_at or token.created_at
    if staff:
        expires_at = min(expires_at, last_active + staff_idle_limit())
    refusal = None
    if token.expires_at <= at:
        refusal = "token_expired"
    elif not token.user.is_active:
        refusal = "inactive_user"
    elif not _password_unchanged(token, token.user):
        refusal = "password_changed"
    elif staff and not token.for_staff:
        refusal = "second_factor_required"  # issued to a citizen who has become staff since
    elif staff and idle_too_long((at - last_active).total_seconds()):
        refusal = "token_idle"
    return TokenState(token, expires_at, refusal)


def touch(token: ApiToken, at: datetime) -> None:
    """Remember when the token was last used, at most once per LAST_USED_GRANULARITY."""
    if token.last_used_at is None or at - token.last_used_at >= LAST_USED_GRANULARITY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=at)
        token.last_used_at = at


def live_tokens(user: Any, *, at: datetime | None = None) -> list[TokenState]:
    """The user's tokens that still work, newest first (at most MAX_TOKENS_PER_USER rows to read)."""
    at = at or timezone.now()
    staff = is_staff_account(user)
    rows = ApiToken.objects.filter(user=user).select_related("user").order_by("-created_at", "-pk")
    states = (token_state(token, staff=staff, at=at) for token in rows)
    return [state for state in states if state.refusal is None]


def revoke_token(token: ApiToken) -> None:
    ApiToken.objects.filter(pk=token.pk).delete()


@transaction.atomic
def revoke_own_token(*, user: Any, token_id: int) -> None:
    """Revoke one of the user's own tokens; someone else's is as unknown as a missing one."""
    deleted, _ = ApiToken.objects.filter(user=user, pk=token_id).delete()
    if not deleted:
        raise NotFound("Không tìm thấy mã truy cập này.")


@transaction.atomic
def revoke_all_tokens(*, user: Any) -> int:
    """End every API token of the user (a back-office logout does this)."""
    deleted, _ = ApiToken.objects.filter(user=user).delete()
    return deleted


@transaction.atomic
def revoke_tokens_as_administrator(*, tokens: QuerySet[ApiToken], by: Any) -> int:
    """An administrator revokes any users' tokens; the admin's history records who did it."""
    if not is_system_administrator(by):
        raise PermissionDenied("Chỉ quản trị hệ thống được thu hồi mã truy cập của người khác.")
    rows = list(tokens.select_related("user"))
    if not rows:
        return 0
    LogEntry.objects.log_actions(
        user_id=by.pk,
        queryset=rows,
        action_flag=DELETION,
        change_message="Thu hồi mã truy cập API",
    )
    deleted, _ = ApiToken.objects.filter(pk__in=[row.pk for row in rows]).delete()
    return deleted
