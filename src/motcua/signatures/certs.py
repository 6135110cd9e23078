"""Reading certificates and PKCS#12 files: pure functions, no database."""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass
from datetime import datetime

from asn1crypto import pem
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives.serialization import pkcs12

from .errors import CertificateUnreadable, WrongPassphrase

MAX_CERTIFICATE_FILE_BYTES = 256 * 1024


@dataclass(frozen=True)
class CertificateInfo:
    """What the register shows of one certificate."""

    der: bytes
    subject: str
    subject_common_name: str
    subject_organization: str
    issuer: str
    serial_hex: str
    not_before: datetime
    not_after: datetime
    key_usage: tuple[str, ...]
    extended_key_usage: tuple[str, ...]
    is_ca: bool
    self_signed: bool
    fingerprint_sha256: str

    @property
    def asn1(self) -> asn1_x509.Certificate:
        return asn1_x509.Certificate.load(self.der)


def _name_attr(name: asn1_x509.Name, attr: str) -> str:
    try:
        value = name.native.get(attr, "")
    except Exception:  # a strange name must not stop the import
        return ""
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value or "")


def describe(cert: asn1_x509.Certificate) -> CertificateInfo:
    """The register's view of an asn1crypto certificate."""
    der = cert.dump()
    key_usage = tuple(sorted(cert.key_usage_value.native)) if cert.key_usage_value else ()
    eku = tuple(sorted(cert.extended_key_usage_value.native)) if cert.extended_key_usage_value else ()
    validity = cert["tbs_certificate"]["validity"]
    return CertificateInfo(
        der=der,
        subject=cert.subject.human_friendly,
        subject_common_name=_name_attr(cert.subject, "common_name"),
        subject_organization=_name_attr(cert.subject, "organization_name"),
        issuer=cert.issuer.human_friendly,
        serial_hex=format(cert.serial_number, "X"),
        not_before=validity["not_before"].native,
        not_after=validity["not_after"].native,
        key_usage=key_usage,
        extended_key_usage=eku,
        is_ca=bool(cert.ca),
        self_signed=cert.self_signed != "no",
        fingerprint_sha256=hashlib.sha256(der).hexdigest(),
    )


def load_certificates(data: bytes) -> list[asn1_x509.Certificate]:
    """Every certificate in a PEM bundle, or the one certificate in a DER file."""
    if not data or len(data) > MAX_CERTIFICATE_FILE_BYTES:
        raise CertificateUnreadable()
    return list(_parsed(bytes(data)))


# The same few certificates (a seal, its chain, the trust store) are read again for every message
# sealed or verified, and asn1crypto's full parse is most of a seal's cost: a parse is kept per
# exact bytes (a failure is never kept). The objects are fully parsed, hence read-only in practice.
@functools.lru_cache(maxsize=128)
def _parsed(data: bytes) -> tuple[asn1_x509.Certificate, ...]:
    try:
        if pem.detect(data):
            found = [
                asn1_x509.Certificate.load(der)
                for kind, _headers, der in pem.unarmor(data, multiple=True)
                if kind in ("CERTIFICATE", "X509 CERTIFICATE", "TRUSTED CERTIFICATE")
            ]
        else:
            found = [asn1_x509.Certificate.load(data)]
        for cert in found:
            cert.native  # noqa: B018 - force a full parse now, not later in a signing run
    except Exception as exc:  # asn1crypto raises many kinds of errors
        raise CertificateUnreadable() from exc
    if not found:
        raise CertificateUnreadable()
    return tuple(found)


def load_certificate(data: bytes) -> asn1_x509.Certificate:
    return load_certificates(data)[0]


@dataclass(frozen=True)
class Pkcs12Contents:
    certificate: asn1_x509.Certificate
    chain: list[asn1_x509.Certificate]
    has_key: bool


def read_pkcs12(data: bytes, passphrase: str) -> Pkcs12Contents:
    """Open a PKCS#12 file to check the passphrase and read its certificate; the key stays inside."""
    if not data or len(data) > MAX_CERTIFICATE_FILE_BYTES:
        raise CertificateUnreadable()
    try:
        key, cert, extra = pkcs12.load_key_and_certificates(data, passphrase.encode() if passphrase else None)
    except ValueError as exc:
        message = str(exc).lower()
        if "password" in message or "mac" in message or "decrypt" in message:
            raise WrongPassphrase() from exc
        raise CertificateUnreadable() from exc
    if cert is None:
        raise CertificateUnreadable("Tệp PKCS#12 không chứa chứng thư số.")
    from cryptography.hazmat.primitives.serialization import Encoding

    return Pkcs12Contents(
        certificate=asn1_x509.Certificate.load(cert.public_bytes(Encoding.DER)),
        chain=[asn1_x509.Certificate.load(c.public_bytes(Encoding.DER)) for c in extra or []],
        has_key=key is not None,
    )


def is_pkcs12(data: bytes) -> bool:
    """A PKCS#12 file is a DER SEQUENCE whose first element is the version INTEGER 3."""
    return len(data) > 8 and data[0] == 0x30 and b"\x02\x01\x03" in data[:8] and not pem.detect(data)
