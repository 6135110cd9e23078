"""The XML signature of an edXML message: enveloped XMLDSig, exclusive c14n, RSA/ECDSA with SHA-256.

Signing puts one `Signature` in the XMLDSig namespace (unprefixed, as .NET and the real samples
write it) at the end of `edXMLHeader`, with one reference to the whole document (URI="") and the
signer's certificate chain in `KeyInfo/X509Data`. signxml does the XML work; the private key is any
object with cryptography's `sign()`: an in-memory key, or `SignerKey` around a pyHanko signer, which
reaches a PKCS#12 file or a PKCS#11 token/HSM alike.

Verification finds exactly one XMLDSig `Signature` (an element named Signature in another namespace
is not a signature), checks that it covers the whole message, checks the value with the signer's
certificate, and validates that certificate's chain up to the given trust roots, offline (no
network: revocation is not checked here).
"""

from __future__ import annotations

import base64
import binascii
import copy
import functools
import hashlib
import weakref
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from lxml import etree

from motcua.core.errors import DomainError

from .codes import DS_NS, q
from .errors import BuildError, SignatureProblem
from .limits import DEFAULT_LIMITS, Limits
from .xmlsafe import parse_safely

EXC_C14N = "http://www.w3.org/2001/10/xml-exc-c14n#"
_ACCEPTED_METHODS = (
    "RSA_SHA256",
    "RSA_SHA384",
    "RSA_SHA512",
    "ECDSA_SHA256",
    "ECDSA_SHA384",
    "ECDSA_SHA512",
)
_SHA1_METHODS = ("RSA_SHA1", "ECDSA_SHA1")
_SIGNING_KEY_USAGES = {"digital_signature", "non_repudiation"}
MAX_CERTIFICATES = 10  # in one KeyInfo: a chain is three or four


class SignerKey:
    """A private key as signxml uses it, whose signature is made by a pyHanko `Signer`.

    signxml only calls `sign()` (and reads `key_size` for ECDSA); pyHanko signers sign raw bytes
    with the key wherever it lives, so one adapter serves PKCS#12 files and PKCS#11 tokens.
    """

    def __init__(self, signer: Any, certificate: x509.Certificate) -> None:
        self.signer = signer
        self.key_size = certificate.public_key().key_size  # type: ignore[union-attr]

    def sign(self, data: bytes, *args: Any, **kwargs: Any) -> bytes:
        from motcua.signatures.pdfsign import run_sync

        algorithm = kwargs.get("algorithm")
        if algorithm is None and kwargs.get("signature_algorithm") is not None:
            algorithm = kwargs["signature_algorithm"].algorithm
        if algorithm is None and len(args) == 2:
            algorithm = args[1]
        digest = getattr(algorithm, "name", "sha256")
        return bytes(run_sync(self.signer.async_sign_raw(data, digest)))


# asn1crypto's dump() can walk and re-encode the whole certificate every time (it looks for
# changes; 1.2 ms for the test PKI's objects, most of a seal there, little for the objects that
# `signatures.certs` parses). `signatures.certs` and the trust store hand back the same objects for
# every message, so each object's DER and cryptography's parse of it are kept while it lives.
_ENCODED: weakref.WeakKeyDictionary[asn1_x509.Certificate, tuple[bytes, x509.Certificate]] = (
    weakref.WeakKeyDictionary()
)


def _encoded(certificate: asn1_x509.Certificate) -> tuple[bytes, x509.Certificate]:
    found = _ENCODED.get(certificate)
    if found is None:
        der = certificate.dump()
        found = (der, x509.load_der_x509_certificate(der))
        _ENCODED[certificate] = found
    return found


def _der(certificate: asn1_x509.Certificate) -> bytes:
    return _encoded(certificate)[0]


def _pyca(certificate: x509.Certificate | asn1_x509.Certificate) -> x509.Certificate:
    if isinstance(certificate, x509.Certificate):
        return certificate
    return _encoded(certificate)[1]


