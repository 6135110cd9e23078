"""The outbox seals each message once, delivers it, and retries failures later with a growing wait."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from motcua.exchange import edxml
from motcua.exchange.models import OutboxMessage
from motcua.exchange.services import deliver_due, retry_failed, send_document
from motcua.exchange.tests.world import (
    SEAL_PASSPHRASE,
    SEAL_PASSPHRASE_ENV,
    World,
    give_seal,
    numbered_edoc,
    sending_world,
)
from motcua.exchange.transport import DeliveryError, PermanentDeliveryError
from motcua.signatures.services import SYSTEM
from motcua.signatures.testing.pki import Pki


@pytest.fixture
def world(db: None, pki: Pki, settings: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> World:
    settings.MOTCUA_SIGNATURE_KEY_DIR = str(tmp_path / "keys")
    settings.MOTCUA_EXCHANGE_BACKOFF_BASE = 10
    monkeypatch.setenv(SEAL_PASSPHRASE_ENV, SEAL_PASSPHRASE)
    world = sending_world(pki)
    give_seal(world, tmp_path)
    send_document(actor=SYSTEM, agency_id=world.agency.pk, edoc=numbered_edoc(501))
    return world


class Wire:
    """A transport whose next answers the test decides; it remembers every payload it carried."""

    def __init__(self, *failures: Exception) -> None:
        self.failures = list(failures)
        self.carried: list[bytes] = []

    def __call__(self, message: OutboxMessage, payload: bytes) -> None:
        self.carried.append(payload)
        if self.failures:
            raise self.failures.pop(0)


def test_a_message_is_sealed_by_the_agency_and_delivered(world: World) -> None:
    wire = Wire()

    report = deliver_due(send=wire)

    assert report.sent == 1
    message = OutboxMessage.objects.get()
    assert message.state == OutboxMessage.State.SENT
    assert message.attempts == 1
    check = edxml.verify(wire.carried[0], trust_roots=[world.pki.cert("root")])
    assert check.common_name == "Sở Tư pháp tỉnh Quảng Trị"
    assert deliver_due(send=wire).sent == 0  # nothing twice


def test_a_transient_failure_is_retried_later_with_the_same_bytes(world: World) -> None:
    wire = Wire(DeliveryError("kết nối bị từ chối"), DeliveryError("hết thời gian chờ"))
    start = timezone.now()

    deliver_due(send=wire, now=start)
    first = OutboxMessage.objects.get()
    assert (first.state, first.attempts, first.last_error) == ("pending", 1, "kết nối bị từ chối")
    assert first.next_attempt_at >= start + timedelta(seconds=7)  # 10 s, less at most a quarter of jitter
    assert deliver_due(send=wire, now=start).sent == 0  # not due yet

    deliver_due(send=wire, now=first.next_attempt_at)
    second = OutboxMessage.objects.get()
    assert second.attempts == 2
    assert second.next_attempt_at - first.next_attempt_at >= timedelta(seconds=14)  # the wait doubled

    assert deliver_due(send=wire, now=second.next_attempt_at).sent == 1
    assert len(set(wire.carried)) == 1  # sealed once: the same bytes every time


def test_a_permanent_refusal_fails_the_message_until_someone_retries_it(world: World) -> None:
    deliver_due(send=Wire(PermanentDeliveryError("HTTP 403: chứng thư không được chấp nhận")))

    message = OutboxMessage.objects.get()
    assert message.state == OutboxMessage.State.FAILED
    assert deliver_due(send=Wire(), now=timezone.now() + timedelta(days=1)).sent == 0

    assert retry_failed() == 1
    assert deliver_due(send=Wire()).sent == 1


def test_a_message_that_cannot_be_sealed_waits_and_says_why(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(SEAL_PASSPHRASE_ENV)

    report = deliver_due(send=Wire())

    message = OutboxMessage.objects.get()
    assert report.retried == 1
    assert message.state == OutboxMessage.State.PENDING
    assert message.last_error
    assert message.signed is None


def test_a_worker_that_died_mid_send_leaves_the_message_to_be_sent_again_after_its_lease(
    world: World,
) -> None:
    from motcua.exchange.conf import lease
    from motcua.exchange.services.delivery import _claim

    now = timezone.now()
    assert len(_claim(now, 10)) == 1  # claimed, then the worker is killed before sending
    assert deliver_due(send=Wire(), now=now).sent == 0
    assert deliver_due(send=Wire(), now=now + lease()).sent == 1
