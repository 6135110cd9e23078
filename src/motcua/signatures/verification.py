"""Verifying the signatures of a PDF: per-signature findings and the ETSI EN 319 102-1 verdict.

`verify_pdf(data, trust_roots=...)` never raises on bad input and never calls a damaged or
unverifiable document valid. For each signature it runs pyHanko's AdES engine with the process
that fits the signature's level (basic for B-B, with-time for B-T/B-LT, long-term for B-LTA),
then applies two checks that engine leaves out:

* difference analysis: an incremental update after signing that is not a permitted change
  (new signature, validation data, document timestamp, form filling) makes the signature
  INDETERMINATE / SIG_CONSTRAINTS_FAILURE ("changed after signing"), even though the signed
  revision itself is intact;
* expiry: a signer certificate that had expired before the time the timestamp proves gives
  INDETERMINATE / EXPIRED (pyHanko 0.38's with-time process skips this case, see its source).

Users see three outcomes: valid (TOTAL-PASSED), not valid (a definite reason: changed content,
revoked, expired, untrusted issuer, ...) and cannot be validated (damaged file, no signature,
revocation data unavailable, ...). The TS 119 102-2 XML report carries the same indications.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from asn1crypto import x509 as asn1_x509
from pyhanko.sign.ades.report import AdESIndeterminate, AdESPassed, AdESStatus, AdESSubIndic
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.validation.status import SignatureCoverageLevel

from .pdfsign import run_sync

logger = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 20 * 1024 * 1024


class Verdict(StrEnum):
    VALID = "valid"
    INVALID = "invalid"
    INDETERMINATE = "indeterminate"

    @property
    def label(self) -> str:
        return VERDICT_LABELS[self]


VERDICT_LABELS = {
    Verdict.VALID: "Hợp lệ",
    Verdict.INVALID: "Không hợp lệ",
    Verdict.INDETERMINATE: "Không thể xác minh",
}

INDICATIONS = {
    AdESStatus.PASSED: "TOTAL-PASSED",
    AdESStatus.FAILED: "TOTAL-FAILED",
    AdESStatus.INDETERMINATE: "INDETERMINATE",
}

_EXPIRED_NO_POE = "Chứng thư số đã hết hạn; không có bằng chứng chữ ký được tạo khi chứng thư còn hiệu lực."
_WEAK_CRYPTO = "Thuật toán mật mã của chữ ký quá yếu hoặc không còn được chấp nhận."

# What each ETSI sub-indication means for the person reading the verdict.
SUB_INDICATION_MESSAGES: dict[str, str] = {
    "HASH_FAILURE": "Nội dung văn bản đã bị thay đổi sau khi ký (giá trị băm không khớp).",
    "SIG_CRYPTO_FAILURE": "Giá trị chữ ký không khớp với khóa công khai trong chứng thư số.",
    "REVOKED": "Chứng thư số của người ký đã bị thu hồi trước thời điểm ký.",
    "REVOKED_NO_POE": (
        "Chứng thư số của người ký đã bị thu hồi; không có bằng chứng chữ ký được tạo trước khi thu hồi."
    ),
    "REVOKED_CA_NO_POE": "Chứng thư số của tổ chức cấp (CA) đã bị thu hồi.",
    "NOT_YET_VALID": "Chứng thư số của người ký chưa có hiệu lực tại thời điểm ký.",
    "EXPIRED": "Chứng thư số của người ký đã hết hạn trước thời điểm ký.",
    "OUT_OF_BOUNDS_NO_POE": _EXPIRED_NO_POE,
    "OUT_OF_BOUNDS_NOT_REVOKED": _EXPIRED_NO_POE,
    "REVOCATION_OUT_OF_BOUNDS_NO_POE": "Thông tin thu hồi nằm ngoài thời hạn hiệu lực của chứng thư số.",
    "NO_CERTIFICATE_CHAIN_FOUND": (
        "Chứng thư số không do tổ chức được tin cậy cấp (không tìm được chuỗi đến chứng thư gốc tin cậy)."
    ),
    "CHAIN_CONSTRAINTS_FAILURE": (
        "Chuỗi chứng thư số không đáp ứng ràng buộc (mục đích sử dụng khóa, chính sách)."
    ),
    "SIG_CONSTRAINTS_FAILURE": "Chữ ký không đáp ứng ràng buộc xác minh.",
    "CRYPTO_CONSTRAINTS_FAILURE": _WEAK_CRYPTO,
    "CRYPTO_CONSTRAINTS_FAILURE_NO_POE": _WEAK_CRYPTO,
    "CERTIFICATE_CHAIN_GENERAL_FAILURE": (
        "Không kiểm tra được chuỗi chứng thư số (thiếu thông tin thu hồi OCSP/CRL hoặc chuỗi bị lỗi)."
    ),
    "TRY_LATER": "Chưa lấy được thông tin thu hồi (OCSP/CRL) của chứng thư số; hãy thử lại sau.",
    "NO_SIGNING_CERTIFICATE_FOUND": "Không tìm thấy chứng thư số của người ký trong chữ ký.",
    "NO_POE": "Không có bằng chứng về thời điểm tồn tại của chữ ký.",
    "TIMESTAMP_ORDER_FAILURE": "Thứ tự các dấu thời gian không hợp lệ.",
    "FORMAT_FAILURE": "Cấu trúc chữ ký bị hỏng, không thể xác minh.",
    "SIGNED_DATA_NOT_FOUND": "Không tìm thấy dữ liệu được ký.",
    "POLICY_PROCESSING_ERROR": "Không xử lý được chính sách chữ ký.",
    "SIGNATURE_POLICY_NOT_AVAILABLE": "Không có chính sách chữ ký được yêu cầu.",
    "GENERIC": "Không thể xác minh chữ ký.",
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
    "none": "Không có thay đổi nào sau khi ký.",
    "lta_updates": "Sau khi ký chỉ bổ sung dữ liệu xác minh và dấu thời gian (được phép).",
    "form_filling": "Sau khi ký chỉ bổ sung chữ ký hoặc điền biểu mẫu (được phép).",
    "annotations": "Sau khi ký có thêm ghi chú (được phép).",
    "other": "Văn bản đã bị sửa đổi sau khi ký theo cách không được phép (ví dụ thay nội dung trang).",
    "unknown": "Không phân tích được các thay đổi sau khi ký.",
}

REVOCATION_REASONS = {
    "unspecified": "không nêu lý do",
    "key_compromise": "lộ khóa bí mật",
    "ca_compromise": "lộ khóa của tổ chức cấp",
    "affiliation_changed": "thay đổi đơn vị công tác",
    "superseded": "được thay thế",
    "cessation_of_operation": "ngừng hoạt động",
    "certificate_hold": "tạm dừng",
    "remove_from_crl": "gỡ khỏi danh sách thu hồi",
    "privilege_withdrawn": "rút quyền",
    "aa_compromise": "lộ khóa của tổ chức cấp thuộc tính",
}

FILE_PROBLEMS = {
    "too_large": "Tệp quá lớn để xác minh (tối đa {limit} MB).",
    "empty": "Tệp rỗng.",
    "not_pdf": "Tệp không phải là tài liệu PDF.",
    "unreadable": "Tệp PDF bị hỏng hoặc không đầy đủ (có thể đã bị cắt cụt), không đọc được.",
    "encrypted": "Tệp PDF được mã hóa bằng mật khẩu; không thể xác minh chữ ký.",
    "no_signatures": "Văn bản không có chữ ký số.",
    "broken_signatures": "Không đọc được chữ ký số trong văn bản (từ điển chữ ký bị hỏng).",
    "timed_out": "Tệp PDF có cấu trúc bất thường: việc xác minh vượt quá thời gian cho phép.",
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


# The validation itself ----------------------------------------------------------------------------
def _validation_spec(
    trust_roots: Sequence[asn1_x509.Certificate],
    backend: Any,
    intermediates: Sequence[asn1_x509.Certificate] = (),
) -> Any:
    from pyhanko.sign.validation.policy_decl import (
        LocalKnowledge,
        PdfSignatureValidationSpec,
        RevinfoOnlineFetchingRule,
        RevocationInfoGatheringSpec,
        SignatureValidationSpec,
    )
    from pyhanko_certvalidator.context import CertValidationPolicySpec
    from pyhanko_certvalidator.policy_decl import REQUIRE_REVINFO, CertRevTrustPolicy
    from pyhanko_certvalidator.registry import SimpleTrustManager

    policy = CertValidationPolicySpec(
        # an explicit (possibly empty) list: never the operating system's TLS roots
        trust_manager=SimpleTrustManager.build(trust_roots=list(trust_roots)),
        revinfo_policy=CertRevTrustPolicy(REQUIRE_REVINFO),
    )
    gathering = RevocationInfoGatheringSpec(
        online_fetching_rule=(
            RevinfoOnlineFetchingRule.ALWAYS_FETCH
            if backend is not None
            else RevinfoOnlineFetchingRule.LOCAL_ONLY
        ),
        # one backend for the whole document: connections pooled, closed by the caller
        fetcher_backend=backend,
    )
    return PdfSignatureValidationSpec(
        SignatureValidationSpec(
            cert_validation_policy=policy,
            revinfo_gathering_policy=gathering,
            local_knowledge=LocalKnowledge(known_certs=list(intermediates)),
        )
    )


def _level(sig: Any, reader: Any, doc_timestamps: list[Any]) -> str:
    from pyhanko.sign.validation.generic_cms import extract_tst_data_iter

    timestamped = next(extract_tst_data_iter(sig.signer_info, signed=False), None) is not None
    archived = any(ts.signed_revision > sig.signed_revision for ts in doc_timestamps)
    has_dss = "/DSS" in reader.root
    if archived and timestamped:
        return "B-LTA"
    if has_dss and timestamped:
        return "B-LT"
    if timestamped:
        return "B-T"
    return "B-B"


def _modification(sig: Any) -> tuple[str, str]:
    coverage = sig.coverage
    diff = sig.diff_result
    coverage_name = coverage.name if coverage is not None else ""
    if coverage == SignatureCoverageLevel.ENTIRE_FILE:
        return "none", coverage_name
    if coverage != SignatureCoverageLevel.ENTIRE_REVISION:
        return "other", coverage_name
    level = getattr(diff, "modification_level", None)
    if level is None:
        return "other", coverage_name
    return {
        ModificationLevel.NONE: "none",
        ModificationLevel.LTA_UPDATES: "lta_updates",
        ModificationLevel.FORM_FILLING: "form_filling",
        ModificationLevel.ANNOTATIONS: "annotations",
    }.get(level, "other"), coverage_name


def _revocation_text(api_status: Any, passed: bool) -> tuple[bool | None, str]:
    details = getattr(api_status, "revocation_details", None)
    if details is not None:
        reason = REVOCATION_REASONS.get(
            str(details.revocation_reason.native), str(details.revocation_reason.native)
        )
        whose = "Chứng thư số của tổ chức cấp" if details.ca_revoked else "Chứng thư số của người ký"
        when = details.revocation_date.astimezone(_vn()).strftime("%d/%m/%Y %H:%M")
        return True, f"{whose} đã bị thu hồi từ {when} (lý do: {reason})."
    if passed:
        return False, "Chứng thư số không bị thu hồi tại thời điểm ký (đã kiểm tra OCSP/CRL)."
    return None, "Chưa xác định được tình trạng thu hồi."


def _vn() -> Any:
    from motcua.core.time import VN_TZ

    return VN_TZ


def _chain(api_status: Any, sig: Any) -> tuple[CertificateSummary, ...]:
    path = getattr(api_status, "validation_path", None)
    certs: list[asn1_x509.Certificate] = []
    if path is not None:
        try:
            certs = list(path.iter_certs(include_root=True))
            certs.reverse()  # signer first, root last
        except Exception:
            certs = []
    if not certs:
        try:
            certs = [sig.signer_cert, *sig.other_embedded_certs]
        except Exception:
            certs = []
    return tuple(CertificateSummary.of(c) for c in certs)


async def _validate_one(
    index: int, sig: Any, reader: Any, doc_timestamps: list[Any], spec: Any, local_spec: Any
) -> tuple[SignatureReport, Any]:
    from pyhanko.sign.validation.ades import (
        ades_basic_validation,
        ades_lta_validation,
        ades_with_time_validation,
    )
    from pyhanko.sign.validation.status import PdfSignatureStatus

    field_name = str(getattr(sig, "field_name", "") or f"Chữ ký {index}")
    try:
        sig.compute_integrity_info()
        level = _level(sig, reader, doc_timestamps)
        integrity_kwargs = sig.summarise_integrity_info()
        result: Any
        if level == "B-LTA":
            # The embedded validation data is the point of B-LTA: judge with it alone first, so a
            # switched-off or decommissioned PKI does not matter; fetch only if that is not enough.
            result = await ades_lta_validation(sig, local_spec)
            if result.ades_subindic != AdESPassed.OK and spec is not local_spec:
                result = await ades_lta_validation(sig, spec)
        elif level in ("B-T", "B-LT"):
            result = await ades_with_time_validation(
                sig.signed_data,
                spec.signature_validation_spec,
                raw_digest=sig.compute_digest(),
                extra_status_kwargs=integrity_kwargs,
                status_cls=PdfSignatureStatus,
            )
        else:
            # pyHanko 0.38's basic process builds its status without the PDF integrity fields;
            # the difference analysis is applied below from `sig` instead.
            result = await ades_basic_validation(
                sig.signed_data, spec.signature_validation_spec, raw_digest=sig.compute_digest()
            )
    except Exception as exc:  # hostile input: report, never crash, never "valid"
        logger.info("signature %s could not be validated: %r", index, exc)
        signer = None
        try:
            signer = CertificateSummary.of(sig.signer_cert)
        except Exception:
            signer = None
        report = SignatureReport(
            index=index,
            field_name=field_name,
            verdict=Verdict.INDETERMINATE,
            indication="INDETERMINATE",
            sub_indication="FORMAT_FAILURE",
            reasons=(SUB_INDICATION_MESSAGES["FORMAT_FAILURE"],),
            signer=signer,
        )
        return report, None

    api = result.api_status
    sub: AdESSubIndic = result.ades_subindic
    reasons: list[str] = []
    modification, coverage = _modification(sig)
    best_time = getattr(result, "best_signature_time", None)
    timestamp_time = None
    ts_validity = getattr(api, "timestamp_validity", None)
    if ts_validity is not None:
        timestamp_time = ts_validity.timestamp

    # The checks the AdES engine leaves out (module docstring).
    if sub == AdESPassed.OK and modification == "other":
        sub = AdESIndeterminate.SIG_CONSTRAINTS_FAILURE
        reasons.append(MODIFICATION_MESSAGES["other"])
    signer_cert = getattr(api, "signing_cert", None)
    if sub == AdESPassed.OK and signer_cert is not None and timestamp_time is not None:
        not_after = signer_cert["tbs_certificate"]["validity"]["not_after"].native
        if timestamp_time > not_after:
            sub = AdESIndeterminate.EXPIRED
    code = sub.standard_name
    passed = sub.status == AdESStatus.PASSED
    if not passed and not reasons:
        reasons.append(SUB_INDICATION_MESSAGES.get(code, SUB_INDICATION_MESSAGES["GENERIC"]))
    revoked, revocation = _revocation_text(api, result.ades_subindic == AdESPassed.OK)
    if revoked and revocation not in reasons:
        reasons.append(revocation)
    if passed:
        verdict = Verdict.VALID
    elif code in DEFINITELY_INVALID or revoked:
        verdict = Verdict.INVALID
    else:
        verdict = Verdict.INDETERMINATE
    if passed and modification == "other":  # belt and braces: never valid when changed
        verdict = Verdict.INVALID

    trusted: bool | None
    if code in ("NO_CERTIFICATE_CHAIN_FOUND", "CHAIN_CONSTRAINTS_FAILURE"):
        trusted = False
    elif api is not None and getattr(api, "validation_path", None) is not None:
        trusted = True
    else:
        trusted = None if not passed else True

    report = SignatureReport(
        index=index,
        field_name=field_name,
        verdict=verdict,
        indication=INDICATIONS[sub.status],
        sub_indication=None if passed else code,
        reasons=tuple(reasons),
        signer=CertificateSummary.of(sig.signer_cert),
        chain=_chain(api, sig),
        level=level,
        signing_time=_safe(lambda: sig.self_reported_timestamp),
        timestamp_time=timestamp_time,
        best_signature_time=best_time,
        integrity=getattr(api, "intact", None) if api is not None else None,
        trusted=trusted,
        revoked=revoked,
        revocation=revocation,
        modification=modification,
        coverage=coverage,
    )
    adjusted = dataclasses.replace(result, ades_subindic=sub) if sub is not result.ades_subindic else result
    return report, adjusted


def _safe(getter: Any) -> Any:
    try:
        return getter()
    except Exception:
        return None


def _xml_report(pairs: list[tuple[Any, Any]]) -> str | None:
    """One TS 119 102-2 ValidationReport with a SignatureValidationReport per signature."""
    try:
        from pyhanko.generated.etsi import ts_11910202
        from pyhanko.sign.validation.report.tools import (
            NAMESPACES,
            _generate_report,
            _package_validation_object,
        )
        from xsdata.formats.dataclass.serializers import XmlSerializer
        from xsdata.formats.dataclass.serializers.config import SerializerConfig

        reports = []
        objects: dict[str, Any] = {}
        for sig, result in pairs:
            if result is None or result.api_status is None:
                continue
            reports.append(_generate_report(sig, result))
            for vo in result.validation_objects:
                packaged = _package_validation_object(vo)
                objects.setdefault(packaged.id, packaged)
        if not reports:
            return None
        report = ts_11910202.ValidationReport(
            signature_validation_report=tuple(reports),
            signature_validation_objects=ts_11910202.ValidationObjectListType(tuple(objects.values())),
        )
        return XmlSerializer(config=SerializerConfig(indent="  ")).render(report, ns_map=NAMESPACES)
    except Exception as exc:  # the report is an extra; the verdict stands without it
        logger.warning("TS 119 102-2 report not generated: %r", exc)
        return None


def _summary(signatures: Sequence[SignatureReport]) -> tuple[Verdict, str]:
    verdicts = {s.verdict for s in signatures}
    count = len(signatures)
    if verdicts == {Verdict.VALID}:
        return Verdict.VALID, f"Tất cả {count} chữ ký số trên văn bản đều hợp lệ."
    if Verdict.INVALID in verdicts:
        bad = sum(1 for s in signatures if s.verdict == Verdict.INVALID)
        return Verdict.INVALID, f"{bad}/{count} chữ ký số không hợp lệ."
    return Verdict.INDETERMINATE, "Chưa xác định được tính hợp lệ của chữ ký số trên văn bản."


async def async_verify_pdf(
    data: bytes,
    *,
    trust_roots: Sequence[asn1_x509.Certificate],
    intermediates: Sequence[asn1_x509.Certificate] = (),
    fetch: bool = True,
    max_bytes: int = DEFAULT_MAX_BYTES,
    with_xml: bool = True,
) -> Report:
    from pyhanko.pdf_utils.reader import PdfFileReader

    if not data:
        return _file_report(data, "empty", max_bytes=max_bytes)
    if len(data) > max_bytes:
        return _file_report(data, "too_large", max_bytes=max_bytes)
    if b"%PDF-" not in data[:1024]:
        return _file_report(data, "not_pdf", max_bytes=max_bytes)
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        encrypted = reader.encrypted
        root = reader.root
        root.get("/AcroForm")
    except Exception:  # truncated and malformed files land here
        return _file_report(data, "unreadable", max_bytes=max_bytes)
    if encrypted:
        return _file_report(data, "encrypted", max_bytes=max_bytes)
    try:
        signatures = list(reader.embedded_regular_signatures)
        doc_timestamps = list(reader.embedded_timestamp_signatures)
    except Exception:  # broken signature dictionaries
        return _file_report(data, "broken_signatures", max_bytes=max_bytes)
    if not signatures:
        return _file_report(data, "no_signatures", max_bytes=max_bytes)

    from pyhanko_certvalidator.fetchers.aiohttp_fetchers import AIOHttpFetcherBackend

    backend = AIOHttpFetcherBackend(per_request_timeout=8) if fetch else None
    local_spec = _validation_spec(trust_roots, None, intermediates)
    spec = _validation_spec(trust_roots, backend, intermediates) if backend is not None else local_spec
    reports: list[SignatureReport] = []
    pairs: list[tuple[Any, Any]] = []
    try:
        for index, sig in enumerate(signatures, start=1):
            report, result = await _validate_one(index, sig, reader, doc_timestamps, spec, local_spec)
            reports.append(report)
            pairs.append((sig, result))
    finally:
        if backend is not None:
            await backend.close()
    verdict, message = _summary(reports)
    return Report(
        verdict=verdict,
        message=message,
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        validated_at=datetime.now(UTC),
        signatures=tuple(reports),
        document_timestamps=len(doc_timestamps),
        xml=_xml_report(pairs) if with_xml else None,
    )


def verify_pdf(
    data: bytes,
    *,
    trust_roots: Sequence[asn1_x509.Certificate] | None = None,
    intermediates: Sequence[asn1_x509.Certificate] | None = None,
    fetch: bool | None = None,
    max_bytes: int | None = None,
    with_xml: bool = True,
) -> Report:
    """Verify every signature of a PDF. Never raises on bad input; never "valid" for a damaged file.

    `trust_roots` defaults to the trust store (administrator-managed roots plus the self-signed
    files of MOTCUA_SIGNATURE_TRUST_DIR) and `intermediates` to its intermediate CAs; explicit
    roots mean no register lookups at all. `fetch` (OCSP/CRL online) defaults to
    MOTCUA_SIGNATURE_FETCH_REVOCATION.
    """
    from . import conf

    if trust_roots is None:
        from .selectors import known_intermediates
        from .selectors import trust_roots as register_roots

        trust_roots = register_roots()
        if intermediates is None:
            intermediates = known_intermediates()
    intermediates = intermediates or []
    try:
        return run_sync(
            async_verify_pdf(
                data,
                trust_roots=trust_roots,
                intermediates=intermediates,
                fetch=conf.fetch_revocation() if fetch is None else fetch,
                max_bytes=max_bytes or conf.max_verify_bytes(),
                with_xml=with_xml,
            )
        )
    except Exception:  # the last line of defence: a verdict, never a crash
        logger.exception("verification crashed")
        return _file_report(data, "unreadable", max_bytes=max_bytes or DEFAULT_MAX_BYTES)


def _verify_in_worker(
    data: bytes, roots: list[bytes], intermediates: list[bytes], fetch: bool, max_bytes: int, with_xml: bool
) -> Report:
    """The child-process side of `verify_pdf_isolated`: certificates travel as DER."""
    return run_sync(
        async_verify_pdf(
            data,
            trust_roots=[asn1_x509.Certificate.load(der) for der in roots],
            intermediates=[asn1_x509.Certificate.load(der) for der in intermediates],
            fetch=fetch,
            max_bytes=max_bytes,
            with_xml=with_xml,
        )
    )


def verify_pdf_isolated(
    data: bytes,
    *,
    trust_roots: Sequence[asn1_x509.Certificate] | None = None,
    intermediates: Sequence[asn1_x509.Certificate] | None = None,
    fetch: bool | None = None,
    max_bytes: int | None = None,
    with_xml: bool = True,
    timeout: float | None = None,
) -> Report:
    """`verify_pdf` in a worker process with a time limit (MOTCUA_SIGNATURE_VERIFY_TIMEOUT seconds),
    for files from outside: a PDF built to make the parser loop gets "cannot be validated"."""
    from . import conf
    from .isolation import TimedOut, run_isolated

    limit = conf.verify_timeout() if timeout is None else timeout
    if trust_roots is None:
        from .selectors import known_intermediates
        from .selectors import trust_roots as register_roots

        trust_roots = register_roots()
        if intermediates is None:
            intermediates = known_intermediates()
    max_bytes = max_bytes or conf.max_verify_bytes()
    fetch = conf.fetch_revocation() if fetch is None else fetch
    if limit <= 0:
        return verify_pdf(
            data,
            trust_roots=trust_roots,
            intermediates=intermediates or [],
            fetch=fetch,
            max_bytes=max_bytes,
            with_xml=with_xml,
        )
    if len(data) > max_bytes:
        return _file_report(data, "too_large", max_bytes=max_bytes)
    try:
        return run_isolated(
            _verify_in_worker,
            data,
            [c.dump() for c in trust_roots],
            [c.dump() for c in intermediates or []],
            fetch,
            max_bytes,
            with_xml,
            timeout=limit,
        )
    except TimedOut:
        logger.warning("verification of a %s-byte file timed out after %ss", len(data), limit)
        return _file_report(data, "timed_out", max_bytes=max_bytes)
    except Exception:
        logger.exception("isolated verification failed")
        return _file_report(data, "unreadable", max_bytes=max_bytes)