def sign(
    xml: bytes,
    *,
    key: Any,
    certificate: x509.Certificate | asn1_x509.Certificate,
    chain: Sequence[x509.Certificate | asn1_x509.Certificate] = (),
    limits: Limits = DEFAULT_LIMITS,
) -> bytes:
    """`xml` with an enveloped XMLDSig signature made with `key`; raise `BuildError` if it cannot be."""
    from signxml import SignatureConstructionMethod

    tree = parse_safely(xml, limits)
    root = tree.root
    header = root.find(f"{q('edXMLEnvelope')}/{q('edXMLHeader')}")
    if root.tag != q("edXML") or header is None:
        raise BuildError("Chỉ ký được thông điệp edXML có edXMLHeader.")
    if root.find(f".//{{{DS_NS}}}Signature") is not None:
        raise BuildError("Thông điệp edXML đã có chữ ký số.")
    signer_cert = _pyca(certificate)
    public_key = signer_cert.public_key()
    if isinstance(public_key, rsa.RSAPublicKey):
        method = "rsa-sha256"
    elif isinstance(public_key, ec.EllipticCurvePublicKey):
        method = "ecdsa-sha256"
    else:
        raise BuildError("Chỉ hỗ trợ ký bằng khóa RSA hoặc ECDSA.")
    etree.SubElement(header, f"{{{DS_NS}}}Signature", nsmap={None: DS_NS}, Id="placeholder")
    signer = _lean_signer_class()(
        method=SignatureConstructionMethod.enveloped,
        signature_algorithm=method,
        digest_algorithm="sha256",
        c14n_algorithm=EXC_C14N,
    )
    signer.namespaces = {None: DS_NS}  # type: ignore[dict-item]
    # signxml re-parses what it signs; with our parser, so that raised limits (huge_tree) hold there too
    signer._parser = _hardened_parser(limits)
    issuers = [_pyca(c) for c in chain]
    certs = [signer_cert, *(c for c in issuers if c != signer_cert)]
    try:
        signed = signer.sign(root, key=key, cert=certs)
    except DomainError:  # KeyUnavailable and the like keep their own code and message
        raise
    except Exception as exc:  # a token's or a library's own error types
        raise BuildError(f"Không ký được thông điệp edXML: {exc}") from exc
    return bytes(etree.tostring(signed, xml_declaration=True, encoding="UTF-8"))


@dataclass(frozen=True)
class SignatureCheck:
    """A valid signature: who signed (from the certificate) and the chain to a trusted root."""

    subject: str
    common_name: str
    organization: str
    issuer: str
    serial_hex: str
    fingerprint_sha256: str
    not_after: datetime
    chain: tuple[str, ...]  # common names, signer first, trust root last
    algorithm: str


def _name(name: asn1_x509.Name, attribute: str) -> str:
    try:
        value = name.native.get(attribute, "")
    except Exception:  # an odd name must not stop verification
        return ""
    return ", ".join(map(str, value)) if isinstance(value, list) else str(value or "")


def verify(
    xml: bytes,
    *,
    trust_roots: Sequence[asn1_x509.Certificate],
    intermediates: Sequence[asn1_x509.Certificate] = (),
    at: datetime | None = None,
    allow_sha1: bool = False,
    limits: Limits = DEFAULT_LIMITS,
) -> SignatureCheck:
    """Check the message's XML signature and its signer's chain; raise `SignatureProblem` when not valid."""
    tree = parse_safely(xml, limits)
    root = tree.root
    found = list(root.iter(f"{{{DS_NS}}}Signature"))
    if not found:
        if any(True for _ in root.iter("{*}Signature", "Signature")):
            raise SignatureProblem(
                "Thông điệp có phần tử Signature nhưng không thuộc không gian tên XMLDSig "
                f"({DS_NS}) nên không phải là chữ ký số.",
                reason="signature_outside_xmldsig",
            )
        raise SignatureProblem("Thông điệp edXML không có chữ ký số.", reason="signature_missing")
    if len(found) > 1:
        raise SignatureProblem("Thông điệp edXML có nhiều hơn một chữ ký số.", reason="several_signatures")
    signature = found[0]
    references = signature.findall(f"{{{DS_NS}}}SignedInfo/{{{DS_NS}}}Reference")
    if len(references) != 1 or references[0].get("URI") != "":
        raise SignatureProblem(
            'Chữ ký số không bao trùm toàn bộ thông điệp edXML (cần một tham chiếu URI="").',
            reason="partial_signature",
        )
    method = signature.find(f"{{{DS_NS}}}SignedInfo/{{{DS_NS}}}SignatureMethod")
    certificates = _certificates(signature)
    signer, algorithm = _check_value(
        xml, certificates, allow_sha1=allow_sha1, method=method, at=at, limits=limits
    )
    chain = _validate_chain(signer, certificates, trust_roots, intermediates, at)
    return SignatureCheck(
        **_signer_fields(signer.public_bytes(Encoding.DER)), chain=chain, algorithm=algorithm
    )


