"""The incoming register and the exchange between agencies, joined.

An eDoc the exchange accepted is entered in the receiving agency's incoming register; each step of
an electronic incoming document's life (registered, assigned, processing, completed) is reported to
its sender as edXML status 03, 04, 05 or 06, queued in the same transaction as the step.
"""

from __future__ import annotations

import logging
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from motcua.core import time as core_time
from motcua.core.errors import DomainError
from motcua.exchange.models import InboxDocument, RemoteOrgan
from motcua.exchange.services import send_status
from motcua.exchange.signals import edocs_accepted

from . import signals
from .services.incoming import register_incoming

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class _Batch:
    """What the inbox's commit handed over, kept while its documents are registered: each status 03
    finds its document's inbox row and its sender's organ here instead of reading them again."""

    received: dict[tuple[int, str], InboxDocument]
    remotes: dict[str, RemoteOrgan]


_batch: ContextVar[_Batch | None] = ContextVar("documents_exchange_batch", default=None)

STATUS_OF = {
    signals.incoming_registered: "03",
    signals.incoming_assigned: "04",
    signals.incoming_processing: "05",
    signals.incoming_completed: "06",
}


def register_accepted_edoc(*, message: InboxDocument, **_: Any) -> None:
    """Enter an accepted eDoc in the incoming register (once: a repeat returns the first entry)."""
    notation = "/".join(part for part in (message.code_number, message.code_notation) if part)
    register_incoming(
        actor=None,
        agency_id=message.agency_id,
        author=message.sender_name or message.sender,
        notation=notation or message.document_id,
        document_date=message.promulgation_date or core_time.local(message.received_at).date(),
        type_name="",
        subject=message.subject or message.document_id,
        channel="electronic",
        exchange_document_id=message.document_id,
        at=message.received_at,
    )


def register_accepted_edocs(*, messages: list[InboxDocument], **_: Any) -> None:
    """Enter the documents one commit accepted (a batch of the direct inbox) in one transaction;
    business messages (an inter-agency dossier, its result) have their own flow."""
    messages = [message for message in messages if message.for_the_register]
    if not messages:
        return
    remotes = RemoteOrgan.objects.select_related("peer").filter(organ_id__in={m.sender for m in messages})
    token = _batch.set(
        _Batch(
            received={(m.agency_id, m.document_id): m for m in messages},
            remotes={remote.organ_id: remote for remote in remotes},
        )
    )
    try:
        if len(messages) == 1:  # `register_incoming` is its own transaction
            register_accepted_edoc(message=messages[0])
            return
        with transaction.atomic():
            for message in messages:
                try:  # `register_incoming` is atomic: a savepoint, rolled back alone
                    register_accepted_edoc(message=message)
                except DomainError:  # one document that cannot be registered holds up no other
                    log.exception("documents: accepted eDoc %s not registered", message.document_id)
    finally:
        _batch.reset(token)


def report_to_sender(signal: Any, document: Any, exchange_document_id: str, **_: Any) -> None:
    """Queue the status of this step for the agency that sent the document electronically."""
    if not exchange_document_id:
        return  # a paper document: nobody to tell
    batch = _batch.get()
    key = (document.register.agency_id, exchange_document_id)
    received = batch.received.get(key) if batch is not None else None
    if received is None:
        received = (
            InboxDocument.objects.select_related("agency")
            .filter(agency_id=key[0], document_id=key[1])
            .first()
        )
    if received is None:
        return  # registered by hand with an identifier that did not come through the exchange
    remote = batch.remotes.get(received.sender) if batch is not None else None
    send_status(received, STATUS_OF[signal], remote=remote)


def connect() -> None:
    edocs_accepted.connect(register_accepted_edocs, dispatch_uid="documents.register_accepted_edocs")
    for signal in STATUS_OF:
        signal.connect(report_to_sender, dispatch_uid=f"documents.report_to_sender.{STATUS_OF[signal]}")
