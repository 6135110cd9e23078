"""One JSON shape for every API error: {"error": {"code", "message", "details"}}, messages in Vietnamese."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import set_rollback

from motcua.core.errors import DomainError

from .authentication import TokenRejected
from .parsers import InputRefused

NOT_AUTHENTICATED = "Vui lòng đăng nhập."
NOT_FOUND = "Không tìm thấy."
PERMISSION_DENIED = "Bạn không có quyền thực hiện thao tác này."
CSRF_FAILED = "Thiếu mã CSRF của phiên đăng nhập; hãy gửi kèm mã CSRF hoặc dùng mã truy cập (Bearer)."
TOO_LARGE = "Nội dung yêu cầu quá lớn; tệp đính kèm hãy gửi bằng multipart/form-data."
TOO_MANY_PARTS = "Yêu cầu có quá nhiều trường hoặc quá nhiều tệp."
VALIDATION_FAILED = "Dữ liệu không hợp lệ. Vui lòng kiểm tra các trường được đánh dấu."


class CredentialsRefused(exceptions.AuthenticationFailed):
    """The token endpoint refused what it was given: its own code and message reach the client."""

    def __init__(self, **details: Any) -> None:
        super().__init__()
        self.details = details


class InvalidCredentials(CredentialsRefused):
    """Wrong user name or password at the token endpoint."""

    default_code = "invalid_credentials"
    default_detail = "Tên đăng nhập hoặc mật khẩu không đúng."


class SecondFactorRequired(CredentialsRefused):
    default_code = "otp_required"
    default_detail = "Tài khoản cán bộ cần thêm mã xác thực 6 số (TOTP) trong trường otp."


class SecondFactorInvalid(CredentialsRefused):
    default_code = "otp_invalid"
    default_detail = "Mã xác thực không đúng hoặc đã hết hạn. Hãy gửi mã đang hiển thị trên ứng dụng."


class SecondFactorNotEnrolled(CredentialsRefused):
    default_code = "otp_not_enrolled"
    default_detail = (
        "Tài khoản cán bộ chưa đăng ký ứng dụng xác thực. Hãy đăng nhập phân hệ Một cửa điện tử "
        "(/can-bo/) để đăng ký trước."
    )


class SecondFactorLocked(exceptions.Throttled):
    """Too many wrong TOTP codes: django-otp locks the authenticator for a while."""

    default_code = "otp_locked"
    message = "Đã nhập sai mã xác thực nhiều lần. Vui lòng thử lại sau."


# DRF exceptions that are not special-cased below: (code, Vietnamese message).
GENERIC: dict[type[exceptions.APIException], tuple[str, str]] = {
    exceptions.ParseError: (
        "malformed_request",
        "Nội dung yêu cầu không đúng định dạng (JSON hoặc multipart).",
    ),
    exceptions.MethodNotAllowed: ("method_not_allowed", "Phương thức không được hỗ trợ cho địa chỉ này."),
    exceptions.NotAcceptable: ("not_acceptable", "Không thể trả về định dạng được yêu cầu."),
    exceptions.UnsupportedMediaType: (
        "unsupported_media_type",
        "Kiểu nội dung không được hỗ trợ; hãy gửi JSON hoặc multipart/form-data.",
    ),
}


def error_body(code: str, message: str, details: Mapping[str, Any] | None = None) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "details": dict(details or {})}}


def flatten(detail: Any, prefix: str = "") -> dict[str, str]:
    """DRF's nested error detail as {"applicant.name": "message", ...}."""
    if isinstance(detail, Mapping):
        out: dict[str, str] = {}
        for key, value in detail.items():
            out.update(flatten(value, f"{prefix}.{key}" if prefix else str(key)))
        return out
    if isinstance(detail, list):
        if all(not isinstance(item, Mapping | list) for item in detail):
            return {prefix or "non_field_errors": " ".join(str(item) for item in detail)}
        out = {}
        for index, item in enumerate(detail):
            if item:
                out.update(flatten(item, f"{prefix}.{index}" if prefix else str(index)))
        return out
    return {prefix or "non_field_errors": str(detail)}


def _respond(
    status_code: int,
    code: str,
    message: str,
    details: Mapping[str, Any] | None = None,
    headers: Mapping[str, str] | None = None,
) -> Response:
    set_rollback()
    return Response(error_body(code, message, details), status=status_code, headers=headers)


