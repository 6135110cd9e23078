"""motcua to motcua: the inbox answers only a peer whose TLS client certificate is pinned, within limits.

The TLS layer itself (our standalone server and the client) is exercised over real sockets with a
stand-in application; the Django view is exercised with the certificate the server hands it.
"""

from __future__ import annotations

import hashlib
import ssl
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from django.test import Client
from django.urls import reverse

from motcua.exchange.models import InboxDocument, Peer
from motcua.exchange.tests.tls import TlsFiles, exchange_ca
from motcua.exchange.tests.world import World, numbered_edoc, receiving_world
from motcua.exchange.transport import DeliveryError, PermanentDeliveryError
from motcua.exchange.transport.direct import INBOX_PATH, DirectTransport, TlsIdentity
from motcua.exchange.transport.tlsserver import MutualTlsServer
from motcua.signatures.testing.pki import Pki, free_port


@pytest.fixture(scope="module")
def tls(tmp_path_factory: pytest.TempPathFactory) -> dict[str, TlsFiles]:
    files = exchange_ca(tmp_path_factory.mktemp("tls"), ("a", "b", "stranger"))
    rogue = exchange_ca(tmp_path_factory.mktemp("rogue"), ("mallory",), issuer="Rogue CA")
    return {**files, "mallory": rogue["mallory"]}


def identity(files: TlsFiles, ca: Path | None = None) -> TlsIdentity:
    return TlsIdentity(str(files.cert), str(files.key), str(ca or files.ca))


def pem(files: TlsFiles) -> str:
    return files.cert.read_text()


def fingerprint(files: TlsFiles) -> str:
    return hashlib.sha256(ssl.PEM_cert_to_DER_cert(pem(files))).hexdigest()


@pytest.fixture
def server(tls: dict[str, TlsFiles]) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    seen: list[dict[str, Any]] = []

    def app(environ: dict[str, Any], start_response: Any) -> list[bytes]:
        seen.append(
            {
                "cert": environ.get("SSL_CLIENT_CERT", ""),
                "body": environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0)),
            }
        )
        start_response("200 OK", [("Content-Type", "application/json")])
        return [b'{"accepted": true}']

    port = free_port()
    httpd = MutualTlsServer(("127.0.0.1", port), identity(tls["b"]).server_context, app)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"https://127.0.0.1:{port}{INBOX_PATH}", seen
    httpd.shutdown()
    httpd.server_close()


def test_the_peer_sees_our_verified_client_certificate(server: Any, tls: dict[str, TlsFiles]) -> None:
    url, seen = server

    DirectTransport(identity(tls["a"])).send(url, b"<edXML/>", sender="A", recipient="B")

    assert seen[0]["body"] == b"<edXML/>"
    assert ssl.PEM_cert_to_DER_cert(seen[0]["cert"]) == ssl.PEM_cert_to_DER_cert(pem(tls["a"]))


def test_a_client_certificate_from_another_ca_never_reaches_the_application(
    server: Any, tls: dict[str, TlsFiles]
) -> None:
    url, seen = server
    mallory = identity(tls["mallory"], ca=tls["a"].ca)  # trusts our server, but its own cert is rogue

    with pytest.raises(DeliveryError):
        DirectTransport(mallory, timeout=5).send(url, b"<edXML/>", sender="M", recipient="B")
    assert seen == []


def test_a_server_certificate_we_do_not_trust_is_not_sent_anything(tls: dict[str, TlsFiles]) -> None:
    port = free_port()
    httpd = MutualTlsServer(("127.0.0.1", port), identity(tls["mallory"]).server_context, lambda e, s: [])
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        with pytest.raises(DeliveryError, match=r"CERTIFICATE_VERIFY_FAILED|certificate verify failed"):
            DirectTransport(identity(tls["a"]), timeout=5).send(
                f"https://127.0.0.1:{port}{INBOX_PATH}", b"<edXML/>", sender="A", recipient="B"
            )
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_only_https_addresses_are_used() -> None:
    with pytest.raises(DeliveryError, match="https"):
        DirectTransport(TlsIdentity("c", "k", "ca")).send("http://127.0.0.1/", b"", sender="A", recipient="B")


