"""Ending without a result, and delays: withdrawal, stop, apology and new appointment."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils.translation import gettext, gettext_lazy

from motcua.core import time as core_time
from motcua.core.errors import ValidationFailed

from ..actions import Action
from ..clock import snapshot_of
from ..deadlines import calendar_of
from ..errors import IllegalTransition
from ..models import (
    Dossier,
)
from ..states import WITHDRAWAL_RETURN_TARGETS, State
from ._base import Kind, _record, checked_text, lock_for, require_working_moment

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
    reason = checked_text(reason, label=gettext_lazy("lý do rút hồ sơ"), required=True)
    dossier = lock_for(
        Action.REQUEST_WITHDRAWAL, dossier_id=dossier_id, actor=actor, expected_version=expected_version
    )
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
    note = checked_text(note, label=gettext_lazy("ghi chú"))
    dossier = lock_for(
        Action.DECIDE_WITHDRAWAL, dossier_id=dossier_id, actor=actor, expected_version=expected_version
    )
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
    _decline_withdrawal(dossier, actor=actor, note=note, at=at, action="từ chối yêu cầu rút hồ sơ")
    return dossier


def _decline_withdrawal(dossier: Dossier, *, actor: Any, note: str, at: datetime | None, action: str) -> None:
    """The withdrawal request is not granted: the dossier goes back to the state it was made in."""
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
        action=action,
    )


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
    reason = checked_text(reason, label=gettext_lazy("lý do dừng giải quyết"), required=True)
    dossier = lock_for(Action.STOP, dossier_id=dossier_id, actor=actor, expected_version=expected_version)
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
    reason = checked_text(reason, label=gettext_lazy("lý do chậm trễ"), required=True)
    dossier = lock_for(
        Action.APOLOGISE, dossier_id=dossier_id, actor=actor, expected_version=expected_version
    )
    at = at or core_time.now()
    assert dossier.due_at is not None  # Require.DUE_DATE
    if new_appointment <= max(at, dossier.appointment_at or dossier.due_at):
        raise ValidationFailed(gettext("Ngày hẹn mới phải sau ngày hẹn hiện tại và sau thời điểm hiện tại."))
    require_working_moment(calendar_of(dossier), new_appointment, label="Ngày hẹn mới")
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
