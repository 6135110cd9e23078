"""Password login by phone, e-mail or user name, limited so that nobody can lock another person out.

Two counters watch every failed password (docs/decisions.md, "Login limits"):
- per (client address, account): MOTCUA_LOGIN_MAX_FAILURES failures lock that pair for
  MOTCUA_LOGIN_LOCK_MINUTES. Somebody guessing from one address is stopped; the owner of the account,
  elsewhere, is not.
- per account, from everywhere: past MOTCUA_LOGIN_SLOWDOWN_AFTER failures within the window, each
  further attempt waits 1 s, 2 s, 4 s, … up to MOTCUA_LOGIN_SLOWDOWN_MAX_SECONDS. Never a lock, and
  addresses the account logged in from before (`LoginAddress`) are spared it.

Every door (back office, portal, API token) goes through `authenticate(request, ...)`, so this one
rule covers them all. The well-known demo password is refused outside demo mode, whatever the account.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied

from motcua.core.net import HasMeta, request_limit_key
from motcua.core.prepared import Prepared
from motcua.core.time import now

from . import throttling
from .identifiers import find_user, normalise_login
from .models import FailureCounter, LoginAddress

DEMO_PASSWORD = "motcua-demo"
# authenticate() without a request: the command line or a test, never a visitor.
NO_REQUEST = "local"


def login_policy() -> throttling.Policy:
    minutes = timedelta(minutes=settings.MOTCUA_LOGIN_LOCK_MINUTES)
    return throttling.Policy(limit=settings.MOTCUA_LOGIN_MAX_FAILURES, window=minutes, lock_for=minutes)


def slowdown_policy() -> throttling.Slowdown:
    return throttling.Slowdown(
        free=settings.MOTCUA_LOGIN_SLOWDOWN_AFTER,
        window=timedelta(minutes=settings.MOTCUA_LOGIN_SLOWDOWN_WINDOW_MINUTES),
        first=timedelta(seconds=1),
        longest=timedelta(seconds=settings.MOTCUA_LOGIN_SLOWDOWN_MAX_SECONDS),
    )


def _account(user: Any | None, identifier: str) -> str:
    # One account, whichever of its names is typed; otherwise the typed text, hashed (it is sometimes
    # a password typed in the wrong box, and it may be longer than a key), so that an unknown name
    # is counted exactly like a known one and reveals nothing.
    if user is not None:
        return f"user:{user.pk}"
    digest = hashlib.sha256(normalise_login(identifier).encode()).hexdigest()[:32]
    return f"name:{digest}"


def pair_key(where: str, account: str) -> str:
    return f"login:pair:{where}:{account}"


def account_key(account: str) -> str:
    return f"login:{account}"


def _where(request: HasMeta | None) -> str:
    return request_limit_key(request) if request is not None else NO_REQUEST


@dataclass(frozen=True)
class LoginPause:
    """Why and until when a login may not be tried: `account_wide` is the slow-down, else the lock."""

    until: datetime
    account_wide: bool
    seconds: int  # from the moment it was asked


def _is_known(user: Any | None, where: str, at: datetime) -> bool:
    since = at - timedelta(days=settings.MOTCUA_LOGIN_KNOWN_ADDRESS_DAYS)
    user_id = user.pk if user is not None else None
    return LoginAddress.objects.filter(user_id=user_id, address=where, last_success_at__gte=since).exists()


def _pause(user: Any | None, identifier: str, where: str, at: datetime) -> LoginPause | None:
    account = _account(user, identifier)
    until = throttling.locked_until(pair_key(where, account), at=at)
    if until is not None:
        return LoginPause(until, account_wide=False, seconds=_seconds(until - at))
    if _is_known(user, where, at):
        return None
    until = throttling.locked_until(account_key(account), at=at)
    return LoginPause(until, account_wide=True, seconds=_seconds(until - at)) if until is not None else None


def _seconds(delta: timedelta) -> int:
    return max(1, math.ceil(delta.total_seconds()))


def login_pause(request: HasMeta | None, identifier: str) -> LoginPause | None:
    """Whether this client must wait before trying the login named by `identifier` again."""
    return _pause(find_user(identifier), identifier, _where(request), now())


def clear_lockout(user: Any) -> None:
    """A new password ends every lock and slow-down on the account."""
    account = _account(user, "")
    FailureCounter.objects.filter(key__startswith="login:pair:", key__endswith=f":{account}").delete()
    throttling.clear(account_key(account))


def _failed(account: str, where: str, at: datetime) -> None:
    throttling.register_failure(pair_key(where, account), login_policy(), at=at)
    throttling.register_slow_failure(account_key(account), slowdown_policy(), at=at)


def _succeeded(user: Any, where: str, at: datetime) -> None:
    throttling.clear(pair_key(where, _account(user, "")))
    LoginAddress.objects.update_or_create(user=user, address=where, defaults={"last_success_at": at})


def forget_old_addresses(*, at: datetime | None = None) -> int:
    """Delete `LoginAddress` rows older than MOTCUA_LOGIN_KNOWN_ADDRESS_DAYS (housekeeping)."""
    since = (at or now()) - timedelta(days=settings.MOTCUA_LOGIN_KNOWN_ADDRESS_DAYS)
    deleted, _ = LoginAddress.objects.filter(last_success_at__lt=since).delete()
    return deleted


# The session's user, read on every logged-in request: prepared (`core.prepared`).
_BY_PK: Prepared[Any] = Prepared(lambda pk: get_user_model()._default_manager.filter(pk=pk)[:1], pk=int)


class MotcuaBackend(ModelBackend):
    def get_user(self, user_id: Any) -> Any | None:
        """ModelBackend's: the active account with that id, or nobody."""
        user = _BY_PK.first(pk=int(user_id))
        return user if user is not None and self.user_can_authenticate(user) else None

    def authenticate(
        self, request: Any, username: str | None = None, password: str | None = None, **kwargs: Any
    ):  # type: ignore[no-untyped-def]
        if username is None:
            username = kwargs.get(get_user_model().USERNAME_FIELD)
        if not username or password is None:
            return None
        at = now()
        user = find_user(username)
        account, where = _account(user, username), _where(request)
        if _pause(user, username, where, at) is not None:
            raise PermissionDenied("locked")  # stops every other backend too
        if password == DEMO_PASSWORD and not settings.DEMO_MODE:
            _failed(account, where, at)
            return None
        if user is None:
            get_user_model()().set_password(password)  # take as long as a real check
            _failed(account, where, at)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            _succeeded(user, where, at)
            return user
        _failed(account, where, at)
        return None
