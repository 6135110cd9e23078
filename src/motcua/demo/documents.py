"""The clerk's part of the demo: results issued by each agency's clerk, and incoming documents waiting.

Kept apart from `seed.py` (other parts of the demo grow there): the seed calls `issue_approved`
between the leader's approval and the return, and the demo command calls `seed_clerk_work`.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from django.db import transaction

from motcua.agencies.models import Agency, Role, StaffRole
from motcua.core.time import now

# (issuing body, number/notation, type, summary, urgent): what a department receives from others.
INCOMING = (
    (
        "UBND tỉnh Quảng Trị",
        "1250/UBND-KSTT",
        "Công văn",
        "V/v đẩy mạnh cung cấp dịch vụ công trực tuyến toàn trình",
        False,
    ),
    ("Văn phòng UBND tỉnh", "312/VP-KSTT", "Công văn", "V/v báo cáo kết quả giải quyết TTHC quý I", True),
    (
        "Bộ Tư pháp",
        "45/QĐ-BTP",
        "Quyết định",
        "Công bố thủ tục hành chính được sửa đổi trong lĩnh vực hộ tịch",
        False,
    ),
    ("Sở Nội vụ", "88/SNV-CCVC", "Công văn", "V/v rà soát vị trí việc làm văn thư, lưu trữ", False),
)
DEMO_CLERK = "vanthu"


def issue_approved(dossier: Any, clerk: Any, at: datetime) -> Any:
    """The agency's clerk numbers, dates and issues the approved result (before the return)."""
    from motcua.documents.services import issue_result

    return issue_result(dossier_id=dossier.pk, actor=clerk, at=at)


def seed_clerk_work(*, today: date | None = None) -> int:
    """Incoming documents waiting for `vanthu` at each of their agencies; some already directed."""
    from motcua.accounts.models import User
    from motcua.documents.models import IncomingDocument
    from motcua.documents.services import decide_handling, present_incoming, register_incoming

    clerk = User.objects.filter(username=DEMO_CLERK).first()
    if clerk is None or IncomingDocument.objects.exists():
        return 0
    made = 0
    moment = now()
    for agency_id in StaffRole.objects.filter(user=clerk, role=Role.CLERK).values_list(
        "agency_id", flat=True
    ):
        agency = Agency.objects.get(pk=agency_id)
        leader = StaffRole.objects.filter(agency=agency, role=Role.LEADER, unit__isnull=True).first()
        unit = agency.units.exclude(is_one_stop=True).order_by("code").first()
        for index, (author, notation, type_name, subject, urgent) in enumerate(INCOMING):
            electronic = index % 2 == 0
            with transaction.atomic():
                document = register_incoming(
                    actor=clerk,
                    agency_id=agency.pk,
                    author=author,
                    notation=notation,
                    document_date=(moment - timedelta(days=3 + index)).date(),
                    type_name=type_name,
                    subject=subject,
                    channel="electronic" if electronic else "paper",
                    exchange_document_id=(
                        f"000.00.00.H50,{(moment - timedelta(days=3)):%Y/%m/%d},{notation}"
                        if electronic
                        else None
                    ),
                    urgent=urgent,
                    at=moment - timedelta(hours=index * 5),
                )
                if index == 3 and leader is not None and unit is not None:
                    present_incoming(document_id=document.pk, actor=clerk, leader_id=leader.user_id)
                    decide_handling(
                        document_id=document.pk,
                        actor=leader.user,
                        lead_unit_id=unit.pk,
                        deadline=(moment + timedelta(days=7)).date(),
                        instructions="Giao phòng chủ trì tham mưu trả lời.",
                    )
            made += 1
    return made
