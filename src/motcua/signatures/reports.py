"""What a verification found, in the words its readers see: verdicts, reasons, per-signature reports.

The data side of `verification.py`: the Vietnamese messages for every ETSI EN 319 102-1
sub-indication and file problem, and the `Report` the page, the API and the command line show.
The messages are marked for translation (`gettext_noop`) but stored in Vietnamese: the API and the command
line show them as they are; the portal's page translates them when the reader chose English.
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from asn1crypto import x509 as asn1_x509
from django.utils.translation import gettext_noop
from pyhanko.sign.ades.report import AdESStatus

DEFAULT_MAX_BYTES = 20 * 1024 * 1024


class Verdict(StrEnum):
    VALID = "valid"
    INVALID = "invalid"
    INDETERMINATE = "indeterminate"

    @property
    def label(self) -> str:
        return VERDICT_LABELS[self]


VERDICT_LABELS = {
    Verdict.VALID: gettext_noop("Hợp lệ"),
    Verdict.INVALID: gettext_noop("Không hợp lệ"),
    Verdict.INDETERMINATE: gettext_noop("Không thể xác minh"),
}

INDICATIONS = {
    AdESStatus.PASSED: "TOTAL-PASSED",
    AdESStatus.FAILED: "TOTAL-FAILED",
    AdESStatus.INDETERMINATE: "INDETERMINATE",
}

_EXPIRED_NO_POE = gettext_noop(
    "Chứng thư số đã hết hạn; không có bằng chứng chữ ký được tạo khi chứng thư còn hiệu lực."
)
_WEAK_CRYPTO = gettext_noop("Thuật toán mật mã của chữ ký quá yếu hoặc không còn được chấp nhận.")

# What each ETSI sub-indication means for the person reading the verdict.
SUB_INDICATION_MESSAGES: dict[str, str] = {
    "HASH_FAILURE": gettext_noop("Nội dung văn bản đã bị thay đổi sau khi ký (giá trị băm không khớp)."),
    "SIG_CRYPTO_FAILURE": gettext_noop("Giá trị chữ ký không khớp với khóa công khai trong chứng thư số."),
    "REVOKED": gettext_noop("Chứng thư số của người ký đã bị thu hồi trước thời điểm ký."),
    "REVOKED_NO_POE": gettext_noop(
        "Chứng thư số của người ký đã bị thu hồi; không có bằng chứng chữ ký được tạo trước khi thu hồi."
    ),
    "REVOKED_CA_NO_POE": gettext_noop("Chứng thư số của tổ chức cấp (CA) đã bị thu hồi."),
    "NOT_YET_VALID": gettext_noop("Chứng thư số của người ký chưa có hiệu lực tại thời điểm ký."),
    "EXPIRED": gettext_noop("Chứng thư số của người ký đã hết hạn trước thời điểm ký."),
    "OUT_OF_BOUNDS_NO_POE": _EXPIRED_NO_POE,
    "OUT_OF_BOUNDS_NOT_REVOKED": _EXPIRED_NO_POE,
    "REVOCATION_OUT_OF_BOUNDS_NO_POE": gettext_noop(
        "Thông tin thu hồi nằm ngoài thời hạn hiệu lực của chứng thư số."
    ),
    "NO_CERTIFICATE_CHAIN_FOUND": gettext_noop(
        "Chứng thư số không do tổ chức được tin cậy cấp (không tìm được chuỗi đến chứng thư gốc tin cậy)."
    ),
    "CHAIN_CONSTRAINTS_FAILURE": gettext_noop(
        "Chuỗi chứng thư số không đáp ứng ràng buộc (mục đích sử dụng khóa, chính sách)."
    ),
    "SIG_CONSTRAINTS_FAILURE": gettext_noop("Chữ ký không đáp ứng ràng buộc xác minh."),
    "CRYPTO_CONSTRAINTS_FAILURE": _WEAK_CRYPTO,
    "CRYPTO_CONSTRAINTS_FAILURE_NO_POE": _WEAK_CRYPTO,
    "CERTIFICATE_CHAIN_GENERAL_FAILURE": gettext_noop(
        "Không kiểm tra được chuỗi chứng thư số (thiếu thông tin thu hồi OCSP/CRL hoặc chuỗi bị lỗi)."
    ),
    "TRY_LATER": gettext_noop(
        "Chưa lấy được thông tin thu hồi (OCSP/CRL) của chứng thư số; hãy thử lại sau."
    ),
    "NO_SIGNING_CERTIFICATE_FOUND": gettext_noop("Không tìm thấy chứng thư số của người ký trong chữ ký."),
    "NO_POE": gettext_noop("Không có bằng chứng về thời điểm tồn tại của chữ ký."),
    "TIMESTAMP_ORDER_FAILURE": gettext_noop("Thứ tự các dấu thời gian không hợp lệ."),
    "FORMAT_FAILURE": gettext_noop("Cấu trúc chữ ký bị hỏng, không thể xác minh."),
    "SIGNED_DATA_NOT_FOUND": gettext_noop("Không tìm thấy dữ liệu được ký."),
    "POLICY_PROCESSING_ERROR": gettext_noop("Không xử lý được chính sách chữ ký."),
    "SIGNATURE_POLICY_NOT_AVAILABLE": gettext_noop("Không có chính sách chữ ký được yêu cầu."),
    "GENERIC": gettext_noop("Không thể xác minh chữ ký."),
}

# Sub-indications with a definite reason to reject the signature: "not valid", not "cannot tell".
DEFINITELY_INVALID = frozenset(
    {
        "HASH_FAILURE",
        "SIG_CRYPTO_FAILURE",
        "REVOKED",
        "REVOKED_NO_POE",
        "REVOKED_CA_NO_POE",
        "NOT_YET_VALID",
        "EXPIRED",
        "OUT_OF_BOUNDS_NO_POE",
        "OUT_OF_BOUNDS_NOT_REVOKED",
        "NO_CERTIFICATE_CHAIN_FOUND",
        "CHAIN_CONSTRAINTS_FAILURE",
        "SIG_CONSTRAINTS_FAILURE",
        "CRYPTO_CONSTRAINTS_FAILURE",
        "CRYPTO_CONSTRAINTS_FAILURE_NO_POE",
    }
)

MODIFICATION_MESSAGES = {
    "none": gettext_noop("Không có thay đổi nào sau khi ký."),
    "lta_updates": gettext_noop("Sau khi ký chỉ bổ sung dữ liệu xác minh và dấu thời gian (được phép)."),
    "form_filling": gettext_noop("Sau khi ký chỉ bổ sung chữ ký hoặc điền biểu mẫu (được phép)."),
    "annotations": gettext_noop("Sau khi ký có thêm ghi chú (được phép)."),
    "other": gettext_noop(
        "Văn bản đã bị sửa đổi sau khi ký theo cách không được phép (ví dụ thay nội dung trang)."
    ),
    "unknown": gettext_noop("Không phân tích được các thay đổi sau khi ký."),
}

REVOCATION_REASONS = {
    "unspecified": gettext_noop("không nêu lý do"),
    "key_compromise": gettext_noop("lộ khóa bí mật"),
    "ca_compromise": gettext_noop("lộ khóa của tổ chức cấp"),
    "affiliation_changed": gettext_noop("thay đổi đơn vị công tác"),
    "superseded": gettext_noop("được thay thế"),
    "cessation_of_operation": gettext_noop("ngừng hoạt động"),
    "certificate_hold": gettext_noop("tạm dừng"),
    "remove_from_crl": gettext_noop("gỡ khỏi danh sách thu hồi"),
    "privilege_withdrawn": gettext_noop("rút quyền"),
    "aa_compromise": gettext_noop("lộ khóa của tổ chức cấp thuộc tính"),
}

FILE_PROBLEMS = {
    "too_large": gettext_noop("Tệp quá lớn để xác minh (tối đa {limit} MB)."),
    "empty": gettext_noop("Tệp rỗng."),
    "not_pdf": gettext_noop("Tệp không phải là tài liệu PDF."),
    "unreadable": gettext_noop("Tệp PDF bị hỏng hoặc không đầy đủ (có thể đã bị cắt cụt), không đọc được."),
    "encrypted": gettext_noop("Tệp PDF được mã hóa bằng mật khẩu; không thể xác minh chữ ký."),
    "no_signatures": gettext_noop("Văn bản không có chữ ký số."),
    "broken_signatures": gettext_noop("Không đọc được chữ ký số trong văn bản (từ điển chữ ký bị hỏng)."),
    "timed_out": gettext_noop("Tệp PDF có cấu trúc bất thường: việc xác minh vượt quá thời gian cho phép."),
}


@dataclass(frozen=True)
class CertificateSummary:
    subject: str
    common_name: str
    organization: str
    issuer: str
    serial_hex: str
    not_before: datetime | None
    not_after: datetime | None
    fingerprint_sha256: str

    @classmethod
    def of(cls, cert: asn1_x509.Certificate) -> CertificateSummary:
        from .certs import describe

        try:
            info = describe(cert)
        except Exception:  # a malformed certificate still gets a line
            return cls("?", "?", "", "?", "", None, None, hashlib.sha256(cert.dump()).hexdigest())
        return cls(
            subject=info.subject,
            common_name=info.subject_common_name or info.subject,
            organization=info.subject_organization,
            issuer=info.issuer,
            serial_hex=info.serial_hex,
            not_before=info.not_before,
            not_after=info.not_after,
            fingerprint_sha256=info.fingerprint_sha256,
        )


@dataclass(frozen=True)
class SignatureReport:
    """What the verification found about one signature."""

    index: int
    field_name: str
    verdict: Verdict
    indication: str  # TOTAL-PASSED / TOTAL-FAILED / INDETERMINATE
    sub_indication: str | None
    reasons: tuple[str, ...]
    signer: CertificateSummary | None = None
    chain: tuple[CertificateSummary, ...] = ()
    level: str = ""
    signing_time: datetime | None = None  # claimed by the signer
    timestamp_time: datetime | None = None  # proven by the signature timestamp
    best_signature_time: datetime | None = None
    integrity: bool | None = None
    trusted: bool | None = None
    revoked: bool | None = None
    revocation: str = ""
    revoked_at: datetime | None = None  # when revoked: the date, the reason code, whose certificate
    revocation_reason: str = ""
    ca_revoked: bool = False
    # Plain sentences: whose revocation or issuer could not be checked because a fetch was refused.
    fetch_refusals: tuple[str, ...] = ()
    modification: str = "unknown"
    coverage: str = ""

    @property
    def verdict_label(self) -> str:
        return self.verdict.label

    @property
    def modification_message(self) -> str:
        return MODIFICATION_MESSAGES.get(self.modification, MODIFICATION_MESSAGES["unknown"])

    def to_dict(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        del data["fetch_refusals"]  # already among the reasons, for the page to pick out
        data["verdict_label"] = self.verdict_label
        data["modification_message"] = self.modification_message
        return _jsonable(data)


@dataclass(frozen=True)
class Report:
    """The verification of one document: a verdict, its reasons, and one entry per signature."""

    verdict: Verdict
    message: str
    sha256: str
    size: int
    validated_at: datetime
    signatures: tuple[SignatureReport, ...] = ()
    document_timestamps: int = 0
    problem: str | None = None  # file-level: not_pdf, unreadable, no_signatures, ...
    xml: str | None = field(default=None, repr=False)

    @property
    def indication(self) -> str:
        """The worst indication over all signatures (INDETERMINATE when there are none)."""
        if not self.signatures:
            return "INDETERMINATE"
        indications = {s.indication for s in self.signatures}
        for worst in ("TOTAL-FAILED", "INDETERMINATE"):
            if worst in indications:
                return worst
        return "TOTAL-PASSED"

    @property
    def verdict_label(self) -> str:
        return self.verdict.label

    @property
    def exit_code(self) -> int:
        """0 valid, 1 not valid, 2 cannot be validated (including no signature)."""
        return {Verdict.VALID: 0, Verdict.INVALID: 1, Verdict.INDETERMINATE: 2}[self.verdict]

    def to_dict(self) -> dict[str, Any]:
        return _jsonable(
            {
                "verdict": self.verdict.value,
                "verdict_label": self.verdict_label,
                "indication": self.indication,
                "message": self.message,
                "problem": self.problem,
                "sha256": self.sha256,
                "size": self.size,
                "validated_at": self.validated_at,
                "document_timestamps": self.document_timestamps,
                "signatures": [s.to_dict() for s in self.signatures],
            }
        )


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value


def _file_report(data: bytes, problem: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Report:
    return Report(
        verdict=Verdict.INDETERMINATE,
        message=FILE_PROBLEMS[problem].format(limit=max_bytes // (1024 * 1024)),
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        validated_at=datetime.now(UTC),
        problem=problem,
    )


def too_large_report(size: int, *, max_bytes: int) -> Report:
    """For uploads refused before reading them whole."""
    return Report(
        verdict=Verdict.INDETERMINATE,
        message=FILE_PROBLEMS["too_large"].format(limit=max_bytes // (1024 * 1024)),
        sha256="",
        size=size,
        validated_at=datetime.now(UTC),
        problem="too_large",
    )
