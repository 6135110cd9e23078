"""Detached CMS (CAdES) signatures over bytes that are not PDFs, made with a seal of the register.

The event-chain checkpoints (`dossiers.anchors`) and the backup manifest (`backups`) are signed
this way: the agency's seal signs the exact bytes, the TSA adds a signature timestamp when one is
configured, and anyone holding the bytes, the signature and the trust store can check both.

Checking works offline on purpose (no OCSP or CRL fetch): it runs during a restore at night and
over hundreds of checkpoints. A certificate the register marks revoked or suspended fails for
signatures made after that change (the signature timestamp says when a signature was made).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from asn1crypto import cms
from asn1crypto import x509 as asn1_x509
from django.db import connection
from pyhanko.sign.general import SigningError
from pyhanko.sign.timestamps.common_utils import TimestampRequestError

from motcua.agencies.models import Agency
from motcua.core.time import now

from . import conf, pdfsign
from .certs import load_certificate, load_certificates
from .errors import CertificateNotUsable, NoSigningCertificate, SignatureError, TimestampUnavailable
from .keys import KeyLocation, Pkcs11Key, Pkcs12Key, open_signer
from .models import Certificate
from .selectors import (
    certificate_status,
    known_intermediates,
    trust_dir_certificates,
    trust_roots,
    usable_seal_certificate,
)

MAX_SIGNATURE_BYTES = 256 * 1024
DIGEST = "sha256"


# --- the certificate and its key ------------------------------------------------------------------


def key_location(record: Certificate) -> KeyLocation:
    """Where the key of a register certificate is: a PKCS#12 file or a PKCS#11 token."""
    if record.key_storage == Certificate.KeyStorage.PKCS12:
        return Pkcs12Key(path=Path(record.pkcs12_path), passphrase_env=record.passphrase_env)
    if record.key_storage == Certificate.KeyStorage.PKCS11:
        return Pkcs11Key(
            module=record.pkcs11_module,
            token_label=record.pkcs11_token_label,
            key_label=record.pkcs11_key_label,
            pin_env=record.pin_env,
        )
    raise NoSigningCertificate("Khóa của chứng thư số này không ở trên máy chủ.")


def certificate_chain(record: Certificate) -> list[asn1_x509.Certificate]:
    """The issuers to embed with a signature: the record's own chain, then the registered intermediates."""
    chain = load_certificates(record.chain_pem.encode()) if record.chain_pem.strip() else []
    return chain + known_intermediates()


def _depth(agency: Agency) -> int:
    depth, seen = 0, {agency.pk}
    while agency.parent_id is not None and agency.parent_id not in seen:
        seen.add(agency.parent_id)
        agency = Agency.objects.only("pk", "parent_id").get(pk=agency.parent_id)
        depth += 1
    return depth


def records_seal(agency_code: str = "", *, at: datetime | None = None) -> Certificate | None:
    """The seal that signs the installation's own records (checkpoints, backup manifests).

    The usable seal of the agency named by `agency_code`; without a name, that of the province
    (an agency of kind *UBND tỉnh*) or else of the agency nearest the root of the tree that has one.
    None when there is no usable seal with its key on the server.
    """
    moment = at or now()
    if agency_code:
        agency = Agency.objects.filter(code=agency_code).first()
        return usable_seal_certificate(agency.pk, at=moment) if agency else None
    holders = Agency.objects.filter(
        certificates__kind=Certificate.Kind.AGENCY_SEAL,
        certificates__register_status=Certificate.RegisterStatus.ACTIVE,
    ).distinct()
    ranked = sorted(holders, key=lambda a: (a.kind != Agency.Kind.PROVINCE, _depth(a), a.code))
    for agency in ranked:
        seal = usable_seal_certificate(agency.pk, at=moment)
        if seal is not None:
            return seal
    return None


# --- signing ------------------------------------------------------------------------------------


def sign_detached(data: bytes, *, certificate: Certificate, tsa_url: str | None = None) -> bytes:
    """A detached CAdES signature (DER ContentInfo) of `data` by a usable register certificate.

    `tsa_url` defaults to MOTCUA_SIGNATURE_TSA_URL; with one, the signature carries a signature
    timestamp and a TSA that does not answer raises TimestampUnavailable. Without one, no timestamp.
    """
    status = certificate_status(certificate)
    if not status.usable:
        raise CertificateNotUsable(
            f"Chứng thư số '{certificate.display_name}' không dùng được để ký: {status.label.lower()}."
        )
    url = conf.tsa_url() if tsa_url is None else tsa_url
    with open_signer(
        key_location(certificate),
        certificate=load_certificate(bytes(certificate.der)),
        chain=certificate_chain(certificate),
    ) as signer:
        try:
            signed = pdfsign.run_sync(
                signer.async_sign_general_data(
                    data,
                    DIGEST,
                    detached=True,
                    use_cades=True,
                    timestamper=pdfsign.timestamper(url) if url else None,
                )
            )
        except TimestampRequestError as exc:
            raise TimestampUnavailable() from exc
        except SigningError as exc:
            raise SignatureError(f"Không ký được: {exc}") from exc
    return bytes(signed.dump())


