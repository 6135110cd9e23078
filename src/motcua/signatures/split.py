"""The split ("interrupted") signing flow for an official's own token, with pyHanko.

1. `prepare`: the server adds the signature field and its appearance, reserves room for the
   signature, digests the document and builds the CMS signed attributes (~200 bytes).
2. The official's signing component signs the DER of those attributes with the token's key
   (RSASSA-PKCS1-v1_5 or ECDSA, SHA-256) and returns the raw signature value.
3. `finish`: the server checks the value against the certificate, builds the CMS container,
   adds the signature timestamp (B-T), writes it into the reserved room, and returns the PDF.

Pure functions on bytes; the service layer keeps the state between 1 and 3.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from asn1crypto import cms
from asn1crypto import x509 as asn1_x509
from pyhanko.sign import fields
from pyhanko.sign.signers import ExternalSigner
from pyhanko.sign.signers.pdf_byterange import PreparedByteRangeDigest
from pyhanko.sign.signers.pdf_signer import PdfSignatureMetadata, PdfSigner, PdfTBSDocument
from pyhanko.sign.timestamps import TimeStamper
from pyhanko_certvalidator.registry import SimpleCertificateStore

from .appearance import FieldPlacement
from .errors import SignatureError
from .pdfsign import _writer

MD_ALGORITHM = "sha256"


@dataclass(frozen=True)
class Prepared:
    pdf: bytes  # the document with the signature field and an empty, reserved /Contents
    document_digest: bytes
    reserved_region_start: int
    reserved_region_end: int
    signed_attrs: bytes  # DER: what the token signs

    @property
    def data_to_sign(self) -> bytes:
        return self.signed_attrs


def _signature_size(certificate: asn1_x509.Certificate) -> int:
    key = certificate.public_key
    if key.algorithm == "rsa":
        return (key.bit_size + 7) // 8
    return 2 * ((key.bit_size + 7) // 8) + 9  # DER ECDSA signature, upper bound


def signature_algorithm(certificate: asn1_x509.Certificate) -> str:
    """How the client must sign: named as WebCrypto / PKCS#11 users know it."""
    return "RSASSA-PKCS1-v1_5/SHA-256" if certificate.public_key.algorithm == "rsa" else "ECDSA/SHA-256"


def _external_signer(
    certificate: asn1_x509.Certificate, chain: list[asn1_x509.Certificate], value: bytes | int
) -> ExternalSigner:
    return ExternalSigner(
        signing_cert=certificate,
        cert_registry=SimpleCertificateStore.from_certs(chain),
        signature_value=value,
    )


async def prepare(
    data: bytes,
    *,
    certificate: asn1_x509.Certificate,
    chain: list[asn1_x509.Certificate],
    placement: FieldPlacement | None,
    field_name: str,
    tsa: TimeStamper | None,
    reason: str | None = None,
    location: str | None = None,
    signer_name: str | None = None,
) -> Prepared:
    writer = _writer(data)
    new_field = None
    if placement is not None:
        page = (
            placement.page if placement.page >= 0 else int(writer.root["/Pages"]["/Count"]) + placement.page
        )
        new_field = fields.SigFieldSpec(
            sig_field_name=placement.name,
            on_page=page,
            box=tuple(round(v, 2) for v in placement.box),  # type: ignore[arg-type]
        )
    signer = _external_signer(certificate, chain, _signature_size(certificate))
    meta = PdfSignatureMetadata(
        field_name=field_name,
        md_algorithm=MD_ALGORITHM,
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason,
        location=location,
        name=signer_name,
    )
    pdf_signer = PdfSigner(
        meta,
        signer=signer,
        timestamper=tsa,  # only to size the reserved room: the timestamp itself comes in `finish`
        stamp_style=placement.style if placement is not None else None,
        new_field_spec=new_field,
    )
    prepared_digest, _tbs, output = await pdf_signer.async_digest_doc_for_signing(writer)
    signed_attrs = await signer.signed_attrs(prepared_digest.document_digest, MD_ALGORITHM, use_pades=True)
    output.seek(0)
    return Prepared(
        pdf=output.read(),
        document_digest=prepared_digest.document_digest,
        reserved_region_start=prepared_digest.reserved_region_start,
        reserved_region_end=prepared_digest.reserved_region_end,
        signed_attrs=signed_attrs.dump(),
    )


def check_signature_value(certificate: asn1_x509.Certificate, signed_attrs: bytes, value: bytes) -> bool:
    """Does `value` sign `signed_attrs` with the certificate's key?"""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
    from cryptography.hazmat.primitives.serialization import load_der_public_key

    key = load_der_public_key(certificate.public_key.dump())
    try:
        if isinstance(key, rsa.RSAPublicKey):
            key.verify(value, signed_attrs, padding.PKCS1v15(), hashes.SHA256())
        elif isinstance(key, ec.EllipticCurvePublicKey):
            key.verify(value, signed_attrs, ec.ECDSA(hashes.SHA256()))
        else:
            return False
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True


async def finish(
    prepared: Prepared,
    *,
    certificate: asn1_x509.Certificate,
    chain: list[asn1_x509.Certificate],
    signature_value: bytes,
    tsa: TimeStamper | None,
) -> bytes:
    if not check_signature_value(certificate, prepared.signed_attrs, signature_value):
        raise SignatureError("Chữ ký trả về không khớp với chứng thư số hoặc với văn bản đã chuẩn bị.")
    signer = _external_signer(certificate, chain, signature_value)
    signed_attrs = cms.CMSAttributes.load(prepared.signed_attrs)
    container = await signer.async_sign_prescribed_attributes(MD_ALGORITHM, signed_attrs, timestamper=tsa)
    output = io.BytesIO(prepared.pdf)
    digest = PreparedByteRangeDigest(
        document_digest=prepared.document_digest,
        reserved_region_start=prepared.reserved_region_start,
        reserved_region_end=prepared.reserved_region_end,
    )
    try:
        await PdfTBSDocument.async_finish_signing(output, digest, container)
    except Exception as exc:  # e.g. the container does not fit the reserved room
        raise SignatureError("Không gắn được chữ ký vào văn bản.") from exc
    return output.getvalue()
