"""Messages to build: a realistic new document, an update, a status; and in-memory signing keys."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from typing import Any

from cryptography.hazmat.primitives import serialization

from motcua.core.time import VN_TZ
from motcua.exchange.edxml import (
    Attachment,
    Business,
    BusinessDocType,
    Code,
    DocumentType,
    EDoc,
    Organ,
    OtherInfo,
    PromulgationInfo,
    Receiver,
    ResponseFor,
    SignerInfo,
    StaffInfo,
    StatusMessage,
    TraceHeader,
    document_id_for,
)

SENDER = Organ(
    organ_id="000.00.12.H48",
    organ_name="Sở Tư pháp tỉnh Quảng Trị",
    organization_in_charge="Ủy ban nhân dân tỉnh Quảng Trị",
    organ_add="Số 2 Hùng Vương, phường Đông Hà",
    email="stp@quangtri.gov.vn",
    telephone="0233 3852 111",
)
RECEIVER = Organ(
    organ_id="000.00.14.H48",
    organ_name="Sở Nội vụ tỉnh Quảng Trị",
    organization_in_charge="Ủy ban nhân dân tỉnh Quảng Trị",
)
PDF = b"%PDF-1.4\n% Cong van mau\n%%EOF\n"


def edoc(**changes: Any) -> EDoc:
    code = Code("125", "STP-VP")
    issued = date(2026, 3, 2)
    doc = EDoc(
        from_=SENDER,
        to=(RECEIVER,),
        code=code,
        promulgation=PromulgationInfo("Quảng Trị", issued),
        document_type=DocumentType(1, 0, "Công văn"),
        subject="Về việc cử cán bộ tham dự hội nghị tập huấn nghiệp vụ hộ tịch",
        content="Sở Tư pháp đề nghị Sở Nội vụ cử 02 cán bộ tham dự.",
        signer=SignerInfo("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Lê Văn Hùng"),
        due_date=date(2026, 3, 16),
        to_places=("Như trên", "Lưu: VT, HCTP"),
        other_info=OtherInfo(0, "Lưu hành nội bộ", "TVC", 3, 2),
        steering_type=0,
        document_id=document_id_for(SENDER.organ_id, issued, code),
        trace=(TraceHeader(SENDER.organ_id, datetime(2026, 3, 2, 14, 5, 31, tzinfo=VN_TZ)),),
        business=Business(BusinessDocType.NEW, "Văn bản mới", paper=0),
        attachments=(
            Attachment(
                "5d0c1a52-8f7e-4c1b-9a44-2b1f0e6c7d10", "125-STP-VP.pdf", PDF, "application/pdf", "Công văn"
            ),
            Attachment(
                "e2b7c9d4-3a61-4f08-b5c2-91d8a7e4f360", "danh-sach.txt", "Danh sách".encode(), "text/plain"
            ),
        ),
    )
    return dataclasses.replace(doc, **changes)


def update(**changes: Any) -> EDoc:
    """An update sent to several agencies, each listed as a receiver."""
    others = (RECEIVER, Organ("000.00.21.H48", "Sở Tài chính tỉnh Quảng Trị"))
    doc = edoc(
        to=others,
        business=Business(
            BusinessDocType.UPDATE,
            "Đính chính số liệu",
            document_info="1",
            document_receiver="1",
            receivers=tuple(Receiver(o.organ_id, 1) for o in others),
            document_id="000.00.12.H48,2026/03/02,125/STP-VP",
            staff=(StaffInfo("Văn phòng", "Hoàng Thị Mai", "0905123456", "htmai@quangtri.gov.vn"),),
            paper=1,
        ),
    )
    return dataclasses.replace(doc, **changes)


def status(code: str = "05", **changes: Any) -> StatusMessage:
    message = StatusMessage(
        from_=RECEIVER,
        response_for=ResponseFor(
            SENDER.organ_id, "125/STP-VP", date(2026, 3, 2), "000.00.12.H48,2026/03/02,125/STP-VP"
        ),
        status_code=code,
        description="Văn bản đang được xử lý",
        timestamp=datetime(2026, 3, 3, 9, 12, 45, tzinfo=VN_TZ),
        staff=StaffInfo("Văn phòng Sở", "Phan Thị Thu", "0914222333", "ptthu@quangtri.gov.vn"),
    )
    return dataclasses.replace(message, **changes)


def private_key(pki: Any, label: str) -> Any:
    """A party's key of the test PKI as a cryptography key object (what signxml signs with)."""
    return serialization.load_pem_private_key(pki.key_pem(label), password=None)