# Who signed, as read from the signer's certificate: the same few seals sign most messages, and
# asn1crypto's names and dump() cost more than the rest of a verification; kept per exact bytes.
@functools.lru_cache(maxsize=256)
def _signer_fields(der: bytes) -> dict[str, Any]:
    cert = asn1_x509.Certificate.load(der)
    return {
        "subject": cert.subject.human_friendly,
        "common_name": _name(cert.subject, "common_name"),
        "organization": _name(cert.subject, "organization_name"),
        "issuer": cert.issuer.human_friendly,
        "serial_hex": f"{cert.serial_number:x}",
        "fingerprint_sha256": hashlib.sha256(der).hexdigest(),
        "not_after": cert.not_valid_after,
    }


def _certificates(signature: etree._Element) -> list[x509.Certificate]:
    texts = ["".join((e.text or "").split()) for e in signature.iter(f"{{{DS_NS}}}X509Certificate")]
    if not texts:
        raise SignatureProblem("Chữ ký số không kèm chứng thư số của bên ký.", reason="no_certificate")
    certificates: list[x509.Certificate] = []
    for text in texts[:MAX_CERTIFICATES]:
        try:
            certificates.append(x509.load_der_x509_certificate(base64.b64decode(text, validate=True)))
        except (binascii.Error, ValueError):
            raise SignatureProblem(
                "Chứng thư số kèm theo chữ ký không đọc được.", reason="certificate_unreadable"
            ) from None
    return certificates


def _check_value(
    xml: bytes,
    certificates: list[x509.Certificate],
    *,
    allow_sha1: bool,
    method: etree._Element | None,
    at: datetime | None,
    limits: Limits,
) -> tuple[x509.Certificate, str]:
    """The certificate whose key verifies the signature value (the signer's is usually first)."""
    from signxml import DigestAlgorithm, SignatureConfiguration, SignatureMethod
    from signxml.exceptions import InvalidDigest, InvalidInput, InvalidSignature

    algorithm = method.get("Algorithm", "") if method is not None else ""
    if "sha1" in algorithm.lower() and not allow_sha1:
        raise SignatureProblem(
            "Chữ ký số dùng thuật toán SHA-1 đã lỗi thời, không được chấp nhận.", reason="weak_algorithm"
        )
    names = _ACCEPTED_METHODS + (_SHA1_METHODS if allow_sha1 else ())
    methods = frozenset(SignatureMethod[n] for n in names)
    digests = frozenset(d for d in DigestAlgorithm if allow_sha1 or "SHA1" not in d.name)
    last: Exception | None = None
    moment = at or datetime.now(UTC)
    # The signer's own certificate is not a CA's: try those first (each try parses the message).
    for candidate in sorted(certificates, key=_is_ca):
        # Validity in time is judged with the chain, at `at`; here only the value and the digests.
        inside = min(max(moment, candidate.not_valid_before_utc), candidate.not_valid_after_utc)
        config = SignatureConfiguration(
            expect_references=1,
            signature_methods=methods,
            digest_algorithms=digests,
            verification_time=inside,
        )
        try:
            _lean_verifier_class()().verify(
                xml, x509_cert=candidate, expect_config=config, parser=_hardened_parser(limits)
            )
        except InvalidDigest as exc:
            raise SignatureProblem(
                "Nội dung thông điệp đã bị thay đổi sau khi ký (sai giá trị băm).", reason="tampered"
            ) from exc
        except InvalidSignature as exc:  # not this certificate's key (or a forged value): try the next
            last = exc
            continue
        except InvalidInput as exc:
            raise SignatureProblem(
                "Chữ ký số không đúng cấu trúc XMLDSig được chấp nhận.", reason="malformed_signature"
            ) from exc
        except Exception as exc:  # schema errors and lxml errors of a crafted signature
            raise SignatureProblem(
                "Chữ ký số không đúng cấu trúc XMLDSig.", reason="malformed_signature"
            ) from exc
        return candidate, algorithm
    raise SignatureProblem(
        "Giá trị chữ ký số không khớp với chứng thư kèm theo hoặc nội dung đã bị thay đổi.",
        reason="bad_signature_value",
    ) from last


