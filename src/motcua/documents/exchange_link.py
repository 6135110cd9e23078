"""The incoming register and the exchange between agencies, joined.

An eDoc the exchange accepted is entered in the receiving agency's incoming register; each step of
an electronic incoming document's life (registered, assigned, processing, completed) is reported to
its sender as edXML status 03, 04, 05 or 06, queued in the same transaction as the step.
"""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction

from motcua.core import time as core_time
from motcua.core.errors import DomainError
from motcua.exchange.models import InboxDocument
from motcua.exchange.services import send_status
from motcua.exchange.signals import edocs_accepted

from . import signals
from .services.incoming import register_incoming

log = logging.getLogger(__name__)

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
    if len(messages) == 1:  # `register_incoming` is its own transaction
        register_accepted_edoc(message=messages[0])
        return
    with transaction.atomic():
        for message in messages:
            try:  # `register_incoming` is atomic: a savepoint, rolled back alone
                register_accepted_edoc(message=message)
            except DomainError:  # one document that cannot be registered holds up no other
                log.exception("documents: accepted eDoc %s not registered", message.document_id)


def report_to_sender(signal: Any, document: Any, exchange_document_id: str, **_: Any) -> None:
    """Queue the status of this step for the agency that sent the document electronically."""
    if not exchange_document_id:
        return  # a paper document: nobody to tell
    received = (
        InboxDocument.objects.select_related("agency")
        .filter(agency_id=document.register.agency_id, document_id=exchange_document_id)
        .first()
    )
    if received is None:
        return  # registered by hand with an identifier that did not come through the exchange
    send_status(received, STATUS_OF[signal])


def connect() -> None:
    edocs_accepted.connect(register_accepted_edocs, dispatch_uid="documents.register_accepted_edocs")
    for signal in STATUS_OF:
        signal.connect(report_to_sender, dispatch_uid=f"documents.report_to_sender.{STATUS_OF[signal]}")
