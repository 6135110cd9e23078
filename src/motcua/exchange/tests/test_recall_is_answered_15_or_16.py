"""A recall (13) is answered 15 and our copy emptied, or 16 when the document was already completed."""

from __future__ import annotations

import dataclasses

import pytest

from motcua.exchange.models import InboxDocument, OutboxMessage, ReceivedStatus
from motcua.exchange.services import (
    recall_document,
    receive_batch,
    receive_message,
    send_document,
    send_status,
)
from motcua.exchange.signals import edoc_recalled
from motcua.exchange.tests import factories
from motcua.exchange.tests.world import World, numbered_edoc, receiving_world, sending_world, status_about
from motcua.signatures.services import SYSTEM
from motcua.signatures.testing.pki import Pki


@pytest.fixture
def world(db: None, pki: Pki) -> World:
    return receiving_world(pki)


def recall(world: World, document_id: str) -> bytes:
    status = status_about(
        document_id,
        "13",
        from_=factories.SENDER,
        to=(factories.RECEIVER,),
        description="Văn bản ban hành nhầm, đề nghị trả lại",
    )
    return world.sign(dataclasses.replace(status, staff=None))


def answers(document_id: str) -> list[str]:
    return list(
        OutboxMessage.objects.filter(document_id=document_id)
        .order_by("id")
        .values_list("status_code", flat=True)
    )


def test_a_recall_is_accepted_with_15_and_the_copy_emptied(
    world: World, django_capture_on_commit_callbacks
) -> None:
    doc = numbered_edoc(401)
    receive_message(world.sign(doc), transport="direct", peer=world.peer)
    heard = []
    edoc_recalled.connect(lambda sender, message, **_: heard.append(message.document_id), weak=False)

    with django_capture_on_commit_callbacks(execute=True):
        receive_message(recall(world, doc.document_id), transport="direct", peer=world.peer)
    receive_message(recall(world, doc.document_id), transport="direct", peer=world.peer)  # twice

    received = InboxDocument.objects.get(document_id=doc.document_id)
    assert received.state == InboxDocument.State.RECALLED
    assert received.xml is None
    assert received.recalled_at is not None
    assert answers(doc.document_id) == ["01", "15"]
    assert heard == [doc.document_id]
    assert ReceivedStatus.objects.filter(status_code="13").count() == 1  # the recall's own record


def test_a_recall_of_a_completed_document_is_refused_with_16_and_the_reason(world: World) -> None:
    doc = numbered_edoc(402)
    receive_message(world.sign(doc), transport="direct", peer=world.peer)
    received = InboxDocument.objects.get(document_id=doc.document_id)
    for code in ("03", "04", "05", "06"):
        send_status(received, code)

    receive_message(recall(world, doc.document_id), transport="direct", peer=world.peer)

    assert answers(doc.document_id) == ["01", "03", "04", "05", "06", "16"]
    assert InboxDocument.objects.get(pk=received.pk).state == InboxDocument.State.ACCEPTED
    refusal = OutboxMessage.objects.get(document_id=doc.document_id, status_code="16")
    assert "đã được xử lý xong".encode() in bytes(refusal.xml)


def test_a_recall_that_overtook_its_document_is_applied_when_the_document_arrives(world: World) -> None:
    doc = numbered_edoc(403)

    receive_message(recall(world, doc.document_id), transport="direct", peer=world.peer)
    receive_message(world.sign(doc), transport="direct", peer=world.peer)

    assert InboxDocument.objects.get(document_id=doc.document_id).state == InboxDocument.State.RECALLED
    assert answers(doc.document_id) == ["01", "15"]


def test_statuses_are_sent_once_per_code_and_refusals_need_a_reason(world: World) -> None:
    doc = numbered_edoc(404)
    receive_message(world.sign(doc), transport="direct", peer=world.peer)
    received = InboxDocument.objects.get(document_id=doc.document_id)

    first = send_status(received, "03")
    again = send_status(received, "03")
    with pytest.raises(Exception, match="lý do"):
        send_status(received, "16")
    with pytest.raises(Exception, match="không gửi trạng thái"):
        send_status(received, "13")

    assert first.pk == again.pk
    assert answers(doc.document_id) == ["01", "03"]


def test_the_sender_recalls_with_13_to_every_receiver(db: None, pki: Pki) -> None:
    world = sending_world(pki)
    doc = numbered_edoc(405)
    send_document(actor=SYSTEM, agency_id=world.agency.pk, edoc=doc)

    recall_document(
        actor=SYSTEM, agency_id=world.agency.pk, document_id=doc.document_id, reason="Ban hành nhầm"
    )

    assert answers(doc.document_id) == ["", "13"]


def test_in_a_batch_a_recall_reaches_its_document_before_or_after_it(world: World) -> None:
    # the batch reads the recalls already recorded once, and those it records itself as it goes
    recalled_before, recalled_within, kept = numbered_edoc(406), numbered_edoc(407), numbered_edoc(408)
    receive_message(recall(world, recalled_before.document_id), transport="direct", peer=world.peer)

    outcomes = receive_batch(
        [
            world.sign(recalled_before),
            recall(world, recalled_within.document_id),
            world.sign(recalled_within),
            world.sign(kept),
        ],
        transport="direct",
        peer=world.peer,
    )

    assert [o.error for o in outcomes] == [None] * 4
    states = dict(InboxDocument.objects.values_list("document_id", "state"))
    assert states == {
        recalled_before.document_id: InboxDocument.State.RECALLED,
        recalled_within.document_id: InboxDocument.State.RECALLED,
        kept.document_id: InboxDocument.State.ACCEPTED,
    }
    assert answers(recalled_before.document_id) == ["01", "15"]
    assert answers(recalled_within.document_id) == ["01", "15"]
    assert answers(kept.document_id) == ["01"]
