"""Result documents (proposed, signed, renewed) and the applicant's rating."""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils.translation import gettext

from motcua.antivirus.services import scan_bytes
from motcua.core import time as core_time
from motcua.core.errors import Conflict, PermissionDenied, ValidationFailed

from ..actions import Action
from ..clock import snapshot_of
from ..codes import secrets_match
from ..errors import UnacceptableUpload
from ..models import (
    Dossier,
    Rating,
    ResultDocument,
)
from ..permissions import is_owner
from ..states import State
from ..uploads import sniff
from ._base import MAX_RESULT_BYTES, Kind, _lock, _record, lock_for
from .processing import forward_dossier

# --- result documents and the applicant's rating ------------------------------------------------

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
    dossier = lock_for(
        Action.ATTACH_RESULT, dossier_id=dossier_id, actor=actor, expected_version=expected_version
    )
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
def propose_result(
    *,
    dossier_id: int,
    actor: Any,
    file: Any,
    forward: bool = False,
    at: datetime | None = None,
    expected_version: int | None = None,
) -> Dossier:
    """Attach the proposed result (a PDF) and, with `forward`, hand the dossier to the next step."""
    content = file.read(MAX_RESULT_BYTES + 1) if hasattr(file, "read") else bytes(file)
    if len(content) > MAX_RESULT_BYTES:
        raise UnacceptableUpload(
            gettext("Văn bản kết quả tối đa %(value)s MB.") % {"value": MAX_RESULT_BYTES // (1024 * 1024)}
        )
    name = getattr(file, "name", "") or "ket-qua.pdf"
    scan_bytes(content, name=name, door="result")
    result = attach_result(
        dossier_id=dossier_id,
        actor=actor,
        content=content,
        name=name,
        at=at,
        expected_version=expected_version,
    )
    if forward:
        return forward_dossier(
            dossier_id=dossier_id,
            actor=actor,
            note="Trình phê duyệt kết quả",
            at=result.created_at,
            expected_version=result.event_seq,
        )
    return Dossier.objects.get(pk=dossier_id)


@transaction.atomic
def store_signed_result(
    *,
    dossier_id: int,
    actor: Any,
    content: bytes,
    name: str,
    at: datetime | None = None,
) -> ResultDocument:
    """The signed version of the result, made by whoever may approve it (before the approval)."""
    dossier = lock_for(Action.RESOLVE, dossier_id=dossier_id, actor=actor, expected_version=None)
    return _store_result(
        dossier, actor=actor, content=content, name=name, signed=True, at=at, action="ký số văn bản kết quả"
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
        raise Conflict(gettext("Kết quả đã có phiên bản mới hơn; không gia hạn phiên bản cũ."))
    snap = snapshot_of(dossier)
    moment = max(at or core_time.now(), snap.last_event_at) if snap.last_event_at else at or core_time.now()
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


def store_issued_result(
    dossier: Dossier,
    *,
    actor: Any,
    content: bytes,
    name: str,
    notation: str,
    issued_on: Any,
    signed: bool,
    at: datetime | None = None,
) -> ResultDocument:
    """The numbered, dated (and sealed) version the clerk issues, on a dossier the caller has locked
    with `lock_for(Action.ISSUE_RESULT, ...)` (documents.services.issue_result)."""
    result = _store_result(
        dossier,
        actor=actor,
        content=content,
        name=name,
        signed=signed,
        at=at,
        payload={"notation": notation, "issued_on": issued_on.isoformat()},
        action="văn thư cấp số, ban hành văn bản kết quả",
    )
    result.notation = notation
    result.issued_on = issued_on
    result.save(update_fields=["notation", "issued_on"])
    return result


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
        raise UnacceptableUpload(gettext("Văn bản kết quả phải là tệp PDF."))
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
        raise PermissionDenied(gettext("Chỉ người nộp hồ sơ mới được đánh giá."))
    if dossier.state not in RATEABLE_STATES:
        raise ValidationFailed(gettext("Hồ sơ chưa kết thúc nên chưa thể đánh giá."))
    if score not in Rating.Score.values:
        raise ValidationFailed(
            gettext("Mức đánh giá không hợp lệ."), fields={"score": gettext("Vui lòng chọn mức độ hài lòng.")}
        )
    if Rating.objects.filter(dossier=dossier).exists():
        raise Conflict(gettext("Hồ sơ này đã được đánh giá."))
    return Rating.objects.create(
        dossier=dossier, score=score, comment=comment.strip()[:2000], created_at=at or core_time.now()
    )
