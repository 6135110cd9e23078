"""Domain errors: each has a stable machine code and a message for the user (Vietnamese, translatable)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy


class DomainError(Exception):
    """Base of every error a service raises on purpose."""

    code = "domain_error"
    http_status = 400
    default_message: Any = gettext_lazy("Yêu cầu không hợp lệ.")

    def __init__(self, message: str | None = None, **details: Any) -> None:
        # Messages are lazy or gettext'ed: resolved now, in the language of the request being served.
        self.message = str(message or self.default_message)
        self.details = details
        super().__init__(self.message)


class NotFound(DomainError):
    code = "not_found"
    http_status = 404
    default_message: Any = gettext_lazy("Không tìm thấy đối tượng yêu cầu.")


class PermissionDenied(DomainError):
    code = "permission_denied"
    http_status = 403
    default_message: Any = gettext_lazy("Bạn không có quyền thực hiện thao tác này.")


class ValidationFailed(DomainError):
    code = "validation_failed"
    http_status = 400
    default_message: Any = gettext_lazy("Dữ liệu không hợp lệ.")


class Conflict(DomainError):
    """Someone else changed the object first; the caller should reload and decide again."""

    code = "conflict"
    http_status = 409
    default_message: Any = gettext_lazy("Hồ sơ vừa được người khác cập nhật. Vui lòng tải lại và thử lại.")
