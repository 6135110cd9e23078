"""Every write-side action of the document exchange; for now, sealing an outgoing message.

Signing reads the register and uses the key where it lives (PKCS#12 file or PKCS#11 token); it
holds no database lock while the key works.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from cryptography import x509
from django.utils.translation import gettext

from motcua.signatures.certs import load_certificate, load_certificates
from motcua.signatures.errors import NoSigningCertificate, NotAllowedToSign, SignedDocumentRejected
from motcua.signatures.keys import LoadedKeySigner
from motcua.signatures.selectors import trust_store, usable_seal_certificate
from motcua.signatures.services import open_certificate_signer

from .. import edxml
from ..permissions import may_seal_messages


def sign_with_agency_seal(
    *,
    actor: Any,
    agency_id: int,
    xml: bytes,
    at: datetime | None = None,
    trust: tuple[list[Any], list[Any]] | None = None,
    seals: dict[int, Any] | None = None,
) -> bytes:
    """The edXML message signed (enveloped XMLDSig) with the agency's seal from the certificate register.

    The signed message is verified against the trust store before it is returned: a message its
    receivers would refuse is never sent. `trust`: (roots, intermediates) as `trust_store()` gave
    them a moment ago, when the caller seals several messages in a row; read here otherwise.
    `seals`: the agencies' usable seal records by agency, kept by a caller that seals a chunk of
    messages within a second (the worker: a record revoked meanwhile is not used for the next chunk);
    the record is read here and kept there when missing.
    """
    if not may_seal_messages(actor, agency_id):
        raise NotAllowedToSign(gettext("Cán bộ không được giao đóng dấu số của cơ quan cho văn bản điện tử."))
    seal = seals.get(agency_id) if seals is not None else None
    if seal is None:
        seal = usable_seal_certificate(agency_id, at=at)
        if seals is not None and seal is not None:
            seals[agency_id] = seal
    if seal is None:
        raise NoSigningCertificate(gettext("Cơ quan chưa có chứng thư số (con dấu số) còn hiệu lực."))
    certificate = load_certificate(bytes(seal.der))
    # KeyInfo carries the issuing chain; the receivers hold the roots in their own trust store.
    issuers = (
        [c for c in load_certificates(seal.chain_pem.encode()) if c.self_signed == "no"]
        if seal.chain_pem.strip()
        else []
    )
    with open_certificate_signer(seal) as signer:
        # A key in memory goes to signxml as it is; a token's key is reached through pyHanko.
        key: Any = (
            signer.private_key
            if isinstance(signer, LoadedKeySigner)
            else edxml.SignerKey(signer, x509.load_der_x509_certificate(certificate.dump()))
        )
        signed = edxml.sign(xml, key=key, certificate=certificate, chain=issuers)
    try:
        roots, intermediates = trust if trust is not None else trust_store()
        edxml.verify(signed, trust_roots=roots, intermediates=intermediates, at=at)
    except edxml.SignatureProblem as exc:
        raise SignedDocumentRejected(
            gettext("Thông điệp edXML sau khi ký không xác minh được nên không được gửi: %(message)s")
            % {"message": exc.message}
        ) from exc
    return signed
