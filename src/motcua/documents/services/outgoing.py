"""Outgoing documents: the register's counter, registering, recall, post and archive-copy use."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.db import IntegrityError, transaction

from motcua.agencies.models import Agency
from motcua.core import time as core_time
from motcua.core.errors import NotFound, ValidationFailed
from motcua.core.text import fold
from motcua.workcalendar.selectors import calendar_for

from .. import numbering
from ..errors import Frozen
from ..models import ArchiveCopyUse, OutgoingDocument, OutgoingPost, Register
from ..permissions import require_clerk

OUTGOING_NAME = "Sổ đăng ký văn bản đi"
INCOMING_NAME = "Sổ đăng ký văn bản đến"


def _register(agency_id: int, kind: str, year: int, name: str) -> Register:
    """The agency's register of `kind` for `year`, opened on first use (numbers restart at 01)."""
    found = Register.objects.filter(agency_id=agency_id, kind=kind, year=year, name=name).first()
    if found is not None:
        return found
    try:
        with transaction.atomic():
            return Register.objects.create(agency_id=agency_id, kind=kind, year=year, name=name)
    except IntegrityError:  # another clerk opened it at the same moment
        return Register.objects.get(agency_id=agency_id, kind=kind, year=year, name=name)


def outgoing_register(agency_id: int, year: int) -> Register:
    return _register(agency_id, Register.Kind.OUTGOING, year, OUTGOING_NAME)


def incoming_register(agency_id: int, year: int) -> Register:
    return _register(agency_id, Register.Kind.INCOMING, year, INCOMING_NAME)


def take_incoming_number(agency_id: int, year: int) -> tuple[Register, int]:
    """The incoming register of `year` and its next number, read once under a lock on its row.

    The same as `incoming_register` then `take_number`, one statement fewer: the register's row is
    locked as it is found (opened first if this is the year's first document).
    """
    key = {"agency_id": agency_id, "kind": Register.Kind.INCOMING, "year": year, "name": INCOMING_NAME}
    locked = Register.objects.select_for_update().filter(**key).first()
    if locked is None:
        locked = Register.objects.select_for_update().get(pk=incoming_register(agency_id, year).pk)
    locked.last_number += 1
    locked.save(update_fields=["last_number"])
    return locked, locked.last_number


def take_number(register: Register) -> int:
    """The register's next number, under a lock on its row: two clerks never get the same one.

    Call inside the transaction that records the document, so that a failure gives the number back.
    """
    locked = Register.objects.select_for_update().get(pk=register.pk)
    locked.last_number += 1
    locked.save(update_fields=["last_number"])
    return locked.last_number


def duplicate_warnings(
    *, agency_id: int, notation: str, year: int, exclude_id: int | None = None
) -> list[str]:
    """Decree 30 App. VI: warn on a number and notation the agency already issued this year."""
    found = OutgoingDocument.objects.filter(
        register__agency_id=agency_id, register__year=year, notation=notation
    )
    if exclude_id is not None:
        found = found.exclude(pk=exclude_id)
    if found.exists():
        return [f"Số, ký hiệu {notation} đã có trong sổ văn bản đi năm {year}."]
    return []


def agency_abbreviation(agency: Agency) -> str:
    return (
        numbering.clean_group(agency.short_name) if agency.short_name else numbering.abbreviate(agency.name)
    )


def register_outgoing(*, actor: Any, agency_id: int, **details: Any) -> tuple[OutgoingDocument, list[str]]:
    """The clerk registers an outgoing document (see `record_outgoing` for `details`)."""
    require_clerk(actor, agency_id)
    return record_outgoing(actor=actor, agency_id=agency_id, **details)