# signxml copies the whole message by serializing and parsing it again wherever it might modify a
# tree it was given (two copies to sign; two to verify, plus a parse of the canonical form it
# returns and we never read). For a 100 KB attachment those copies were a third of the XML work.
# The subclasses below skip only the copies that are provably the same document: a root element
# with nothing beside it (a copy of it is the same infoset), in a tree nobody else holds.
@functools.cache
def _lean_signer_class() -> type:
    from signxml import XMLSigner

    class LeanSigner(XMLSigner):
        def get_root(self, data: Any) -> Any:
            # `sign` parses the message itself and hands its root here twice (the document that
            # receives the signature, then the input to canonicalize): a C-level copy of a lone
            # root element is what signxml's serialize-and-parse gives, at a fraction of the cost.
            if isinstance(data, etree._Element) and _lone_root(data):
                return copy.deepcopy(data)
            return super().get_root(data)

    return LeanSigner


@functools.cache
def _lean_verifier_class() -> type:
    from signxml import CanonicalizationMethod, DigestAlgorithm, SignatureConstructionMethod, XMLVerifier
    from signxml.exceptions import InvalidDigest, InvalidSignature
    from signxml.util import _remove_sig
    from signxml.verifier import VerifyResult

    enveloped = SignatureConstructionMethod.enveloped.value

    class LeanVerifier(XMLVerifier):
        """Verifies the tree it parsed from the bytes it was given (`verify(bytes)`, as `_check_value`
        calls it): that tree is its own, so the one reference (URI="", the whole message) is
        digested in place instead of on a copy; anything else goes through signxml unchanged."""

        def _verify_reference(  # type: ignore[no-untyped-def]
            self, reference, index, root, uri_resolver, c14n_algorithm, signature, signature_key_used
        ):
            if index != 0:  # the first reference changed `root`; `verify` refuses more than one anyway
                raise InvalidSignature("Expected exactly one reference")
            transforms_node = self._find(reference, "Transforms", require=False)
            transforms = self._findall(transforms_node, "Transform") if transforms_node is not None else []
            algorithms = [t.get("Algorithm") for t in transforms]
            c14n = [a for a in algorithms if a != enveloped]
            if (
                reference.get("URI") != ""
                or not _lone_root(root)
                or len(c14n) > 1
                or algorithms.count(enveloped) > 1
            ):
                return super()._verify_reference(
                    reference, index, root, uri_resolver, c14n_algorithm, signature, signature_key_used
                )
            try:
                method = (
                    CanonicalizationMethod(c14n[0]) if c14n else self.config.default_reference_c14n_method
                )
            except ValueError:  # a transform signxml does not canonicalize with (base64, XPath...)
                return super()._verify_reference(
                    reference, index, root, uri_resolver, c14n_algorithm, signature, signature_key_used
                )
            if enveloped in algorithms:
                _remove_sig(self._get_signature(root), idempotent=True)
            inclusive = (
                self._get_inclusive_ns_prefixes(transforms[algorithms.index(c14n[0])]) if c14n else None
            )
            payload_c14n = self._c14n(root, algorithm=method, inclusive_ns_prefixes=inclusive)
            digest_alg = DigestAlgorithm(self._find(reference, "DigestMethod").get("Algorithm"))
            self.check_digest_alg_expected(digest_alg)
            if base64.b64decode(self._find(reference, "DigestValue").text) != self._get_digest(
                payload_c14n, digest_alg
            ):
                raise InvalidDigest(f"Digest mismatch for reference {index} ({reference.get('URI')})")
            if isinstance(signature_key_used, bytes):
                signature_key = signature_key_used
            else:
                signature_key = signature_key_used.public_bytes(
                    Encoding.PEM, PublicFormat.SubjectPublicKeyInfo
                )
            # signed_xml (signxml's re-parse of the canonical form) is left out: nobody here reads it
            return VerifyResult(payload_c14n, None, signature, signature_key=signature_key)

    return LeanVerifier


