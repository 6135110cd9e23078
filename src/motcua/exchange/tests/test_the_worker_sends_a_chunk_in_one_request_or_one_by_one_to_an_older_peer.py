"""The worker sends a peer's sealed messages in one batch request over mutual TLS, each message
acknowledged on its own (one refused is retried or failed alone, the others are marked sent); a peer
with no batch inbox (another vendor, an older motcua: 404) gets them one by one, as before."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from motcua.exchange.models import OutboxMessage, Peer
from motcua.exchange.services import delivery, send_document
from motcua.exchange.tests.tls import TlsFiles, exchange_ca
from motcua.exchange.tests.world import (
    SEAL_PASSPHRASE,
    SEAL_PASSPHRASE_ENV,
    World,
    give_seal,
    numbered_edoc,
    sending_world,
)
from motcua.exchange.transport.direct import (
    BATCH_PATH,
    INBOX_PATH,
    DirectTransport,
    TlsIdentity,
    decode_batch,
)
from motcua.exchange.transport.tlsserver import MutualTlsServer
from motcua.signatures.services import SYSTEM
from motcua.signatures.testing.pki import Pki, free_port


@pytest.fixture(scope="module")
def tls(tmp_path_factory: pytest.TempPathFactory) -> dict[str, TlsFiles]:
    return exchange_ca(tmp_path_factory.mktemp("tls"), ("a", "b"))


def identity(files: TlsFiles) -> TlsIdentity:
    return TlsIdentity(str(files.cert), str(files.key), str(files.ca))


class Peer_:
    """A stand-in inbox: with or without the batch path; refuses the message whose bytes contain
    `refuse` (422), as a receiver refuses one message it cannot answer."""

    def __init__(self, tls: dict[str, TlsFiles], *, batch: bool, refuse: bytes = b"") -> None:
        self.batch, self.refuse = batch, refuse
        self.requests: list[tuple[str, int]] = []  # (path, messages)
        self.port = free_port()
        self.httpd = MutualTlsServer(("127.0.0.1", self.port), identity(tls["b"]).server_context, self.app)
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def app(self, environ: dict[str, Any], start_response: Any) -> list[bytes]:
        body = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
        path = environ["PATH_INFO"]
        if path.endswith(BATCH_PATH):
            if not self.batch:
                return self.answer(start_response, "404 Not Found", b"Not found")
            messages = decode_batch(body, max_count=50, max_each=10**7)
            self.requests.append((path, len(messages)))
            results = [
                {"status": 422, "accepted": False} if self.refuse and self.refuse in m else {"status": 200}
                for m in messages
            ]
            return self.answer(start_response, "200 OK", json.dumps({"results": results}).encode())
        self.requests.append((path, 1))
        if self.refuse and self.refuse in body:
            return self.answer(start_response, "422 Unprocessable Entity", b'{"accepted": false}')
        return self.answer(start_response, "200 OK", b'{"accepted": true}')

    @staticmethod
    def answer(start_response: Any, status: str, body: bytes) -> list[bytes]:
        start_response(status, [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
        return [body]

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def world(
    db: None,
    pki: Pki,
    settings: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    tls: dict[str, TlsFiles],
) -> World:
    settings.MOTCUA_SIGNATURE_KEY_DIR = str(tmp_path / "keys")
    monkeypatch.setenv(SEAL_PASSPHRASE_ENV, SEAL_PASSPHRASE)
    transport = DirectTransport(identity(tls["a"]))
    monkeypatch.setattr(delivery, "_direct", lambda: transport)
    monkeypatch.setattr(delivery, "_NO_BATCH", {})
    world = sending_world(pki)
    give_seal(world, tmp_path)
    for number in range(5):
        send_document(actor=SYSTEM, agency_id=world.agency.pk, edoc=numbered_edoc(900 + number))
    return world


@pytest.fixture
def serving(tls: dict[str, TlsFiles]) -> Iterator[list[Peer_]]:
    started: list[Peer_] = []
    yield started
    for peer in started:
        peer.stop()


def point_at(world: World, peer: Peer_) -> None:
    Peer.objects.filter(pk=world.peer.pk).update(url=f"https://127.0.0.1:{peer.port}{INBOX_PATH}")


def test_a_chunk_goes_in_one_request_and_a_refused_message_fails_alone(
    world: World, tls: dict[str, TlsFiles], serving: list[Peer_]
) -> None:
    refused = numbered_edoc(902).document_id.encode()
    peer = Peer_(tls, batch=True, refuse=refused)
    serving.append(peer)
    point_at(world, peer)

    report = delivery.deliver_due()

    assert peer.requests == [(BATCH_PATH, 5)]
    assert (report.sent, report.failed) == (4, 1)
    states = dict(OutboxMessage.objects.values_list("document_id", "state"))
    assert states.pop(numbered_edoc(902).document_id) == OutboxMessage.State.FAILED  # 4xx: permanent
    assert set(states.values()) == {OutboxMessage.State.SENT}


def test_an_older_peer_without_a_batch_inbox_gets_them_one_by_one(
    world: World, tls: dict[str, TlsFiles], serving: list[Peer_]
) -> None:
    peer = Peer_(tls, batch=False)
    serving.append(peer)
    point_at(world, peer)

    report = delivery.deliver_due()

    assert report.sent == 5
    assert peer.requests == [(INBOX_PATH, 1)] * 5
    assert set(OutboxMessage.objects.values_list("state", flat=True)) == {OutboxMessage.State.SENT}
    # remembered: the next pass does not ask for the batch inbox again
    send_document(actor=SYSTEM, agency_id=world.agency.pk, edoc=numbered_edoc(990))
    delivery.deliver_due()
    assert peer.requests == [(INBOX_PATH, 1)] * 6


def test_chunks_travel_in_order_while_the_next_one_is_sealed(
    world: World, tls: dict[str, TlsFiles], serving: list[Peer_]
) -> None:
    for number in range(40):
        send_document(actor=SYSTEM, agency_id=world.agency.pk, edoc=numbered_edoc(1000 + number))
    refused = numbered_edoc(1038).document_id.encode()  # in the last chunk: settled after the loop
    peer = Peer_(tls, batch=True, refuse=refused)
    serving.append(peer)
    point_at(world, peer)

    report = delivery.deliver_due()

    # 45 claimed: three chunks, one request each, one after the other (the sending thread)
    assert peer.requests == [(BATCH_PATH, delivery.CHUNK), (BATCH_PATH, delivery.CHUNK), (BATCH_PATH, 5)]
    assert (report.sent, report.failed) == (44, 1)
    states = dict(OutboxMessage.objects.values_list("document_id", "state"))
    assert states.pop(numbered_edoc(1038).document_id) == OutboxMessage.State.FAILED
    assert set(states.values()) == {OutboxMessage.State.SENT}
