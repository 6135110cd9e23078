"""How API callers prove who they are: bearer tokens, or a browser session that passed the same gates.

Bearer tokens are checked against hashed `ApiToken` rows (`tokens.token_state` says which still
work). A session cookie counts only as far as the back office would accept it: a staff account's
session must have passed the TOTP step and not be idle; otherwise the request is anonymous (401).
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from rest_framework.authentication import (
    BaseAuthentication,
    SessionAuthentication,
    get_authorization_header,
)
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.request import Request

from motcua.agencies.selectors import is_staff_account, staff_role_exists
from motcua.backoffice.auth import session_may_use_api
from motcua.core.prepared import Prepared

from .models import ApiToken
from .tokens import digest, token_state, touch

KEYWORD = b"bearer"

# Whether the user is staff comes with the token, in the same query. `key_hash` is unique: no
# ordering. Every API request runs it: prepared (`core.prepared`), compiled once per connection.
_BY_DIGEST: Prepared[ApiToken] = Prepared(
    lambda key_hash: (
        ApiToken.objects.select_related("user")
        .annotate(holds_role=staff_role_exists("user"))
        .filter(key_hash=key_hash)
        .order_by()[:1]
    ),
    key_hash=str,
)


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
        token = _BY_DIGEST.first(key_hash=digest(raw))
        if token is None:
            raise TokenRejected("invalid_token")
        at = timezone.now()
        staff = is_staff_account(token.user, holds_role=token.holds_role)  # type: ignore[attr-defined]
        refusal = token_state(token, staff=staff, at=at).refusal
        if refusal is not None:
            raise TokenRejected(refusal)
        touch(token, at)
        return token.user, token

    def authenticate_header(self, request: Request) -> str:
        # Having a challenge makes DRF answer 401 (not 403) to unauthenticated requests.
        return 'Bearer realm="api"'


class VerifiedSessionAuthentication(SessionAuthentication):
    """DRF's session authentication (CSRF included), for sessions `session_may_use_api` accepts."""

    def authenticate(self, request: Request) -> tuple[Any, None] | None:
        django_request = request._request
        user = getattr(django_request, "user", None)
        if user is None or not user.is_active:
            return None
        if not session_may_use_api(django_request):
            return None
        return super().authenticate(request)
