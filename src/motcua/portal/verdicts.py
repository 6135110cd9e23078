"""How a signature verification reads to a citizen: a plain verdict and why, in the reader's language.

The report (`signatures.reports.Report`) keeps the ETSI EN 319 102-1 indications and
sub-indications (TOTAL-PASSED, INDETERMINATE, REVOKED_NO_POE, ...); they stay in the downloadable
TS 119 102-2 XML for the specialist. This module only words them: it decides nothing about validity.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from motcua.core.time import local
from motcua.signatures.reports import (
    FILE_PROBLEMS,
    MODIFICATION_MESSAGES,
    REVOCATION_REASONS,
    SUB_INDICATION_MESSAGES,
    CertificateSummary,
    Report,
    SignatureReport,
    Verdict,
)


def _verdict_explanation(verdict: Verdict) -> str:
    return {
        Verdict.VALID: _(
            "Chữ ký số được tạo bằng chứng thư số do tổ chức được tin cậy cấp, còn hiệu lực khi ký, "
            "và nội dung văn bản không bị thay đổi sau khi ký."
        ),
        Verdict.INVALID: _(
            "Không nên tin văn bản này: có lý do chắc chắn để bác bỏ chữ ký, nêu ở dưới. "
            "Hãy liên hệ cơ quan đã cấp văn bản."
        ),
        Verdict.INDETERMINATE: _(
            "Chưa đủ thông tin để kết luận chữ ký hợp lệ hay không; lý do nêu ở dưới. "
            "Bạn có thể thử lại sau hoặc liên hệ cơ quan đã cấp văn bản."
        ),
    }[verdict]


@dataclass(frozen=True)
class SignatureVerdict:
    index: int
    verdict: str  # valid / invalid / indeterminate: for the badge's colour and the tests
    label: str
    reasons: tuple[str, ...]
    signer: CertificateSummary | None
    chain: tuple[CertificateSummary, ...]
    level: str
    signing_time: datetime | None
    timestamp_time: datetime | None
    integrity: bool | None
    trusted: bool | None
    revocation: str
    modification: str


@dataclass(frozen=True)
class DocumentVerdict:
    verdict: str
    label: str
    message: str
    explanation: str
    signatures: tuple[SignatureVerdict, ...]
    document_timestamps: int


def _revocation(sig: SignatureReport) -> str:
    if sig.revoked and sig.revoked_at is not None:
        reason = REVOCATION_REASONS.get(sig.revocation_reason)
        values = {
            "when": f"{local(sig.revoked_at):%d/%m/%Y %H:%M}",
            "reason": _(reason) if reason else sig.revocation_reason or _("không nêu lý do"),
        }
        if sig.ca_revoked:
            return _("Chứng thư số của tổ chức cấp đã bị thu hồi từ %(when)s (lý do: %(reason)s).") % values
        return _("Chứng thư số của người ký đã bị thu hồi từ %(when)s (lý do: %(reason)s).") % values
    if sig.revoked is False:
        return _("Chứng thư số không bị thu hồi tại thời điểm ký (đã kiểm tra OCSP/CRL).")
    return _("Chưa xác định được tình trạng thu hồi.")


def _reasons(sig: SignatureReport) -> tuple[str, ...]:
    if sig.verdict == Verdict.VALID:
        return ()
    reasons: list[str] = []
    if sig.modification == "other":
        reasons.append(_(MODIFICATION_MESSAGES["other"]))
    code = sig.sub_indication or "GENERIC"
    message = _(SUB_INDICATION_MESSAGES.get(code, SUB_INDICATION_MESSAGES["GENERIC"]))
    if not reasons or code not in ("SIG_CONSTRAINTS_FAILURE", "GENERIC"):
        reasons.append(message)
    if sig.revoked:
        reasons.append(_revocation(sig))
    reasons.extend(sig.fetch_refusals)  # why it could not be settled: what we would not fetch
    return tuple(dict.fromkeys(reasons))


def signature_verdict(sig: SignatureReport) -> SignatureVerdict:
    return SignatureVerdict(
        index=sig.index,
        verdict=sig.verdict.value,
        label=_(sig.verdict.label),
        reasons=_reasons(sig),
        signer=sig.signer,
        chain=sig.chain,
        level=sig.level,
        signing_time=sig.signing_time,
        timestamp_time=sig.timestamp_time,
        integrity=sig.integrity,
        trusted=sig.trusted,
        revocation=_revocation(sig),
        modification=_(MODIFICATION_MESSAGES.get(sig.modification, MODIFICATION_MESSAGES["unknown"])),
    )


def _message(report: Report, max_mb: int) -> str:
    if report.problem:
        return _(FILE_PROBLEMS.get(report.problem, FILE_PROBLEMS["unreadable"])).format(limit=max_mb)
    count = len(report.signatures)
    if report.verdict == Verdict.VALID:
        return ngettext(
            "Chữ ký số trên văn bản hợp lệ.", "Tất cả %(count)d chữ ký số trên văn bản đều hợp lệ.", count
        ) % {"count": count}
    if report.verdict == Verdict.INVALID:
        bad = sum(1 for s in report.signatures if s.verdict == Verdict.INVALID)
        return _("%(bad)d/%(count)d chữ ký số không hợp lệ.") % {"bad": bad, "count": count}
    return _("Chưa xác định được tính hợp lệ của chữ ký số trên văn bản.")


def document_verdict(report: Report, *, max_mb: int) -> DocumentVerdict:
    """The whole report in the reader's language, without a single ETSI code."""
    return DocumentVerdict(
        verdict=report.verdict.value,
        label=_(report.verdict.label),
        message=_message(report, max_mb),
        explanation=_verdict_explanation(report.verdict) if report.signatures else "",
        signatures=tuple(signature_verdict(s) for s in report.signatures),
        document_timestamps=report.document_timestamps,
    )
