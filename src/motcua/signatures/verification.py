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
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from asn1crypto import x509 as asn1_x509
from pyhanko.sign.ades.report import AdESIndeterminate, AdESPassed, AdESStatus, AdESSubIndic
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.validation.status import SignatureCoverageLevel

from . import speedups
from .fetching import NOTHING, FetchPolicy, GuardedFetcherBackend, policy_from_settings, refusal_reasons
from .pdfsign import run_sync
from .reports import (
    DEFAULT_MAX_BYTES,
    DEFINITELY_INVALID,
    FILE_PROBLEMS,
    INDICATIONS,
    MODIFICATION_MESSAGES,
    REVOCATION_REASONS,
    SUB_INDICATION_MESSAGES,
    VERDICT_LABELS,
    CertificateSummary,
    Report,
    SignatureReport,
    Verdict,
    _file_report,
    too_large_report,
)

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DEFINITELY_INVALID",
    "FILE_PROBLEMS",
    "INDICATIONS",
    "MODIFICATION_MESSAGES",
    "REVOCATION_REASONS",
    "SUB_INDICATION_MESSAGES",
    "VERDICT_LABELS",
    "CertificateSummary",
    "Report",
    "SignatureReport",
    "Verdict",
    "async_verify_pdf",
    "too_large_report",
    "verify_pdf",
    "verify_pdf_isolated",
]

logger = logging.getLogger(__name__)

speedups.install()  # pyHanko's hex-string reader, without a Python step per byte


# The validation itself ----------------------------------------------------------------------------
def _validation_spec(
    trust_roots: Sequence[asn1_x509.Certificate],
    backend: GuardedFetcherBackend,
    intermediates: Sequence[asn1_x509.Certificate] = (),
    *,
    online: bool,
) -> Any:
    from pyhanko.sign.validation.policy_decl import (
        PdfSignatureValidationSpec,
        RevinfoOnlineFetchingRule,
        RevocationInfoGatheringSpec,
        SignatureValidationSpec,
    )

    policy, knowledge = _trust_parts(
        tuple(c.dump() for c in trust_roots), tuple(c.dump() for c in intermediates)
    )
    gathering = RevocationInfoGatheringSpec(
        online_fetching_rule=(
            RevinfoOnlineFetchingRule.ALWAYS_FETCH if online else RevinfoOnlineFetchingRule.LOCAL_ONLY
        ),
        # One guarded backend for the whole document, also offline: pyHanko would otherwise
        # provision its own unguarded one. Connections pooled, closed by the caller.
        fetcher_backend=backend,
    )
    return PdfSignatureValidationSpec(
        SignatureValidationSpec(
            cert_validation_policy=policy,
            revinfo_gathering_policy=gathering,
            local_knowledge=knowledge,
        )
    )


@lru_cache(maxsize=16)
def _trust_parts(roots: tuple[bytes, ...], intermediates: tuple[bytes, ...]) -> tuple[Any, Any]:
    """The trust manager, revocation policy and known intermediates, built once per trust store.

    Keyed by the certificates themselves: a changed trust store (`truststore`'s stamp) brings other
    certificates, hence a new entry; the old one ages out. Only the fetcher backend, which is one
    operation's, is added per verification."""
    from pyhanko.sign.validation.policy_decl import LocalKnowledge
    from pyhanko_certvalidator.context import CertValidationPolicySpec
    from pyhanko_certvalidator.policy_decl import REQUIRE_REVINFO, CertRevTrustPolicy
    from pyhanko_certvalidator.registry import SimpleTrustManager

    policy = CertValidationPolicySpec(
        # an explicit (possibly empty) list: never the operating system's TLS roots
        trust_manager=SimpleTrustManager.build(
            trust_roots=[asn1_x509.Certificate.load(der) for der in roots]
        ),
        revinfo_policy=CertRevTrustPolicy(REQUIRE_REVINFO),
    )
    knowledge = LocalKnowledge(known_certs=[asn1_x509.Certificate.load(der) for der in intermediates])
    return policy, knowledge


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
    details = getattr(api, "revocation_details", None)
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
        revoked_at=details.revocation_date if details is not None else None,
        revocation_reason=str(details.revocation_reason.native) if details is not None else "",
        ca_revoked=bool(details.ca_revoked) if details is not None else False,
        modification=modification,
        coverage=coverage,
    )
    adjusted = dataclasses.replace(result, ades_subindic=sub) if sub is not result.ades_subindic else result
    return report, adjusted


