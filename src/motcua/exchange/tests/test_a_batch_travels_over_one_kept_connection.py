"""motcua to motcua: the worker's messages to a peer share one TLS connection, which survives the peer.

The inbox server speaks HTTP/1.1 and keeps connections alive; the direct transport keeps one
connection per peer and per thread. A batch costs one handshake; a connection the peer closed
(restart, idle timeout) is replaced on the next message without losing it; the client certificate
seen by the application is the connection's, on every request.
"""

from __future__ import annotations

import contextlib
import socket
import ssl
import threading
from collections.abc import Iterator
from typing import Any

import pytest

from motcua.exchange.tests.tls import TlsFiles, exchange_ca
from motcua.exchange.transport import DeliveryError
from motcua.exchange.transport.direct import INBOX_PATH, DirectTransport, TlsIdentity
from motcua.exchange.transport.tlsserver import MutualTlsServer
from motcua.signatures.testing.pki import free_port


@pytest.fixture(scope="module")
def tls(tmp_path_factory: pytest.TempPathFactory) -> dict[str, TlsFiles]:
    return exchange_ca(tmp_path_factory.mktemp("tls"), ("a", "b"))


def identity(files: TlsFiles) -> TlsIdentity:
    return TlsIdentity(str(files.cert), str(files.key), str(files.ca))


class CountingServer(MutualTlsServer):
    """Counts the TCP connections it accepts; stopping it cuts them, as a process that ends would."""

    accepted = 0

    def get_request(self) -> tuple[socket.socket, Any]:
        type(self).accepted += 1
        request = super().get_request()
        self.__dict__.setdefault("open", []).append(request[0])
        return request

    def cut(self) -> None:
        for sock in self.__dict__.get("open", []):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)


class Inbox:
    def __init__(self, tls: dict[str, TlsFiles], port: int) -> None:
        self.bodies: list[bytes] = []
        self.certificates: list[str] = []
        self.port = port
        self.tls = tls
        self.httpd: CountingServer | None = None

    def app(self, environ: dict[str, Any], start_response: Any) -> list[bytes]:
        self.bodies.append(environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0)))
        self.certificates.append(environ.get("SSL_CLIENT_CERT", ""))
        body = b'{"accepted": true}'
        start_response("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
        return [body]

    def start(self) -> None:
        self.httpd = CountingServer(
            ("127.0.0.1", self.port), identity(self.tls["b"]).server_context, self.app
        )
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def stop(self) -> None:
        assert self.httpd is not None
        self.httpd.shutdown()
        self.httpd.server_close()
        self.httpd.cut()

    @property
    def url(self) -> str:
        return f"https://127.0.0.1:{self.port}{INBOX_PATH}"


@pytest.fixture
def inbox(tls: dict[str, TlsFiles]) -> Iterator[Inbox]:
    CountingServer.accepted = 0
    running = Inbox(tls, free_port())
    running.start()
    yield running
    running.stop()


def test_a_batch_of_messages_costs_one_handshake(inbox: Inbox, tls: dict[str, TlsFiles]) -> None:
    transport = DirectTransport(identity(tls["a"]))

    for number in range(20):
        transport.send(inbox.url, f"<edXML n='{number}'/>".encode() * 500, sender="A", recipient="B")

    assert len(inbox.bodies) == 20
    assert inbox.bodies[7] == b"<edXML n='7'/>" * 500
    assert CountingServer.accepted == 1
    client = ssl.PEM_cert_to_DER_cert(tls["a"].cert.read_text())
    assert {ssl.PEM_cert_to_DER_cert(c) for c in inbox.certificates} == {client}


def test_a_peer_that_restarted_gets_the_next_message_on_a_new_connection(
    inbox: Inbox, tls: dict[str, TlsFiles]
) -> None:
    transport = DirectTransport(identity(tls["a"]))
    transport.send(inbox.url, b"<edXML n='1'/>", sender="A", recipient="B")

    inbox.stop()  # the kept connection is now closed at the other end
    inbox.start()
    transport.send(inbox.url, b"<edXML n='2'/>", sender="A", recipient="B")

    assert inbox.bodies == [b"<edXML n='1'/>", b"<edXML n='2'/>"]
    assert CountingServer.accepted == 2


def test_a_peer_that_is_down_is_a_transient_failure_and_the_connection_is_dropped(
    inbox: Inbox, tls: dict[str, TlsFiles]
) -> None:
    transport = DirectTransport(identity(tls["a"]))
    transport.send(inbox.url, b"<edXML/>", sender="A", recipient="B")
    inbox.stop()

    with pytest.raises(DeliveryError) as failure:
        transport.send(inbox.url, b"<edXML/>", sender="A", recipient="B")
    assert not failure.value.permanent

    inbox.start()
    transport.send(inbox.url, b"<edXML n='after'/>", sender="A", recipient="B")
    assert inbox.bodies[-1] == b"<edXML n='after'/>"


def test_an_answer_without_a_length_closes_the_connection(tls: dict[str, TlsFiles]) -> None:
    """HTTP/1.1 without Content-Length cannot be kept: the server says so and the client starts afresh."""
    CountingServer.accepted = 0

    def app(environ: dict[str, Any], start_response: Any) -> Iterator[bytes]:
        environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
        start_response("200 OK", [("Content-Type", "application/json")])
        yield b'{"accepted": '  # a generator: no length known in advance
        yield b"true}"

    port = free_port()
    httpd = CountingServer(("127.0.0.1", port), identity(tls["b"]).server_context, app)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        transport = DirectTransport(identity(tls["a"]))
        for _ in range(3):
            transport.send(f"https://127.0.0.1:{port}{INBOX_PATH}", b"<edXML/>", sender="A", recipient="B")
    finally:
        httpd.shutdown()
        httpd.server_close()
    assert CountingServer.accepted == 3
