"""Password login by phone, e-mail or user name, with lockout after repeated failures.

The well-known demo password is refused outside demo mode, whatever the account.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied

from . import throttling
from .identifiers import find_user, lockout_key

DEMO_PASSWORD = "motcua-demo"


def login_policy() -> throttling.Policy:
    minutes = timedelta(minutes=settings.MOTCUA_LOGIN_LOCK_MINUTES)
    return throttling.Policy(limit=settings.MOTCUA_LOGIN_MAX_FAILURES, window=minutes, lock_for=minutes)


def _key(user: Any | None, identifier: str) -> str:
    # One counter per account, whichever of its names is typed; per typed text otherwise, so that
    # an unknown name locks exactly like a known one and reveals nothing.
    return f"login:user:{user.pk}" if user is not None else lockout_key(identifier)


def login_locked_until(identifier: str) -> datetime | None:
    """When the login named by `identifier` may be tried again, or None if it is not locked."""
    return throttling.locked_until(_key(find_user(identifier), identifier))


def clear_lockout(user: Any) -> None:
    throttling.clear(_key(user, ""))


class MotcuaBackend(ModelBackend):
    def authenticate(
        self, request: Any, username: str | None = None, password: str | None = None, **kwargs: Any
    ):  # type: ignore[no-untyped-def]
        if username is None:
            username = kwargs.get(get_user_model().USERNAME_FIELD)
        if not username or password is None:
            return None
        user = find_user(username)
        key = _key(user, username)
        if throttling.locked_until(key):
            raise PermissionDenied("locked")  # stops every other backend too
        if password == DEMO_PASSWORD and not settings.DEMO_MODE:
            throttling.register_failure(key, login_policy())
            return None
        if user is None:
            get_user_model()().set_password(password)  # take as long as a real check
            throttling.register_failure(key, login_policy())
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            throttling.clear(key)
            return user
        throttling.register_failure(key, login_policy())
        return None
