"""On arrival a document is answered automatically: 01 when the checks pass, 02 with the reason if not."""

from __future__ import annotations

import pytest

from motcua.exchange import edxml
from motcua.exchange.errors import UnknownSender
from motcua.exchange.models import InboxDocument, OutboxMessage, RemoteOrgan
from motcua.exchange.services import receive_message
from motcua.exchange.signals import edoc_accepted
from motcua.exchange.tests import factories
from motcua.exchange.tests.world import World, numbered_edoc, receiving_world
from motcua.signatures.testing.pki import Pki


@pytest.fixture
def world(db: None, pki: Pki) -> World:
    return receiving_world(pki)


def answers(document_id: str) -> list[tuple[str, str]]:
    return list(
        OutboxMessage.objects.filter(document_id=document_id, kind="status").values_list(
            "status_code", "recipient"
        )
    )


def test_a_sound_signed_document_is_accepted_and_01_queued_to_its_sender(
    world: World, django_capture_on_commit_callbacks
) -> None:
    doc = numbered_edoc(201)
    heard = []
    edoc_accepted.connect(lambda sender, message, **_: heard.append(message.document_id), weak=False)

    with django_capture_on_commit_callbacks(execute=True):
        receipt = receive_message(world.sign(doc), transport="direct", peer=world.peer)

    assert receipt.accepted
    assert receipt.status_code == "01"
    assert not receipt.duplicate
    received = InboxDocument.objects.get(document_id=doc.document_id)
    assert received.state == InboxDocument.State.ACCEPTED
    assert (received.agency, received.subject, received.code_number) == (world.agency, doc.subject, "201")
    # 01 on arrival; the incoming register then enters it by itself, which is 03 (documents app).
    assert answers(doc.document_id) == [("01", factories.SENDER.organ_id), ("03", factories.SENDER.organ_id)]
    assert heard == [doc.document_id]
    receipt_01 = OutboxMessage.objects.get(document_id=doc.document_id, status_code="01")
    status = edxml.read(bytes(receipt_01.xml)).message
    assert isinstance(status, edxml.StatusMessage)
    assert status.status_code == "01"
    assert status.response_for.document_id == doc.document_id
    assert status.from_.organ_id == world.agency.code


def test_an_unsigned_document_is_refused_with_02_and_the_reason(world: World) -> None:
    doc = numbered_edoc(202)

    receipt = receive_message(edxml.build(doc), transport="direct", peer=world.peer)

    assert not receipt.accepted
    assert receipt.status_code == "02"
    received = InboxDocument.objects.get(document_id=doc.document_id)
    assert received.state == InboxDocument.State.REFUSED
    assert received.problems
    assert "chữ ký" in " ".join(received.problems).lower()
    status = edxml.read(bytes(OutboxMessage.objects.get(document_id=doc.document_id).xml)).message
    assert status.status_code == "02"
    assert status.description == " ".join(received.problems)


def test_a_document_signed_by_an_untrusted_key_is_refused_with_02(world: World) -> None:
    doc = numbered_edoc(203)

    receipt = receive_message(world.sign(doc, label="rogue-signer"), transport="direct", peer=world.peer)

    assert receipt.status_code == "02"
    assert answers(doc.document_id) == [("02", factories.SENDER.organ_id)]


def test_a_document_missing_its_subject_is_refused_with_the_clerks_reason(world: World) -> None:
    doc = numbered_edoc(204, subject="")

    receive_message(world.sign(doc), transport="direct", peer=world.peer)

    assert InboxDocument.objects.get(document_id=doc.document_id).problems == [
        "Thiếu trích yếu nội dung văn bản (Subject)."
    ]


def test_a_replayed_document_creates_nothing_twice(world: World) -> None:
    signed = world.sign(numbered_edoc(205))

    first = receive_message(signed, transport="direct", peer=world.peer)
    again = receive_message(signed, transport="axis")

    assert again.duplicate
    assert again.status_code == first.status_code == "01"
    assert InboxDocument.objects.count() == 1
    assert OutboxMessage.objects.count() == 1


def test_an_unknown_sender_is_refused_without_an_answer(world: World) -> None:
    RemoteOrgan.objects.all().delete()

    with pytest.raises(UnknownSender):
        receive_message(world.sign(numbered_edoc(206)), transport="direct")

    assert not InboxDocument.objects.exists()
    assert not OutboxMessage.objects.exists()


def test_a_sender_code_claimed_through_another_peers_certificate_is_refused(world: World) -> None:
    other = type(world.peer).objects.create(
        name="Hệ thống khác", transport="direct", url="https://127.0.0.1:2/"
    )

    with pytest.raises(UnknownSender):
        receive_message(world.sign(numbered_edoc(207)), transport="direct", peer=other)
