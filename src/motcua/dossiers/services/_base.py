"""Internals shared by the dossier services: the row lock, recording an event, checks of inputs."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import models
from django.db.models import Sum
from django.utils.translation import gettext

from motcua.agencies.models import Agency, Unit
from motcua.catalog.models import ProcedureVersion
from motcua.core import phones
from motcua.core import time as core_time
from motcua.core.errors import NotFound, ValidationFailed
from motcua.core.prepared import Prepared

from .. import applicant as applicant_fields
from .. import clock
from ..actions import TEXT_MAX, Action
from ..clock import snapshot_of, store_snapshot
from ..deadlines import calendar_of, terms_for
from ..errors import IllegalTransition, StaleDossier, UnacceptableUpload
from ..events import append_event
from ..models import (
    ApplicantKind,
    Attachment,
    Dossier,
    DossierEvent,
    DossierHolder,
)
from ..notifications import notify_on_commit
from ..permissions import authorize
from ..signals import dossier_event_recorded
from ..states import TERMINAL, is_allowed
from ..uploads import CheckedFile, check_upload

Kind = DossierEvent.Kind

ID_NUMBER = re.compile(r"^\d{9}(\d{3})?$")

# What an applicant is made of (declared in dossiers/applicant.py).
APPLICANT_FIELDS = applicant_fields.NAMES
APPLICANT_LIMITS = applicant_fields.LIMITS

# A result document is a PDF a person wrote; anything larger is a mistake or an attack.
MAX_RESULT_BYTES = 20 * 1024 * 1024

# Events that record something without moving the dossier through the state machine.
SIDE_EVENTS = frozenset(
    {
        Kind.ASSIGNED,
        Kind.APOLOGISED,
        Kind.RESULT_ATTACHED,
        Kind.OWNER_LINKED,
        Kind.FEE_PAID,
        Kind.EXEMPTION_CONFIRMED,
        Kind.EXEMPTION_REJECTED,
        Kind.PEER_STATUS,
    }
)

# Events that may still be written once the dossier has ended: a citizen may add a returned dossier
# to their account to keep its result at hand; an archived result gets its timestamp renewed.
# (`attach_result` checks the state itself: officers cannot replace a result after the end.)
# A peer's late report (a recall answered after the dossier stopped) is still history.
AFTER_THE_END = frozenset({Kind.OWNER_LINKED, Kind.RESULT_ATTACHED, Kind.FEE_PAID, Kind.PEER_STATUS})

# (required_document_id or None, uploaded file)
Documents = Sequence[tuple[int | None, Any]]


# --- helpers -----------------------------------------------------------------------------------


# Every action of every door takes this lock: prepared (`core.prepared`).
_LOCKED: Prepared[Dossier] = Prepared(
    lambda dossier_id: (
        Dossier.objects.select_for_update(of=("self",))
        .select_related("procedure_version", "current_unit")
        .filter(pk=dossier_id)[:1]
    ),
    dossier_id=int,
)


def _lock(dossier_id: int, expected_version: int | None) -> Dossier:
    dossier = _LOCKED.first(dossier_id=dossier_id)
    if dossier is None:
        raise NotFound(gettext("Không tìm thấy hồ sơ."))
    if expected_version is not None and dossier.version != expected_version:
        raise StaleDossier(current_version=dossier.version)
    return dossier


def lock_for(action: Action, *, dossier_id: int, actor: Any, expected_version: int | None) -> Dossier:
    """Lock the dossier, check the version the actor saw, and check the table lets them act."""
    dossier = _lock(dossier_id, expected_version)
    authorize(actor, action, dossier)
    return dossier


def checked_text(value: Any, *, label: Any, required: bool = False, limit: int = TEXT_MAX) -> str:
    """A free-text input, trimmed, within the one cap every door shares (`actions.TEXT_MAX`).

    `label` names the input in messages (lazily translated: "ghi chú", "note").
    """
    label = str(label)
    text = str(value or "").strip()
    if required and not text:
        raise ValidationFailed(gettext("Vui lòng nhập %(label)s.") % {"label": label})
    if len(text) > limit:
        raise ValidationFailed(
            gettext("%(value)s dài tối đa %(limit)s ký tự (đang có %(text)s).")
            % {"value": label.capitalize(), "limit": limit, "text": len(text)}
        )
    return text


def require_working_moment(calendar: clock.Calendar, moment: datetime, *, label: str) -> None:
    """A legal moment (an appointment, a new due date) falls on working time of the working calendar."""
    if calendar.is_working_moment(moment):
        return
    following = core_time.local(calendar.next_working_moment(moment))
    given = core_time.local(moment)
    raise ValidationFailed(
        f"{label} ({given:%H:%M} ngày {given:%d/%m/%Y}) không rơi vào giờ làm việc. "
        f"Thời điểm làm việc gần nhất sau đó: {following:%H:%M} ngày {following:%d/%m/%Y}.",
        fields={"new_appointment": "Hãy chọn một thời điểm trong giờ làm việc."},
        next_working_moment=following.isoformat(),
    )


def _record(
    dossier: Dossier,
    *,
    actor: Any,
    kind: str,
    to_state: str,
    at: datetime | None,
    note: str = "",
    payload: dict[str, Any] | None = None,
    action: str = "",
) -> DossierEvent:
    """Check the transition, append the event and bring the cached snapshot up to date."""
    at = at or core_time.now()
    source = dossier.state
    if source and kind not in SIDE_EVENTS and not is_allowed(source, to_state):
        raise IllegalTransition(source, action or kind)
    if source in TERMINAL and kind not in AFTER_THE_END:
        raise IllegalTransition(source, action or kind)
    snap = snapshot_of(dossier)
    if snap.last_event_at and at < snap.last_event_at:
        raise ValidationFailed(gettext("Thời điểm thao tác không được trước thao tác gần nhất của hồ sơ."))
    agency_before = dossier.current_agency_id
    event = append_event(
        dossier,
        kind=kind,
        at=at,
        actor=actor,
        from_state=source,
        to_state=to_state,
        note=note,
        payload=payload,
    )
    new_snap = clock.apply_event(
        snap,
        clock.Event(kind, at, to_state, event.payload),
        terms_for(dossier.procedure_version),
        calendar_of(dossier),
    )
    store_snapshot(dossier, new_snap)
    dossier.save()
    if kind == Kind.SUBMITTED or dossier.current_agency_id != agency_before:
        _record_holders(dossier, at)  # a new holder keeps reading the dossier after handing it on
    # Same transaction: the sync outbox and the summary tables move with the event.
    dossier_event_recorded.send(sender=Dossier, dossier=dossier, event=event, before=snap, after=new_snap)
    notify_on_commit(dossier, event)
    return event


def _record_holders(dossier: Dossier, at: datetime) -> None:
    """The receiving and current agencies are holders from now on (one insert; known ones stay)."""
    DossierHolder.objects.bulk_create(
        [
            DossierHolder(dossier=dossier, agency_id=agency_id, since=at)
            for agency_id in {dossier.receiving_agency_id, dossier.current_agency_id}
        ],
        ignore_conflicts=True,
    )


def _attach(
    dossier: Dossier, files: Iterable[tuple[int | None, CheckedFile]], *, event_seq: int, at: datetime
) -> None:
    attachments = []
    for required_document_id, checked in files:
        attachment = Attachment(
            dossier=dossier,
            required_document_id=required_document_id,
            original_name=checked.name,
            content_type=checked.content_type,
            size=checked.size,
            sha256=checked.sha256,
            event_seq=event_seq,
            uploaded_at=at,
        )
        attachment.file.save(checked.name, checked.upload, save=False)
        attachments.append(attachment)
    Attachment.objects.bulk_create(attachments)  # one statement for the event's files


def _check_files(
    version: ProcedureVersion, documents: Documents, *, dossier: Dossier | None = None, uploader: Any = None
) -> list[tuple[int | None, CheckedFile]]:
    """Check each file, then the quotas: per dossier (files and bytes, with what it already holds) and
    per account (bytes uploaded to its dossiers over the last day)."""
    known = {d.pk for d in version.required_documents.all()}
    checked = []
    for required_document_id, upload in documents:
        field = f"documents.{required_document_id if required_document_id is not None else 'other'}"
        if required_document_id is not None and required_document_id not in known:
            message = "Thành phần hồ sơ không thuộc thủ tục này."
            raise ValidationFailed(message, document=required_document_id, fields={field: message})
        try:
            checked.append((required_document_id, check_upload(upload)))
        except UnacceptableUpload as exc:
            exc.details.update(document=required_document_id, fields={field: exc.message})
            raise
    _check_quotas([f for _, f in checked], dossier=dossier, uploader=uploader)
    return checked


def _check_quotas(files: Sequence[CheckedFile], *, dossier: Dossier | None, uploader: Any) -> None:
    if not files:
        return
    count, size = len(files), sum(f.size for f in files)
    held_count, held_size = 0, 0
    if dossier is not None and dossier.pk:
        totals = Attachment.objects.filter(dossier=dossier).aggregate(n=models.Count("pk"), b=Sum("size"))
        held_count, held_size = totals["n"] or 0, totals["b"] or 0
    max_files, max_bytes = settings.MOTCUA_DOSSIER_MAX_FILES, settings.MOTCUA_DOSSIER_MAX_BYTES
    if held_count + count > max_files:
        raise UnacceptableUpload(
            gettext(
                "Mỗi hồ sơ có tối đa %(max_files)s tệp đính kèm (đã có %(held_count)s, gửi thêm %(count)s)."
            )
            % {"max_files": max_files, "held_count": held_count, "count": count},
            quota="dossier_files",
        )
    if held_size + size > max_bytes:
        raise UnacceptableUpload(
            gettext("Tổng dung lượng tệp của một hồ sơ tối đa %(value)s MB.")
            % {"value": max_bytes // (1024 * 1024)},
            quota="dossier_bytes",
        )
    if getattr(uploader, "pk", None) is None:
        return  # anonymous submissions are limited per address and per day at the doors
    since = core_time.now() - timedelta(days=1)
    recent = (
        Attachment.objects.filter(dossier__owner_id=uploader.pk, uploaded_at__gte=since).aggregate(
            b=Sum("size")
        )["b"]
        or 0
    )
    daily = settings.MOTCUA_ACCOUNT_DAILY_UPLOAD_BYTES
    if recent + size > daily:
        raise UnacceptableUpload(
            gettext("Tài khoản đã tải lên gần %(value)s MB trong 24 giờ qua; vui lòng thử lại sau.")
            % {"value": daily // (1024 * 1024)},
            quota="account_bytes",
        )


def _check_applicant(applicant: Mapping[str, Any]) -> dict[str, str]:
    errors: dict[str, str] = {}
    kind = applicant.get("kind", ApplicantKind.CITIZEN)
    if kind not in ApplicantKind.values:
        errors["applicant.kind"] = "Đối tượng nộp hồ sơ không hợp lệ."
    if not str(applicant.get("name", "")).strip():
        errors["applicant.name"] = "Vui lòng nhập họ tên người nộp hồ sơ."
    id_number = str(applicant.get("id_number", "")).strip()
    if id_number and not ID_NUMBER.match(id_number):
        errors["applicant.id_number"] = "Số định danh cá nhân gồm 12 chữ số (hoặc CMND 9 chữ số)."
    if phones.clean_phone(str(applicant.get("phone", ""))) is None:
        errors["applicant.phone"] = str(phones.EXPECTED)
    email = str(applicant.get("email", "")).strip()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors["applicant.email"] = "Địa chỉ thư điện tử không hợp lệ."
    for key, limit in APPLICANT_LIMITS.items():
        if len(str(applicant.get(key, "")).strip()) > limit:
            errors.setdefault(f"applicant.{key}", f"Tối đa {limit} ký tự.")
    if kind == ApplicantKind.ORGANISATION and not str(applicant.get("organisation_name", "")).strip():
        errors["applicant.organisation_name"] = "Vui lòng nhập tên tổ chức."
    return errors


def _resolve_receiving_agency(version: ProcedureVersion, agency_code: str | None) -> Agency:
    agencies = list(version.receiving_agencies.all()) or [version.competent_agency]
    if agency_code is None:
        return agencies[0]
    for agency in agencies:
        if agency.code == agency_code:
            return agency
    raise ValidationFailed(
        gettext("Cơ quan này không tiếp nhận hồ sơ của thủ tục đã chọn."), agency=agency_code
    )


_ONE_STOP_UNIT: Prepared[Unit] = Prepared(
    lambda agency_id: Unit.objects.filter(agency_id=agency_id, is_one_stop=True).order_by("code")[:1],
    agency_id=int,
)


def _one_stop_unit(agency: Agency) -> Unit | None:
    return _ONE_STOP_UNIT.first(agency_id=agency.pk)
