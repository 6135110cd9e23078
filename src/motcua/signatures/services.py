"""Every write of the signature domain: one function per business action.

The register (import, revoke, suspend, reinstate), the trust store, signing rules; signing a
dossier's result (the official, then the agency seal) with server-held keys or through the
official's own token (split flow); sealing attachments; recording public verifications.

Signing talks to the timestamp authority and the OCSP/CRL responders, so it never holds a
database lock while it does: the result is read, signed and validated first, then stored by
`dossiers.services.attach_result` with the dossier version read at the start (a concurrent
change makes it fail with StaleDossier instead of overwriting).
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import logging
import os
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from asn1crypto import pem
from asn1crypto import x509 as asn1_x509
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils.translation import gettext
from pyhanko.sign.signers import Signer

from motcua.agencies.models import Agency, Role, StaffRole
from motcua.core.errors import NotFound, PermissionDenied, ValidationFailed
from motcua.core.time import now

from . import appearance, conf, images, issuefields, pdfsign, split
from .certs import describe, is_pkcs12, load_certificate, load_certificates, read_pkcs12
from .detached import certificate_chain, key_location
from .errors import (
    AlreadySigned,
    CertificateNotUsable,
    CertificateUnreadable,
    DuplicateCertificate,
    NoResultDocument,
    NoSigningCertificate,
    NotAllowedToSign,
    SignatureError,
    SignedDocumentRejected,
    SigningSessionInvalid,
    WrongPassphrase,
)
from .keys import Pkcs12Key, open_signer
from .models import (
    Certificate,
    ClientSigningSession,
    SignatureRecord,
    SigningRule,
    TrustAnchor,
    VerificationRecord,
)
from .selectors import (
    certificate_status,
    fetch_policy,
    signing_rule_for,
    trust_roots,
    usable_personal_certificate,
    usable_seal_certificate,
)
from .verification import Report, Verdict, verify_pdf, verify_pdf_isolated

logger = logging.getLogger(__name__)

OFFICIAL_FIELD = "ChuKyNguoiCoThamQuyen"
SEAL_FIELD = "ChuKyCoQuan"
ATTACHMENT_FIELD = "ChuKyCoQuanDinhKem"
CLIENT_SESSION_TTL = timedelta(minutes=15)
VERIFICATION_RECORD_DAYS = 7
MAX_IMAGE_BYTES = 2 * 1024 * 1024


# --- permissions ---------------------------------------------------------------------------------


class _System:
    """The system itself as the actor: command-line set-up and the demo, never a web request."""

    is_authenticated = True
    is_superuser = True
    pk = None

    def __str__(self) -> str:
        return "motcua"


SYSTEM = _System()


def is_administrator(actor: Any) -> bool:
    if not getattr(actor, "is_authenticated", False):
        return False
    if getattr(actor, "is_superuser", False):
        return True
    return StaffRole.objects.filter(user=actor, role=Role.ADMINISTRATOR).exists()


def require_administrator(actor: Any) -> None:
    if not is_administrator(actor):
        raise PermissionDenied(
            gettext("Chỉ quản trị hệ thống được quản lý chứng thư số và kho chứng thư tin cậy.")
        )


# --- trust store ---------------------------------------------------------------------------------


@transaction.atomic
def add_trust_anchors(*, actor: Any, data: bytes, name: str = "", note: str = "") -> list[TrustAnchor]:
    """Add the CA certificates of a PEM bundle or DER file; self-signed ones become trust anchors."""
    require_administrator(actor)
    added: list[TrustAnchor] = []
    for cert in load_certificates(data):
        info = describe(cert)
        if not info.is_ca:
            raise ValidationFailed(
                gettext("'%(subject_common_name)s' không phải chứng thư của tổ chức cấp (CA).")
                % {"subject_common_name": info.subject_common_name}
            )
        anchor, _created = TrustAnchor.objects.update_or_create(
            fingerprint_sha256=info.fingerprint_sha256,
            defaults={
                "name": (name if len(added) == 0 and name else info.subject_common_name or info.subject)[
                    :255
                ],
                "kind": TrustAnchor.Kind.ROOT if info.self_signed else TrustAnchor.Kind.INTERMEDIATE,
                "der": info.der,
                "subject": info.subject[:1000],
                "issuer": info.issuer[:1000],
                "serial_hex": info.serial_hex,
                "not_before": info.not_before,
                "not_after": info.not_after,
                "is_active": True,
                "note": note[:500],
                "added_by": actor if getattr(actor, "pk", None) else None,
                "added_at": now(),
            },
        )
        added.append(anchor)
    return added


@transaction.atomic
def set_trust_anchor_active(*, actor: Any, anchor_id: int, active: bool) -> TrustAnchor:
    require_administrator(actor)
    anchor = TrustAnchor.objects.select_for_update().get(pk=anchor_id)
    anchor.is_active = active
    anchor.save(update_fields=["is_active"])
    return anchor


# --- the register --------------------------------------------------------------------------------


def _check_png(image: bytes | None) -> bytes | None:
    if not image:
        return None
    if len(image) > MAX_IMAGE_BYTES or not image.startswith(b"\x89PNG\r\n\x1a\n"):
        raise ValidationFailed(gettext("Ảnh chữ ký / con dấu phải là tệp PNG (nền trong suốt), tối đa 2 MB."))
    from PIL import Image

    try:
        with Image.open(io.BytesIO(image)) as img:
            img.verify()
    except Exception as exc:  # Pillow raises many kinds of errors
        raise ValidationFailed(gettext("Ảnh PNG bị hỏng.")) from exc
    return image


def _store_pkcs12(data: bytes, fingerprint: str) -> Path:
    directory = conf.key_dir()
    directory.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(OSError):
        directory.chmod(0o700)
    path = directory / f"{fingerprint[:32]}.p12"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    return path


@transaction.atomic
def import_certificate(
    *,
    actor: Any,
    data: bytes,
    kind: str,
    agency_id: int | None = None,
    user_id: int | None = None,
    display_name: str = "",
    passphrase_env: str = "",
    key_storage: str | None = None,
    pkcs11_module: str = "",
    pkcs11_token_label: str = "",
    pkcs11_key_label: str = "",
    pin_env: str = "",
    appearance_image: bytes | None = None,
) -> Certificate:
    """Import a certificate (PEM/DER, a PEM bundle with its chain) or a PKCS#12 file with its key.

    A PKCS#12 file is checked with the passphrase from the environment variable `passphrase_env`,
    then stored as is (still encrypted) in MOTCUA_SIGNATURE_KEY_DIR; the database keeps its path
    and the name of the variable, never the key or the passphrase.
    """
    require_administrator(actor)
    if kind not in Certificate.Kind.values:
        raise ValidationFailed(gettext("Loại chứng thư số không hợp lệ."))
    chain: list[asn1_x509.Certificate] = []
    pkcs12_path = ""
    storage: str
    if is_pkcs12(data):
        if not passphrase_env:
            raise WrongPassphrase(gettext("Cần tên biến môi trường chứa mật khẩu của tệp PKCS#12."))
        contents = read_pkcs12(data, conf.secret_from_env(passphrase_env))
        if not contents.has_key:
            raise CertificateUnreadable(gettext("Tệp PKCS#12 không chứa khóa bí mật."))
        cert, chain = contents.certificate, contents.chain
        storage = Certificate.KeyStorage.PKCS12
    else:
        # a PEM bundle may carry the chain: the end-entity certificate first or anywhere, CAs after
        found = load_certificates(data)
        leaves = [c for c in found if not c.ca]
        cert = leaves[0] if leaves else found[0]
        chain = [c for c in found if c is not cert and c.ca]
        storage = key_storage or (
            Certificate.KeyStorage.PKCS11 if pkcs11_token_label else Certificate.KeyStorage.NONE
        )
        if storage == Certificate.KeyStorage.PKCS12:
            raise ValidationFailed(gettext("Khóa PKCS#12 phải được nhập bằng chính tệp PKCS#12."))
        if storage == Certificate.KeyStorage.PKCS11 and not (pkcs11_token_label and pkcs11_key_label):
            raise ValidationFailed(gettext("Cần nhãn thiết bị và nhãn khóa PKCS#11."))
    info = describe(cert)
    if info.is_ca:
        raise ValidationFailed(
            gettext("Đây là chứng thư của tổ chức cấp (CA); hãy thêm vào kho chứng thư tin cậy.")
        )
    if Certificate.objects.filter(fingerprint_sha256=info.fingerprint_sha256).exists():
        raise DuplicateCertificate()
    agency = Agency.objects.filter(pk=agency_id).first() if agency_id else None
    if kind == Certificate.Kind.AGENCY_SEAL and agency is None:
        raise ValidationFailed(gettext("Chứng thư số của cơ quan phải gắn với một cơ quan."))
    if kind == Certificate.Kind.PERSONAL and not user_id:
        raise ValidationFailed(gettext("Chứng thư số cá nhân phải gắn với một cán bộ."))
    image = _check_png(appearance_image)
    if storage == Certificate.KeyStorage.PKCS12:
        pkcs12_path = str(_store_pkcs12(data, info.fingerprint_sha256))
    record = Certificate(
        kind=kind,
        agency=agency,
        user_id=user_id if kind == Certificate.Kind.PERSONAL else None,
        display_name=(display_name or info.subject_common_name or info.subject)[:255],
        der=info.der,
        chain_pem="".join(pem.armor("CERTIFICATE", c.dump()).decode() for c in chain),
        subject=info.subject[:1000],
        subject_common_name=info.subject_common_name[:255],
        issuer=info.issuer[:1000],
        serial_hex=info.serial_hex,
        not_before=info.not_before,
        not_after=info.not_after,
        key_usage=list(info.key_usage),
        fingerprint_sha256=info.fingerprint_sha256,
        key_storage=storage,
        pkcs12_path=pkcs12_path,
        passphrase_env=passphrase_env if storage == Certificate.KeyStorage.PKCS12 else "",
        pkcs11_module=pkcs11_module,
        pkcs11_token_label=pkcs11_token_label,
        pkcs11_key_label=pkcs11_key_label,
        pin_env=pin_env,
        imported_by=actor if getattr(actor, "pk", None) else None,
        imported_at=now(),
    )
    if image:
        record.appearance_image.save(f"{info.fingerprint_sha256[:16]}.png", ContentFile(image), save=False)
    try:
        with transaction.atomic():
            record.save()
    except IntegrityError as exc:
        raise DuplicateCertificate() from exc
    return record


@transaction.atomic
def set_appearance_image(*, actor: Any, certificate_id: int, image: bytes) -> Certificate:
    require_administrator(actor)
    record = Certificate.objects.select_for_update().get(pk=certificate_id)
    png = _check_png(image)
    assert png is not None
    record.appearance_image.save(f"{record.fingerprint_sha256[:16]}.png", ContentFile(png), save=False)
    record.save(update_fields=["appearance_image"])
    return record


def _change_status(actor: Any, certificate_id: int, status: str, reason: str) -> Certificate:
    require_administrator(actor)
    try:
        record = Certificate.objects.select_for_update().get(pk=certificate_id)
    except Certificate.DoesNotExist as exc:
        raise NotFound(gettext("Không tìm thấy chứng thư số.")) from exc
    if record.register_status == Certificate.RegisterStatus.REVOKED:
        raise CertificateNotUsable(gettext("Chứng thư số đã bị thu hồi; không thể đổi trạng thái."))
    if status != Certificate.RegisterStatus.ACTIVE and not reason.strip():
        raise ValidationFailed(gettext("Cần nêu lý do."), fields={"reason": gettext("Vui lòng nhập lý do.")})
    record.register_status = status
    record.status_reason = reason.strip()[:500]
    record.status_changed_at = now()
    record.status_changed_by = actor if getattr(actor, "pk", None) else None
    record.save(update_fields=["register_status", "status_reason", "status_changed_at", "status_changed_by"])
    forget_opened_signers(record.pk)
    return record


@transaction.atomic
def revoke_certificate(*, actor: Any, certificate_id: int, reason: str) -> Certificate:
    """Stop using a certificate for good in this system (lost token, official left, key compromised).

    The issuing CA must also be asked to revoke it, so that verifiers elsewhere learn of it.
    """
    return _change_status(actor, certificate_id, Certificate.RegisterStatus.REVOKED, reason)


@transaction.atomic
def suspend_certificate(*, actor: Any, certificate_id: int, reason: str) -> Certificate:
    return _change_status(actor, certificate_id, Certificate.RegisterStatus.SUSPENDED, reason)


@transaction.atomic
def reinstate_certificate(*, actor: Any, certificate_id: int) -> Certificate:
    return _change_status(actor, certificate_id, Certificate.RegisterStatus.ACTIVE, "")


@transaction.atomic
def grant_signing_rule(
    *,
    actor: Any,
    agency_id: int,
    user_id: int,
    title: str,
    kind: str = SigningRule.Kind.PERSONAL,
    staff_role: str = Role.LEADER,
    authority: str = "",
    superior_title: str = "",
    valid_from: date | None = None,
    valid_until: date | None = None,
) -> SigningRule:
    """Let a staff member sign for an agency (or change how they sign): one rule per agency, user, kind."""
    require_administrator(actor)
    if authority not in SigningRule.Authority.values:
        raise ValidationFailed(gettext("Thể thức ký không hợp lệ."))
    if authority and not superior_title.strip():
        raise ValidationFailed(gettext("Ký thay, thay mặt, thừa lệnh... cần chức vụ người đứng đầu."))
    if not StaffRole.objects.filter(user_id=user_id, agency_id=agency_id, role=staff_role).exists():
        raise ValidationFailed(gettext("Cán bộ không giữ vai trò này tại cơ quan."))
    rule, _created = SigningRule.objects.update_or_create(
        agency_id=agency_id,
        user_id=user_id,
        kind=kind,
        defaults={
            "staff_role": staff_role,
            "title": title.strip()[:100],
            "authority": authority,
            "superior_title": superior_title.strip()[:100],
            "valid_from": valid_from or now().date(),
            "valid_until": valid_until,
            "is_active": True,
            "created_by": actor if getattr(actor, "pk", None) else None,
            "created_at": now(),
        },
    )
    return rule


@transaction.atomic
def end_signing_rule(*, actor: Any, rule_id: int) -> SigningRule:
    require_administrator(actor)
    rule = SigningRule.objects.select_for_update().get(pk=rule_id)
    rule.is_active = False
    rule.valid_until = now().date()
    rule.save(update_fields=["is_active", "valid_until"])
    return rule


# --- signing -------------------------------------------------------------------------------------


def _require_usable(record: Certificate) -> None:
    status = certificate_status(record)
    if not status.usable:
        raise CertificateNotUsable(
            gettext("Chứng thư số '%(display_name)s' không dùng được để ký: %(value)s.")
            % {"display_name": record.display_name, "value": status.label.lower()}
        )


# Opened PKCS#12 seals, per process: certificate id -> (what they were opened from, signer).
# Opening the file costs a key derivation and an RSA key check (about half a second on a busy
# machine); an agency seals every outgoing message with the same one.
_opened: dict[int, tuple[tuple[object, ...], Signer]] = {}
_opened_lock = threading.Lock()


def forget_opened_signers(certificate_id: int | None = None) -> None:
    """Drop the opened key of one certificate (all when None): its status changed, or a test ends."""
    with _opened_lock:
        if certificate_id is None:
            _opened.clear()
        else:
            _opened.pop(certificate_id, None)


def _pkcs12_stamp(
    record: Certificate, location: Pkcs12Key, chain: list[asn1_x509.Certificate]
) -> tuple[object, ...]:
    """What an opened key depends on. The register status and its change time are in it, so a
    seal revoked or suspended by another process is never used from here: the record is read
    afresh for each signature (by the exchange's worker, for each chunk of at most 20 messages
    sealed within a second or so) and no longer matches."""
    stat = location.path.stat()
    return (
        record.fingerprint_sha256,
        record.register_status,
        record.status_changed_at,
        str(location.path),
        stat.st_mtime_ns,
        stat.st_size,
        hashlib.sha256(conf.secret_from_env(location.passphrase_env).encode()).digest(),
        tuple(c.dump() for c in chain),
    )


@contextlib.contextmanager
def open_certificate_signer(record: Certificate) -> Iterator[Signer]:
    """The pyHanko signer of a register certificate whose key is on the server (PKCS#12 or PKCS#11),
    for signing other than PDFs (edXML messages); refused when the certificate may not sign now.

    A PKCS#12 key stays open in the process while the certificate, its status and its file do not
    change; a PKCS#11 session is opened and closed each time (the token keeps the key).
    """
    _require_usable(record)
    location = key_location(record)
    certificate = load_certificate(bytes(record.der))
    chain = certificate_chain(record)
    if not isinstance(location, Pkcs12Key):
        with open_signer(location, certificate=certificate, chain=chain) as signer:
            yield signer
        return
    try:
        stamp = _pkcs12_stamp(record, location, chain)
    except OSError:
        stamp = None  # a missing file: open_signer says so in its own words
    with _opened_lock:
        opened = _opened.get(record.pk)
    if stamp is not None and opened is not None and opened[0] == stamp:
        yield opened[1]
        return
    with open_signer(location, certificate=certificate, chain=chain) as signer:
        if stamp is not None:
            with _opened_lock:
                _opened[record.pk] = (stamp, signer)
        yield signer


def _image(record: Certificate, fallback: Callable[[], bytes]) -> bytes:
    """The certificate's appearance image; else the placeholder, drawn only then (some 25-60 ms)."""
    if record.appearance_image:
        try:
            with record.appearance_image.open("rb") as handle:
                return handle.read()
        except OSError:
            logger.warning("appearance image of certificate %s is missing", record.pk)
    return fallback()


def _tsa() -> Any:
    url = conf.tsa_url()
    return pdfsign.timestamper(url) if url else None


@dataclass(frozen=True)
class SigningPlan:
    """The two fields of a signed result and the PAdES levels of each signature."""

    layout: appearance.Decree30Layout
    official_level: str
    seal_level: str


def _plan(
    content: bytes, rule: SigningRule, official: Certificate, seal: Certificate, level: str
) -> SigningPlan:
    from pyhanko.pdf_utils.reader import PdfFileReader

    official_block = appearance.OfficialBlock(
        title_lines=rule.title_lines,
        full_name=official.display_name,
        signature_image=_image(official, lambda: images.signature_placeholder_png(official.display_name)),
    )
    agency_name = seal.agency.name if seal.agency else seal.display_name
    seal_block = appearance.SealBlock(
        agency_name=agency_name, seal_image=_image(seal, lambda: images.seal_placeholder_png(agency_name))
    )
    anchor = appearance.find_anchor_box(PdfFileReader(io.BytesIO(content), strict=False))
    if anchor is not None:
        page, box = anchor
        layout = appearance.decree30_layout(
            page=page, official=official_block, seal=seal_block, image_box=box
        )
    else:
        width, _height = pdfsign.page_size(content, pdfsign.page_count(content) - 1)
        origin = (width - (15 + appearance.BLOCK_WIDTH) * appearance.MM, 30 * appearance.MM)
        layout = appearance.decree30_layout(
            page=-1, official=official_block, seal=seal_block, block_origin=origin
        )
    # B-LTA: the official's signature gets its validation data (B-LT); the seal, signed last,
    # adds its own and the document timestamp that covers both.
    official_level = "B-LT" if level == "B-LTA" else level
    return SigningPlan(layout=layout, official_level=official_level, seal_level=level)


def _sign_with(
    record: Certificate, content: bytes, *, placement: appearance.FieldPlacement, level: str, reason: str
) -> bytes:
    location = key_location(record)
    if isinstance(location, Pkcs12Key) and conf.sign_timeout() > 0:
        return _sign_in_worker(record, location, content, placement=placement, level=level, reason=reason)
    with open_signer(
        key_location(record), certificate=load_certificate(bytes(record.der)), chain=certificate_chain(record)
    ) as signer:
        return pdfsign.sign_pdf(
            content,
            signer=signer,
            field_name=placement.name,
            placement=placement,
            level=level,
            tsa=_tsa(),
            trust_roots=trust_roots(),
            reason=reason,
            location=_location(),
            signer_name=record.display_name,
            fetch_policy=fetch_policy(),
        )


def _sign_in_worker(
    record: Certificate,
    location: Pkcs12Key,
    content: bytes,
    *,
    placement: appearance.FieldPlacement,
    level: str,
    reason: str,
) -> bytes:
    """`_sign_with` in a signature worker process (`isolation`): the CPU-bound part of signing runs
    on another core than the request's, and a stuck signing is stopped (SignatureError)."""
    from .isolation import Busy, TimedOut, WorkerCrashed, run_isolated

    tsa = conf.tsa_url()
    try:
        return run_isolated(
            pdfsign.sign_pdf_with_pkcs12_task,
            content,
            {
                "key_path": str(location.path),
                "passphrase": conf.secret_from_env(location.passphrase_env),
                "certificate": bytes(record.der),
                "chain": [c.dump() for c in certificate_chain(record)],
                "tsa_url": tsa or None,
                "trust_roots": [c.dump() for c in trust_roots()],
                "field_name": placement.name,
                "placement": placement,
                "level": level,
                "reason": reason,
                "location": _location(),
                "signer_name": record.display_name,
                "fetch_policy": fetch_policy(),
            },
            timeout=conf.sign_timeout(),
        )
    except (TimedOut, WorkerCrashed, Busy) as exc:
        logger.error("signing in a worker failed: %r", exc)
        raise SignatureError(
            gettext("Không ký được văn bản: hệ thống ký số đang bận hoặc gặp sự cố.")
        ) from exc


def _location() -> str:
    from django.conf import settings

    return str(getattr(settings, "MOTCUA_PROVINCE_NAME", ""))


def _check_signed(signed: bytes) -> Report:
    report = verify_pdf(signed, with_xml=False)
    if report.verdict != Verdict.VALID:
        reasons = "; ".join(r for s in report.signatures for r in s.reasons) or report.message
        raise SignedDocumentRejected(
            gettext("Văn bản sau khi ký không xác minh được nên không được lưu: %(reasons)s")
            % {"reasons": reasons},
            verdict=report.verdict.value,
        )
    return report


def _load_for_signing(dossier_id: int, official: Any) -> tuple[Any, Any, bytes]:
    """The dossier, its latest (unsigned) result and the result's bytes; permissions checked."""
    from motcua.dossiers.models import Dossier
    from motcua.dossiers.permissions import Action, require_permission
    from motcua.dossiers.selectors import latest_result

    try:
        dossier = Dossier.objects.select_related("current_agency").get(pk=dossier_id)
    except Dossier.DoesNotExist as exc:
        raise NotFound(gettext("Không tìm thấy hồ sơ.")) from exc
    result = latest_result(dossier)
    if result is None:
        raise NoResultDocument()
    require_permission(official, Action.RESOLVE, dossier)  # who may approve it signs it
    if result.is_signed:
        raise AlreadySigned()
    with result.file.open("rb") as handle:
        content = handle.read()
    return dossier, result, content


def _signing_parties(
    dossier: Any, official: Any, *, server_key: bool
) -> tuple[SigningRule, Certificate, Certificate]:
    rule = signing_rule_for(official, dossier.current_agency_id, SigningRule.Kind.PERSONAL)
    if rule is None:
        raise NotAllowedToSign()
    personal = usable_personal_certificate(official, server_key=server_key)
    if personal is None:
        raise NoSigningCertificate(
            "Cán bộ chưa có chứng thư số cá nhân còn hiệu lực "
            + ("với khóa trên máy chủ." if server_key else "trên thiết bị ký của mình.")
        )
    seal = usable_seal_certificate(dossier.current_agency_id)
    if seal is None:
        raise NoSigningCertificate(gettext("Cơ quan chưa có chứng thư số (con dấu số) còn hiệu lực."))
    return rule, personal, seal


def _signed_name(name: str) -> str:
    stem = name[:-4] if name.lower().endswith(".pdf") else name
    return f"{stem[:230]}-da-ky-so.pdf"


def _store(
    *,
    dossier: Any,
    source: Any,
    official: Any,
    signed: bytes,
    records: list[tuple[Certificate, str, str, str, bool]],
    at: datetime | None,
) -> Any:
    from motcua.dossiers import services as dossier_services

    with transaction.atomic():
        stored = dossier_services.store_signed_result(
            dossier_id=dossier.pk, actor=official, content=signed, name=_signed_name(source.name), at=at
        )
        moment = stored.created_at
        for certificate, purpose, field_name, level, client_side in records:
            SignatureRecord.objects.create(
                result=stored,
                certificate=certificate,
                signer=official if purpose == SignatureRecord.Purpose.RESULT_OFFICIAL else None,
                purpose=purpose,
                field_name=field_name,
                level=level,
                signed_at=moment,
                client_side=client_side,
            )
    return stored


def sign_result(*, dossier_id: int, leader: Any, level: str | None = None, at: datetime | None = None) -> Any:
    """The leader approves: sign the latest result with the leader's certificate.

    The signature is PAdES B-T (B-LT when the result is to be archived at B-LTA), with the Decree 30
    appearance. The agency seal comes later, from the clerk, after the number and date are filled
    in (Decree 30 Art. 14-16: `seal_issued_result`). The signed PDF is verified before it is stored
    as the new version of the result; returns that ResultDocument.
    """
    level = (level or conf.result_level()).upper()
    if level not in ("B-T", "B-LTA"):
        raise ValidationFailed(gettext("Kết quả được ký ở mức B-T hoặc B-LTA."))
    dossier, source, content = _load_for_signing(dossier_id, leader)
    rule, personal, seal = _signing_parties(dossier, leader, server_key=True)
    _require_usable(personal)
    plan = _plan(content, rule, personal, seal, level)
    reason = f"Phê duyệt kết quả giải quyết hồ sơ {dossier.code}"
    signed = _sign_with(
        personal, content, placement=plan.layout.official, level=plan.official_level, reason=reason
    )
    _check_signed(signed)
    return _store(
        dossier=dossier,
        source=source,
        official=leader,
        signed=signed,
        records=[
            (personal, SignatureRecord.Purpose.RESULT_OFFICIAL, OFFICIAL_FIELD, plan.official_level, False),
        ],
        at=at,
    )


@dataclass(frozen=True)
class _TitleOnly:
    title_lines: tuple[str, ...]


@dataclass(frozen=True)
class Sealed:
    """The issued result's bytes and how the agency's signature was made (for its SignatureRecord)."""

    content: bytes
    certificate: Certificate
    field_name: str
    level: str


def seal_issued_result(*, actor: Any, dossier: Any, content: bytes, notation: str, date_line: str) -> Sealed:
    """The clerk's part of issuing a result the leader signed: number and date, then the agency seal.

    Where the page has the number and date fields (a result we laid out), they are filled in; the
    seal is then signed over the left third of the official's signature (Decree 30 App. I, II.8.a).
    A signed result from elsewhere has no such fields: it is sealed like an attachment, with the
    number and time at the top right of page 1. A result the leader signed for the archive (B-LT)
    is sealed at B-LTA, whose document timestamp covers both signatures.
    """
    agency_id = dossier.current_agency_id
    if (
        signing_rule_for(actor, agency_id, SigningRule.Kind.SEAL) is None
        and signing_rule_for(actor, agency_id, SigningRule.Kind.PERSONAL) is None
    ):
        raise NotAllowedToSign(
            gettext(
                "Cán bộ chưa được giao đóng dấu số (chữ ký số của cơ quan) "
                "nên chưa ban hành được kết quả đã ký."
            )
        )
    seal = usable_seal_certificate(agency_id)
    if seal is None:
        raise NoSigningCertificate(gettext("Cơ quan chưa có chứng thư số (con dấu số) còn hiệu lực."))
    _require_usable(seal)
    official = (
        SignatureRecord.objects.filter(
            result__dossier_id=dossier.pk, purpose=SignatureRecord.Purpose.RESULT_OFFICIAL
        )
        .select_related("certificate")
        .order_by("-id")
        .first()
    )
    archive = official is not None and official.level in ("B-LT", "B-LTA")
    level = "B-LTA" if archive else conf.result_level().upper()
    if official is None or not issuefields.has_issue_fields(content):
        number = f"Số: {notation}"
        stamped = seal_attachment(
            actor=actor, agency_id=agency_id, content=content, notation=number, level=level
        )
        return Sealed(stamped, seal, ATTACHMENT_FIELD, level)
    filled = issuefields.fill_issue_fields(content, issuefields.IssueText(notation, date_line))
    # The seal lands where the official's signing put it: the same layout, from the same page marks.
    plan = _plan(filled, _TitleOnly(("",)), official.certificate, seal, level)  # type: ignore[arg-type]
    sealed = _sign_with(
        seal, filled, placement=plan.layout.seal, level=plan.seal_level, reason=f"Ban hành văn bản {notation}"
    )
    _check_signed(sealed)
    return Sealed(sealed, seal, SEAL_FIELD, plan.seal_level)


def seal_attachment(
    *, actor: Any, agency_id: int, content: bytes, notation: str, level: str = "B-T"
) -> bytes:
    """Seal an attachment in a separate file: no image, number/notation and time at the top right."""
    if (
        signing_rule_for(actor, agency_id, SigningRule.Kind.SEAL) is None
        and signing_rule_for(actor, agency_id, SigningRule.Kind.PERSONAL) is None
    ):
        raise NotAllowedToSign()
    seal = usable_seal_certificate(agency_id)
    if seal is None:
        raise NoSigningCertificate(gettext("Cơ quan chưa có chứng thư số (con dấu số) còn hiệu lực."))
    _require_usable(seal)
    width, height = pdfsign.page_size(content, 0)
    placement = appearance.attachment_field(page_width=width, page_height=height, notation=notation)
    signed = _sign_with(
        seal, content, placement=placement, level=level, reason=f"Văn bản kèm theo {notation}"
    )
    _check_signed(signed)
    return signed


# --- the split flow: the official's own token -------------------------------------------------


@dataclass(frozen=True)
class ClientSigningRequest:
    """What the official's signing component needs: the bytes to sign and how to sign them."""

    session_id: str
    data_to_sign: bytes  # DER of the CMS signed attributes
    digest: bytes  # SHA-256 of data_to_sign, for tokens that sign a pre-hashed value
    algorithm: str
    certificate_fingerprint: str
    expires_at: datetime


def start_client_signing(
    *, dossier_id: int, official: Any, certificate_id: int | None = None, at: datetime | None = None
) -> ClientSigningRequest:
    """Prepare the latest result for signing by the official's own token; returns what to sign."""
    dossier, source, content = _load_for_signing(dossier_id, official)
    rule, personal, seal = _signing_parties(dossier, official, server_key=False)
    if certificate_id is not None:
        chosen = Certificate.objects.filter(
            pk=certificate_id, user=official, kind=Certificate.Kind.PERSONAL
        ).first()
        if chosen is None:
            raise NoSigningCertificate()
        personal = chosen
    _require_usable(personal)
    _require_usable(seal)
    plan = _plan(content, rule, personal, seal, "B-T")
    certificate = load_certificate(bytes(personal.der))
    prepared = pdfsign.run_sync(
        split.prepare(
            content,
            certificate=certificate,
            chain=certificate_chain(personal),
            placement=plan.layout.official,
            field_name=OFFICIAL_FIELD,
            tsa=_tsa(),
            reason=f"Phê duyệt kết quả giải quyết hồ sơ {dossier.code}",
            location=_location(),
            signer_name=personal.display_name,
        )
    )
    moment = at or now()
    session = ClientSigningSession(
        dossier=dossier,
        source_result=source,
        dossier_version=dossier.version,
        official=official,
        certificate=personal,
        signed_attrs=prepared.signed_attrs,
        document_digest=prepared.document_digest,
        reserved_region_start=prepared.reserved_region_start,
        reserved_region_end=prepared.reserved_region_end,
        field_name=OFFICIAL_FIELD,
        level="B-T",
        created_at=moment,
        expires_at=moment + CLIENT_SESSION_TTL,
    )
    session.prepared_pdf.save(f"{session.id}.pdf", ContentFile(prepared.pdf), save=False)
    session.save()
    return ClientSigningRequest(
        session_id=str(session.id),
        data_to_sign=prepared.signed_attrs,
        digest=hashlib.sha256(prepared.signed_attrs).digest(),
        algorithm=split.signature_algorithm(certificate),
        certificate_fingerprint=personal.fingerprint_sha256,
        expires_at=session.expires_at,
    )


def _claim_session(session_id: str, official: Any) -> ClientSigningSession:
    with transaction.atomic():
        try:
            session = (
                ClientSigningSession.objects.select_for_update()
                .select_related("certificate", "dossier", "source_result")
                .get(pk=session_id)
            )
        except (ClientSigningSession.DoesNotExist, ValueError, DjangoValidationError) as exc:
            raise SigningSessionInvalid() from exc
        if session.official_id != getattr(official, "pk", None):
            raise PermissionDenied(gettext("Phiên ký số này của cán bộ khác."))
        if session.state != ClientSigningSession.State.PENDING or session.expires_at <= now():
            raise SigningSessionInvalid()
        # single use: claimed before the slow work, so a replay cannot sign twice
        session.state = ClientSigningSession.State.FAILED
        session.failure_reason = "đang xử lý"
        session.save(update_fields=["state", "failure_reason"])
    return session


def complete_client_signing(
    *, session_id: str, official: Any, signature_value: bytes, at: datetime | None = None
) -> Any:
    """Embed the token's signature, verify, store; returns the new ResultDocument (the clerk seals it
    when issuing)."""
    from motcua.dossiers.selectors import latest_result

    session = _claim_session(session_id, official)
    try:
        dossier = session.dossier
        dossier.refresh_from_db()
        if dossier.version != session.dossier_version or latest_result(dossier) != session.source_result:
            raise SigningSessionInvalid(gettext("Hồ sơ đã thay đổi sau khi chuẩn bị ký; hãy ký lại."))
        _signing_parties(dossier, official, server_key=False)
        _require_usable(session.certificate)
        with session.prepared_pdf.open("rb") as handle:
            prepared_pdf = handle.read()
        prepared = split.Prepared(
            pdf=prepared_pdf,
            document_digest=bytes(session.document_digest),
            reserved_region_start=session.reserved_region_start,
            reserved_region_end=session.reserved_region_end,
            signed_attrs=bytes(session.signed_attrs),
        )
        certificate = load_certificate(bytes(session.certificate.der))
        once = pdfsign.run_sync(
            split.finish(
                prepared,
                certificate=certificate,
                chain=certificate_chain(session.certificate),
                signature_value=signature_value,
                tsa=_tsa(),
            )
        )
        with session.source_result.file.open("rb") as handle:
            original = handle.read()
        if not once.startswith(original):
            raise SigningSessionInvalid(gettext("Văn bản đã ký không chứa đúng bản kết quả đã chuẩn bị."))
        _check_signed(once)
        stored = _store(
            dossier=dossier,
            source=session.source_result,
            official=official,
            signed=once,
            records=[
                (session.certificate, SignatureRecord.Purpose.RESULT_OFFICIAL, OFFICIAL_FIELD, "B-T", True),
            ],
            at=at,
        )
    except Exception as exc:
        ClientSigningSession.objects.filter(pk=session.pk).update(failure_reason=str(exc)[:500])
        raise
    ClientSigningSession.objects.filter(pk=session.pk).update(
        state=ClientSigningSession.State.COMPLETED, failure_reason="", completed_at=now()
    )
    return stored


# --- public verification -------------------------------------------------------------------------


def record_verification(*, report: Report, file_name: str = "") -> VerificationRecord:
    """Keep a public verification's verdict and XML report for download; old ones are purged."""
    moment = now()
    VerificationRecord.objects.filter(
        created_at__lt=moment - timedelta(days=VERIFICATION_RECORD_DAYS)
    ).delete()
    return VerificationRecord.objects.create(
        created_at=moment,
        file_name=file_name[:255],
        sha256=report.sha256,
        size=report.size,
        verdict=report.verdict.value,
        indication=report.indication,
        summary=report.to_dict(),
        xml=report.xml or "",
    )


def verify_upload(
    *, content: bytes, file_name: str = "", with_xml: bool = False
) -> tuple[Report, VerificationRecord]:
    """The public service: verify an uploaded PDF with the province's trust store and keep the report.

    Runs in a worker process with a time limit: the file comes from anybody. The ETSI TS 119 102-2
    XML report is built only when the client asks for it (`with_xml`): it costs CPU for every
    signature and most readers want the verdict. Waits at most `throttling.QUEUE_WAIT` seconds
    for a free worker, else `VerifierBusy` (503)."""
    from .throttling import QUEUE_WAIT

    report = verify_pdf_isolated(content, with_xml=with_xml, wait=QUEUE_WAIT)
    return report, record_verification(report=report, file_name=file_name)


def result_signing_enabled() -> bool:
    """Results are signed at the leader's approval once a timestamp authority is configured."""
    return bool(conf.tsa_url())
