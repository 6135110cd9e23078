"""Queueing messages in the outbox: documents to other agencies, statuses about documents we hold.

Each function only writes rows, inside the caller's transaction when there is one (the document's
state and its outbox row commit together or not at all). Sealing and sending happen later in the
worker (`services.delivery`), outside any transaction: a key on a token may take its time.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from motcua.agencies.models import Agency
from motcua.core.errors import PermissionDenied

from .. import edxml, statuses
from ..errors import StatusNotAllowed, UnknownRecipient
from ..models import InboxDocument, OutboxMessage, RemoteOrgan
from ..permissions import may_seal_messages


def _organ(agency: Agency) -> edxml.Organ:
    return edxml.Organ(
        organ_id=agency.code,
        organ_name=agency.name,
        organ_add=agency.address,
        email=agency.email,
        telephone=agency.phone,
    )


def _enqueue(**fields: Any) -> OutboxMessage:
    """One outbox row per (recipient, DocumentId, StatusCode, type): a second call returns the first.

    The insert comes first (a repeat is the rare case): the constraint decides, in a savepoint, so
    a twin, earlier or racing, never undoes the caller's work.
    """
    key = {k: fields[k] for k in ("recipient", "document_id", "status_code", "business_doc_type")}
    try:
        with transaction.atomic():
            return OutboxMessage.objects.create(**fields)
    except IntegrityError:
        return OutboxMessage.objects.get(**key)


@transaction.atomic
def send_document(*, actor: Any, agency_id: int, edoc: edxml.EDoc) -> list[OutboxMessage]:
    """Queue an eDoc for every addressee (To and Receiver) of another system; idempotent per addressee.

    The clerk (who holds the agency's seal rule) sends; the worker seals the message with the
    agency's seal before it leaves. Local addressees are not this function's business.
    """
    if not may_seal_messages(actor, agency_id):
        raise PermissionDenied("Cán bộ không được giao gửi văn bản điện tử của cơ quan.")
    agency = Agency.objects.get(pk=agency_id)
    if edoc.from_.organ_id != agency.code:
        raise StatusNotAllowed("Văn bản phải được gửi dưới tên cơ quan của người gửi.")
    addressees = dict.fromkeys([o.organ_id for o in edoc.to] + [r.organ_id for r in edoc.business.receivers])
    remotes = {
        r.organ_id: r for r in RemoteOrgan.objects.select_related("peer").filter(organ_id__in=addressees)
    }
    missing = [organ for organ in addressees if organ not in remotes]
    if missing:
        raise UnknownRecipient(
            "Chưa khai báo kết nối liên thông cho cơ quan nhận: " + ", ".join(missing) + "."
        )
    xml = edxml.build(edoc)  # refuses (BuildError) a message no receiver could accept
    return [
        _enqueue(
            agency=agency,
            recipient=organ,
            peer=remotes[organ].peer,
            kind=OutboxMessage.Kind.EDOC,
            document_id=edoc.document_id,
            status_code="",
            business_doc_type=int(edoc.business.doc_type),
            subject=edoc.subject[:1000],
            xml=xml,
        )
        for organ in addressees
    ]


def _status_for(received: InboxDocument, code: str, reason: str, at: datetime) -> edxml.StatusMessage:
    code_text = "/".join(part for part in (received.code_number, received.code_notation) if part)
    return edxml.StatusMessage(
        from_=_organ(received.agency),
        response_for=edxml.ResponseFor(
            organ_id=received.sender,
            code=code_text,
            promulgation_date=received.promulgation_date,
            document_id=received.document_id,
        ),
        status_code=code,
        description=reason or statuses.label(code),
        timestamp=at,
        to=(edxml.Organ(received.sender, received.sender_name),),
    )


def send_status(
    received: InboxDocument,
    code: str,
    *,
    reason: str = "",
    at: datetime | None = None,
    remote: RemoteOrgan | None = None,
) -> OutboxMessage:
    """Queue the status `code` about a document we received, to its sender; once per code.

    The clerk's registers call it with 03 (registered), 04 (assigned), 05 (processing) and 06
    (completed); receiving calls it with 01/02 and recall answers 15/16. A refusal (02) and a
    refused recall (16) need their reason. `remote`: the sender's declared organ (with its peer)
    when the caller has just read it, else it is read here.

    Everything is checked before the first write; the writes join the caller's transaction (no
    savepoint of their own: the outbox row and the document's state commit together or not at all).
    """
    if code not in statuses.RECEIVER_CODES:
        raise StatusNotAllowed(f"Bên nhận văn bản không gửi trạng thái '{code}'.")
    if code in (statuses.REFUSED, statuses.RECALL_REFUSED) and not reason.strip():
        raise StatusNotAllowed("Cần nêu lý do khi từ chối.")
    if remote is None or remote.organ_id != received.sender:
        remote = RemoteOrgan.objects.select_related("peer").filter(organ_id=received.sender).first()
    if remote is None:
        raise UnknownRecipient(f"Chưa khai báo kết nối liên thông cho cơ quan {received.sender}.")
    at = at or timezone.now()
    xml = edxml.build(_status_for(received, code, reason.strip(), at))
    with transaction.atomic(savepoint=False):
        message = _enqueue(
            agency=received.agency,
            recipient=received.sender,
            peer=remote.peer,
            kind=OutboxMessage.Kind.STATUS,
            document_id=received.document_id,
            status_code=code,
            business_doc_type=0,
            subject=received.subject[:1000],
            xml=xml,
        )
        if statuses.rank(code) > statuses.rank(received.last_status):
            InboxDocument.objects.filter(pk=received.pk).update(last_status=code)
            received.last_status = code
    return message


@transaction.atomic
def recall_document(*, actor: Any, agency_id: int, document_id: str, reason: str = "") -> list[OutboxMessage]:
    """Ask every receiver of a document we sent to give it back (status 13); their 15/16 answer."""
    if not may_seal_messages(actor, agency_id):
        raise PermissionDenied("Cán bộ không được giao thu hồi văn bản điện tử của cơ quan.")
    agency = Agency.objects.get(pk=agency_id)
    sent = list(
        OutboxMessage.objects.filter(agency=agency, kind=OutboxMessage.Kind.EDOC, document_id=document_id)
    )
    if not sent:
        raise StatusNotAllowed("Cơ quan chưa gửi văn bản này qua liên thông.")
    now = timezone.now()
    queued = []
    for document in sent:
        parts = edxml.split_document_id(document_id)
        status = edxml.StatusMessage(
            from_=_organ(agency),
            response_for=edxml.ResponseFor(
                organ_id=agency.code,
                code=f"{parts.number}/{parts.notation}" if parts and parts.notation else "",
                promulgation_date=parts.promulgation_date if parts else None,
                document_id=document_id,
            ),
            status_code=statuses.RECALL,
            description=reason.strip() or statuses.label(statuses.RECALL),
            timestamp=now,
            to=(edxml.Organ(document.recipient),),
        )
        queued.append(
            _enqueue(
                agency=agency,
                recipient=document.recipient,
                peer=document.peer,
                kind=OutboxMessage.Kind.STATUS,
                document_id=document_id,
                status_code=statuses.RECALL,
                business_doc_type=0,
                subject=document.subject,
                xml=edxml.build(status),
            )
        )
    return queued
