"""Processing: hand-overs along the workflow, assignment, fees, approval and return."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import Q

from motcua.agencies.models import StaffRole, Unit
from motcua.core import time as core_time
from motcua.core.errors import NotFound, ValidationFailed

from .. import clock
from ..actions import RETURN_METHODS as ACTION_RETURN_METHODS
from ..actions import Action
from ..deadlines import terms_for
from ..models import (
    Dossier,
    DossierEvent,
    ResultDocument,
)
from ..permissions import RequirementUnmet, workflow_of
from ..selectors import next_step_target, send_back_target
from ..states import State
from ._base import Kind, _record, checked_text, lock_for

# --- processing --------------------------------------------------------------------------------


def _check_assignee(user_id: int, *, agency_id: int, unit_id: int | None, role: str | None) -> None:
    """The officer given a dossier serves in that unit (or agency-wide), with the step's role if any."""
    posts = StaffRole.objects.filter(user_id=user_id, agency_id=agency_id, user__is_active=True).filter(
        Q(unit_id=unit_id) | Q(unit__isnull=True)
    )
    if role is not None:
        posts = posts.filter(role=role)
    if not posts.exists():
        raise ValidationFailed(
            "Cán bộ được giao không thuộc đơn vị nhận hồ sơ hoặc không có vai trò thực hiện bước này.",
            fields={"to_assignee": "Chọn cán bộ của đơn vị nhận hồ sơ, có vai trò thực hiện bước này."},
        )


def _hand_over(
    dossier: Dossier,
    *,
    actor: Any,
    agency_id: int,
    unit: Unit | None,
    assignee_id: int | None,
    step: int | None,
    note: str,
    at: datetime | None,
    action: str,
    checked: bool = False,
) -> None:
    """Record a hand-over to `unit` of an agency (or, with no unit, to the agency as a whole) at
    `step`: a row of the processing control form.

    `checked`: the caller has already made sure of the assignee (sending back to whoever handed on).
    """
    at = at or core_time.now()
    role = next((s.role for s in workflow_of(dossier.procedure_version_id) if s.position == step), None)
    unit_id = unit.pk if unit is not None else None
    if assignee_id is not None and not checked:
        _check_assignee(assignee_id, agency_id=agency_id, unit_id=unit_id, role=role)
    payload = {
        "from_agency_id": dossier.current_agency_id,
        "from_unit_id": dossier.current_unit_id,
        "from_assignee_id": dossier.assignee_id,
        "from_step": dossier.current_step,
        "from_step_due_at": dossier.step_due_at.isoformat() if dossier.step_due_at else None,
        "timeliness": clock.timeliness(at, dossier.step_due_at),
        "to_agency_id": agency_id,
        "to_unit_id": unit_id,
        "to_assignee_id": assignee_id,
        "step": step,
        "action": action,
    }
    _record(
        dossier,
        actor=actor,
        kind=Kind.TRANSFERRED,
        to_state=State.PROCESSING,
        at=at,
        note=note,
        payload=payload,
        action=action,
    )


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
    note = checked_text(note, label="ý kiến xử lý")
    dossier = lock_for(Action.TRANSFER, dossier_id=dossier_id, actor=actor, expected_version=expected_version)
    try:
        unit = Unit.objects.select_related("agency").get(pk=to_unit_id, agency__is_active=True)
    except Unit.DoesNotExist as exc:
        raise NotFound("Không tìm thấy đơn vị nhận hồ sơ.") from exc
    steps = [s.position for s in terms_for(dossier.procedure_version).steps]
    if step is None:
        later = [p for p in steps if dossier.current_step is None or p > dossier.current_step]
        step = later[0] if later else dossier.current_step
    elif steps and step not in steps:
        raise ValidationFailed("Bước xử lý không có trong quy trình của thủ tục.")
    _hand_over(
        dossier,
        actor=actor,
        agency_id=unit.agency_id,
        unit=unit,
        assignee_id=to_assignee_id,
        step=step,
        note=note,
        at=at,
        action="chuyển xử lý",
    )
    return dossier


