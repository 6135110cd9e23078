"""Domain errors: each has a stable machine code and a message in Vietnamese for the user."""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    """Base of every error a service raises on purpose."""

    code = "domain_error"
    http_status = 400
    default_message = "Yêu cầu không hợp lệ."

    def __init__(self, message: str | None = None, **details: Any) -> None:
        self.message = message or self.default_message
        self.details = details
        super().__init__(self.message)


class NotFound(DomainError):
    code = "not_found"
    http_status = 404
    default_message = "Không tìm thấy đối tượng yêu cầu."


class PermissionDenied(DomainError):
    code = "permission_denied"
    http_status = 403
    default_message = "Bạn không có quyền thực hiện thao tác này."


class ValidationFailed(DomainError):
    code = "validation_failed"
    http_status = 400
    default_message = "Dữ liệu không hợp lệ."


class Conflict(DomainError):
    """Someone else changed the object first; the caller should reload and decide again."""

    code = "conflict"
    http_status = 409
    default_message = "Hồ sơ vừa được người khác cập nhật. Vui lòng tải lại và thử lại."
