"""The result documents of demo dossiers: the province's own layout (documents), not a demo one.

What the leader signs in the demo is what a real officer drafts from the procedure's template: the
Decree 30 layout with the leader's position and name, and the number and date left for `vanthu`.
"""

from __future__ import annotations

from typing import Any

JUDICIAL_RECORD_BODY = (
    "Họ và tên: {{ ho_ten }}.\n"
    "Theo yêu cầu tại hồ sơ số {{ ma_ho_so }}, tiếp nhận ngày {{ ngay_tiep_nhan }}.\n"
    "{{ ket_qua }}"
)
JUDICIAL_RECORD_RESULT = (
    "Tình trạng án tích: không có án tích.\n"
    "Thông tin về việc cấm đảm nhiệm chức vụ, thành lập, quản lý doanh nghiệp, hợp tác xã: không bị cấm."
)
GENERAL_RESULT = "Chấp thuận yêu cầu của người nộp hồ sơ theo quy định."


def ensure_judicial_record_template() -> None:
    """The judicial record's own result template, as an administrator would write it in the admin."""
    from motcua.catalog.models import Procedure
    from motcua.documents.models import ResultTemplate

    from .stories import JUDICIAL_RECORD

    procedure = Procedure.objects.filter(code=JUDICIAL_RECORD).first()
    if procedure is None or ResultTemplate.objects.filter(procedure=procedure).exists():
        return
    ResultTemplate.objects.create(
        procedure=procedure,
        kind=ResultTemplate.Kind.CERTIFICATE,
        name="Phiếu lý lịch tư pháp số 1",
        title="PHIẾU LÝ LỊCH TƯ PHÁP SỐ 1",
        summary="",
        body=JUDICIAL_RECORD_BODY,
        recipients="",
    )


def demo_result_pdf(dossier: Any, leader: Any) -> bytes:
    """The result of a demo dossier as its leader signs it (documents.services.result_for_signing)."""
    from motcua.documents.services import result_for_signing

    from .stories import JUDICIAL_RECORD

    if dossier.procedure_version.procedure.code == JUDICIAL_RECORD:
        ensure_judicial_record_template()
        summary = JUDICIAL_RECORD_RESULT
    else:
        summary = GENERAL_RESULT
    return result_for_signing(dossier, signer=leader, summary=summary)
