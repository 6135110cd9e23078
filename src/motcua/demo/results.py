"""The result documents of demo dossiers: the province's own layout (documents), not a demo one.

What the leader signs in the demo is what a real officer drafts from the procedure's template: the
Decree 30 layout with the leader's position and name, and the number and date left for `vanthu`.
"""

from __future__ import annotations

from typing import Any

JUDICIAL_RECORD_RESULT = (
    "Cấp Phiếu lý lịch tư pháp số 1 cho Ông/Bà {name}. Tình trạng án tích: không có án tích. "
    "Thông tin về việc cấm đảm nhiệm chức vụ, thành lập, quản lý doanh nghiệp, hợp tác xã: không bị cấm."
)
GENERAL_RESULT = "Chấp thuận yêu cầu của người nộp hồ sơ theo quy định."


def demo_result_pdf(dossier: Any, leader: Any) -> bytes:
    """The result of a demo dossier as its leader signs it (documents.services.result_for_signing)."""
    from motcua.documents.services import result_for_signing

    from .stories import JUDICIAL_RECORD

    if dossier.procedure_version.procedure.code == JUDICIAL_RECORD:
        summary = JUDICIAL_RECORD_RESULT.format(name=dossier.applicant_name)
    else:
        summary = GENERAL_RESULT
    return result_for_signing(dossier, signer=leader, summary=summary)
