"""Test data for the dossier domain: a small province, its staff and one procedure."""

from __future__ import annotations

import io
import itertools
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

import factory
from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.accounts.models import User
from motcua.agencies.models import Agency, Role, StaffRole, Unit
from motcua.catalog.models import ProcedureVersion
from motcua.catalog.services import publish_procedure_version, upsert_sector
from motcua.core.time import VN_TZ

if TYPE_CHECKING:
    from motcua.dossiers.models import Dossier

_codes = itertools.count(1)
_BASE36 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _agency_code_segment(n: int) -> str:
    """Two digits for the first hundred agencies, then three base-36 characters: the segment stays
    within the short code layout (2-3 characters) however many agencies one test worker makes."""
    if n < 100:
        return f"{n:02d}"
    n %= 36**3
    return _BASE36[n // 1296] + _BASE36[n // 36 % 36] + _BASE36[n % 36]


def _blank_page_pdf() -> bytes:
    """One empty A4 page: the smallest file a PDF reader (and a clerk's numbering) can open."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


PDF_BYTES = _blank_page_pdf()
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"Nguyễn Văn {n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.vn")
    password = factory.django.Password("mat-khau-thu-nghiem")


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    code = factory.LazyFunction(lambda: f"H48.{_agency_code_segment(next(_codes))}")
    name = factory.Sequence(lambda n: f"Sở thử nghiệm {n}")
    kind = Agency.Kind.DEPARTMENT


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    agency = factory.SubFactory(AgencyFactory)
    code = factory.Sequence(lambda n: f"P{n:02d}")
    name = factory.Sequence(lambda n: f"Phòng {n}")


def staff(agency: Agency, role: str, unit: Unit | None = None, **kwargs: Any) -> User:
    user = UserFactory(**kwargs)
    StaffRole.objects.create(user=user, agency=agency, unit=unit, role=role)
    return user


def pdf(name: str = "giay-to.pdf", content: bytes = PDF_BYTES) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


FORM_SCHEMA = {
    "type": "object",
    "properties": {
        "ho_ten": {"type": "string", "title": "Họ và tên", "minLength": 1},
        "ngay_sinh": {"type": "string", "title": "Ngày sinh", "format": "date"},
        "so_luong": {"type": "integer", "title": "Số lượng phiếu", "minimum": 1, "maximum": 10},
    },
    "required": ["ho_ten", "ngay_sinh"],
}
FORM_DATA = {"ho_ten": "Trần Thị Hoa", "ngay_sinh": "1990-05-17", "so_luong": 1}
APPLICANT = {
    "kind": "citizen",
    "name": "Trần Thị Hoa",
    "id_number": "045190001234",
    "phone": "0912345678",
    "email": "hoa@example.vn",
    "address": "Phường Đông Hà, tỉnh Quảng Trị",
}


@dataclass
class World:
    province: Agency
    department: Agency
    other_department: Agency
    one_stop: Unit
    unit_a: Unit
    unit_b: Unit
    other_unit: Unit
    intake: User
    specialist: User
    specialist_b: User  # a specialist of unit B (step 3)
    leader: User  # leader of unit A: does step 4, the signing step
    clerk: User
    other_intake: User
    other_specialist: User
    citizen: User
    version: ProcedureVersion

    @property
    def code(self) -> str:
        return self.version.procedure.code


def build_world(*, processing_time: int = 5, unit: str = "day", pause_on_financial: bool = False) -> World:
    """A department with a one-stop unit and two processing units, and a 4-step procedure."""
    province = AgencyFactory(
        code=f"H{next(_codes) % 90 + 10:02d}", kind=Agency.Kind.PROVINCE, name="UBND tỉnh"
    )
    department = AgencyFactory(parent=province, name="Sở Tư pháp")
    other = AgencyFactory(parent=province, name="Sở Xây dựng")
    one_stop = UnitFactory(agency=department, code="VP", name="Văn phòng Sở (Một cửa)", is_one_stop=True)
    unit_a = UnitFactory(agency=department, code="HCTP", name="Phòng Hành chính tư pháp")
    unit_b = UnitFactory(agency=department, code="BTTP", name="Phòng Bổ trợ tư pháp")
    other_unit = UnitFactory(agency=other, code="QLXD", name="Phòng Quản lý xây dựng")
    sector = upsert_sector(code="LLTP", name="Lý lịch tư pháp")
    version = publish_procedure_version(
        code=f"2.{next(_codes):06d}",
        sector=sector,
        name="Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam",
        competent_agency=department,
        receiving_agencies=[department],
        processing_time=processing_time,
        processing_time_unit=unit,
        pause_clock_on_financial_obligation=pause_on_financial,
        form_schema=FORM_SCHEMA,
        required_documents=[
            {
                "name": "Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp",
                "copy_type": "original",
                "is_mandatory": True,
            },
            {"name": "Giấy ủy quyền", "copy_type": "original", "is_mandatory": False},
        ],
        fees=[{"name": "Phí cung cấp thông tin lý lịch tư pháp", "amount": 200_000}],
        workflow_steps=[
            {
                "name": "Tiếp nhận hồ sơ",
                "unit": one_stop,
                "role": Role.INTAKE_OFFICER,
                "allotted_time": 4,
                "allotted_unit": "hour",
            },
            {
                "name": "Thẩm định",
                "unit": unit_a,
                "role": Role.SPECIALIST,
                "allotted_time": 2,
                "allotted_unit": "day",
            },
            {
                "name": "Xác minh",
                "unit": unit_b,
                "role": Role.SPECIALIST,
                "allotted_time": 2,
                "allotted_unit": "day",
            },
            {
                "name": "Phê duyệt",
                "unit": unit_a,
                "role": Role.LEADER,
                "allotted_time": 4,
                "allotted_unit": "hour",
            },
        ],
    )
    return World(
        province=province,
        department=department,
        other_department=other,
        one_stop=one_stop,
        unit_a=unit_a,
        unit_b=unit_b,
        other_unit=other_unit,
        intake=staff(department, Role.INTAKE_OFFICER, one_stop),
        specialist=staff(department, Role.SPECIALIST, unit_a),
        specialist_b=staff(department, Role.SPECIALIST, unit_b),
        leader=staff(department, Role.LEADER, unit_a),
        clerk=staff(department, Role.CLERK, one_stop),
        other_intake=staff(other, Role.INTAKE_OFFICER),
        other_specialist=staff(other, Role.SPECIALIST, other_unit),
        citizen=UserFactory(full_name="Trần Thị Hoa"),
        version=version,
    )


def vn(*args: int) -> datetime:
    """A moment in Vietnamese local time."""
    return datetime(*args, tzinfo=VN_TZ)  # type: ignore[misc]


def mandatory_document_id(world: World) -> int:
    return world.version.required_documents.get(is_mandatory=True).pk


def submitted(world: World, at: datetime | None = None) -> Dossier:
    """A dossier the world's citizen submitted online with the mandatory document."""
    from motcua.dossiers import services

    return services.submit_dossier(
        procedure_code=world.code,
        applicant=APPLICANT,
        form_data=FORM_DATA,
        owner=world.citizen,
        documents=[(mandatory_document_id(world), pdf())],
        at=at or vn(2025, 3, 3, 8, 40),
    )


SIGNING_STEP = 4  # "Phê duyệt", unit A, a leader's step: where the result is approved and signed


def to_signing_step(world: World, dossier_id: int, *, at: datetime, by: User | None = None) -> None:
    """Hand the dossier straight to the workflow's signing step (by the officer holding it now)."""
    from motcua.dossiers import services

    services.transfer_dossier(
        dossier_id=dossier_id, actor=by or world.intake, to_unit_id=world.unit_a.pk, step=SIGNING_STEP, at=at
    )


def approve(
    world: World, dossier_id: int, *, at: datetime, summary: str = "Đồng ý", attach: bool = True
) -> None:
    """At the signing step, the leader attaches a result (unless one is there) and approves it."""
    from motcua.dossiers import services

    if attach:
        services.attach_result(
            dossier_id=dossier_id, actor=world.leader, content=PDF_BYTES, name="ket-qua.pdf", at=at
        )
    services.resolve_dossier(dossier_id=dossier_id, actor=world.leader, result_summary=summary, at=at)


def issue(world: World, dossier_id: int, *, at: datetime | None = None, by: User | None = None) -> None:
    """The agency's clerk numbers, dates and issues the approved result (before it can be returned)."""
    from motcua.documents.services import issue_result

    issue_result(dossier_id=dossier_id, actor=by or world.clerk, at=at)
