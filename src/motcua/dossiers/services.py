"""Every write to a dossier: one function per business action.

Each one locks the dossier row, checks permission and the state machine, writes exactly one
event and updates the cached snapshot in the same transaction, and leaves side effects to
`on_commit`.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, fields
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction

from motcua.agencies.models import Agency, StaffRole, Unit
from motcua.agencies.selectors import is_staff_account
from motcua.catalog.models import ProcedureVersion
from motcua.catalog.schemas import form_errors
from motcua.catalog.selectors import current_version
from motcua.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from motcua.core.time import now

from . import clock
from .codes import new_lookup_secret, next_code, secrets_match
from .errors import IllegalTransition, InvalidApplication, StaleDossier, UnacceptableUpload
from .events import append_event
from .models import (
    ApplicantKind,
    Attachment,
    Channel,
    Dossier,
    DossierEvent,
    DossierHolder,
    Rating,
    ResultDocument,
)
from .notifications import notify_on_commit
from .permissions import Action, is_owner, require_permission, require_staff_role
from .states import TERMINAL, WITHDRAWAL_RETURN_TARGETS, State, is_allowed
from .uploads import CheckedFile, check_upload, sniff

Kind = DossierEvent.Kind
ID_NUMBER = re.compile(r"^\d{9}(\d{3})?$")
PHONE = re.compile(r"^\+?\d[\d .-]{7,14}$")
# What an applicant is made of, as every channel (portal, counter, API) hands it to the services.
APPLICANT_FIELDS = (
    "kind",
    "name",
    "id_number",
    "phone",
    "email",
    "address",
    "organisation_name",
    "organisation_tax_code",
)
APPLICANT_LIMITS = {
    "name": 200,
    "email": 254,
    "address": 300,
    "organisation_name": 300,
    "organisation_tax_code": 20,
}
# Events that record something without moving the dossier through the state machine.
SIDE_EVENTS = frozenset({Kind.ASSIGNED, Kind.APOLOGISED, Kind.RESULT_ATTACHED, Kind.OWNER_LINKED})
# Events that may still be written once the dossier has ended: a citizen may add a returned dossier
# to their account to keep its result at hand; an archived result gets its timestamp renewed.
# (`attach_result` checks the state itself: officers cannot replace a result after the end.)
AFTER_THE_END = frozenset({Kind.OWNER_LINKED, Kind.RESULT_ATTACHED})
# (required_document_id or None, uploaded file)
Documents = Sequence[tuple[int | None, Any]]


# --- helpers -----------------------------------------------------------------------------------


def terms_for(version: ProcedureVersion) -> clock.Terms:
    steps = tuple(
        clock.StepTerms(s.position, s.allotted_time, s.allotted_unit)
        for s in version.workflow_steps.all().order_by("position")
    )
    return clock.Terms(
        processing_time=version.processing_time,
        processing_time_unit=version.processing_time_unit,
        cut_off=version.cut_off_time,
        pause_on_financial_obligation=version.pause_clock_on_financial_obligation,
        steps=steps,
    )


def calendar_of(dossier: Dossier) -> clock.Calendar:
    from motcua.workcalendar.selectors import calendar_for

    return calendar_for(dossier.receiving_agency_id)


def snapshot_of(dossier: Dossier) -> clock.Snapshot:
    values: dict[str, Any] = {name: getattr(dossier, name) for name in clock.SNAPSHOT_COLUMNS}
    extra = dossier.clock or {}
    for name in clock.EXTRA_FIELDS:
        value = extra.get(name)
        if name in ("step_started_at", "last_event_at") and value:
            value = datetime.fromisoformat(value)
        values[name] = value if value is not None else _default(name)
    return clock.Snapshot(**values)


def _default(name: str) -> Any:
    return {f.name: f.default for f in fields(clock.Snapshot)}[name]


def store_snapshot(dossier: Dossier, snap: clock.Snapshot) -> None:
    data = asdict(snap)
    for name in clock.SNAPSHOT_COLUMNS:
        setattr(dossier, name, data[name])
    dossier.clock = {
        name: (data[name].isoformat() if isinstance(data[name], datetime) else data[name])
        for name in clock.EXTRA_FIELDS
    }


def _lock(dossier_id: int, expected_version: int | None) -> Dossier:
    try:
        dossier = (
            Dossier.objects.select_for_update(of=("self",))
            .select_related("procedure_version")
            .get(pk=dossier_id)
        )
    except Dossier.DoesNotExist as exc:
        raise NotFound("Không tìm thấy hồ sơ.") from exc
    if expected_version is not None and dossier.version != expected_version:
        raise StaleDossier(current_version=dossier.version)
    return dossier


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
    at = at or now()
    source = dossier.state
    if source and kind not in SIDE_EVENTS and not is_allowed(source, to_state):
        raise IllegalTransition(source, action or kind)
    if source in TERMINAL and kind not in AFTER_THE_END:
        raise IllegalTransition(source, action or kind)
    snap = snapshot_of(dossier)
    if snap.last_event_at and at < snap.last_event_at:
        raise ValidationFailed("Thời điểm thao tác không được trước thao tác gần nhất của hồ sơ.")
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
        attachment.save()


def _check_files(version: ProcedureVersion, documents: Documents) -> list[tuple[int | None, CheckedFile]]:
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
    return checked


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
    phone = str(applicant.get("phone", "")).strip()
    if phone and not PHONE.match(phone):
        errors["applicant.phone"] = "Số điện thoại không hợp lệ."
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
    raise ValidationFailed("Cơ quan này không tiếp nhận hồ sơ của thủ tục đã chọn.", agency=agency_code)


def _one_stop_unit(agency: Agency) -> Unit | None:
    return Unit.objects.filter(agency=agency, is_one_stop=True).order_by("code").first()


# --- submission --------------------------------------------------------------------------------


def submit_dossier(
    *,
    procedure_code: str,
    applicant: Mapping[str, Any],
    form_data: Mapping[str, Any] | None = None,
    documents: Documents = (),
    owner: Any = None,
    channel: str = Channel.ONLINE,
    receiving_agency_code: str | None = None,
    at: datetime | None = None,
    idempotency_key: str | None = None,
) -> Dossier:
    """File an application. Online, every mandatory document must come with it.

    A repeated call with the same idempotency key returns the dossier of the first call.
    """
    if idempotency_key:
        existing = Dossier.objects.filter(idempotency_key=idempotency_key).first()
        if existing is not None:
            if not _same_submitter(existing, owner, applicant):
                raise ValidationFailed("Khóa chống gửi trùng đã được dùng cho hồ sơ khác.")
            return existing
    try:
        with transaction.atomic():
            return _submit(
                procedure_code=procedure_code,
                applicant=applicant,
                form_data=form_data or {},
                documents=documents,
                owner=owner,
                channel=channel,
                receiving_agency_code=receiving_agency_code,
                at=at or now(),
                idempotency_key=idempotency_key,
                actor=owner,
            )
    except IntegrityError:
        if idempotency_key:
            first = Dossier.objects.filter(
                idempotency_key=idempotency_key, owner_id=getattr(owner, "pk", None)
            ).first()
            if first is not None and _same_submitter(first, owner, applicant):
                return first  # a simultaneous retry of the same request won the race
        raise


def _same_submitter(dossier: Dossier, owner: Any, applicant: Mapping[str, Any]) -> bool:
    """A retry comes from the same account, or anonymously with the same applicant identity."""
    if dossier.owner_id != getattr(owner, "pk", None):
        return False
    return dossier.owner_id is not None or (
        dossier.applicant_id_number == str(applicant.get("id_number", "")).strip()
        and dossier.applicant_name == str(applicant.get("name", "")).strip()
    )


def _submit(
    *,
    procedure_code: str,
    applicant: Mapping[str, Any],
    form_data: Mapping[str, Any],
    documents: Documents,
    owner: Any,
    channel: str,
    receiving_agency_code: str | None,
    at: datetime,
    idempotency_key: str | None,
    actor: Any,
) -> Dossier:
    try:
        version = current_version(procedure_code)
    except ProcedureVersion.DoesNotExist as exc:
        raise NotFound("Không tìm thấy thủ tục hành chính.", procedure=procedure_code) from exc
    if channel not in Channel.values:
        raise ValidationFailed("Kênh nộp hồ sơ không hợp lệ.")
    if channel == Channel.ONLINE and version.online_level == ProcedureVersion.OnlineLevel.NONE:
        raise ValidationFailed("Thủ tục này chưa cung cấp dịch vụ công trực tuyến.")
    errors = _check_applicant(applicant)
    errors.update(
        {
            f"form.{k}" if k else "form": v
            for k, v in form_errors(version.form_schema, dict(form_data)).items()
        }
    )
    files = _check_files(version, documents)
    if channel == Channel.ONLINE:
        given = {doc_id for doc_id, _ in files}
        for document in version.required_documents.all():
            if document.is_mandatory and document.pk not in given:
                errors[f"documents.{document.pk}"] = f"Vui lòng đính kèm: {document.name}."
    if errors:
        raise InvalidApplication(errors)
    agency = _resolve_receiving_agency(version, receiving_agency_code)
    unit = _one_stop_unit(agency)
    dossier = Dossier(
        code=next_code(agency, at),
        lookup_secret=new_lookup_secret(),
        procedure_version=version,
        receiving_agency=agency,
        current_agency=agency,
        channel=channel,
        owner=owner if getattr(owner, "pk", None) else None,
        idempotency_key=idempotency_key or None,
        applicant_kind=applicant.get("kind", ApplicantKind.CITIZEN),
        applicant_name=str(applicant.get("name", "")).strip()[:200],
        applicant_id_number=str(applicant.get("id_number", "")).strip(),
        applicant_phone=str(applicant.get("phone", "")).strip(),
        applicant_email=str(applicant.get("email", "")).strip(),
        applicant_address=str(applicant.get("address", "")).strip()[:300],
        organisation_name=str(applicant.get("organisation_name", "")).strip()[:300],
        organisation_tax_code=str(applicant.get("organisation_tax_code", "")).strip(),
        form_data=dict(form_data),
        state="",
        submitted_at=at,
    )
    dossier.save()
    event = _record(
        dossier,
        actor=actor,
        kind=Kind.SUBMITTED,
        to_state=State.SUBMITTED,
        at=at,
        payload={"agency_id": agency.pk, "unit_id": unit.pk if unit else None, "channel": channel},
    )
    _attach(dossier, files, event_seq=event.seq, at=at)
    return dossier


@transaction.atomic
def register_at_counter(
    *,
    officer: Any,
    procedure_code: str,
    applicant: Mapping[str, Any],
    form_data: Mapping[str, Any] | None = None,
    documents: Documents = (),
    channel: str = Channel.COUNTER,
    receiving_agency_code: str | None = None,
    owner: Any = None,
    at: datetime | None = None,
    note: str = "",
) -> Dossier:
    """A dossier brought to the counter or by post: filed and received in one go."""
    if channel == Channel.ONLINE:
        raise ValidationFailed("Hồ sơ trực tuyến được nộp qua Cổng dịch vụ công.")
    try:
        version = current_version(procedure_code)
    except ProcedureVersion.DoesNotExist as exc:
        raise NotFound("Không tìm thấy thủ tục hành chính.", procedure=procedure_code) from exc
    agency = _resolve_receiving_agency(version, receiving_agency_code)
    require_staff_role(officer, Action.REGISTER, agency.pk)
    at = at or now()
    dossier = _submit(
        procedure_code=procedure_code,
        applicant=applicant,
        form_data=form_data or {},
        documents=documents,
        owner=owner,
        channel=channel,
        receiving_agency_code=agency.code,
        at=at,
        idempotency_key=None,
        actor=officer,
    )
    _record(
        dossier,
        actor=officer,
        kind=Kind.RECEIVED,
        to_state=State.RECEIVED,
        at=at,
        note=note,
        payload={"unit_id": dossier.current_unit_id},
        action="receive",
    )
    return dossier


# --- intake ------------------------------------------------------------------------------------


@transaction.atomic
def receive_dossier(
    *,
    dossier_id: int,
    officer: Any,
    at: datetime | None = None,
    expected_version: int | None = None,
    note: str = "",
) -> Dossier:
    """Accept a submitted dossier; the legal clock starts now (Form 01)."""
    dossier = _lock(dossier_id, expected_version)
    require_permission(officer, Action.RECEIVE, dossier)
    if dossier.state != State.SUBMITTED:
        raise IllegalTransition(dossier.state, "tiếp nhận")
    _record(
        dossier,
        actor=officer,
        kind=Kind.RECEIVED,
        to_state=State.RECEIVED,
        at=at,
        note=note,
        payload={"unit_id": dossier.current_unit_id},
        action="tiếp nhận",
    )
    return dossier


@transaction.atomic
def refuse_dossier(
    *,
    dossier_id: int,
    officer: Any,
    reason: str,
    at: datetime | None = None,
    expected_version: int | None = None,
) -> Dossier:
    """Refuse a submitted dossier at intake, with the reason printed on Form 03."""
    if not reason.strip():
        raise ValidationFailed("Vui lòng nêu rõ lý do từ chối.")
    dossier = _lock(dossier_id, expected_version)
    require_permission(officer, Action.REFUSE, dossier)
    if dossier.state != State.SUBMITTED:
        raise IllegalTransition(dossier.state, "từ chối tiếp nhận")
    _record(
        dossier,
        actor=officer,
        kind=Kind.REFUSED,
        to_state=State.REFUSED,
        at=at,
        note=reason,
        payload={"reason": reason},
        action="từ chối tiếp nhận",
    )
    return dossier


@transaction.atomic
def request_supplement(
    *,
    dossier_id: int,
    officer: Any,
    missing: Sequence[str],
    reason: str = "",
    at: datetime | None = None,
    expected_version: int | None = None,
) -> Dossier:
    """Ask the applicant for missing papers (Form 02); the clock pauses if it was running."""
    missing = [m.strip() for m in missing if m and m.strip()]
    if not missing:
        raise ValidationFailed("Vui lòng liệt kê giấy tờ cần bổ sung.")
    dossier = _lock(dossier_id, expected_version)
    require_permission(officer, Action.REQUEST_SUPPLEMENT, dossier)
    if dossier.state not in (State.SUBMITTED, State.RECEIVED, State.PROCESSING):
        raise IllegalTransition(dossier.state, "yêu cầu bổ sung")
    _record(
        dossier,
        actor=officer,
        kind=Kind.SUPPLEMENT_REQUESTED,
        to_state=State.SUPPLEMENT_REQUESTED,
        at=at,
        note=reason,
        payload={"missing": missing, "resume_state": dossier.state},
        action="yêu cầu bổ sung",
    )
    return dossier


@transaction.atomic
def supplement_dossier(
    *,
    dossier_id: int,
    actor: Any,
    documents: Documents = (),
    form_data: Mapping[str, Any] | None = None,
    note: str = "",
    at: datetime | None = None,
    expected_version: int | None = None,
) -> Dossier:
    """The applicant (or the counter for them) hands in what was asked; the clock resumes."""
    dossier = _lock(dossier_id, expected_version)
    require_permission(actor, Action.SUPPLEMENT, dossier)
    if dossier.state != State.SUPPLEMENT_REQUESTED:
        raise IllegalTransition(dossier.state, "bổ sung hồ sơ")
    files = _check_files(dossier.procedure_version, documents)
    if not files and not form_data:
        raise ValidationFailed("Vui lòng đính kèm giấy tờ bổ sung.")
    payload: dict[str, Any] = {"files": [f.name for _, f in files]}
    if form_data:
        merged = {**dossier.form_data, **form_data}
        errors = form_errors(dossier.procedure_version.form_schema, merged)
        if errors:
            raise InvalidApplication({f"form.{k}": v for k, v in errors.items()})
        payload["form_changes"] = dict(form_data)
        dossier.form_data = merged
    resume = snapshot_of(dossier).resume_state or State.PROCESSING
    event = _record(
        dossier,
        actor=actor,
        kind=Kind.SUPPLEMENTED,
        to_state=resume,
        at=at,
        note=note,
        payload=payload,
        action="bổ sung hồ sơ",
    )
    _attach(dossier, files, event_seq=event.seq, at=event.at)
    return dossier


# --- processing --------------------------------------------------------------------------------


@transaction.atomic
def transfer_dossier(
    *,
    dossier_id: int,
    actor: Any,
    to_unit_id: int,
    to_assignee_id: int | None = None,
    step: int | None = None,
    note: str = "",
    at: datetime | None = None,
    expected_version: int | None = None,
) -> Dossier:
    """Hand the dossier over to a unit (of this or another agency); a row of the control form."""
    dossier = _lock(dossier_id, expected_version)
    require_permission(actor, Action.TRANSFER, dossier)
    if dossier.state not in (State.RECEIVED, State.PROCESSING):
        raise IllegalTransition(dossier.state, "chuyển xử lý")
    try:
        unit = Unit.objects.select_related("agency").get(pk=to_unit_id)
    except Unit.DoesNotExist as exc:
        raise NotFound("Không tìm thấy đơn vị nhận hồ sơ.") from exc
    if (
        to_assignee_id is not None
        and not StaffRole.objects.filter(user_id=to_assignee_id, agency=unit.agency).exists()
    ):
        raise ValidationFailed("Cán bộ được giao không thuộc cơ quan nhận hồ sơ.")
    at = at or now()
    steps = [s.position for s in terms_for(dossier.procedure_version).steps]
    if step is None:
        later = [p for p in steps if dossier.current_step is None or p > dossier.current_step]
        step = later[0] if later else dossier.current_step
    elif steps and step not in steps:
        raise ValidationFailed("Bước xử lý không có trong quy trình của thủ tục.")
    payload = {
        "from_agency_id": dossier.current_agency_id,
        "from_unit_id": dossier.current_unit_id,
        "from_assignee_id": dossier.assignee_id,
        "from_step": dossier.current_step,
        "from_step_due_at": dossier.step_due_at.isoformat() if dossier.step_due_at else None,
        "timeliness": clock.timeliness(at, dossier.step_due_at),
        "to_agency_id": unit.agency_id,
        "to_unit_id": unit.pk,
        "to_assignee_id": to_assignee_id,
        "step": step,
    }
    _record(
        dossier,
        actor=actor,
        kind=Kind.TRANSFERRED,
        to_state=State.PROCESSING,
        at=at,
        note=note,
        payload=payload,
        action="chuyển xử lý",
    )
    return dossier


@transaction.atomic
def assign_dossier(
    *,
    dossier_id: int,
    actor: Any,
    assignee_id: int,
    note: str = "",
    at: datetime | None = None,
    expected_version: int | None = None,
) -> Dossier:
    """A leader gives the dossier to an officer of the unit holding it."""
    dossier = _lock(dossier_id, expected_version)
    require_permission(actor, Action.ASSIGN, dossier)
    if dossier.state not in (State.RECEIVED, State.PROCESSING):
        raise IllegalTransition(dossier.state, "phân công")
    if not StaffRole.objects.filter(user_id=assignee_id, agency_id=dossier.current_agency_id).exists():
        raise ValidationFailed("Cán bộ được giao không thuộc cơ quan đang xử lý hồ sơ.")
    _record(
        dossier,
        actor=actor,
        kind=Kind.ASSIGNED,
        to_state=dossier.state,
        at=at,
        note=note,
        payload={"assignee_id": assignee_id, "previous_assignee_id": dossier.assignee_id},
        action="phân công",
    )
    return dossier


@transaction.atomic
def request_financial_obligation(
    *,
    dossier_id: int,
    actor: Any,
    amount: int,
    description: str,
    at: datetime | None = None,
    expected_version: int | None = None,
) -> Dossier:
    if amount <= 0 or not description.strip():
        raise ValidationFailed("Vui lòng nêu khoản phải nộp và số tiền.")
    dossier = _lock(dossier_id, expected_version)
    require_permission(actor, Action.REQUEST_FINANCIAL_OBLIGATION, dossier)
    _record(
        dossier,
        actor=actor,
        kind=Kind.FINANCIAL_OBLIGATION_REQUESTED,
        to_state=State.FINANCIAL_OBLIGATION,
        at=at,
        note=description,
        payload={"amount": int(amount), "description": description},
        action="yêu cầu thực hiện nghĩa vụ tài chính",
    )
    return dossier


@transaction.atomic
def confirm_financial_obligation(
    *,
    dossier_id: int,
    actor: Any,
    receipt_number: str = "",
    at: datetime | None = None,
    expected_version: int | None = None,
) -> Dossier:
    dossier = _lock(dossier_id, expected_version)
    require_permission(actor, Action.CONFIRM_FINANCIAL_OBLIGATION, dossier)
    if dossier.state != State.FINANCIAL_OBLIGATION:
        raise IllegalTransition(dossier.state, "xác nhận nghĩa vụ tài chính")
    _record(
        dossier,
        actor=actor,
        kind=Kind.FINANCIAL_OBLIGATION_FULFILLED,
        to_state=State.PROCESSING,
        at=at,
        payload={"receipt_number": receipt_number},
        action="xác nhận nghĩa vụ tài chính",
    )
    return dossier


@transaction.atomic
def resolve_dossier(
    *,
    dossier_id: int,
    actor: Any,
    result_summary: str,
    at: datetime | None = None,
    expected_version: int | None = None,
) -> Dossier:
    """The leader approves the result; processing ends here for timeliness."""
    if not result_summary.strip():
        raise ValidationFailed("Vui lòng nêu kết quả giải quyết.")
    dossier = _lock(dossier_id, expected_version)
    require_permission(actor, Action.RESOLVE, dossier)
    _record(
        dossier,
        actor=actor,
        kind=Kind.RESOLVED,
        to_state=State.RESOLVED,
        at=at,
        note=result_summary,
        payload={"result": result_summary},
        action="phê duyệt kết quả",
    )
    return dossier


RETURN_METHODS = {
    "counter": "Trực tiếp tại Bộ phận Một cửa",
    "postal": "Qua bưu chính",
    "electronic": "Trực tuyến",
}


@transaction.atomic
def return_result(
    *,
    dossier_id: int,
    actor: Any,
    method: str = "counter",
    note: str = "",
    at: datetime | None = None,
    expected_version: int | None = None,
) -> Dossier:
    if method not in RETURN_METHODS:
        raise ValidationFailed("Hình thức trả kết quả không hợp lệ.")
    dossier = _lock(dossier_id, expected_version)
    require_permission(actor, Action.RETURN_RESULT, dossier)
    _record(
        dossier,
        actor=actor,
        kind=Kind.RETURNED,
        to_state=State.RETURNED,
        at=at,
        note=note,
        payload={"method": method},
        action="trả kết quả",
    )
    return dossier


# --- ending without a result, delays -----------------------------------------------------------


@transaction.atomic
def request_withdrawal(
    *,
    dossier_id: int,
    actor: Any,
    reason: str,
    at: datetime | None = None,
    expected_version: int | None = None,
) -> Dossier:
    dossier = _lock(dossier_id, expected_version)
    require_permission(actor, Action.REQUEST_WITHDRAWAL, dossier)
    _record(
        dossier,
        actor=actor,
        kind=Kind.WITHDRAWAL_REQUESTED,
        to_state=State.WITHDRAWAL_REQUESTED,
        at=at,
        note=reason,
        payload={"withdrawal_from": dossier.state, "reason": reason},
        action="yêu cầu rút hồ sơ",
    )
    return dossier


@transaction.atomic
def decide_withdrawal(
    *,
    dossier_id: int,
    actor: Any,
    accept: bool,
    note: str = "",
    at: datetime | None = None,
    expected_version: int | None = None,
) -> Dossier:
    """Accepting stops the dossier; rejecting puts it back where it was."""
    dossier = _lock(dossier_id, expected_version)
    require_permission(actor, Action.DECIDE_WITHDRAWAL, dossier)
    if dossier.state != State.WITHDRAWAL_REQUESTED:
        raise IllegalTransition(dossier.state, "xử lý yêu cầu rút hồ sơ")
    if accept:
        _record(
            dossier,
            actor=actor,
            kind=Kind.STOPPED,
            to_state=State.STOPPED,
            at=at,
            note=note,
            payload={"reason": "withdrawn"},
            action="chấp nhận rút hồ sơ",
        )
        return dossier
    back_to = snapshot_of(dossier).withdrawal_from
    if back_to not in WITHDRAWAL_RETURN_TARGETS:
        raise IllegalTransition(dossier.state, "từ chối yêu cầu rút hồ sơ")
    _record(
        dossier,
        actor=actor,
        kind=Kind.WITHDRAWAL_REJECTED,
        to_state=back_to,
        at=at,
        note=note,
        payload={"back_to": back_to},
        action="từ chối yêu cầu rút hồ sơ",
    )
    return dossier


@transaction.atomic
def stop_dossier(
    *,
    dossier_id: int,
    actor: Any,
    reason: str,
    at: datetime | None = None,
    expected_version: int | None = None,
) -> Dossier:
    """Stop processing (Form 05 of Circular 03/2025)."""
    if not reason.strip():
        raise ValidationFailed("Vui lòng nêu lý do dừng giải quyết.")
    dossier = _lock(dossier_id, expected_version)
    require_permission(actor, Action.STOP, dossier)
    _record(
        dossier,
        actor=actor,
        kind=Kind.STOPPED,
        to_state=State.STOPPED,
        at=at,
        note=reason,
        payload={"reason": reason},
        action="dừng giải quyết",
    )
    return dossier


@transaction.atomic
def apologise_and_extend(
    *,
    dossier_id: int,
    actor: Any,
    new_appointment: datetime,
    reason: str,
    at: datetime | None = None,
    expected_version: int | None = None,
) -> Dossier:
    """Apology and new appointment (Form 04). The original due moment still decides timeliness."""
    if not reason.strip():
        raise ValidationFailed("Vui lòng nêu lý do chậm trễ.")
    dossier = _lock(dossier_id, expected_version)
    require_permission(actor, Action.APOLOGISE, dossier)
    at = at or now()
    if (
        dossier.state in TERMINAL
        or dossier.state in (State.SUBMITTED, State.RESOLVED)
        or dossier.due_at is None
    ):
        raise IllegalTransition(dossier.state, "xin lỗi và gia hạn")
    if new_appointment <= max(at, dossier.appointment_at or dossier.due_at):
        raise ValidationFailed("Ngày hẹn mới phải sau ngày hẹn hiện tại và sau thời điểm hiện tại.")
    _record(
        dossier,
        actor=actor,
        kind=Kind.APOLOGISED,
        to_state=dossier.state,
        at=at,
        note=reason,
        payload={
            "new_appointment": new_appointment.isoformat(),
            "reason": reason,
            "original_due_at": dossier.due_at.isoformat(),
        },
        action="xin lỗi và gia hạn",
    )
    return dossier


# --- result documents and the applicant's rating ------------------------------------------------

RESULT_STATES = frozenset({State.PROCESSING, State.FINANCIAL_OBLIGATION, State.RESOLVED})
RATEABLE_STATES = frozenset({State.RETURNED, State.REFUSED, State.STOPPED})


@transaction.atomic
def attach_result(
    *,
    dossier_id: int,
    actor: Any,
    content: bytes,
    name: str,
    signed: bool = False,
    at: datetime | None = None,
    expected_version: int | None = None,
) -> ResultDocument:
    """Store a (new version of the) result PDF; the latest one is what the applicant receives."""
    dossier = _lock(dossier_id, expected_version)
    require_permission(actor, Action.ATTACH_RESULT, dossier)
    if dossier.state not in RESULT_STATES:
        raise IllegalTransition(dossier.state, "cập nhật văn bản kết quả")
    return _store_result(
        dossier,
        actor=actor,
        content=content,
        name=name,
        signed=signed,
        at=at,
        action="cập nhật văn bản kết quả",
    )


@transaction.atomic
def add_renewed_result(
    *, source_id: int, content: bytes, note: str, at: datetime | None = None
) -> ResultDocument:
    """Store a system-made new version of a signed result (its archive timestamp renewed).

    Allowed in every state, also after the dossier has ended; the source must still be the latest
    version. The previous version stays as it is; a RESULT_ATTACHED event records the renewal.
    """
    source = ResultDocument.objects.get(pk=source_id)
    dossier = _lock(source.dossier_id, None)
    latest = ResultDocument.objects.filter(dossier=dossier).order_by("-id").first()
    if latest is None or latest.pk != source.pk or not source.is_signed:
        raise Conflict("Kết quả đã có phiên bản mới hơn; không gia hạn phiên bản cũ.")
    snap = snapshot_of(dossier)
    moment = max(at or now(), snap.last_event_at) if snap.last_event_at else at or now()
    return _store_result(
        dossier,
        actor=None,
        content=content,
        name=source.name,
        signed=True,
        at=moment,
        note=note,
        payload={"renews": source.sha256},
        action="gia hạn dấu thời gian lưu trữ",
    )


def _store_result(
    dossier: Dossier,
    *,
    actor: Any,
    content: bytes,
    name: str,
    signed: bool,
    at: datetime | None,
    action: str,
    note: str = "",
    payload: dict[str, Any] | None = None,
) -> ResultDocument:
    """The next version of the dossier's result, and the RESULT_ATTACHED event that records it."""
    from django.core.files.base import ContentFile

    if sniff(content[:16]) != "application/pdf":
        raise UnacceptableUpload("Văn bản kết quả phải là tệp PDF.")
    digest = hashlib.sha256(content).hexdigest()
    event = _record(
        dossier,
        actor=actor,
        kind=Kind.RESULT_ATTACHED,
        to_state=dossier.state,
        at=at,
        note=note,
        payload={"name": name, "sha256": digest, "signed": signed, **(payload or {})},
        action=action,
    )
    result = ResultDocument(
        dossier=dossier,
        name=name[:255],
        size=len(content),
        sha256=digest,
        is_signed=signed,
        created_by=actor if getattr(actor, "pk", None) else None,
        created_at=event.at,
        event_seq=event.seq,
    )
    result.file.save(name, ContentFile(content), save=False)
    result.save()
    return result


