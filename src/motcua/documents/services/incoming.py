"""Incoming documents (Decree 30/2020 Art. 22-24): register, present, direct, assign, follow up.

Paper and electronic documents share one arrival number per agency and calendar year. Each step
sends its signal (documents/signals.py) once the transaction commits, so the exchange can report
statuses 03/04/05/06 to the sender of an electronic document.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db import transaction
from django.dispatch import Signal

from motcua.agencies.models import Role, StaffRole, Unit
from motcua.core import time as core_time
from motcua.core.errors import Conflict, NotFound, ValidationFailed
from motcua.core.text import fold
from motcua.workcalendar.selectors import calendar_for

from .. import numbering, signals
from ..models import IncomingDocument
from ..permissions import require_clerk, require_leader
from .outgoing import take_incoming_number

MAX_WORKING_DAYS = 365

S = IncomingDocument.Status


def _announce(signal: Signal, document: IncomingDocument) -> None:
    # Sent inside the transaction: the exchange queues the status for the sender in the same commit
    # as the register's entry, so neither is ever written without the other.
    signal.send(
        sender=IncomingDocument, document=document, exchange_document_id=document.exchange_document_id
    )


@transaction.atomic
def register_incoming(
    *,
    actor: Any,
    agency_id: int,
    author: str,
    notation: str,
    document_date: date,
    type_name: str,
    subject: str,
    channel: str = "paper",
    exchange_document_id: str | None = None,
    urgent: bool = False,
    note: str = "",
    at: datetime | None = None,
) -> IncomingDocument:
    """Enter an arriving document in the incoming register: its arrival number and "ĐẾN" stamp data.

    `actor` is the clerk; the exchange's receiver passes `actor=None` for an electronic document it
    accepted (the system registers it). An electronic document already registered is returned as it
    is (a duplicate DocumentId creates one record).
    """
    if actor is not None:
        require_clerk(actor, agency_id)
    if channel not in IncomingDocument.Channel.values:
        raise ValidationFailed("Hình thức văn bản đến không hợp lệ.")
    if channel == IncomingDocument.Channel.ELECTRONIC and exchange_document_id:
        known = IncomingDocument.objects.filter(
            register__agency_id=agency_id, exchange_document_id=exchange_document_id
        ).first()
        if known is not None:
            return known
    for label, value in (("cơ quan ban hành", author), ("số, ký hiệu", notation), ("trích yếu", subject)):
        if not str(value or "").strip():
            raise ValidationFailed(f"Vui lòng nhập {label}.")
    moment = at or core_time.now()
    arrived = core_time.local(moment)
    register, arrival_number = take_incoming_number(agency_id, arrived.year)
    document = IncomingDocument.objects.create(
        register=register,
        arrival_number=arrival_number,
        arrived_at=moment,
        channel=channel,
        exchange_document_id=exchange_document_id or "",
        author=author.strip()[:200],
        notation=notation.strip()[:60],
        document_date=document_date,
        type_name=(type_name or "Công văn").strip()[:100],
        subject=subject.strip()[:500],
        urgent=urgent,
        present_due_at=numbering.presentation_due(arrived, calendar_for(agency_id), urgent=urgent),
        note=note[:500],
        created_by=actor,
        search_folded=fold(" ".join((notation, subject, author))),
    )
    _announce(signals.incoming_registered, document)
    return document


def _lock(document_id: int) -> IncomingDocument:
    try:
        return IncomingDocument.objects.select_for_update().select_related("register").get(pk=document_id)
    except IncomingDocument.DoesNotExist as exc:
        raise NotFound("Không tìm thấy văn bản đến.") from exc


@transaction.atomic
def present_incoming(
    *, document_id: int, actor: Any, leader_id: int, at: datetime | None = None
) -> IncomingDocument:
    """The clerk hands the document to the leader who directs its handling."""
    document = _lock(document_id)
    agency_id = document.register.agency_id
    require_clerk(actor, agency_id)
    if document.status != S.REGISTERED:
        raise Conflict("Văn bản đã được trình.")
    leader = StaffRole.objects.filter(user_id=leader_id, agency_id=agency_id, role=Role.LEADER).first()
    if leader is None:
        raise ValidationFailed("Người được trình phải là lãnh đạo của cơ quan.")
    document.presented_to_id = leader_id
    document.presented_at = at or core_time.now()
    document.status = S.PRESENTED
    document.save(update_fields=["presented_to", "presented_at", "status"])
    return document


@transaction.atomic
def decide_handling(
    *,
    document_id: int,
    actor: Any,
    lead_unit_id: int,
    supporting_unit_ids: Iterable[int] = (),
    deadline: date | None = None,
    working_days: int | None = None,
    instructions: str = "",
    at: datetime | None = None,
) -> IncomingDocument:
    """The leader's handling slip (Phiếu giải quyết văn bản đến), part 1: lead, supporting units, deadline.

    The deadline is `working_days` counted from the decision on the agency's working calendar (a day
    given as `deadline` is kept for callers that have only a date: due at the end of that day).
    """
    document = _lock(document_id)
    agency_id = document.register.agency_id
    require_leader(actor, agency_id)
    if document.status in (S.COMPLETED,):
        raise Conflict("Văn bản đã giải quyết xong.")
    units = set(Unit.objects.filter(agency_id=agency_id).values_list("pk", flat=True))
    supporting = {int(u) for u in supporting_unit_ids}
    if lead_unit_id not in units or not supporting <= units:
        raise ValidationFailed("Đơn vị chủ trì, phối hợp phải là đơn vị của cơ quan.")
    supporting.discard(lead_unit_id)
    moment = at or core_time.now()
    due_at: datetime | None = None
    if working_days is not None:
        if not 1 <= working_days <= MAX_WORKING_DAYS:
            raise ValidationFailed(f"Thời hạn giải quyết phải từ 1 đến {MAX_WORKING_DAYS} ngày làm việc.")
        due_at = calendar_for(agency_id).add(moment, working_days, "day")
        deadline = core_time.local(due_at).date()
    elif deadline is not None:
        if deadline < core_time.local(moment).date():
            raise ValidationFailed("Hạn giải quyết không được trước ngày hôm nay.")
        due_at = datetime.combine(deadline + timedelta(days=1), time(), tzinfo=core_time.VN_TZ)
    document.lead_unit_id = lead_unit_id
    document.deadline = deadline
    document.deadline_working_days = working_days
    document.due_at = due_at
    document.instructions = instructions.strip()[:2000]
    document.decided_by = actor
    document.decided_at = moment
    if document.presented_at is None:
        document.presented_to = actor
        document.presented_at = moment
    if document.status in (S.REGISTERED, S.PRESENTED):
        document.status = S.PRESENTED
    document.save()
    document.supporting_units.set(supporting)
    return document


@transaction.atomic
def assign_incoming(
    *, document_id: int, actor: Any, assignee_id: int, at: datetime | None = None
) -> IncomingDocument:
    """Part 2: a leader of the agency or of the lead unit gives the document to a person of the lead unit."""
    document = _lock(document_id)
    agency_id = document.register.agency_id
    require_leader(actor, agency_id)
    if document.lead_unit_id is None:
        raise Conflict("Lãnh đạo chưa giao đơn vị chủ trì (Phiếu giải quyết văn bản đến).")
    if not StaffRole.objects.filter(
        user_id=assignee_id, agency_id=agency_id, unit_id=document.lead_unit_id
    ).exists():
        raise ValidationFailed("Người xử lý phải thuộc đơn vị chủ trì.")
    if document.status == S.COMPLETED:
        raise Conflict("Văn bản đã giải quyết xong.")
    document.assignee_id = assignee_id
    document.status = S.ASSIGNED
    document.save(update_fields=["assignee", "status"])
    _announce(signals.incoming_assigned, document)
    return document


def _require_handler(document: IncomingDocument, actor: Any) -> None:
    if getattr(actor, "pk", None) == document.assignee_id:
        return
    require_leader(actor, document.register.agency_id)


@transaction.atomic
def record_progress(
    *, document_id: int, actor: Any, progress: str, at: datetime | None = None
) -> IncomingDocument:
    """The handler (or a leader) writes where the handling stands; the document is in processing."""
    document = _lock(document_id)
    _require_handler(document, actor)
    if document.status == S.COMPLETED:
        raise Conflict("Văn bản đã giải quyết xong.")
    if document.assignee_id is None:
        raise Conflict("Văn bản chưa được phân công.")
    line = f"{core_time.local(at or core_time.now()):%d/%m/%Y}: {progress.strip()}"
    document.progress = (f"{document.progress}\n{line}" if document.progress else line)[-4000:]
    document.status = S.PROCESSING
    document.save(update_fields=["progress", "status"])
    _announce(signals.incoming_processing, document)
    return document


@transaction.atomic
def complete_incoming(
    *, document_id: int, actor: Any, reply_notation: str = "", at: datetime | None = None
) -> IncomingDocument:
    """Handling is done (with the reply's number, if one was issued)."""
    document = _lock(document_id)
    _require_handler(document, actor)
    if document.status == S.COMPLETED:
        raise Conflict("Văn bản đã giải quyết xong.")
    if document.assignee_id is None:
        raise Conflict("Văn bản chưa được phân công.")
    document.status = S.COMPLETED
    document.completed_at = at or core_time.now()
    document.reply_notation = reply_notation.strip()[:60]
    document.save(update_fields=["status", "completed_at", "reply_notation"])
    _announce(signals.incoming_completed, document)
    return document
