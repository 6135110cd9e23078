"""One side of an exchange in the test database: our agency, a remote peer and its agency, signed mail.

`signed_by_remote` seals a message with the test PKI's seal key, whose root the trust store holds,
as the other system would; `unsigned` and `signed_by_rogue` are the hostile variants.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from motcua.agencies.models import Agency
from motcua.dossiers.tests.factories import AgencyFactory
from motcua.exchange import edxml
from motcua.exchange.models import InboxDocument, Peer, RemoteOrgan
from motcua.exchange.tests import factories
from motcua.signatures import services as signature_services
from motcua.signatures.testing.pki import Pki

SYSTEM = signature_services.SYSTEM


@dataclass
class World:
    pki: Pki
    agency: Agency  # ours
    peer: Peer
    remote: RemoteOrgan

    def sign(self, message: edxml.Message, *, label: str = "seal") -> bytes:
        return edxml.sign(
            edxml.build(message),
            key=factories.private_key(self.pki, label),
            certificate=self.pki.cert(label),
            chain=self.pki.chain(label),
        )


def receiving_world(pki: Pki, *, transport: str = Peer.Transport.DIRECT) -> World:
    """We are the receiver (Sở Nội vụ); the sender (Sở Tư pháp) is on another system."""
    signature_services.add_trust_anchors(actor=SYSTEM, data=pki.cert_pem("root"))
    agency = AgencyFactory(code=factories.RECEIVER.organ_id, name=factories.RECEIVER.organ_name)
    peer = Peer.objects.create(name="Hệ thống tỉnh bạn", transport=transport, url="https://127.0.0.1:1/")
    remote = RemoteOrgan.objects.create(
        organ_id=factories.SENDER.organ_id, name=factories.SENDER.organ_name, peer=peer
    )
    return World(pki, agency, peer, remote)


def sending_world(pki: Pki, *, transport: str = Peer.Transport.DIRECT) -> World:
    """We are the sender (Sở Tư pháp); the receiver (Sở Nội vụ) is on another system."""
    signature_services.add_trust_anchors(actor=SYSTEM, data=pki.cert_pem("root"))
    agency = AgencyFactory(code=factories.SENDER.organ_id, name=factories.SENDER.organ_name)
    peer = Peer.objects.create(name="Hệ thống tỉnh bạn", transport=transport, url="https://127.0.0.1:1/")
    remote = RemoteOrgan.objects.create(
        organ_id=factories.RECEIVER.organ_id, name=factories.RECEIVER.organ_name, peer=peer
    )
    return World(pki, agency, peer, remote)


def numbered_edoc(number: int, **changes: Any) -> edxml.EDoc:
    """A distinct document of the sender: its own number, so its own DocumentId."""
    code = edxml.Code(str(number), "STP-VP")
    base = factories.edoc()
    doc = dataclasses.replace(
        base,
        code=code,
        document_id=edxml.document_id_for(base.from_.organ_id, base.promulgation.promulgation_date, code),  # type: ignore[arg-type]
    )
    return dataclasses.replace(doc, **changes)


def status_about(document_id: str, code: str, **changes: Any) -> edxml.StatusMessage:
    base = factories.status(code)
    return dataclasses.replace(
        base, response_for=dataclasses.replace(base.response_for, document_id=document_id), **changes
    )


def inbox(document_id: str) -> InboxDocument:
    return InboxDocument.objects.get(document_id=document_id)


SEAL_PASSPHRASE_ENV = "MOTCUA_TEST_EXCHANGE_SEAL"
SEAL_PASSPHRASE = "mat-khau-con-dau-lien-thong"


def give_seal(world: World, directory: Any, label: str = "seal") -> None:
    """Our agency's seal (PKCS#12 on the server) in the register, so the worker can seal messages.

    The caller sets MOTCUA_SIGNATURE_KEY_DIR and the passphrase variable (see the `sealed` fixture).
    """
    from motcua.signatures.models import Certificate

    signature_services.import_certificate(
        actor=SYSTEM,
        data=world.pki.pkcs12(label, SEAL_PASSPHRASE.encode(), directory).read_bytes(),
        kind=Certificate.Kind.AGENCY_SEAL,
        agency_id=world.agency.pk,
        passphrase_env=SEAL_PASSPHRASE_ENV,
    )
