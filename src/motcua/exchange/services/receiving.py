"""Receiving an edXML message from any transport: judge it, store it, answer it, exactly once.

The same function serves the direct inbox (a peer POSTs) and the axis poller (we fetch). A message
received twice, or statuses that arrive out of order, change nothing the second time: the inbox
and the statuses received are keyed by constraint.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from motcua.agencies.models import Agency
from motcua.antivirus.errors import InfectedUpload, ScannerUnavailable
from motcua.antivirus.services import scan_bytes
from motcua.signatures.selectors import trust_store

from .. import edxml, statuses
from ..errors import DomainError, MessageRefused, NotAddressedHere, UnknownSender
from ..models import InboxDocument, OutboxMessage, Peer, ReceivedStatus, RemoteOrgan
from ..selectors import examine_incoming
from ..signals import edoc_accepted, edoc_recalled, edocs_accepted, status_received
from .sending import send_status

log = logging.getLogger(__name__)


@dataclass
class Receipt:
    """What became of a received message (the direct inbox returns it as JSON)."""

    kind: str
    document_id: str
    accepted: bool
    status_code: str = ""  # the status we answer (01, 02, 15, 16) or, for a status, the one recorded
    duplicate: bool = False
    problems: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "document_id": self.document_id,
            "accepted": self.accepted,
            "status_code": self.status_code,
            "duplicate": self.duplicate,
            "problems": self.problems,
        }


def receive_message(data: bytes, *, transport: str, peer: Peer | None = None) -> Receipt:
    """Read, verify and store one message; queue the answer. Raises `EdxmlError` when unreadable,
    `UnknownSender`, `NotAddressedHere` or `MessageRefused` when it cannot be answered at all.

    `peer`: the system the message came from when the transport authenticated it (the direct
    inbox's client certificate); the sender's code must belong to that system.
    """
    judged = _judge(data, peer, _Shared())  # outside the transaction: an infected file's quarantine row stays
    accepted: list[InboxDocument] = []
    with transaction.atomic():  # its own transaction (or a savepoint in the caller's)
        receipt = _store(judged, transport, accepted, _Known.read([judged]))
    _announce_on_commit(accepted)
    return receipt


@dataclass
class Outcome:
    """One message of a batch: its receipt, or the refusal it met (an `EdxmlError`, a `DomainError`
    or `ScannerUnavailable`: the inbox answers each with the HTTP status it would have had alone)."""

    receipt: Receipt | None = None
    error: Exception | None = None


def receive_batch(payloads: list[bytes], *, transport: str, peer: Peer | None = None) -> list[Outcome]:
    """Several messages from one request: each read, verified and scanned on its own, outside any
    transaction; then all stored in one transaction, each in its own savepoint, so a bad message
    fails alone and the others are accepted. The documents accepted are announced together after
    the commit (`edocs_accepted`: the incoming register takes them in one transaction)."""
    judged: list[_Judged | Exception] = []
    shared = _Shared()
    for data in payloads:
        try:
            judged.append(_judge(data, peer, shared))
        except (edxml.EdxmlError, DomainError, ScannerUnavailable) as exc:
            judged.append(exc)
    outcomes: list[Outcome] = []
    accepted: list[InboxDocument] = []
    with transaction.atomic():
        known = _Known.read([item for item in judged if isinstance(item, _Judged)])
        for item in judged:
            if isinstance(item, Exception):
                outcomes.append(Outcome(error=item))
                continue
            kept = len(accepted)
            try:  # `_store` is atomic: a savepoint here, rolled back alone when the message fails
                outcomes.append(Outcome(receipt=_store(item, transport, accepted, known)))
            except (edxml.EdxmlError, DomainError) as exc:
                del accepted[kept:]
                known.recalls_stored.clear()
                outcomes.append(Outcome(error=exc))
            else:
                known.recalls |= known.recalls_stored
                known.recalls_stored.clear()
        _announce_on_commit(accepted)
    return outcomes


class _Shared:
    """What the messages of one request share, read once for the request instead of once per
    message: the trust store, the sending organs, the addressed agencies. A request's messages are
    judged within moments of each other, as one message's reads are; nothing outlives the request
    (a request of one message has one of its own)."""

    def __init__(self) -> None:
        self._trust: tuple[list[Any], list[Any]] | None = None
        self._remotes: dict[str, RemoteOrgan | None] = {}
        self._agencies: dict[frozenset[str], list[Agency]] = {}

    def trust(self) -> tuple[list[Any], list[Any]]:
        if self._trust is None:
            self._trust = trust_store()
        return self._trust

    def remote(self, organ_id: str) -> RemoteOrgan | None:
        if organ_id not in self._remotes:
            found = RemoteOrgan.objects.select_related("peer").filter(organ_id=organ_id)
            self._remotes[organ_id] = found.first()
        return self._remotes[organ_id]

    def agencies(self, codes: frozenset[str]) -> list[Agency]:
        if codes not in self._agencies:
            active = Agency.objects.filter(code__in=codes, is_active=True)
            self._agencies[codes] = list(active.order_by("code"))
        return list(self._agencies[codes])


@dataclass
class _Known:
    """Read once inside a request's transaction, instead of once per message inside it: the recalls
    (13) already recorded for the batch's documents, and the agencies that sent the documents the
    batch's statuses are about. A recall the batch itself records joins `recalls` once its message
    is stored (`recalls_stored` until then: a message rolled back leaves nothing behind)."""

    recalls: set[tuple[int, str, str]] = field(default_factory=set)
    recalls_stored: set[tuple[int, str, str]] = field(default_factory=set)
    senders_of: dict[tuple[str, str], list[Agency]] = field(default_factory=dict)

    @classmethod
    def read(cls, judged: list[_Judged]) -> _Known:
        known = cls()
        edocs = [j for j in judged if isinstance(j.examination.reading.message, edxml.EDoc)]  # type: ignore[attr-defined]
        if edocs:
            known.recalls = set(
                ReceivedStatus.objects.filter(
                    status_code=statuses.RECALL,
                    sender__in={j.remote.organ_id for j in edocs},
                    document_id__in={j.examination.reading.message.document_id for j in edocs},  # type: ignore[attr-defined]
                ).values_list("agency_id", "sender", "document_id")
            )
        about = {
            (j.remote.organ_id, j.examination.reading.message.response_for.document_id)  # type: ignore[attr-defined]
            for j in judged
            if isinstance(j.examination.reading.message, edxml.StatusMessage)  # type: ignore[attr-defined]
            and j.examination.reading.message.status_code != statuses.RECALL  # type: ignore[attr-defined]
        }
        if about:
            sent = list(
                OutboxMessage.objects.filter(
                    kind=OutboxMessage.Kind.EDOC,
                    recipient__in={organ for organ, _ in about},
                    document_id__in={document for _, document in about},
                ).values_list("recipient", "document_id", "agency_id")
            )
            agencies = list(Agency.objects.filter(pk__in={agency for _, _, agency in sent}))
            for key in about:
                ids = {agency for recipient, document, agency in sent if (recipient, document) == key}
                known.senders_of[key] = [a for a in agencies if a.pk in ids]
        return known


def _announce_on_commit(accepted: list[InboxDocument]) -> None:
    if not accepted:
        return
    documents = list(accepted)

    def announce() -> None:
        edocs_accepted.send(sender=InboxDocument, messages=documents)
        for received in documents:
            edoc_accepted.send(sender=InboxDocument, message=received)

    transaction.on_commit(announce)


@dataclass
class _Judged:
    data: bytes
    examination: object
    remote: RemoteOrgan
    agencies: list[Agency] = field(default_factory=list)
    infected: list[str] = field(default_factory=list)


def _judge(data: bytes, peer: Peer | None, shared: _Shared) -> _Judged:
    """Everything that needs no write: read, verify, the sender, the addressees, the virus scan.
    `shared`: the reads the messages of one request share."""
    examination = examine_incoming(data, require_signature=True, trust=shared.trust())
    message = examination.reading.message
    sender = message.from_.organ_id
    remote = shared.remote(sender)
    if remote is None or (peer is not None and remote.peer_id != peer.pk):
        raise UnknownSender(f"Cơ quan gửi {sender or '(không có mã)'} không được kết nối với hệ thống này.")
    judged = _Judged(data, examination, remote)
    if isinstance(message, edxml.EDoc):
        addressees = {o.organ_id for o in message.to} | {r.organ_id for r in message.business.receivers}
        judged.agencies = shared.agencies(frozenset(addressees))
        if not judged.agencies:
            raise NotAddressedHere()
        if not message.document_id:
            raise MessageRefused("Thiếu mã văn bản (DocumentId): không thể phản hồi trạng thái cho bên gửi.")
        judged.infected = _scan_attachments(message)
    elif examination.problems:
        # A status nobody can vouch for changes nothing; it gets no status back either.
        raise MessageRefused("Thông điệp trạng thái không hợp lệ: " + " ".join(examination.problems))
    return judged


@transaction.atomic
def _store(judged: _Judged, transport: str, accepted: list[InboxDocument], known: _Known) -> Receipt:
    """Store a judged message, in one transaction (a savepoint inside the caller's: every agency it
    is addressed to, or none); the accepted documents are added to `accepted`, announced by the
    caller after its commit. `known`: what the caller read in its transaction (`_Known.read`)."""
    message = judged.examination.reading.message  # type: ignore[attr-defined]
    if isinstance(message, edxml.EDoc):
        receipts = [
            _store_edoc(
                message,
                judged.examination,
                judged.remote,
                transport,
                judged.data,
                agency,
                infected=judged.infected,
                accepted=accepted,
                known=known,
            )
            for agency in judged.agencies
        ]
        return receipts[0]
    return _receive_status(message, judged.remote, known)


def _scan_attachments(doc: edxml.EDoc) -> list[str]:
    """Each attachment through the virus scanner (Directive 14/CT-TTg): an infected one is quarantined
    and the document refused with the reason. `ScannerUnavailable` (clamd down, "refuse") propagates:
    the direct inbox answers 503 and the axis poller leaves the message waiting, so it comes again."""
    problems = []
    for attachment in doc.attachments:
        try:
            scan_bytes(attachment.data, name=attachment.name or attachment.content_id, door="exchange")
        except InfectedUpload as exc:
            problems.append(exc.message)
    return problems


def _store_edoc(  # type: ignore[no-untyped-def]
    doc, examination, remote, transport, data, agency, *, infected=(), accepted, known
) -> Receipt:
    problems = [*examination.problems, *infected]
    key = {
        "agency": agency,
        "sender": remote.organ_id,
        "document_id": doc.document_id,
        "business_doc_type": int(doc.business.doc_type),
    }
    fields = {
        "sender_name": doc.from_.organ_name[:255],
        "code_number": doc.code.code_number[:50],
        "code_notation": doc.code.code_notation[:100],
        "promulgation_date": doc.promulgation.promulgation_date,
        "subject": doc.subject[:1000],
        "document_info": doc.business.document_info[:100],
        "warnings": [{"code": w.code, "message": w.message} for w in examination.reading.warnings],
        "transport": transport,
        "problems": problems,
        "state": InboxDocument.State.REFUSED if problems else InboxDocument.State.ACCEPTED,
        "xml": data,
    }
    try:  # the constraint decides (a repeat is the rare case), in a savepoint
        with transaction.atomic():
            received = InboxDocument.objects.create(**key, **fields)
    except IntegrityError:  # the same message again, earlier or at the same moment
        return _receipt_of(InboxDocument.objects.get(**key), duplicate=True)
    if problems:
        send_status(received, statuses.REFUSED, reason=" ".join(problems), remote=remote)
        return _receipt_of(received)
    send_status(received, statuses.RECEIVED, remote=remote)
    if (agency.pk, remote.organ_id, doc.document_id) in known.recalls:  # it overtook the document on the way
        _answer_recall(received)
    else:
        accepted.append(received)
    return _receipt_of(received)


def _receipt_of(received: InboxDocument, *, duplicate: bool = False) -> Receipt:
    answer = statuses.REFUSED if received.state == InboxDocument.State.REFUSED else statuses.RECEIVED
    if received.state == InboxDocument.State.RECALLED:
        answer = statuses.RECALL_ACCEPTED
    return Receipt(
        kind="edoc",
        document_id=received.document_id,
        accepted=received.state != InboxDocument.State.REFUSED,
        status_code=answer,
        duplicate=duplicate,
        problems=list(received.problems),
    )


@transaction.atomic
def _receive_status(status: edxml.StatusMessage, remote: RemoteOrgan, known: _Known) -> Receipt:
    document_id = status.response_for.document_id
    code = status.status_code
    if code == statuses.RECALL:
        # The sender asks for its document back: the document is one we hold.
        held = InboxDocument.objects.filter(sender=remote.organ_id, document_id=document_id)
        targets = [o.organ_id for o in status.to] or [status.response_for.organ_id]
        agencies = list(Agency.objects.filter(code__in=targets)) or [h.agency for h in held[:1]]
    else:
        # A receiver reports on a document we sent it: it must really be one we sent it.
        agencies = list(known.senders_of.get((remote.organ_id, document_id), []))
    if not agencies:
        raise MessageRefused(f"Không có văn bản {document_id} liên quan đến cơ quan {remote.organ_id}.")
    duplicate = True
    for agency in agencies:
        recorded, created = _record_status(agency, remote, status)
        duplicate = duplicate and not created
        status_received.send(sender=ReceivedStatus, status=recorded, created=created)
        if code == statuses.RECALL:
            known.recalls_stored.add((agency.pk, remote.organ_id, document_id))
            for received in InboxDocument.objects.select_for_update().filter(
                agency=agency, sender=remote.organ_id, document_id=document_id
            ):
                _answer_recall(received)
    return Receipt(
        kind="status", document_id=document_id, accepted=True, status_code=code, duplicate=duplicate
    )


def _record_status(
    agency: Agency, remote: RemoteOrgan, status: edxml.StatusMessage
) -> tuple[ReceivedStatus, bool]:
    key = {
        "agency": agency,
        "sender": remote.organ_id,
        "document_id": status.response_for.document_id,
        "status_code": status.status_code,
    }
    try:  # the constraint decides (a repeat is the rare case), in a savepoint
        with transaction.atomic():
            return (
                ReceivedStatus.objects.create(
                    **key,
                    sender_name=status.from_.organ_name[:255],
                    description=status.description,
                    timestamp=status.timestamp,
                ),
                True,
            )
    except IntegrityError:
        return ReceivedStatus.objects.get(**key), False


def _answer_recall(received: InboxDocument) -> None:
    """15 and our copy emptied, unless the document was already completed (16): Decree 30 Art. 18."""
    if received.state == InboxDocument.State.RECALLED:
        return  # answered already (the outbox row exists)
    if received.last_status == statuses.COMPLETED:
        send_status(
            received,
            statuses.RECALL_REFUSED,
            reason="Văn bản đã được xử lý xong (trạng thái 06) nên không thể thu hồi.",
        )
        return
    send_status(received, statuses.RECALL_ACCEPTED)
    InboxDocument.objects.filter(pk=received.pk).update(
        state=InboxDocument.State.RECALLED, xml=None, recalled_at=timezone.now()
    )
    received.refresh_from_db()
    transaction.on_commit(lambda: edoc_recalled.send(sender=InboxDocument, message=received))
