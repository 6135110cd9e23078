"""An edXML document carrying an infected attachment is refused with 02 and the reason, and the
attachment is quarantined; with clamd down (refuse) the message is not taken at all, so the sender's
retry brings it again."""

from __future__ import annotations

import dataclasses

import pytest

from motcua.antivirus.errors import ScannerUnavailable
from motcua.antivirus.models import QuarantinedFile
from motcua.antivirus.tests.clamd_server import EICAR, EICAR_SIGNATURE
from motcua.exchange import edxml
from motcua.exchange.models import InboxDocument
from motcua.exchange.services import receive_message
from motcua.exchange.tests.world import World, numbered_edoc, receiving_world
from motcua.signatures.testing.pki import Pki


@pytest.fixture
def world(db: None, pki: Pki) -> World:
    return receiving_world(pki)


def with_attachment(number: int, data: bytes) -> edxml.EDoc:
    attachment = edxml.Attachment(
        content_id="tep1", name="cong-van.pdf", data=data, content_type="application/pdf"
    )
    return dataclasses.replace(numbered_edoc(number), attachments=(attachment,))


def test_an_infected_attachment_is_refused_and_quarantined(scanning, world: World) -> None:  # type: ignore[no-untyped-def]
    doc = with_attachment(301, b"%PDF-1.4\n" + EICAR + b"\n%%EOF\n")

    receipt = receive_message(world.sign(doc), transport="direct", peer=world.peer)

    assert not receipt.accepted
    assert receipt.status_code == "02"
    assert any("chứa mã độc" in problem for problem in receipt.problems)
    assert InboxDocument.objects.get(document_id=doc.document_id).state == InboxDocument.State.REFUSED
    row = QuarantinedFile.objects.get()
    assert (row.door, row.original_name, row.signature) == ("exchange", "cong-van.pdf", EICAR_SIGNATURE)


def test_a_clean_attachment_is_accepted(scanning, world: World) -> None:  # type: ignore[no-untyped-def]
    doc = with_attachment(302, b"%PDF-1.4\nsach\n%%EOF\n")
    assert receive_message(world.sign(doc), transport="direct", peer=world.peer).accepted
    assert QuarantinedFile.objects.count() == 0


def test_with_the_scanner_down_the_message_is_not_taken(scanning, world: World, tmp_path) -> None:  # type: ignore[no-untyped-def]
    scanning.MOTCUA_CLAMD = str(tmp_path / "down.sock")
    doc = with_attachment(303, b"%PDF-1.4\nsach\n%%EOF\n")
    with pytest.raises(ScannerUnavailable):
        receive_message(world.sign(doc), transport="direct", peer=world.peer)
    assert not InboxDocument.objects.filter(document_id=doc.document_id).exists()
