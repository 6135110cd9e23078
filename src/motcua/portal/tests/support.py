"""Test material for the portal: officers of the demo province, tiny real files, helpers."""

from __future__ import annotations

import socket
from dataclasses import dataclass

from motcua.accounts.models import User
from motcua.agencies.models import Agency, Role, StaffRole, Unit
from motcua.catalog.models import Procedure, RequiredDocument
from motcua.demo.data.agencies import CONG_AN_TINH, SERVICE_CENTER
from motcua.dossiers.tests.factories import PDF_BYTES

JUDICIAL_RECORD = "3.000333"  # Cấp Phiếu lý lịch tư pháp (demo catalogue; Công an tỉnh)
PASSWORD = "Quang-Tri-2025-an-toan"

# Smallest real files of each accepted type (the PDF opens in any reader) (and what an attacker would rename).
PDF = PDF_BYTES
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64


@dataclass
class Officers:
    intake: User
    specialist: User
    leader: User  # head of Phòng Hồ sơ nghiệp vụ: reviews before the director
    director: User  # signs the judicial record (the workflow's signing step)
    processing_unit: Unit
    clerk: User  # the department's clerk (văn thư): numbers and issues the approved result


def officers() -> Officers:
    """Staff of the demo province who act on a judicial-record dossier through the services."""
    center = Agency.objects.get(code=SERVICE_CENTER)
    police = Agency.objects.get(code=CONG_AN_TINH)
    unit = Unit.objects.get(agency=police, code="PV06")

    def make(username: str, agency: Agency, role: str, unit: Unit | None) -> User:
        user = User.objects.create_user(username=username, full_name=username.title())
        StaffRole.objects.create(user=user, agency=agency, unit=unit, role=role)
        return user

    intake = make(
        "tiepnhan-test",
        center,
        Role.INTAKE_OFFICER,
        Unit.objects.filter(agency=center, is_one_stop=True).first(),
    )
    specialist = make("chuyenvien-test", police, Role.SPECIALIST, unit)
    leader = make("lanhdao-test", police, Role.LEADER, unit)
    director = make("giamdoc-test", police, Role.LEADER, None)
    clerk = make("vanthu-test", police, Role.CLERK, None)
    return Officers(
        intake=intake,
        specialist=specialist,
        leader=leader,
        director=director,
        processing_unit=unit,
        clerk=clerk,
    )


def mandatory_documents(code: str = JUDICIAL_RECORD) -> list[RequiredDocument]:
    version = Procedure.objects.get(code=code).current_version
    return list(version.required_documents.filter(is_mandatory=True).order_by("position"))


def id_card_document(code: str = JUDICIAL_RECORD) -> RequiredDocument:
    """The ID-card scan slot (optional: not needed when the population database has the data)."""
    version = Procedure.objects.get(code=code).current_version
    return version.required_documents.get(name__startswith="Bản chụp Thẻ căn cước")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# A complete, valid application form of the judicial-record procedure (as a browser posts it).
JUDICIAL_FORM = {
    "form-ho_ten": "Phạm Thị Mai",
    "form-gioi_tinh": "Nữ",
    "form-ngay_sinh": "17/05/1990",
    "form-noi_sinh": "Đông Hà, Quảng Trị",
    "form-quoc_tich": "Việt Nam",
    "form-so_dinh_danh": "045190012399",
    "form-noi_thuong_tru": "12 Lê Duẩn, phường Đông Hà, tỉnh Quảng Trị",
    "form-loai_phieu": "Phiếu số 1",
    "form-muc_dich_su_dung": "Bổ sung hồ sơ xin việc",
    "form-so_luong_phieu": "1",
    "form-hinh_thuc_nhan_ket_qua": "Bản điện tử",
}
APPLICANT_FORM = {
    "applicant-kind": "citizen",
    "applicant-name": "Phạm Thị Mai",
    "applicant-id_number": "045190012399",
    "applicant-phone": "0905123456",
    "applicant-email": "mai@example.vn",
    "applicant-address": "12 Lê Duẩn, phường Đông Hà, tỉnh Quảng Trị",
}


def approve_judicial(staff: Officers, dossier_id: int, summary: str = "Cấp Phiếu số 1") -> None:
    """From the specialist's step, with the result attached: the head of unit reviews and hands it
    to the director, who approves it (the judicial record's workflow); the department's clerk then
    numbers and issues it, so that the counter can return it."""
    from motcua.documents.services import issue_result
    from motcua.dossiers import services

    services.forward_dossier(dossier_id=dossier_id, actor=staff.specialist)
    services.forward_dossier(dossier_id=dossier_id, actor=staff.leader)
    services.resolve_dossier(dossier_id=dossier_id, actor=staff.director, result_summary=summary)
    issue_result(dossier_id=dossier_id, actor=staff.clerk)
