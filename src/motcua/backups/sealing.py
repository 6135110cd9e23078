"""The backup manifest's signature: made with the installation's seal, checked before a restore.

The manifest lists every member's sha256, so a valid signature over it vouches for the whole archive.
The seal is the one that signs the checkpoints (`MOTCUA_ANCHOR_AGENCY`, by default the province's).
A backup made where no seal is configured says so in its manifest; restoring it, or any archive
whose signature is missing or not trusted here, needs `--allow-unsigned` and is reported loudly.
A signature that does not match the manifest is refused even then: the manifest was changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from motcua.core.errors import DomainError
from motcua.dossiers.anchors import conf as anchor_conf
from motcua.signatures import conf as signature_conf
from motcua.signatures.detached import records_seal, sign_detached, verify_detached
from motcua.signatures.errors import TimestampUnavailable

from .archive import Manifest
from .errors import RestoreRefused

NO_SEAL = "Máy chủ chưa có con dấu số (chứng thư số cơ quan có khóa trên máy chủ) để ký bản sao lưu."


@dataclass(frozen=True)
class ManifestSignature:
    """What a backup did about signing its manifest."""

    seal: dict[str, str]  # as written in the manifest
    signature: bytes | None
    signer: str = ""
    timestamped: bool = False
    problem: str = ""  # why a seal that exists could not sign (the backup is then unsigned)


def sign_manifest(manifest: Manifest) -> tuple[Manifest, bytes, ManifestSignature]:
    """The manifest as written (its `seal` filled in), its bytes, and the signature, if any.

    A TSA that does not answer costs the timestamp, not the signature; a seal whose key cannot be
    used leaves the backup unsigned, with the reason in the manifest (`problem` says it too).
    """
    certificate = records_seal(anchor_conf.agency_code())
    if certificate is None:
        unsigned = _with_seal(manifest, {"unsigned": NO_SEAL})
        return unsigned, unsigned.to_json(), ManifestSignature(unsigned.seal, None)
    facts = {
        "agency": certificate.agency.code if certificate.agency else "",
        "certificate": certificate.fingerprint_sha256,
    }
    signed = _with_seal(manifest, facts)
    raw = signed.to_json()
    try:
        try:
            signature, timestamped = (
                sign_detached(raw, certificate=certificate),
                bool(signature_conf.tsa_url()),
            )
        except TimestampUnavailable:
            signature, timestamped = sign_detached(raw, certificate=certificate, tsa_url=""), False
    except DomainError as exc:
        problem = f"Không ký được manifest bằng con dấu '{certificate.display_name}': {exc.message}"
        unsigned = _with_seal(manifest, {"unsigned": problem})
        return unsigned, unsigned.to_json(), ManifestSignature(unsigned.seal, None, problem=problem)
    return (
        signed,
        raw,
        ManifestSignature(signed.seal, signature, signer=certificate.display_name, timestamped=timestamped),
    )


def _with_seal(manifest: Manifest, seal: dict[str, str]) -> Manifest:
    from dataclasses import replace

    return replace(manifest, seal=seal)


@dataclass(frozen=True)
class SealCheck:
    """What restore found about the manifest's signature."""

    signed: bool
    trusted: bool
    signer: str = ""
    timestamp: datetime | None = None
    warning: str = ""  # set when the archive is accepted without a trusted signature

    @property
    def ok(self) -> bool:
        return self.signed and self.trusted


class ManifestSealChecker:
    """The `check_seal` callback of `archive.open_checked`; remembers what it found."""

    def __init__(self, *, allow_unsigned: bool) -> None:
        self.allow_unsigned = allow_unsigned
        self.result = SealCheck(signed=False, trusted=False)

    def __call__(self, manifest: Manifest, raw: bytes, signature: bytes | None) -> None:
        if signature is None:
            why = manifest.seal.get("unsigned") or "bản sao lưu không có tệp chữ ký manifest.json.p7s"
            self._untrusted(f"Bản sao lưu CHƯA ĐƯỢC KÝ: {why}", signed=False)
            return
        check = verify_detached(raw, signature)
        if not check.intact:
            raise RestoreRefused(
                f"Chữ ký của manifest.json không khớp với nội dung ({check.problem}): bản sao lưu đã bị "
                "sửa sau khi ký. Từ chối phục hồi."
            )
        if not check.ok:
            self._untrusted(
                f"Chữ ký của bản sao lưu không được tin cậy trên máy này ({check.problem}).",
                signed=True,
                signer=check.signer,
            )
            return
        self.result = SealCheck(signed=True, trusted=True, signer=check.signer, timestamp=check.timestamp)

    def _untrusted(self, message: str, **facts: Any) -> None:
        if not self.allow_unsigned:
            raise RestoreRefused(
                f"{message} Từ chối phục hồi: chỉ phục hồi bản sao lưu có chữ ký hợp lệ của con dấu cơ quan, "
                "hoặc chạy lại với --allow-unsigned nếu chắc chắn bản sao lưu đến từ nguồn tin cậy."
            )
        self.result = SealCheck(
            trusted=False, warning=f"{message} Vẫn phục hồi vì có --allow-unsigned.", **facts
        )