# --- checking -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class DetachedCheck:
    """What a detached signature proves about some bytes."""

    intact: bool  # the bytes are the ones signed, and the signature value is right
    trusted: bool  # the signer's certificate chains to the trust store (at the proven time)
    signer: str = ""
    fingerprint: str = ""
    timestamp: datetime | None = None  # when the TSA saw the signature
    timestamp_ok: bool | None = None  # None: no signature timestamp
    problem: str = ""  # in Vietnamese, empty when ok

    @property
    def ok(self) -> bool:
        return self.intact and self.trusted and self.timestamp_ok is not False and not self.problem


def _signed_data(signature: bytes) -> cms.SignedData:
    if not signature or len(signature) > MAX_SIGNATURE_BYTES:
        raise ValueError("signature size")
    info = cms.ContentInfo.load(signature)
    if info["content_type"].native != "signed_data":
        raise ValueError("not signed data")
    signed = info["content"]
    signed.native  # noqa: B018 - a full parse now, so damage shows here and not in pyHanko
    return signed


def _context(
    roots: Sequence[asn1_x509.Certificate], others: Sequence[asn1_x509.Certificate], moment: datetime | None
) -> Any:
    from pyhanko_certvalidator import ValidationContext

    return ValidationContext(
        trust_roots=list(roots),
        other_certs=list(others),
        moment=moment,
        allow_fetching=False,
        revocation_mode="soft-fail",
    )


def _register_ready() -> bool:
    """False on a database without tables yet (a restore onto a new server): the trust dir only."""
    return Certificate._meta.db_table in connection.introspection.table_names()


def _store() -> tuple[list[asn1_x509.Certificate], list[asn1_x509.Certificate]]:
    if _register_ready():
        return trust_roots(), known_intermediates()
    found = trust_dir_certificates()
    return [c for c in found if c.self_signed != "no"], [c for c in found if c.self_signed == "no"]


def _register_problem(fingerprint: str, made_at: datetime) -> str:
    """The register's word on the signer: revoked or suspended before the signature was made."""
    if not _register_ready():
        return ""
    record = Certificate.objects.filter(fingerprint_sha256=fingerprint).first()
    if record is None or record.register_status == Certificate.RegisterStatus.ACTIVE:
        return ""
    changed = record.status_changed_at
    if changed is None or changed <= made_at:
        return f"chứng thư số của người ký đã bị {record.get_register_status_display().lower()}"
    return ""


def verify_detached(
    data: bytes,
    signature: bytes,
    *,
    roots: Sequence[asn1_x509.Certificate] | None = None,
    intermediates: Sequence[asn1_x509.Certificate] | None = None,
) -> DetachedCheck:
    """Check a detached signature of `data` against the trust store (or the roots given).

    Never raises on a damaged signature: the check says what is wrong. The signer's certificate is
    judged at the time the signature timestamp proves, so a seal that expired since still holds for
    what it signed while it was valid.
    """
    from pyhanko.sign.validation.generic_cms import async_validate_detached_cms

    try:
        signed = _signed_data(signature)
    except Exception:  # asn1crypto raises many kinds of errors on damaged input
        return DetachedCheck(False, False, problem="chữ ký không đọc được (tệp chữ ký hỏng)")
    if roots is None:
        roots, known = _store()
        if intermediates is None:
            intermediates = known
    others = list(intermediates or [])
    try:
        status = pdfsign.run_sync(
            async_validate_detached_cms(data, signed, signer_validation_context=_context(roots, others, None))
        )
        stamp = status.timestamp_validity
        stamped_at = stamp.timestamp if stamp is not None and stamp.intact and stamp.valid else None
        if stamped_at is not None and status.intact and status.valid and not status.trusted:
            # judged again at the proven time: a seal that expired since still holds
            status = pdfsign.run_sync(
                async_validate_detached_cms(
                    data,
                    signed,
                    signer_validation_context=_context(roots, others, stamped_at),
                    ts_validation_context=_context(roots, others, None),
                )
            )
            stamp = status.timestamp_validity
    except Exception:  # the last line of defence: a verdict, never a crash
        return DetachedCheck(False, False, problem="chữ ký không kiểm tra được (cấu trúc chữ ký hỏng)")
    certificate = status.signing_cert
    fingerprint = hashlib.sha256(certificate.dump()).hexdigest()
    signer = str(certificate.subject.native.get("common_name", "")) or certificate.subject.human_friendly
    timestamp_ok = None if stamp is None else bool(stamp.intact and stamp.valid and stamp.trusted)
    problem = ""
    if not (status.intact and status.valid):
        problem = "nội dung đã bị thay đổi sau khi ký (chữ ký không khớp)"
    elif not status.trusted:
        problem = "chứng thư số của người ký không thuộc kho chứng thư tin cậy hoặc không còn hiệu lực"
    elif timestamp_ok is False:
        problem = "dấu thời gian không hợp lệ hoặc không tin cậy"
    else:
        problem = _register_problem(fingerprint, stamp.timestamp if stamp is not None else now())
    return DetachedCheck(
        intact=bool(status.intact and status.valid),
        trusted=bool(status.trusted),
        signer=signer,
        fingerprint=fingerprint,
        timestamp=stamp.timestamp if stamp is not None else None,
        timestamp_ok=timestamp_ok,
        problem=problem,
    )
