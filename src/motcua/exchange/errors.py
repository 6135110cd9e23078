"""Refusals of the exchange, each with a stable code and a Vietnamese message."""

from __future__ import annotations

from motcua.core.errors import DomainError, PermissionDenied, ValidationFailed


class UnknownSender(PermissionDenied):
    code = "exchange_unknown_sender"
    default_message = "Cơ quan gửi không có trong danh sách cơ quan được kết nối."


class NotAddressedHere(ValidationFailed):
    code = "exchange_not_addressed_here"
    http_status = 422
    default_message = "Thông điệp không gửi đến cơ quan nào trên hệ thống này."


class MessageRefused(ValidationFailed):
    """A message we cannot even answer with a status (no DocumentId, a status with a bad signature)."""

    code = "exchange_message_refused"
    http_status = 422
    default_message = "Thông điệp không được tiếp nhận."


class StatusNotAllowed(ValidationFailed):
    code = "exchange_status_not_allowed"
    default_message = "Mã trạng thái này không được gửi trong tình huống hiện tại."


class UnknownRecipient(ValidationFailed):
    code = "exchange_unknown_recipient"
    default_message = "Cơ quan nhận chưa được khai báo kết nối liên thông."


__all__ = [
    "DomainError",
    "MessageRefused",
    "NotAddressedHere",
    "StatusNotAllowed",
    "UnknownRecipient",
    "UnknownSender",
]