def _certificates_of(sig: Any, result: Any) -> list[asn1_x509.Certificate]:
    """The certificates a signature brought and was validated with: whose addresses were refused."""
    certs: list[asn1_x509.Certificate] = []
    for getter in (lambda: [sig.signer_cert], lambda: list(sig.other_embedded_certs)):
        certs.extend(_safe(getter) or [])
    path = getattr(getattr(result, "api_status", None), "validation_path", None)
    if path is not None:
        certs.extend(_safe(lambda: list(path.iter_certs(include_root=True))) or [])
    return certs


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
    fetch_policy: FetchPolicy | None = None,
) -> Report:
    """`verify_pdf` inside an event loop. `fetch_policy` says what may be fetched; by default the
    settings' allow-list plus the addresses the given roots and intermediates name."""
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

    if not fetch:
        policy = NOTHING
    elif fetch_policy is None:
        policy = policy_from_settings().adding_certificates([*trust_roots, *intermediates])
    else:
        policy = fetch_policy
    backend = GuardedFetcherBackend(policy)
    local_spec = _validation_spec(trust_roots, backend, intermediates, online=False)
    spec = _validation_spec(trust_roots, backend, intermediates, online=True) if fetch else local_spec
    reports: list[SignatureReport] = []
    pairs: list[tuple[Any, Any]] = []
    try:
        for index, sig in enumerate(signatures, start=1):
            before = len(backend.refusals)
            report, result = await _validate_one(index, sig, reader, doc_timestamps, spec, local_spec)
            refused = backend.refusals[before:]
            if refused and report.verdict != Verdict.VALID:
                added = refusal_reasons(refused, _certificates_of(sig, result))
                report = dataclasses.replace(
                    report,
                    reasons=report.reasons + tuple(r for r in added if r not in report.reasons),
                    fetch_refusals=tuple(added),
                )
            reports.append(report)
            pairs.append((sig, result))
    finally:
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


def _resolved(
    trust_roots: Sequence[asn1_x509.Certificate] | None,
    intermediates: Sequence[asn1_x509.Certificate] | None,
    fetch: bool | None,
    fetch_policy: FetchPolicy | None,
) -> tuple[list[asn1_x509.Certificate], list[asn1_x509.Certificate], bool, FetchPolicy]:
    """The defaults of `verify_pdf`: the trust store, MOTCUA_SIGNATURE_FETCH_REVOCATION, and what may
    be fetched: the addresses the register and the trust store name (or, with explicit roots, those
    the roots and intermediates name), plus the settings' allow-list."""
    from . import conf

    register = trust_roots is None
    if trust_roots is None:
        from .selectors import known_intermediates
        from .selectors import trust_roots as register_roots

        trust_roots = register_roots()
        if intermediates is None:
            intermediates = known_intermediates()
    roots, others = list(trust_roots), list(intermediates or [])
    if fetch_policy is None:
        if register:
            from .selectors import fetch_policy as register_policy

            fetch_policy = register_policy()
        else:
            fetch_policy = policy_from_settings()
        fetch_policy = fetch_policy.adding_certificates([*roots, *others])
    return roots, others, conf.fetch_revocation() if fetch is None else fetch, fetch_policy


