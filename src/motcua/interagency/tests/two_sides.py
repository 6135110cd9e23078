"""Two motcua instances in one test database: the handing side (A) and the receiving side (B).

Each side has its own agencies and staff; A's catalogue holds a stand-in agency for B's agency
(`RemoteOrgan.agency`), as a real deployment does. The network is `deliver()`: every pending
outbox row is sealed with the test PKI's seal, as the worker would, and handed to the receiving
side's `receive_message` with the sending side's peer, as the direct inbox would after the mutual
TLS handshake. Both sides share one procedure (one catalogue in one database): steps 1–2 are A's
(the second at the stand-in), steps 3–4 B's.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from django.test import TestCase
from django.utils import timezone

from motcua.accounts.models import User
from motcua.agencies.models import Agency, Role, Unit
from motcua.catalog.models import ProcedureVersion
from motcua.catalog.services import publish_procedure_version, upsert_sector
from motcua.dossiers import services
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.factories import (
    APPLICANT,
    FORM_DATA,
    FORM_SCHEMA,
    AgencyFactory,
    UnitFactory,
    pdf,
    staff,
)
from motcua.exchange import edxml
from motcua.exchange.models import OutboxMessage, Peer, RemoteOrgan
from motcua.exchange.services import receive_message
from motcua.exchange.tests import factories as exchange_factories
from motcua.signatures import services as signature_services
from motcua.signatures.testing.pki import Pki

_codes = itertools.count(1)


@dataclass
class TwoSides:
    pki: Pki
    a: Agency  # Sở Tư pháp, on instance A
    a_one_stop: Unit
    a_intake: User
    stand_in: Agency  # Sở Xây dựng as A's catalogue knows it
    stand_in_unit: Unit
    b: Agency  # Sở Xây dựng, on instance B
    b_one_stop: Unit
    b_unit: Unit
    b_intake: User
    b_specialist: User
    b_leader: User
    b_clerk: User
    version: ProcedureVersion
    peers: dict[str, Peer]  # organ code → the peer its messages come through

    def seal(self, row: OutboxMessage) -> bytes:
        """The message as the worker sends it: sealed (with the test PKI's seal, for both sides)."""
        return edxml.sign(
            bytes(row.xml),
            key=exchange_factories.private_key(self.pki, "seal"),
            certificate=self.pki.cert("seal"),
            chain=self.pki.chain("seal"),
        )

    def deliver(self) -> int:
        """Send every pending message once, in order, as the worker and the inbox would."""
        sent = 0
        while True:
            pending = list(OutboxMessage.objects.filter(state=OutboxMessage.State.PENDING).order_by("id"))
            if not pending:
                return sent
            for row in pending:
                signed = self.seal(row)
                OutboxMessage.objects.filter(pk=row.pk).update(
                    state=OutboxMessage.State.SENT, signed=signed, sent_at=timezone.now()
                )
                # The inbox's commit announces what it accepted (the receiving side registers it).
                with TestCase.captureOnCommitCallbacks(execute=True):
                    receive_message(signed, transport=Peer.Transport.DIRECT, peer=self.peers[row.agency.code])
                sent += 1

    def hand_over(self) -> Dossier:
        """A citizen's dossier filed at A's counter and handed by A's one-stop to B (via the stand-in)."""
        dossier = services.register_at_counter(
            officer=self.a_intake,
            procedure_code=self.version.procedure.code,
            applicant=APPLICANT,
            form_data=FORM_DATA,
            documents=[(self.version.required_documents.get().pk, pdf("to-khai.pdf"))],
        )
        services.forward_dossier(
            dossier_id=dossier.pk, actor=self.a_intake, note="Đề nghị Sở Xây dựng thẩm định."
        )
        dossier.refresh_from_db()
        return dossier


def two_sides(pki: Pki) -> TwoSides:
    signature_services.add_trust_anchors(actor=signature_services.SYSTEM, data=pki.cert_pem("root"))
    n = next(_codes)
    province = AgencyFactory(kind=Agency.Kind.PROVINCE, name="UBND tỉnh")
    a = AgencyFactory(parent=province, name="Sở Tư pháp")
    a_one_stop = UnitFactory(agency=a, code="VP", name="Văn phòng Sở (Một cửa)", is_one_stop=True)
    stand_in = AgencyFactory(parent=province, name="Sở Xây dựng (hệ thống tỉnh bạn)")
    stand_in_unit = UnitFactory(agency=stand_in, code="LT", name="Tiếp nhận liên thông")
    b = AgencyFactory(parent=province, name="Sở Xây dựng")
    b_one_stop = UnitFactory(agency=b, code="VP", name="Văn phòng Sở Xây dựng (Một cửa)", is_one_stop=True)
    b_unit = UnitFactory(agency=b, code="QLXD", name="Phòng Quản lý xây dựng")
    peer_of_a = Peer.objects.create(
        name="Hệ thống motcua A", transport=Peer.Transport.DIRECT, url="https://a/"
    )
    peer_of_b = Peer.objects.create(
        name="Hệ thống motcua B", transport=Peer.Transport.DIRECT, url="https://b/"
    )
    # B's register: A's agency comes through peer A. A's register: B's agency through peer B, and
    # the stand-in agency of A's catalogue is that organ.
    RemoteOrgan.objects.create(organ_id=a.code, name=a.name, peer=peer_of_a)
    RemoteOrgan.objects.create(organ_id=b.code, name=b.name, peer=peer_of_b, agency=stand_in)
    version = publish_procedure_version(
        code=f"9.{n:06d}",
        sector=upsert_sector(code="LTXD", name="Liên thông xây dựng"),
        name="Cấp giấy phép xây dựng (liên thông)",
        competent_agency=a,
        receiving_agencies=[a],
        processing_time=10,
        processing_time_unit="day",
        form_schema=FORM_SCHEMA,
        required_documents=[{"name": "Đơn đề nghị", "copy_type": "original", "is_mandatory": True}],
        fees=[],
        workflow_steps=[
            {
                "name": "Tiếp nhận",
                "unit": a_one_stop,
                "role": Role.INTAKE_OFFICER,
                "allotted_time": 4,
                "allotted_unit": "hour",
            },
            {
                "name": "Chuyển Sở Xây dựng",
                "unit": stand_in_unit,
                "role": Role.SPECIALIST,
                "allotted_time": 5,
                "allotted_unit": "day",
            },
            {
                "name": "Thẩm định",
                "unit": b_unit,
                "role": Role.SPECIALIST,
                "allotted_time": 3,
                "allotted_unit": "day",
            },
            {
                "name": "Phê duyệt",
                "unit": b_unit,
                "role": Role.LEADER,
                "allotted_time": 4,
                "allotted_unit": "hour",
            },
        ],
    )
    return TwoSides(
        pki=pki,
        a=a,
        a_one_stop=a_one_stop,
        a_intake=staff(a, Role.INTAKE_OFFICER, a_one_stop),
        stand_in=stand_in,
        stand_in_unit=stand_in_unit,
        b=b,
        b_one_stop=b_one_stop,
        b_unit=b_unit,
        b_intake=staff(b, Role.INTAKE_OFFICER, b_one_stop),
        b_specialist=staff(b, Role.SPECIALIST, b_unit),
        b_leader=staff(b, Role.LEADER, b_unit),
        b_clerk=staff(b, Role.CLERK, b_one_stop),
        version=version,
        peers={a.code: peer_of_a, b.code: peer_of_b},
    )


def process_at_b(sides: TwoSides, dossier_id: int, result: bytes | None = None) -> None:
    """B's officers, with their ordinary actions: examine, forward, approve, issue, return. `result`:
    the result's PDF (by default an unsigned one)."""
    from motcua.documents.services import issue_result
    from motcua.dossiers.tests.factories import PDF_BYTES

    services.forward_dossier(dossier_id=dossier_id, actor=sides.b_specialist, note="Đủ điều kiện cấp phép.")
    services.attach_result(
        dossier_id=dossier_id,
        actor=sides.b_leader,
        content=result or PDF_BYTES,
        name="giay-phep.pdf",
        signed=result is not None,
    )
    services.resolve_dossier(
        dossier_id=dossier_id, actor=sides.b_leader, result_summary="Cấp giấy phép xây dựng"
    )
    issue_result(dossier_id=dossier_id, actor=sides.b_clerk)
    services.return_result(dossier_id=dossier_id, actor=sides.b_intake, method="electronic")