def exception_handler(exc: Exception, context: Mapping[str, Any]) -> Response | None:
    """REST_FRAMEWORK["EXCEPTION_HANDLER"]: map domain and DRF errors; anything else is a 500."""
    if isinstance(exc, DomainError):
        retry_after = getattr(exc, "retry_after", None)
        retry = {"Retry-After": str(retry_after)} if retry_after is not None else None
        return _respond(exc.http_status, exc.code, exc.message, exc.details, retry)
    if isinstance(exc, Http404 | exceptions.NotFound):
        return _respond(status.HTTP_404_NOT_FOUND, "not_found", NOT_FOUND)
    if isinstance(exc, RequestDataTooBig):
        return _respond(status.HTTP_413_REQUEST_ENTITY_TOO_LARGE, "request_too_large", TOO_LARGE)
    if isinstance(exc, TooManyFieldsSent | TooManyFilesSent):
        return _respond(status.HTTP_400_BAD_REQUEST, "malformed_request", TOO_MANY_PARTS)
    if isinstance(exc, DjangoPermissionDenied):
        return _respond(status.HTTP_403_FORBIDDEN, "permission_denied", PERMISSION_DENIED)
    if not isinstance(exc, exceptions.APIException):
        return None
    headers: dict[str, str] = {}
    if getattr(exc, "auth_header", None):
        headers["WWW-Authenticate"] = exc.auth_header  # type: ignore[attr-defined]
    if isinstance(exc, CredentialsRefused):
        code = str(exc.default_code)
        return _respond(exc.status_code, code, str(exc.detail), exc.details, headers=headers)
    if isinstance(exc, exceptions.NotAuthenticated | exceptions.AuthenticationFailed):
        details = {"reason": exc.reason} if isinstance(exc, TokenRejected) else {}
        return _respond(
            status.HTTP_401_UNAUTHORIZED, "not_authenticated", NOT_AUTHENTICATED, details, headers
        )
    if isinstance(exc, InputRefused):
        return _respond(exc.status_code, exc.error_code, exc.message)
    if isinstance(exc, exceptions.PermissionDenied):
        if str(exc.detail).startswith("CSRF Failed"):
            return _respond(status.HTTP_403_FORBIDDEN, "csrf_failed", CSRF_FAILED)
        return _respond(status.HTTP_403_FORBIDDEN, "permission_denied", PERMISSION_DENIED)
    if isinstance(exc, exceptions.ValidationError):
        return _respond(
            status.HTTP_400_BAD_REQUEST,
            "validation_failed",
            VALIDATION_FAILED,
            {"fields": flatten(exc.detail)},
        )
    if isinstance(exc, exceptions.Throttled):
        wait = int(exc.wait) if exc.wait is not None else None
        if wait is not None:
            headers["Retry-After"] = str(wait)
        message = "Bạn đã gửi quá nhiều yêu cầu. Vui lòng thử lại sau."
        if wait is not None:
            message = f"Bạn đã gửi quá nhiều yêu cầu. Vui lòng thử lại sau {wait} giây."
        code = "throttled"
        if isinstance(exc, SecondFactorLocked):
            code, message = exc.default_code, exc.message
        return _respond(status.HTTP_429_TOO_MANY_REQUESTS, code, message, {"wait_seconds": wait}, headers)
    for kind, (code, message) in GENERIC.items():
        if isinstance(exc, kind):
            return _respond(exc.status_code, code, message, headers=headers)
    return _respond(exc.status_code, str(exc.default_code), "Yêu cầu không thể thực hiện.", headers=headers)


@csrf_exempt  # it changes nothing; a POST to an unknown address is a 404, not a CSRF failure
def not_found_view(request: HttpRequest, *args: Any, **kwargs: Any) -> JsonResponse:
    """Unknown addresses under /api/v1/ answer in the API's error shape too."""
    return JsonResponse(error_body("not_found", NOT_FOUND), status=status.HTTP_404_NOT_FOUND)


def server_error(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    """A crash under /api/ still answers in the API's error shape; pages get our own error page."""
    if request.path.startswith("/api/"):
        body = error_body("server_error", "Hệ thống đang gặp sự cố. Vui lòng thử lại sau.")
        return JsonResponse(body, status=status.HTTP_500_INTERNAL_SERVER_ERROR)
    from motcua.web.errors import server_error as page_error

    return page_error(request)