def verify_pdf(
    data: bytes,
    *,
    trust_roots: Sequence[asn1_x509.Certificate] | None = None,
    intermediates: Sequence[asn1_x509.Certificate] | None = None,
    fetch: bool | None = None,
    max_bytes: int | None = None,
    with_xml: bool = True,
    fetch_policy: FetchPolicy | None = None,
) -> Report:
    """Verify every signature of a PDF. Never raises on bad input; never "valid" for a damaged file.

    `trust_roots` defaults to the trust store (administrator-managed roots plus the self-signed
    files of MOTCUA_SIGNATURE_TRUST_DIR) and `intermediates` to its intermediate CAs; explicit
    roots mean no register lookups at all. `fetch` (OCSP/CRL online) defaults to
    MOTCUA_SIGNATURE_FETCH_REVOCATION; what may be fetched, to `_resolved`'s policy.
    """
    from . import conf

    roots, others, fetch, policy = _resolved(trust_roots, intermediates, fetch, fetch_policy)
    try:
        return run_sync(
            async_verify_pdf(
                data,
                trust_roots=roots,
                intermediates=others,
                fetch=fetch,
                max_bytes=max_bytes or conf.max_verify_bytes(),
                with_xml=with_xml,
                fetch_policy=policy,
            )
        )
    except Exception:  # the last line of defence: a verdict, never a crash
        logger.exception("verification crashed")
        return _file_report(data, "unreadable", max_bytes=max_bytes or DEFAULT_MAX_BYTES)


def _verify_in_worker(
    data: bytes,
    roots: list[bytes],
    intermediates: list[bytes],
    fetch: bool,
    max_bytes: int,
    with_xml: bool,
    fetch_policy: FetchPolicy,
) -> Report:
    """The child-process side of `verify_pdf_isolated`: certificates travel as DER, the fetch policy
    as it is (the worker has no database and no settings)."""
    return run_sync(
        async_verify_pdf(
            data,
            trust_roots=[asn1_x509.Certificate.load(der) for der in roots],
            intermediates=[asn1_x509.Certificate.load(der) for der in intermediates],
            fetch=fetch,
            max_bytes=max_bytes,
            with_xml=with_xml,
            fetch_policy=fetch_policy,
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
    fetch_policy: FetchPolicy | None = None,
    wait: float | None = None,
) -> Report:
    """`verify_pdf` in a worker process with a time limit (MOTCUA_SIGNATURE_VERIFY_TIMEOUT seconds),
    for files from outside: a PDF built to make the parser loop gets "cannot be validated".

    `wait`: at most that many seconds for a free worker (None: as long as it takes), else
    `errors.VerifierBusy`. A worker that dies on the file gives "cannot be validated"."""
    from . import conf
    from .isolation import Busy, TimedOut, WorkerCrashed, run_isolated

    limit = conf.verify_timeout() if timeout is None else timeout
    roots, others, fetch, policy = _resolved(trust_roots, intermediates, fetch, fetch_policy)
    max_bytes = max_bytes or conf.max_verify_bytes()
    if limit <= 0:
        return verify_pdf(
            data,
            trust_roots=roots,
            intermediates=others,
            fetch=fetch,
            max_bytes=max_bytes,
            with_xml=with_xml,
            fetch_policy=policy,
        )
    if len(data) > max_bytes:
        return _file_report(data, "too_large", max_bytes=max_bytes)
    try:
        return run_isolated(
            _verify_in_worker,
            data,
            [c.dump() for c in roots],
            [c.dump() for c in others],
            fetch,
            max_bytes,
            with_xml,
            policy,
            timeout=limit,
            wait=wait,
        )
    except Busy:
        from .errors import VerifierBusy

        raise VerifierBusy() from None
    except TimedOut:
        logger.warning("verification of a %s-byte file timed out after %ss", len(data), limit)
        return _file_report(data, "timed_out", max_bytes=max_bytes)
    except WorkerCrashed:
        logger.error("the verification worker died on a %s-byte file; replaced", len(data))
        return _file_report(data, "unreadable", max_bytes=max_bytes)
    except Exception:
        logger.exception("isolated verification failed")
        return _file_report(data, "unreadable", max_bytes=max_bytes)