@transaction.atomic
def rate_dossier(
    *,
    dossier_id: int,
    score: int,
    comment: str = "",
    actor: Any = None,
    secret: str = "",
    at: datetime | None = None,
) -> Rating:
    """The applicant rates the service once, as owner or with the receipt's lookup secret."""
    dossier = _lock(dossier_id, None)
    if not (is_owner(actor, dossier) or (secret and secrets_match(secret, dossier.lookup_secret))):
        raise PermissionDenied("Chỉ người nộp hồ sơ mới được đánh giá.")
    if dossier.state not in RATEABLE_STATES:
        raise ValidationFailed("Hồ sơ chưa kết thúc nên chưa thể đánh giá.")
    if score not in Rating.Score.values:
        raise ValidationFailed(
            "Mức đánh giá không hợp lệ.", fields={"score": "Vui lòng chọn mức độ hài lòng."}
        )
    if Rating.objects.filter(dossier=dossier).exists():
        raise Conflict("Hồ sơ này đã được đánh giá.")
    return Rating.objects.create(
        dossier=dossier, score=score, comment=comment.strip()[:2000], created_at=at or now()
    )


# --- checks without writing (the portal validates each step of an application) ------------------


def application_errors(
    *, procedure_code: str, applicant: Mapping[str, Any], form_data: Mapping[str, Any]
) -> dict[str, str]:
    """What `submit_dossier` would refuse in the applicant's details and the form, documents aside.

    Keys as in `InvalidApplication.errors`: 'applicant.name', 'form.ngay_sinh', ...
    """
    try:
        version = current_version(procedure_code)
    except ProcedureVersion.DoesNotExist as exc:
        raise NotFound("Không tìm thấy thủ tục hành chính.", procedure=procedure_code) from exc
    errors = _check_applicant(applicant)
    errors.update(
        {
            f"form.{k}" if k else "form": v
            for k, v in form_errors(version.form_schema, dict(form_data)).items()
        }
    )
    return errors


