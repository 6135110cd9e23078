"""`Authorization: Bearer <token>` authentication against hashed ApiToken rows."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.request import Request

from .models import ApiToken
from .tokens import digest, touch

KEYWORD = b"bearer"


class TokenRejected(AuthenticationFailed):
    """A bearer token was sent but cannot be used; `reason` goes into the error details."""

    def __init__(self, reason: str) -> None:
        super().__init__(code=reason)
        self.reason = reason


class BearerTokenAuthentication(BaseAuthentication):
    """Authenticate API clients by a token issued at POST /api/v1/auth/token."""

    def authenticate(self, request: Request) -> tuple[Any, ApiToken] | None:
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() != KEYWORD:
            return None
        if len(parts) != 2:
            raise TokenRejected("malformed_header")
        try:
            raw = parts[1].decode("ascii")
        except UnicodeDecodeError as exc:
            raise TokenRejected("malformed_header") from exc
        token = ApiToken.objects.select_related("user").filter(key_hash=digest(raw)).first()
        if token is None:
            raise TokenRejected("invalid_token")
        at = timezone.now()
        if token.is_expired(at):
            raise TokenRejected("token_expired")
        if not token.user.is_active:
            raise TokenRejected("inactive_user")
        touch(token, at)
        return token.user, token

    def authenticate_header(self, request: Request) -> str:
        # Having a challenge makes DRF answer 401 (not 403) to unauthenticated requests.
        return 'Bearer realm="api"'
