"""The national axis: send, list received, get, and acknowledge done/fail (transport, not business status)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from motcua.exchange.models import InboxDocument, OutboxMessage, Peer
from motcua.exchange.services import deliver_due, poll_axis, send_document
from motcua.exchange.tests.fake_axis import AxisState, start_fake_axis
from motcua.exchange.tests.world import (
    SEAL_PASSPHRASE,
    SEAL_PASSPHRASE_ENV,
    give_seal,
    numbered_edoc,
    receiving_world,
    sending_world,
)
from motcua.exchange.transport import PermanentDeliveryError
from motcua.exchange.transport.axis import AxisClient
from motcua.signatures.services import SYSTEM
from motcua.signatures.testing.pki import Pki, free_port

TOKEN = "the-axis-token"


@pytest.fixture
def axis(settings: Any) -> Iterator[tuple[str, AxisState]]:
    settings.MOTCUA_EXCHANGE_AXIS_TOKEN = TOKEN
    port = free_port()
    server, state = start_fake_axis(TOKEN, port)
    yield f"http://127.0.0.1:{port}/axis", state
    server.shutdown()
    server.server_close()


def test_a_document_goes_to_the_axis_sealed_and_addressed(
    db: None, pki: Pki, axis: Any, settings: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url, state = axis
    settings.MOTCUA_SIGNATURE_KEY_DIR = str(tmp_path / "keys")
    monkeypatch.setenv(SEAL_PASSPHRASE_ENV, SEAL_PASSPHRASE)
    world = sending_world(pki, transport=Peer.Transport.AXIS)
    Peer.objects.filter(pk=world.peer.pk).update(url=url)
    give_seal(world, tmp_path)
    doc = numbered_edoc(701)
    send_document(actor=SYSTEM, agency_id=world.agency.pk, edoc=doc)

    assert deliver_due().sent == 1

    [message] = state.messages.values()
    assert (message["from"], message["to"], message["type"]) == (
        world.agency.code,
        world.remote.organ_id,
        "edoc",
    )
    assert b"http://www.w3.org/2000/09/xmldsig#" in message["data"]
    assert OutboxMessage.objects.get().state == OutboxMessage.State.SENT


def test_polling_receives_then_acknowledges_done_and_a_refetch_changes_nothing(
    db: None, pki: Pki, axis: Any
) -> None:
    url, state = axis
    world = receiving_world(pki, transport=Peer.Transport.AXIS)
    client = AxisClient(url, organ_id="000.00.12.H48", token=TOKEN)
    client.send_edoc(world.sign(numbered_edoc(702)), message_type="edoc", to=world.agency.code)
    client.send_edoc(b"<khong-phai-edxml/>", message_type="edoc", to=world.agency.code)

    report = poll_axis(world.peer, client=client)

    assert report.received == 1
    assert state.acks == [("1", "done"), ("2", "fail")]
    assert client.received("edoc") == []
    # the axis offering the same message again (an acknowledgement lost) creates nothing new
    state.acks.clear()
    poll_axis(world.peer, client=client)
    assert InboxDocument.objects.count() == 1
    assert OutboxMessage.objects.filter(status_code="01").count() == 1


def test_an_unsigned_document_from_the_axis_is_answered_02_and_acknowledged_done(
    db: None, pki: Pki, axis: Any
) -> None:
    from motcua.exchange import edxml

    url, state = axis
    world = receiving_world(pki, transport=Peer.Transport.AXIS)
    client = AxisClient(url, organ_id="000.00.12.H48", token=TOKEN)
    client.send_edoc(edxml.build(numbered_edoc(703)), message_type="edoc", to=world.agency.code)

    poll_axis(world.peer, client=client)

    assert state.acks == [("1", "done")]  # handled at transport level; the business answer is 02
    assert OutboxMessage.objects.get().status_code == "02"


def test_a_wrong_token_is_a_permanent_failure(axis: Any) -> None:
    url, _ = axis
    with pytest.raises(PermanentDeliveryError, match="401"):
        AxisClient(url, organ_id="X", token="wrong").received("edoc")
