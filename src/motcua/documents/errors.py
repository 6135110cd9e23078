"""Errors of the clerk's work, each with a code and a Vietnamese message."""

from __future__ import annotations

from motcua.core.errors import Conflict, DomainError


class DocumentError(DomainError):
    code = "document_error"


class SignerMismatch(DocumentError):
    code = "signer_mismatch"
    http_status = 409
    default_message = "Họ tên trên chứng thư số của người ký khác họ tên trong hồ sơ cán bộ; chưa ban hành."


class Frozen(Conflict):
    code = "document_frozen"
    default_message = "Văn bản đã bị thu hồi: bản đã gửi được giữ nguyên, không sửa đổi được."
