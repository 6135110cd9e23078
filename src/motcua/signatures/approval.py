"""The leader's approval of a result, signed where signing is set up: one dossier, or many at once.

Approving and signing are one step for the leader: if the signature fails (expired certificate,
TSA down, ...) the approval is undone too, so a dossier never leaves the leader's list resolved
with an unsigned result while signing is switched on.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from motcua.core.errors import DomainError, ValidationFailed
from motcua.dossiers import services as dossier_services
from motcua.dossiers.errors import StaleDossier
from motcua.dossiers.models import Dossier
from motcua.dossiers.selectors import latest_result

from .services import result_signing_enabled, sign_result

# One submission is one web request. Approving and signing takes about 1.4 s per result on our
# 2-core test machine (bench/batch_approval.py, docs/signatures.md), so 20 results stay near 30 s,
# well under the 60 s a reverse proxy usually waits; more would need a background job.
MAX_BATCH = 20
DEFAULT_SUMMARY = "Đồng ý giải quyết theo đề xuất."
UNEXPECTED = "Lỗi hệ thống khi phê duyệt hoặc ký số hồ sơ này; hồ sơ chưa được phê duyệt. Vui lòng thử lại."

logger = logging.getLogger(__name__)


def resolve_and_sign(
    *, dossier_id: int, leader: Any, result_summary: str, expected_version: int | None
) -> bool:
    """Approve the result; sign it (leader, then seal) in the same transaction when signing is set up.

    Returns True when the result was signed.
    """
    with transaction.atomic():
        dossier = dossier_services.resolve_dossier(
            dossier_id=dossier_id,
            actor=leader,
            result_summary=result_summary,
            expected_version=expected_version,
        )
        if result_signing_enabled() and latest_result(dossier) is not None:
            sign_result(dossier_id=dossier_id, leader=leader)
            return True
    return False


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
            f"Mỗi lần chỉ phê duyệt được tối đa {MAX_BATCH} hồ sơ; bạn đã chọn {count}. "
            "Không hồ sơ nào được phê duyệt."
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
    outcomes = []
    for dossier_id, version in items:
        code = codes.get(dossier_id) or str(dossier_id)
        try:
            signed = resolve_and_sign(
                dossier_id=dossier_id,
                leader=leader,
                result_summary=result_summary,
                expected_version=version,
            )
        except StaleDossier as exc:
            message = (
                "Hồ sơ đã được người khác cập nhật sau khi danh sách được hiển thị "
                f"(phiên bản {version}, hiện là {exc.details.get('current_version', '?')}); "
                "chưa phê duyệt. Hãy mở hồ sơ để kiểm tra."
            )
            outcomes.append(Outcome(dossier_id, code, ok=False, message=message, error_code=exc.code))
        except DomainError as exc:
            outcomes.append(Outcome(dossier_id, code, ok=False, message=exc.message, error_code=exc.code))
        except Exception:
            # A bug or an outage must not hide what was already approved, nor stop the rest.
            logger.exception("Batch approval failed for dossier %s", dossier_id)
            outcomes.append(Outcome(dossier_id, code, ok=False, message=UNEXPECTED, error_code="unexpected"))
        else:
            outcomes.append(Outcome(dossier_id, code, ok=True, signed=signed))
    return outcomes
