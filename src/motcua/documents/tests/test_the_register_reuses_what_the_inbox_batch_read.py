"""The documents of one inbox batch enter the incoming register together, and each one's status 03
finds its inbox row and its sender's organ among what the batch handed over: the register reads no
inbox row again and the organs once for the batch."""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext

from motcua.documents.models import IncomingDocument
from motcua.exchange.models import OutboxMessage
from motcua.exchange.services.receiving import receive_batch
from motcua.exchange.tests.world import numbered_edoc, receiving_world
from motcua.signatures.testing.pki import Pki


def _reads(queries: list[dict[str, Any]], table: str) -> int:
    return sum(1 for q in queries if q["sql"].startswith(f'SELECT "{table}".'))


def test_three_documents_registered_with_one_read_of_their_organs(
    db: None, pki: Pki, django_capture_on_commit_callbacks: Any
) -> None:
    world = receiving_world(pki)
    documents = [numbered_edoc(n) for n in (901, 902, 903)]

    with django_capture_on_commit_callbacks(execute=False) as after_commit:
        outcomes = receive_batch([world.sign(d) for d in documents], transport="direct", peer=world.peer)
    assert all(outcome.receipt is not None for outcome in outcomes)
    with CaptureQueriesContext(connection) as registering:
        for callback in after_commit:
            callback()

    assert (
        IncomingDocument.objects.filter(exchange_document_id__in=[d.document_id for d in documents]).count()
        == 3
    )
    codes = OutboxMessage.objects.filter(kind="status", status_code="03").values_list(
        "document_id", flat=True
    )
    assert sorted(codes) == sorted(d.document_id for d in documents)
    queries = registering.captured_queries
    assert _reads(queries, "exchange_inboxdocument") == 0
    assert _reads(queries, "exchange_remoteorgan") == 1
