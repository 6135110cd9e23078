"""Reads of the document exchange: examining a received message; what the sender knows of its receivers."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from motcua.signatures.selectors import trust_store

from . import edxml, statuses
from .models import InboxDocument, OutboxMessage, ReceivedStatus, RemoteOrgan


@dataclass(frozen=True)
class Examination:
    """A received message read leniently, its signature checked, its business checks done."""

    reading: edxml.Reading
    signature: edxml.SignatureCheck | None
    problems: tuple[str, ...]  # why a clerk must refuse it (status 02); empty when it can be accepted

    @property
    def acceptable(self) -> bool:
        return not self.problems


def examine_incoming(
    data: bytes,
    *,
    recipient: str | None = None,
    require_signature: bool = True,
    at: datetime | None = None,
    limits: edxml.Limits = edxml.DEFAULT_LIMITS,
    trust: tuple[list[Any], list[Any]] | None = None,
) -> Examination:
    """Lenient reading, signature verification against the trust store, then the business checks.

    `trust`: (roots, intermediates) as `trust_store()` gave them a moment ago, when the caller
    examines several messages of one request; read here otherwise.

    Raises an `EdxmlError` when the message cannot be read at all (not edXML, hostile, broken);
    everything else becomes a problem in the examination.
    """
    reading = edxml.read(data, mode=edxml.ReadMode.LENIENT, limits=limits)
    problems = list(edxml.receipt_problems(reading, recipient=recipient))
    signature: edxml.SignatureCheck | None = None
    if reading.has_xmldsig or require_signature:
        roots, intermediates = trust if trust is not None else trust_store()
        try:
            signature = edxml.verify(
                data, trust_roots=roots, intermediates=intermediates, at=at, limits=limits
            )
        except edxml.SignatureProblem as exc:
            # a signature that is there must be valid, even where none is required
            problems.append(exc.message)
    return Examination(reading=reading, signature=signature, problems=tuple(problems))


@dataclass(frozen=True)
class ReceiverTrack:
    """What the sender knows about one receiver of a document: delivery, then the receiver's statuses."""

    organ_id: str
    organ_name: str
    delivery: str  # OutboxMessage.State of the document itself
    delivery_error: str
    history: tuple[statuses.StatusEntry, ...]  # in the order the receiver lived it

    @property
    def latest(self) -> statuses.StatusEntry | None:
        return statuses.latest(self.history)


@dataclass(frozen=True)
class SentDocument:
    document_id: str
    subject: str
    created_at: datetime
    receivers: tuple[ReceiverTrack, ...]


def sent_documents(agency_id: int, *, document_id: str | None = None, limit: int = 50) -> list[SentDocument]:
    """Documents the agency sent over the exchange, newest first, each receiver's latest status and history.

    Three queries whatever the number of documents and receivers.
    """
    rows = OutboxMessage.objects.filter(agency_id=agency_id, kind=OutboxMessage.Kind.EDOC).order_by(
        "-created_at", "-id"
    )
    if document_id is not None:
        rows = rows.filter(document_id=document_id)
    sent = list(rows[:limit])
    ids = {row.document_id for row in sent}
    received = ReceivedStatus.objects.filter(agency_id=agency_id, document_id__in=ids).exclude(
        status_code=statuses.RECALL
    )
    history: dict[tuple[str, str], list[statuses.StatusEntry]] = {}
    for status in received:
        history.setdefault((status.document_id, status.sender), []).append(
            statuses.StatusEntry(
                status.status_code, status.timestamp or status.received_at, status.description
            )
        )
    names = dict(
        RemoteOrgan.objects.filter(organ_id__in={row.recipient for row in sent}).values_list(
            "organ_id", "name"
        )
    )
    documents: dict[str, SentDocument] = {}
    order: list[str] = []
    tracks: dict[str, list[ReceiverTrack]] = {}
    for row in sent:
        if row.document_id not in tracks:
            order.append(row.document_id)
            tracks[row.document_id] = []
        tracks[row.document_id].append(
            ReceiverTrack(
                organ_id=row.recipient,
                organ_name=names.get(row.recipient, ""),
                delivery=row.state,
                delivery_error=row.last_error,
                history=tuple(statuses.in_order(history.get((row.document_id, row.recipient), []))),
            )
        )
        documents.setdefault(row.document_id, SentDocument(row.document_id, row.subject, row.created_at, ()))
    return [
        dataclasses.replace(documents[key], receivers=tuple(sorted(tracks[key], key=lambda t: t.organ_id)))
        for key in order
    ]


def inbox_documents(agency_id: int, *, limit: int = 50) -> list[InboxDocument]:
    """Documents received electronically for the agency, newest first (one query)."""
    return list(
        InboxDocument.objects.filter(agency_id=agency_id).defer("xml").order_by("-received_at", "-id")[:limit]
    )
