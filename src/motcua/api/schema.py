"""drf-spectacular extensions: how our two ways of authenticating appear in the OpenAPI document."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from drf_spectacular.extensions import OpenApiAuthenticationExtension


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = "motcua.api.authentication.BearerTokenAuthentication"
    name = "bearerAuth"

    def get_security_definition(self, auto_schema: Any) -> dict[str, Any]:
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "Mã cấp tại POST /api/v1/auth/token, gửi trong `Authorization: Bearer <mã>`.",
        }


class VerifiedSessionScheme(OpenApiAuthenticationExtension):
    target_class = "motcua.api.authentication.VerifiedSessionAuthentication"
    name = "cookieAuth"

    def get_security_definition(self, auto_schema: Any) -> dict[str, Any]:
        return {
            "type": "apiKey",
            "in": "cookie",
            "name": settings.SESSION_COOKIE_NAME,
            "description": (
                "Phiên đăng nhập của trình duyệt (kèm mã CSRF khi ghi). Phiên của tài khoản cán bộ chỉ "
                "được chấp nhận sau bước mã xác thực (TOTP) và khi chưa hết thời gian không hoạt động."
            ),
        }


def only_the_public_api(
    endpoints: list[tuple[str, str, str, Any]], **_: Any
) -> list[tuple[str, str, str, Any]]:
    """The OpenAPI document describes motcua's API (/api/v1/) alone, not the REST views that come
    with other installed programs (the news editors' Wagtail admin)."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/")]


def refused_credentials_are_documented(result: dict[str, Any], **_: Any) -> dict[str, Any]:
    """Every operation that accepts a bearer token answers 401 to a bad one (expired, revoked,
    malformed), public operations too: a client that sends credentials must expect them refused."""
    error = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for path in result.get("paths", {}).values():
        for operation in path.values():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            schemes = {name for requirement in operation.get("security", []) for name in requirement}
            if "bearerAuth" in schemes and "401" not in operation["responses"]:
                operation["responses"]["401"] = {
                    "content": error,
                    "description": "Mã truy cập không hợp lệ, đã hết hạn hoặc đã bị thu hồi",
                }
    return result