def test_4xx_answers_are_permanent_and_5xx_transient() -> None:
    from motcua.exchange.transport.base import classify_http

    assert classify_http(200, b"") is None
    assert isinstance(classify_http(403, b""), PermanentDeliveryError)
    assert isinstance(classify_http(413, b""), PermanentDeliveryError)
    failure = classify_http(503, b"")
    assert isinstance(failure, DeliveryError)
    assert not failure.permanent
    assert not classify_http(429, b"").permanent  # type: ignore[union-attr]


# --- the Django view, given the certificate the TLS layer verified ---


@pytest.fixture
def world(db: None, pki: Pki, tls: dict[str, TlsFiles]) -> World:
    world = receiving_world(pki)
    Peer.objects.filter(pk=world.peer.pk).update(client_cert_sha256=fingerprint(tls["a"]))
    return world


def post(body: bytes, **meta: str) -> Any:
    return Client().post(reverse("exchange:inbox"), data=body, content_type="application/xml", **meta)


def test_the_pinned_peer_gets_its_receipt(world: World, tls: dict[str, TlsFiles]) -> None:
    doc = numbered_edoc(601)

    answer = post(world.sign(doc), SSL_CLIENT_CERT=pem(tls["a"]))

    assert answer.status_code == 200
    assert answer.json()["status_code"] == "01"
    assert InboxDocument.objects.get().document_id == doc.document_id


def test_no_certificate_or_an_unpinned_one_is_refused(world: World, tls: dict[str, TlsFiles]) -> None:
    body = world.sign(numbered_edoc(602))

    assert post(body).status_code == 403
    assert post(body, SSL_CLIENT_CERT=pem(tls["stranger"])).status_code == 403
    # a header is not a verified certificate unless the deployment says its proxy sets it
    assert (
        post(
            body, HTTP_X_SSL_CLIENT_CERT=quote(pem(tls["a"])), HTTP_X_SSL_CLIENT_VERIFY="SUCCESS"
        ).status_code
        == 403
    )
    assert not InboxDocument.objects.exists()


def test_behind_a_verifying_proxy_its_header_is_trusted_when_configured(
    world: World, tls: dict[str, TlsFiles], settings: Any
) -> None:
    settings.MOTCUA_EXCHANGE_CLIENT_CERT_HEADER = "X-SSL-Client-Cert"
    body = world.sign(numbered_edoc(603))
    header = quote(pem(tls["a"]))

    assert (
        post(body, HTTP_X_SSL_CLIENT_CERT=header, HTTP_X_SSL_CLIENT_VERIFY="FAILED:self signed").status_code
        == 403
    )
    assert post(body, HTTP_X_SSL_CLIENT_CERT=header, HTTP_X_SSL_CLIENT_VERIFY="SUCCESS").status_code == 200


def test_a_message_over_the_size_limit_is_refused_before_it_is_read(
    world: World, tls: dict[str, TlsFiles], settings: Any
) -> None:
    settings.MOTCUA_EXCHANGE_MAX_MESSAGE_BYTES = 10_000

    answer = post(b"<edXML>" + b" " * 20_000 + b"</edXML>", SSL_CLIENT_CERT=pem(tls["a"]))

    assert answer.status_code == 413
    assert answer.json()["message"] == "Thông điệp vượt quá kích thước cho phép."


def test_hostile_xml_is_refused_with_its_reason(world: World, tls: dict[str, TlsFiles]) -> None:
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><edXML>&b;</edXML>'
    )

    answer = post(laughs, SSL_CLIENT_CERT=pem(tls["a"]))

    assert answer.status_code == 400
    assert answer.json()["code"] == "forbidden_xml"


def test_only_post_is_answered(world: World, tls: dict[str, TlsFiles]) -> None:
    assert Client().get(reverse("exchange:inbox"), SSL_CLIENT_CERT=pem(tls["a"])).status_code == 405
