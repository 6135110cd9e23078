"""The worker seals a chunk of messages with the agency's seal record read once for the chunk (the
key stays open in the process while the record and its file do not change); the next chunk reads
the record again, so a seal revoked meanwhile seals nothing more."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from motcua.exchange import edxml
from motcua.exchange.models import OutboxMessage
from motcua.exchange.services import delivery, send_document
from motcua.exchange.tests.world import (
    SEAL_PASSPHRASE,
    SEAL_PASSPHRASE_ENV,
    give_seal,
    numbered_edoc,
    sending_world,
)
from motcua.signatures.models import Certificate
from motcua.signatures.services import SYSTEM
from motcua.signatures.testing.pki import Pki


@pytest.fixture
def messages(db: None, pki: Pki, settings: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    settings.MOTCUA_SIGNATURE_KEY_DIR = str(tmp_path / "keys")
    monkeypatch.setenv(SEAL_PASSPHRASE_ENV, SEAL_PASSPHRASE)
    world = sending_world(pki)
    give_seal(world, tmp_path)
    for number in range(3):
        send_document(actor=SYSTEM, agency_id=world.agency.pk, edoc=numbered_edoc(950 + number))
    return world


def _seal_reads(queries: list[dict[str, Any]]) -> int:
    return sum(1 for q in queries if q["sql"].startswith('SELECT "signatures_certificate".'))


def test_one_read_of_the_seal_record_per_chunk_and_a_revoked_seal_stops_the_next(messages: Any) -> None:
    chunk = list(OutboxMessage.objects.order_by("id"))
    with CaptureQueriesContext(connection) as sealing:
        failures = delivery._seal_chunk(chunk)

    assert failures == {}
    assert _seal_reads(sealing.captured_queries) == 1
    for row in OutboxMessage.objects.all():
        edxml.verify(bytes(row.signed), trust_roots=[messages.pki.cert("root")])  # raises if not sealed

    Certificate.objects.update(register_status=Certificate.RegisterStatus.REVOKED)
    OutboxMessage.objects.update(signed=None)
    again = list(OutboxMessage.objects.order_by("id"))
    failures = delivery._seal_chunk(again)
    assert set(failures) == {row.pk for row in again}  # no usable seal: nothing sealed
    assert not OutboxMessage.objects.filter(signed__isnull=False).exists()