@transaction.atomic
def forward_dossier(
    *,
    dossier_id: int,
    actor: Any,
    to_assignee_id: int | None = None,
    note: str = "",
    at: datetime | None = None,
    expected_version: int | None = None,
) -> Dossier:
    """Hand the dossier to the next step of its workflow, to that step's unit (or one of its officers)."""
    note = checked_text(note, label="ý kiến xử lý")
    dossier = lock_for(Action.FORWARD, dossier_id=dossier_id, actor=actor, expected_version=expected_version)
    target = next_step_target(dossier)
    if target is None:
        raise RequirementUnmet("Quy trình của thủ tục không còn bước nào sau bước hiện tại.")
    _hand_over(
        dossier,
        actor=actor,
        agency_id=target.agency.pk,
        unit=target.unit,
        assignee_id=to_assignee_id,
        step=target.step,
        note=note,
        at=at,
        action="chuyển bước",
    )
    return dossier


@transaction.atomic
def send_back_dossier(
    *,
    dossier_id: int,
    actor: Any,
    reason: str,
    at: datetime | None = None,
    expected_version: int | None = None,
) -> Dossier:
    """Back to the step, unit and officer that handed the dossier to its current step."""
    reason = checked_text(reason, label="lý do trả lại", required=True)
    dossier = lock_for(
        Action.SEND_BACK, dossier_id=dossier_id, actor=actor, expected_version=expected_version
    )
    target = send_back_target(dossier)
    if target is None:
        raise RequirementUnmet("Không có bước trước để trả lại hồ sơ.")
    _hand_over(
        dossier,
        actor=actor,
        agency_id=target.agency.pk,
        unit=target.unit,
        assignee_id=target.assignee_id,
        step=target.step,
        note=reason,
        at=at,
        action=DossierEvent.SENT_BACK,
        checked=True,
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
    """The unit head (or the director) gives the dossier to an officer of the unit holding it."""
    note = checked_text(note, label="ghi chú")
    dossier = lock_for(Action.ASSIGN, dossier_id=dossier_id, actor=actor, expected_version=expected_version)
    role = next(
        (s.role for s in workflow_of(dossier.procedure_version_id) if s.position == dossier.current_step),
        None,
    )
    _check_assignee(
        assignee_id, agency_id=dossier.current_agency_id, unit_id=dossier.current_unit_id, role=role
    )
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
    description = checked_text(description, label="khoản phải nộp", required=True)
    if amount <= 0:
        raise ValidationFailed("Vui lòng nêu khoản phải nộp và số tiền.")
    dossier = lock_for(
        Action.REQUEST_FINANCIAL_OBLIGATION,
        dossier_id=dossier_id,
        actor=actor,
        expected_version=expected_version,
    )
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
    receipt_number = checked_text(receipt_number, label="số biên lai", limit=100)
    dossier = lock_for(
        Action.CONFIRM_FINANCIAL_OBLIGATION,
        dossier_id=dossier_id,
        actor=actor,
        expected_version=expected_version,
    )
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


def _signing_required() -> bool:
    from motcua.signatures.services import result_signing_enabled

    return result_signing_enabled()


@transaction.atomic
def resolve_dossier(
    *,
    dossier_id: int,
    actor: Any,
    result_summary: str,
    at: datetime | None = None,
    expected_version: int | None = None,
) -> Dossier:
    """Record the approval of the result; processing ends here for timeliness.

    Doors call `signatures.approval.approve`, which signs the result first; here, where signing is
    set up, an unsigned result is refused whoever calls.
    """
    result_summary = checked_text(result_summary, label="kết quả giải quyết", required=True)
    dossier = lock_for(Action.RESOLVE, dossier_id=dossier_id, actor=actor, expected_version=expected_version)
    result = ResultDocument.objects.filter(dossier=dossier).order_by("-id").first()
    if _signing_required() and (result is None or not result.is_signed):
        raise RequirementUnmet("Văn bản kết quả chưa được ký số; hãy phê duyệt và ký số.")
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


RETURN_METHODS = {value: str(label) for value, label in ACTION_RETURN_METHODS}


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
    note = checked_text(note, label="ghi chú")
    if method not in RETURN_METHODS:
        raise ValidationFailed("Hình thức trả kết quả không hợp lệ.")
    dossier = lock_for(
        Action.RETURN_RESULT, dossier_id=dossier_id, actor=actor, expected_version=expected_version
    )
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