# --- the applicant's account -------------------------------------------------------------------


def citizen_account(user: Any) -> bool:
    """A logged-in account that may hold dossiers as their applicant: not staff, not an administrator.

    Staff are kept out because the counter that registered a dossier knows its lookup secret.
    """
    return bool(getattr(user, "is_authenticated", False) and not is_staff_account(user))


@transaction.atomic
def claim_dossier(*, code: str, secret: str, user: Any, at: datetime | None = None) -> Dossier:
    """Attach a dossier filed at the counter or by post to the citizen's account, with its lookup secret.

    One `owner_linked` event records who took it over and when. Claiming one's own dossier again
    returns it unchanged.
    """
    if not citizen_account(user):
        raise PermissionDenied("Chỉ tài khoản của người dân mới được gắn hồ sơ.")
    dossier = Dossier.objects.select_for_update().filter(code=code).first()
    # Same answer for an unknown code and a wrong secret, as in anonymous tracking.
    if dossier is None or not secrets_match(secret, dossier.lookup_secret):
        raise NotFound("Mã hồ sơ hoặc mã tra cứu không đúng.")
    if dossier.owner_id == user.pk:
        return dossier
    if dossier.owner_id is not None:
        raise Conflict("Hồ sơ này đã được gắn với một tài khoản khác.")
    # The receipt alone is not enough when both sides carry a personal identification number.
    if dossier.applicant_id_number and user.national_id and dossier.applicant_id_number != user.national_id:
        raise PermissionDenied(
            "Số định danh cá nhân của tài khoản không trùng với số định danh của người nộp hồ sơ."
        )
    dossier.owner = user
    _record(dossier, actor=user, kind=Kind.OWNER_LINKED, to_state=dossier.state, at=at, action="claim")
    return dossier