@transaction.atomic
def record_outgoing(
    *,
    actor: Any,
    agency_id: int,
    kind: str,
    subject: str,
    signer_name: str,
    signer_position: str,
    signed_on: date,
    recipients: str = "",
    unit: str = "",
    copies: int = 1,
    archive_holder: str = "",
    note: str = "",
    at: datetime | None = None,
    dossier: Any = None,
    result: Any = None,
) -> tuple[OutgoingDocument, list[str]]:
    """Number, date and register an outgoing document; returns it and any warnings.

    The number is the register's next one; the issue date is today, due on the day of signing or
    the next working day at the latest (Art. 18): a later issue is noted in the register.
    Callers check who may: `register_outgoing` (the clerk), or the table of actions (ISSUE_RESULT).
    """
    if kind not in numbering.TYPE_ABBREVIATIONS:
        raise ValidationFailed("Loại văn bản không hợp lệ.")
    subject = subject.strip()
    if not subject:
        raise ValidationFailed("Vui lòng nhập trích yếu nội dung văn bản.")
    moment = at or core_time.now()
    issued_on = core_time.local(moment).date()
    agency = Agency.objects.get(pk=agency_id)
    register = outgoing_register(agency_id, issued_on.year)
    number = take_number(register)
    text = numbering.notation(number, kind=kind, body=agency_abbreviation(agency), unit=unit)
    warnings = duplicate_warnings(agency_id=agency_id, notation=text, year=issued_on.year)
    due = numbering.issue_due(signed_on, calendar_for(agency))
    if issued_on > due:
        warnings.append(f"Ban hành muộn: hạn ban hành là ngày {due:%d/%m/%Y} (Điều 18 Nghị định 30/2020).")
    document = OutgoingDocument.objects.create(
        register=register,
        number=number,
        notation=text,
        type_name=numbering.TYPE_NAMES[kind],
        subject=subject[:500],
        signed_on=signed_on,
        issued_on=issued_on,
        issue_due_on=due,
        signer_name=signer_name[:100],
        signer_position=signer_position[:100],
        recipients=recipients,
        archive_holder=archive_holder[:200],
        copies=copies,
        note="; ".join([note, *warnings] if note else warnings)[:500],
        dossier=dossier,
        result=result,
        created_by=actor,
        created_at=moment,
        search_folded=fold(" ".join((text, subject, signer_name))),
    )
    return document, warnings


def _document(document_id: int, actor: Any) -> OutgoingDocument:
    try:
        document = OutgoingDocument.objects.select_for_update().select_related("register").get(pk=document_id)
    except OutgoingDocument.DoesNotExist as exc:
        raise NotFound("Không tìm thấy văn bản đi.") from exc
    require_clerk(actor, document.register.agency_id)
    return document


@transaction.atomic
def recall_outgoing(
    *, document_id: int, actor: Any, reason: str, at: datetime | None = None
) -> OutgoingDocument:
    """Recall a sent document: the sent copy is frozen (kept as sent, never changed), the reason kept."""
    document = _document(document_id, actor)
    if document.recalled_at is not None:
        raise Frozen("Văn bản đã được thu hồi trước đó.")
    if not reason.strip():
        raise ValidationFailed("Vui lòng nhập lý do thu hồi.")
    document.recalled_at = at or core_time.now()
    document.recall_reason = reason.strip()[:500]
    document.save(update_fields=["recalled_at", "recall_reason"])
    return document


def require_not_frozen(document: OutgoingDocument) -> None:
    if document.recalled_at is not None:
        raise Frozen()


@transaction.atomic
def record_post(
    *,
    document_id: int,
    actor: Any,
    recipient: str,
    sent_on: date,
    envelopes: int = 1,
    postmark: str = "",
    note: str = "",
) -> OutgoingPost:
    """A line of the register of outgoing post."""
    document = _document(document_id, actor)
    require_not_frozen(document)
    if not recipient.strip():
        raise ValidationFailed("Vui lòng nhập nơi nhận.")
    return OutgoingPost.objects.create(
        document=document,
        recipient=recipient.strip()[:300],
        sent_on=sent_on,
        envelopes=max(1, envelopes),
        postmark=postmark[:200],
        note=note[:500],
    )


@transaction.atomic
def record_archive_use(
    *,
    document_id: int,
    actor: Any,
    user_name: str,
    used_on: date,
    case_file: str = "",
    authorised_by: str = "",
    returned_on: date | None = None,
    note: str = "",
) -> ArchiveCopyUse:
    """A line of the register of use of archive copies (reading a frozen copy is allowed)."""
    document = _document(document_id, actor)
    if not user_name.strip():
        raise ValidationFailed("Vui lòng nhập người sử dụng bản lưu.")
    return ArchiveCopyUse.objects.create(
        document=document,
        user_name=user_name.strip()[:200],
        used_on=used_on,
        case_file=case_file[:100],
        authorised_by=authorised_by[:200],
        returned_on=returned_on,
        note=note[:500],
    )
