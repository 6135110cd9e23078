"""Several messages in one request to the batch inbox: each judged and answered alone, stored in one
transaction; a bad message fails alone and the others are accepted; the accepted documents enter
the incoming register together. Limits on count and size hold; the pinned certificate is required."""

from __future__ import annotations

import hashlib
import ssl
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from motcua.documents.models import IncomingDocument
from motcua.exchange.models import InboxDocument, OutboxMessage, Peer
from motcua.exchange.tests.tls import TlsFiles, exchange_ca
from motcua.exchange.tests.world import World, numbered_edoc, receiving_world, status_about
from motcua.exchange.transport.direct import BATCH_CONTENT_TYPE, encode_batch
from motcua.signatures.testing.pki import Pki


@pytest.fixture(scope="module")
def tls(tmp_path_factory: pytest.TempPathFactory) -> dict[str, TlsFiles]:
    return exchange_ca(tmp_path_factory.mktemp("tls"), ("a", "stranger"))


def pem(files: TlsFiles) -> str:
    return files.cert.read_text()


@pytest.fixture
def world(db: None, pki: Pki, tls: dict[str, TlsFiles]) -> World:
    world = receiving_world(pki)
    digest = hashlib.sha256(ssl.PEM_cert_to_DER_cert(pem(tls["a"]))).hexdigest()
    Peer.objects.filter(pk=world.peer.pk).update(client_cert_sha256=digest)
    return world


def post(body: bytes, **meta: str) -> Any:
    return Client().post(reverse("exchange:batch-inbox"), data=body, content_type=BATCH_CONTENT_TYPE, **meta)


def test_a_bad_message_fails_alone_and_the_others_are_accepted(
    world: World, tls: dict[str, TlsFiles], django_capture_on_commit_callbacks: Any
) -> None:
    first, second = numbered_edoc(801), numbered_edoc(802)
    # a status from an organ that is not this peer's: refused (403), as by the single inbox
    stranger_status = status_about("XYZ", "01")
    body = encode_batch([world.sign(first), b"<not edXML", world.sign(stranger_status), world.sign(second)])

    with django_capture_on_commit_callbacks(execute=True):
        answer = post(body, SSL_CLIENT_CERT=pem(tls["a"]))

    assert answer.status_code == 200
    results = answer.json()["results"]
    assert [r["status"] for r in results] == [200, 400, 403, 200]
    assert [r["accepted"] for r in results] == [True, False, False, True]
    assert results[0]["status_code"] == "01"
    assert results[3]["document_id"] == second.document_id
    assert results[1]["code"]
    assert results[1]["message"]
    assert InboxDocument.objects.filter(state="accepted").count() == 2
    # the incoming register took both, after the commit
    assert (
        IncomingDocument.objects.filter(
            exchange_document_id__in=[first.document_id, second.document_id]
        ).count()
        == 2
    )
    codes = OutboxMessage.objects.filter(kind="status").values_list("document_id", "status_code")
    assert sorted(codes) == sorted([(d.document_id, c) for d in (first, second) for c in ("01", "03")])


def test_the_same_batch_again_changes_nothing(
    world: World, tls: dict[str, TlsFiles], django_capture_on_commit_callbacks: Any
) -> None:
    body = encode_batch([world.sign(numbered_edoc(811)), world.sign(numbered_edoc(812))])
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            answer = post(body, SSL_CLIENT_CERT=pem(tls["a"]))
    assert [r["duplicate"] for r in answer.json()["results"]] == [True, True]
    assert InboxDocument.objects.count() == 2
    assert IncomingDocument.objects.count() == 2
    assert OutboxMessage.objects.filter(kind="status").count() == 4  # 01 and 03, once each


def test_an_unpinned_certificate_is_refused(world: World, tls: dict[str, TlsFiles]) -> None:
    body = encode_batch([world.sign(numbered_edoc(821))])
    assert post(body).status_code == 403
    assert post(body, SSL_CLIENT_CERT=pem(tls["stranger"])).status_code == 403
    assert not InboxDocument.objects.exists()


def test_limits_on_count_and_size_hold(world: World, tls: dict[str, TlsFiles], settings: Any) -> None:
    settings.MOTCUA_EXCHANGE_MAX_BATCH_MESSAGES = 2
    three = encode_batch([world.sign(numbered_edoc(830 + n)) for n in range(3)])
    answer = post(three, SSL_CLIENT_CERT=pem(tls["a"]))
    assert answer.status_code == 400
    assert answer.json()["code"] == "exchange_bad_batch"

    settings.MOTCUA_EXCHANGE_MAX_BATCH_MESSAGES = 50
    settings.MOTCUA_EXCHANGE_MAX_MESSAGE_BYTES = 10_000  # each message, as in the single inbox
    answer = post(encode_batch([b"<edXML>" + b" " * 20_000 + b"</edXML>"]), SSL_CLIENT_CERT=pem(tls["a"]))
    assert answer.status_code == 400

    settings.MOTCUA_EXCHANGE_MAX_BATCH_BYTES = 1_000  # the whole request
    answer = post(encode_batch([b"<edXML/>" * 10] * 40), SSL_CLIENT_CERT=pem(tls["a"]))
    assert answer.status_code == 413
    assert not InboxDocument.objects.exists()


def test_a_truncated_body_is_refused_whole(world: World, tls: dict[str, TlsFiles]) -> None:
    body = encode_batch([world.sign(numbered_edoc(841))])
    assert post(body[:-10], SSL_CLIENT_CERT=pem(tls["a"])).status_code == 400
    assert post(b"", SSL_CLIENT_CERT=pem(tls["a"])).status_code == 400
    assert not InboxDocument.objects.exists()
