"""Receiving an edXML message from any transport: judge it, store it, answer it, exactly once.

The same function serves the direct inbox (a peer POSTs) and the axis poller (we fetch). A message
received twice, or statuses that arrive out of order, change nothing the second time: the inbox
and the statuses received are keyed by constraint.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import timezone

from motcua.agencies.models import Agency
from motcua.antivirus.errors import InfectedUpload, ScannerUnavailable
from motcua.antivirus.services import scan_bytes

from .. import edxml, statuses
from ..errors import DomainError, MessageRefused, NotAddressedHere, UnknownSender
from ..models import InboxDocument, OutboxMessage, Peer, ReceivedStatus, RemoteOrgan
from ..selectors import examine_incoming
from ..signals import edoc_accepted, edoc_recalled, edocs_accepted
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
    judged = _judge(data, peer)  # outside the transaction: an infected file's quarantine row stays
    accepted: list[InboxDocument] = []
    receipt = _store(judged, transport, accepted)  # its own transaction (or savepoint)
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
    for data in payloads:
        try:
            judged.append(_judge(data, peer))
        except (edxml.EdxmlError, DomainError, ScannerUnavailable) as exc:
            judged.append(exc)
    outcomes: list[Outcome] = []
    accepted: list[InboxDocument] = []
    with transaction.atomic():
        for item in judged:
            if isinstance(item, Exception):
                outcomes.append(Outcome(error=item))
                continue
            kept = len(accepted)
            try:  # `_store` is atomic: a savepoint here, rolled back alone when the message fails
                outcomes.append(Outcome(receipt=_store(item, transport, accepted)))
            except (edxml.EdxmlError, DomainError) as exc:
                del accepted[kept:]
                outcomes.append(Outcome(error=exc))
        _announce_on_commit(accepted)
    return outcomes


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


def _judge(data: bytes, peer: Peer | None) -> _Judged:
    """Everything that needs no write: read, verify, the sender, the addressees, the virus scan."""
    examination = examine_incoming(data, require_signature=True)
    message = examination.reading.message
    sender = message.from_.organ_id
    remote = RemoteOrgan.objects.select_related("peer").filter(organ_id=sender).first()
    if remote is None or (peer is not None and remote.peer_id != peer.pk):
        raise UnknownSender(f"Cơ quan gửi {sender or '(không có mã)'} không được kết nối với hệ thống này.")
    judged = _Judged(data, examination, remote)
    if isinstance(message, edxml.EDoc):
        addressees = {o.organ_id for o in message.to} | {r.organ_id for r in message.business.receivers}
        judged.agencies = list(Agency.objects.filter(code__in=addressees, is_active=True).order_by("code"))
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
def _store(judged: _Judged, transport: str, accepted: list[InboxDocument]) -> Receipt:
    """Store a judged message, in one transaction (a savepoint inside the caller's: every agency it
    is addressed to, or none); the accepted documents are added to `accepted`, announced by the
    caller after its commit."""
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
            )
            for agency in judged.agencies
        ]
        return receipts[0]
    return _receive_status(message, judged.remote)


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


def _store_edoc(doc, examination, remote, transport, data, agency, *, infected=(), accepted) -> Receipt:  # type: ignore[no-untyped-def]
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
    recall = ReceivedStatus.objects.filter(
        agency=agency, sender=remote.organ_id, document_id=doc.document_id, status_code=statuses.RECALL
    ).exists()
    if recall:  # the recall overtook the document on the way
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
def _receive_status(status: edxml.StatusMessage, remote: RemoteOrgan) -> Receipt:
    document_id = status.response_for.document_id
    code = status.status_code
    if code == statuses.RECALL:
        # The sender asks for its document back: the document is one we hold.
        held = InboxDocument.objects.filter(sender=remote.organ_id, document_id=document_id)
        targets = [o.organ_id for o in status.to] or [status.response_for.organ_id]
        agencies = list(Agency.objects.filter(code__in=targets)) or [h.agency for h in held[:1]]
    else:
        # A receiver reports on a document we sent it: it must really be one we sent it.
        agencies = list(
            Agency.objects.filter(
                pk__in=OutboxMessage.objects.filter(
                    kind=OutboxMessage.Kind.EDOC, recipient=remote.organ_id, document_id=document_id
                ).values("agency")
            )
        )
    if not agencies:
        raise MessageRefused(f"Không có văn bản {document_id} liên quan đến cơ quan {remote.organ_id}.")
    duplicate = True
    for agency in agencies:
        _, created = _record_status(agency, remote, status)
        duplicate = duplicate and not created
        if code == statuses.RECALL:
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
