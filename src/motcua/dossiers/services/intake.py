"""Intake at the one-stop counter: receive, refuse, ask for and take papers."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils.translation import gettext, gettext_lazy

from motcua.catalog.schemas import form_errors
from motcua.core.errors import ValidationFailed

from ..actions import LIST_ITEM_MAX, LIST_MAX, Action
from ..clock import snapshot_of
from ..errors import InvalidApplication
from ..models import (
    Dossier,
)
from ..states import State
from ._base import Documents, Kind, _attach, _check_files, _record, checked_text, lock_for

# --- intake ------------------------------------------------------------------------------------


@transaction.atomic
def receive_dossier(
    *,
    dossier_id: int,
    actor: Any,
    at: datetime | None = None,
    expected_version: int | None = None,
    note: str = "",
) -> Dossier:
    """Accept a submitted dossier; the legal clock starts now (Form 01)."""
    note = checked_text(note, label=gettext_lazy("ghi chú"))
    dossier = lock_for(Action.RECEIVE, dossier_id=dossier_id, actor=actor, expected_version=expected_version)
    _record(
        dossier,
        actor=actor,
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
    actor: Any,
    reason: str,
    at: datetime | None = None,
    expected_version: int | None = None,
) -> Dossier:
    """Refuse a submitted dossier at intake, with the reason printed on Form 03."""
    reason = checked_text(reason, label=gettext_lazy("lý do từ chối"), required=True)
    dossier = lock_for(Action.REFUSE, dossier_id=dossier_id, actor=actor, expected_version=expected_version)
    _record(
        dossier,
        actor=actor,
        kind=Kind.REFUSED,
        to_state=State.REFUSED,
        at=at,
        note=reason,
        payload={"reason": reason},
        action="từ chối tiếp nhận",
    )
    return dossier


def _missing_items(dossier: Dossier, documents: Sequence[int], missing: Sequence[str]) -> list[str]:
    """What to ask for: the chosen required documents by name and copy type, then free-text lines."""
    chosen = set(documents)
    known = {d.pk: d for d in dossier.procedure_version.required_documents.all()}
    unknown = chosen - set(known)
    if unknown:
        raise ValidationFailed(
            gettext("Thành phần hồ sơ không thuộc thủ tục này."), documents=sorted(unknown)
        )
    items = [
        f"{known[pk].name} ({known[pk].get_copy_type_display().lower()})"
        for pk in sorted(chosen, key=lambda pk: known[pk].position)
    ]
    for line in missing:
        text = checked_text(line, label=gettext_lazy("nội dung cần bổ sung"), limit=LIST_ITEM_MAX)
        if text:
            items.append(text)
    if len(items) > LIST_MAX:
        raise ValidationFailed(
            gettext("Mỗi lần yêu cầu bổ sung tối đa %(LIST_MAX)s mục.") % {"LIST_MAX": LIST_MAX}
        )
    return items


@transaction.atomic
def request_supplement(
    *,
    dossier_id: int,
    actor: Any,
    missing: Sequence[str] = (),
    documents: Sequence[int] = (),
    reason: str = "",
    at: datetime | None = None,
    expected_version: int | None = None,
) -> Dossier:
    """Ask the applicant for missing papers (Form 02); the clock pauses if it was running."""
    reason = checked_text(reason, label=gettext_lazy("lý do"))
    dossier = lock_for(
        Action.REQUEST_SUPPLEMENT, dossier_id=dossier_id, actor=actor, expected_version=expected_version
    )
    items = _missing_items(dossier, documents, missing)
    if not items:
        raise ValidationFailed(gettext("Hãy chọn hoặc ghi rõ ít nhất một giấy tờ cần bổ sung."))
    _record(
        dossier,
        actor=actor,
        kind=Kind.SUPPLEMENT_REQUESTED,
        to_state=State.SUPPLEMENT_REQUESTED,
        at=at,
        note=reason,
        payload={"missing": items, "resume_state": dossier.state},
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
    note = checked_text(note, label=gettext_lazy("ghi chú"))
    dossier = lock_for(
        Action.SUPPLEMENT, dossier_id=dossier_id, actor=actor, expected_version=expected_version
    )
    files = _check_files(dossier.procedure_version, documents, dossier=dossier, uploader=dossier.owner)
    if not files and not form_data:
        raise ValidationFailed(gettext("Vui lòng đính kèm giấy tờ bổ sung."))
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
