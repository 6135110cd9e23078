"""The leader's approval of a result, signed where signing is set up: one dossier, or many at once.

Approving and signing are one step for the leader: if the signature fails (expired certificate,
TSA down, ...) the approval is undone too, so a dossier never leaves the leader's list resolved
with an unsigned result while signing is switched on.

Many at once is a background job (`start_batch_approval`, then `run_batch_approval` in the task
queue): at about 1.4 s per signed result (bench/batch_approval.py) a whole worklist page would
outlast any web request.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils.translation import gettext

from motcua.core import time as core_time
from motcua.core.errors import DomainError, NotFound, ValidationFailed
from motcua.dossiers import services as dossier_services
from motcua.dossiers.actions import Action
from motcua.dossiers.errors import StaleDossier
from motcua.dossiers.models import Dossier
from motcua.dossiers.selectors import NOT_FOUND, dossiers_for, latest_result

from .models import BatchApproval, BatchApprovalItem
from .services import result_signing_enabled, sign_result

# A whole page of the "Chờ phê duyệt" worklist (50 rows) can be ticked and approved at once.
MAX_BATCH = 50
DEFAULT_SUMMARY = "Đồng ý giải quyết theo đề xuất."
UNEXPECTED = "Lỗi hệ thống khi phê duyệt hoặc ký số hồ sơ này; hồ sơ chưa được phê duyệt. Vui lòng thử lại."
NO_VERSION = "Thiếu phiên bản hồ sơ trong biểu mẫu; chưa phê duyệt. Vui lòng tải lại danh sách."

logger = logging.getLogger(__name__)


def approve(
    *,
    dossier_id: int,
    actor: Any,
    result_summary: str,
    expected_version: int | None = None,
    at: datetime | None = None,
) -> Dossier:
    """Approve the result, signed first (leader, then seal) where signing is set up: every door's approval."""
    return approve_and_sign(
        dossier_id=dossier_id,
        leader=actor,
        result_summary=result_summary,
        expected_version=expected_version,
        at=at,
    )[0]


def resolve_and_sign(
    *, dossier_id: int, leader: Any, result_summary: str, expected_version: int | None
) -> bool:
    """`approve`, saying whether the result was signed in this step."""
    return approve_and_sign(
        dossier_id=dossier_id, leader=leader, result_summary=result_summary, expected_version=expected_version
    )[1]


def approve_and_sign(
    *,
    dossier_id: int,
    leader: Any,
    result_summary: str,
    expected_version: int | None,
    at: datetime | None = None,
) -> tuple[Dossier, bool]:
    """One transaction under the dossier's lock: check the table allows the approval, sign the latest
    result when signing is set up and it is not signed yet, then record the approval. A failed
    signature leaves nothing approved."""
    with transaction.atomic():
        dossier = dossier_services.lock_for(
            Action.RESOLVE, dossier_id=dossier_id, actor=leader, expected_version=expected_version
        )
        result = latest_result(dossier)
        signed = False
        if result_signing_enabled() and result is not None and not result.is_signed:
            sign_result(dossier_id=dossier_id, leader=leader, at=at)
            signed = True
        approved = dossier_services.resolve_dossier(
            dossier_id=dossier_id, actor=leader, result_summary=result_summary, at=at
        )
    return approved, signed


@dataclass(frozen=True)
class Outcome:
    """What became of one dossier of a batch: approved (and signed or not), or refused and why."""

    dossier_id: int
    code: str
    ok: bool
    signed: bool = False
    message: str = ""
    error_code: str = ""


def check_batch_size(count: int) -> None:
    """Refuse a batch larger than MAX_BATCH before anything is read or written."""
    if count > MAX_BATCH:
        raise ValidationFailed(
            gettext(
                "Mỗi lần chỉ phê duyệt được tối đa %(MAX_BATCH)s hồ sơ; bạn đã chọn "
                "%(count)s. Không hồ sơ nào được phê duyệt."
            )
            % {"MAX_BATCH": MAX_BATCH, "count": count}
        )


def resolve_many(
    *,
    leader: Any,
    items: Sequence[tuple[int, int]],
    result_summary: str = DEFAULT_SUMMARY,
) -> list[Outcome]:
    """Approve (and sign) each (dossier id, version seen) in order, each in its own transaction.

    A refusal (changed meanwhile, no permission, wrong state, signing failed) is reported for that
    dossier and never undoes the others.
    """
    check_batch_size(len(items))
    codes = dict(Dossier.objects.filter(pk__in=[pk for pk, _ in items]).values_list("pk", "code"))
    return [
        approve_one(
            leader=leader,
            dossier_id=dossier_id,
            code=codes.get(dossier_id) or str(dossier_id),
            version=version,
            result_summary=result_summary,
        )
        for dossier_id, version in items
    ]


