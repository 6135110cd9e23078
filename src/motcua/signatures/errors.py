"""Errors of the signature domain, each with a stable code and a Vietnamese message."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy

from motcua.core.errors import Conflict, DomainError, NotFound, PermissionDenied, ValidationFailed


class SignatureError(DomainError):
    code = "signature_error"
    default_message: Any = gettext_lazy("Không thể ký số văn bản.")


class CertificateUnreadable(ValidationFailed):
    code = "certificate_unreadable"
    default_message: Any = gettext_lazy("Không đọc được chứng thư số (cần tệp PEM, DER hoặc PKCS#12 hợp lệ).")


class WrongPassphrase(ValidationFailed):
    code = "wrong_passphrase"
    default_message: Any = gettext_lazy(
        "Mật khẩu của tệp PKCS#12 không đúng hoặc chưa được đặt trong biến môi trường."
    )


class DuplicateCertificate(Conflict):
    code = "duplicate_certificate"
    default_message: Any = gettext_lazy("Chứng thư số này đã có trong danh sách.")


class CertificateNotUsable(SignatureError):
    """The certificate may not sign now: revoked, suspended, expired, or not yet valid."""

    code = "certificate_not_usable"
    http_status = 409
    default_message: Any = gettext_lazy("Chứng thư số không còn được phép sử dụng để ký.")


class NoSigningCertificate(SignatureError):
    code = "no_signing_certificate"
    http_status = 409
    default_message: Any = gettext_lazy("Chưa có chứng thư số hợp lệ để ký.")


class NotAllowedToSign(PermissionDenied):
    code = "not_allowed_to_sign"
    default_message: Any = gettext_lazy("Cán bộ không được phân quyền ký số cho cơ quan này.")


class KeyUnavailable(SignatureError):
    """The key is not where the register says (file missing, token absent, wrong PIN)."""

    code = "key_unavailable"
    http_status = 503
    default_message: Any = gettext_lazy(
        "Không truy cập được khóa bí mật để ký (tệp khóa, thiết bị ký hoặc mã PIN)."
    )


class TimestampUnavailable(SignatureError):
    code = "timestamp_unavailable"
    http_status = 503
    default_message: Any = gettext_lazy("Không lấy được dấu thời gian từ máy chủ cấp dấu thời gian (TSA).")


class SignedDocumentRejected(SignatureError):
    """The signed document did not validate, so it was not stored."""

    code = "signed_document_rejected"
    http_status = 409
    default_message: Any = gettext_lazy("Văn bản sau khi ký không xác minh được nên không được lưu.")


class NotAPdf(ValidationFailed):
    code = "not_a_pdf"
    default_message: Any = gettext_lazy("Tệp không phải là tài liệu PDF hợp lệ.")


class AlreadySigned(Conflict):
    code = "already_signed"
    default_message: Any = gettext_lazy("Văn bản kết quả mới nhất đã được ký số.")


class NoResultDocument(NotFound):
    code = "no_result_document"
    default_message: Any = gettext_lazy("Hồ sơ chưa có văn bản kết quả để ký.")


class SigningSessionInvalid(Conflict):
    code = "signing_session_invalid"
    default_message: Any = gettext_lazy(
        "Phiên ký số không còn hiệu lực (đã dùng, đã hết hạn hoặc văn bản đã thay đổi)."
    )


class VerifierBusy(DomainError):
    """The public checker is already verifying as many files as it may (for this client or in all):
    429 for one client's burst, 503 when the server as a whole is full. Nothing was verified."""

    code = "verifier_busy"
    http_status = 503
    default_message: Any = gettext_lazy(
        "Hệ thống đang xác minh nhiều tệp cùng lúc. Vui lòng thử lại sau ít giây."
    )

    def __init__(self, message: str | None = None, *, retry_after: int = 5, **details: Any) -> None:
        super().__init__(message, **details)
        self.retry_after = retry_after


class TooManyVerificationsAtOnce(VerifierBusy):
    code = "too_many_at_once"
    http_status = 429
    default_message: Any = gettext_lazy(
        "Bạn đang có quá nhiều tệp chờ xác minh cùng lúc. Vui lòng chờ kết quả rồi gửi tiếp."
    )