def _lone_root(element: etree._Element) -> bool:
    """The document's root element with no comment or processing instruction beside it."""
    return element.getparent() is None and element.getprevious() is None and element.getnext() is None


def _is_ca(certificate: x509.Certificate) -> bool:
    try:
        return bool(certificate.extensions.get_extension_for_class(x509.BasicConstraints).value.ca)
    except (x509.ExtensionNotFound, ValueError):
        return False


def _hardened_parser(limits: Limits) -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=limits.huge_tree
    )


def _validate_chain(
    signer: x509.Certificate,
    certificates: list[x509.Certificate],
    trust_roots: Sequence[asn1_x509.Certificate],
    intermediates: Sequence[asn1_x509.Certificate],
    at: datetime | None,
) -> tuple[str, ...]:
    """The common names of the path from the signer to a trust root, signer first."""
    if not trust_roots:
        raise SignatureProblem(
            "Kho chứng thư tin cậy trống nên không xác minh được chữ ký số.", reason="no_trust_roots"
        )
    moment = at or datetime.now(UTC)
    return _chain_names(
        signer.public_bytes(Encoding.DER),
        tuple(c.public_bytes(Encoding.DER) for c in certificates if c != signer),
        tuple(_der(c) for c in intermediates),
        tuple(_der(c) for c in trust_roots),
        int(moment.timestamp()) // 60,
    )


# An agency seals every message with the same certificate: its path, once validated against the
# same trust store, stays valid for the rest of the minute (failures are never cached).
@functools.lru_cache(maxsize=256)
def _chain_names(
    signer_der: bytes,
    others: tuple[bytes, ...],
    intermediates: tuple[bytes, ...],
    roots: tuple[bytes, ...],
    minute: int,
) -> tuple[str, ...]:
    from pyhanko_certvalidator import CertificateValidator, ValidationContext
    from pyhanko_certvalidator.errors import (
        ExpiredError,
        InvalidCertificateError,
        NotYetValidError,
        PathBuildingError,
        PathValidationError,
        RevokedError,
    )

    from motcua.signatures.pdfsign import run_sync

    load = asn1_x509.Certificate.load
    signer_cert = load(signer_der)
    context = ValidationContext(
        trust_roots=[load(c) for c in roots],
        other_certs=[load(c) for c in (*intermediates, *others)],
        moment=datetime.fromtimestamp(minute * 60 + 30, UTC),
        allow_fetching=False,
        revocation_mode="soft-fail",
    )
    validator = CertificateValidator(signer_cert, validation_context=context)
    try:
        path = run_sync(validator.async_validate_path())
    except PathBuildingError as exc:
        raise SignatureProblem(
            "Chứng thư số của bên ký không được cấp bởi tổ chức trong kho chứng thư tin cậy.",
            reason="untrusted",
        ) from exc
    except ExpiredError as exc:
        raise SignatureProblem("Chứng thư số của bên ký đã hết hạn.", reason="expired") from exc
    except NotYetValidError as exc:
        raise SignatureProblem("Chứng thư số của bên ký chưa có hiệu lực.", reason="not_yet_valid") from exc
    except RevokedError as exc:
        raise SignatureProblem("Chứng thư số của bên ký đã bị thu hồi.", reason="revoked") from exc
    except (PathValidationError, InvalidCertificateError) as exc:
        raise SignatureProblem("Chuỗi chứng thư số của bên ký không hợp lệ.", reason="invalid_chain") from exc
    except (ValueError, TypeError) as exc:  # asn1crypto parses lazily: a damaged certificate fails here
        raise SignatureProblem("Chứng thư số của bên ký bị hỏng.", reason="malformed_certificate") from exc
    try:
        usage = signer_cert.key_usage_value
    except (ValueError, TypeError) as exc:
        raise SignatureProblem("Chứng thư số của bên ký bị hỏng.", reason="malformed_certificate") from exc
    if usage is not None and not (set(usage.native) & _SIGNING_KEY_USAGES):
        raise SignatureProblem(
            "Chứng thư số của bên ký không được cấp cho mục đích ký số.", reason="wrong_key_usage"
        )
    return tuple(_name(c.subject, "common_name") or c.subject.human_friendly for c in reversed(list(path)))