def approve_one(*, leader: Any, dossier_id: int, code: str, version: int, result_summary: str) -> Outcome:
    """Approve (and sign) one dossier of a batch; any refusal is returned, never raised."""
    try:
        signed = resolve_and_sign(
            dossier_id=dossier_id, leader=leader, result_summary=result_summary, expected_version=version
        )
    except StaleDossier as exc:
        message = (
            "Hồ sơ đã được người khác cập nhật sau khi danh sách được hiển thị "
            f"(phiên bản {version}, hiện là {exc.details.get('current_version', '?')}); "
            "chưa phê duyệt. Hãy mở hồ sơ để kiểm tra."
        )
        return Outcome(dossier_id, code, ok=False, message=message, error_code=exc.code)
    except DomainError as exc:
        return Outcome(dossier_id, code, ok=False, message=exc.message, error_code=exc.code)
    except Exception:
        # A bug or an outage must not hide what was already approved, nor stop the rest.
        logger.exception("Batch approval failed for dossier %s", dossier_id)
        return Outcome(dossier_id, code, ok=False, message=UNEXPECTED, error_code="unexpected")
    return Outcome(dossier_id, code, ok=True, signed=signed)


def start_batch_approval(
    *, leader: Any, selection: Sequence[tuple[str, int | None]], result_summary: str = DEFAULT_SUMMARY
) -> BatchApproval:
    """Record the ticked (code, version seen) pairs and queue their approval.

    A code this leader cannot see, or a tick without the version shown, is refused at once; another
    agency's dossier reads exactly like one that does not exist.
    """
    if not selection:
        raise ValidationFailed(gettext("Bạn chưa chọn hồ sơ nào để phê duyệt."))
    check_batch_size(len(selection))
    readable = dossiers_for(leader, [code for code, _version in selection])
    items = []
    for position, (code, version) in enumerate(selection):
        item = BatchApprovalItem(position=position, code=code, version_seen=version)
        dossier = readable.get(code)
        if dossier is None:
            _finish(item, Outcome(0, code, ok=False, message=NOT_FOUND, error_code=NotFound.code))
        else:
            item.dossier = dossier
            if version is None:
                missing = Outcome(dossier.pk, code, ok=False, message=NO_VERSION, error_code="stale_dossier")
                _finish(item, missing)
        items.append(item)
    with transaction.atomic():
        batch = BatchApproval.objects.create(
            leader=leader, result_summary=result_summary, created_at=core_time.now()
        )
        for item in items:
            item.batch = batch
        BatchApprovalItem.objects.bulk_create(items)
        batch_id = str(batch.pk)
        transaction.on_commit(lambda: _queue(batch_id))
    return batch


def _queue(batch_id: str) -> None:
    from .tasks import approve_batch  # the task module imports this one

    approve_batch.enqueue(batch_id)


def run_batch_approval(batch_id: uuid.UUID) -> None:
    """The background job: approve each pending dossier of the batch in order, recording each outcome.

    Safe to run again, even alongside itself (a retried job): each dossier is taken under a lock on
    its row of the batch and only while still pending, and its outcome is written in that same
    transaction, so an approval is never recorded twice nor overwritten by a later refusal.
    """
    batch = BatchApproval.objects.select_related("leader").get(pk=batch_id)
    BatchApproval.objects.filter(pk=batch.pk, started_at__isnull=True).update(started_at=core_time.now())
    pending = BatchApprovalItem.objects.filter(
        batch=batch, status=BatchApprovalItem.Status.PENDING, dossier__isnull=False
    )
    for item_id in pending.order_by("position").values_list("pk", flat=True):
        with transaction.atomic():
            item = pending.select_for_update().filter(pk=item_id).first()
            if item is None:
                continue  # another run of this job got there first
            assert item.dossier_id is not None  # a pending item always has both
            assert item.version_seen is not None
            outcome = approve_one(
                leader=batch.leader,
                dossier_id=item.dossier_id,
                code=item.code,
                version=item.version_seen,
                result_summary=batch.result_summary,
            )
            _finish(item, outcome)
            item.save(update_fields=["status", "signed", "message", "error_code", "done_at"])
    BatchApproval.objects.filter(pk=batch.pk).update(finished_at=core_time.now())


def _finish(item: BatchApprovalItem, outcome: Outcome) -> None:
    item.status = BatchApprovalItem.Status.APPROVED if outcome.ok else BatchApprovalItem.Status.REFUSED
    item.signed = outcome.signed
    item.message = outcome.message[:500]
    item.error_code = outcome.error_code[:40]
    item.done_at = core_time.now()
