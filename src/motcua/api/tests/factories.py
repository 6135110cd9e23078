"""Factories for the API tests: a province with two departments, their staff, citizens, procedures."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time

import factory
from factory.django import DjangoModelFactory, Password

from motcua.accounts.models import User
from motcua.agencies.models import Agency, Role, StaffRole, Unit
from motcua.catalog.models import ProcedureVersion, RequiredDocument, Sector
from motcua.catalog.services import publish_procedure_version
from motcua.core.text import fold
from motcua.dossiers.tests import factories as dossier_factories

PASSWORD = "Mat-khau-API-2025"

APPLICATION_FORM = {
    "type": "object",
    "required": ["full_name", "birth_date"],
    "properties": {
        "full_name": {"type": "string", "title": "Họ và tên", "minLength": 2, "maxLength": 100},
        "birth_date": {"type": "string", "title": "Ngày sinh", "format": "date"},
        "copies": {"type": "integer", "title": "Số bản", "minimum": 1, "maximum": 5},
    },
}


class UserFactory(dossier_factories.UserFactory):
    """The dossier tests' user, with the password the token tests log in with."""

    password = Password(PASSWORD)


AgencyFactory = dossier_factories.AgencyFactory
UnitFactory = dossier_factories.UnitFactory


class StaffRoleFactory(DjangoModelFactory):
    class Meta:
        model = StaffRole

    user = factory.SubFactory(UserFactory)
    agency = factory.SubFactory(AgencyFactory)
    unit = None
    role = Role.SPECIALIST


class SectorFactory(DjangoModelFactory):
    class Meta:
        model = Sector
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"LV{n}")
    name = factory.Sequence(lambda n: f"Lĩnh vực {n}")
    name_folded = factory.LazyAttribute(lambda sector: fold(sector.name))


class ProcedureFactory(factory.Factory):
    """A published procedure version, created through `catalog.services.publish_procedure_version`."""

    class Meta:
        model = ProcedureVersion

    code = factory.Sequence(lambda n: f"1.{n + 1000:06d}")
    name = factory.Sequence(lambda n: f"Thủ tục thử nghiệm số {n}")
    sector = factory.SubFactory(SectorFactory)
    competent_agency = factory.SubFactory(AgencyFactory)
    receiving_agencies = factory.LazyAttribute(lambda version: [version.competent_agency])
    processing_time = 5
    processing_time_unit = "day"
    online_level = ProcedureVersion.OnlineLevel.END_TO_END
    form_schema = factory.LazyFunction(lambda: dict(APPLICATION_FORM))
    required_documents = factory.LazyFunction(
        lambda: [
            {
                "name": "Tờ khai theo mẫu",
                "copy_type": "original",
                "count": 1,
                "is_mandatory": True,
                "blank_form_name": "Mẫu số 03/2025/TK",
            },
            {"name": "Văn bản ủy quyền", "copy_type": "certified_copy", "count": 1, "is_mandatory": False},
        ]
    )
    fees = factory.LazyFunction(lambda: [{"name": "Lệ phí", "amount": 200_000}])
    workflow_steps = factory.LazyFunction(list)

    @classmethod
    def _create(cls, model_class: type[ProcedureVersion], **kwargs: object) -> ProcedureVersion:
        return publish_procedure_version(**kwargs)  # type: ignore[arg-type]


def staff_member(agency: Agency, role: str, unit: Unit | None = None, **user_fields: object) -> User:
    """A user holding one staff role at `agency`."""
    return StaffRoleFactory(agency=agency, unit=unit, role=role, user=UserFactory(**user_fields)).user


@dataclass
class Province:
    """The world most API tests act in."""

    province: Agency
    department: Agency
    one_stop: Unit
    unit_a: Unit
    unit_b: Unit
    other_department: Agency
    other_one_stop: Unit
    other_unit: Unit
    intake: User
    specialist: User
    leader: User  # leader of unit B, where the signing step is
    director: User  # a leader posted agency-wide: heads every unit of the department
    clerk: User
    other_intake: User
    other_specialist: User
    other_leader: User
    citizen: User
    other_citizen: User
    procedure: ProcedureVersion

    @property
    def procedure_code(self) -> str:
        return self.procedure.procedure.code

    @property
    def mandatory_document(self) -> RequiredDocument:
        return self.procedure.required_documents.get(is_mandatory=True)

    @property
    def optional_document(self) -> RequiredDocument:
        return self.procedure.required_documents.get(is_mandatory=False)


def build_province(**procedure_fields: object) -> Province:
    """Province → Department of Justice (one-stop, unit A, unit B) and Department of Construction."""
    province = AgencyFactory(code="H37", name="UBND tỉnh Ninh Bình", kind=Agency.Kind.PROVINCE)
    department = AgencyFactory(code="H37.10", name="Sở Tư pháp", short_name="STP", parent=province)
    one_stop = UnitFactory(agency=department, code="MC", name="Bộ phận Một cửa", is_one_stop=True)
    unit_a = UnitFactory(agency=department, code="HCTP", name="Phòng Hành chính tư pháp")
    unit_b = UnitFactory(agency=department, code="BTTP", name="Phòng Bổ trợ tư pháp")
    other = AgencyFactory(code="H37.20", name="Sở Xây dựng", short_name="SXD", parent=province)
    other_one_stop = UnitFactory(agency=other, code="MC", name="Bộ phận Một cửa", is_one_stop=True)
    other_unit = UnitFactory(agency=other, code="QLN", name="Phòng Quản lý nhà")
    fields: dict[str, object] = {
        "name": "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam",
        "sector": SectorFactory(code="LLTP", name="Lý lịch tư pháp"),
        "competent_agency": department,
        "cut_off_time": time(16, 0),
        "workflow_steps": [
            {
                "name": "Tiếp nhận, chuyển hồ sơ",
                "unit": one_stop,
                "role": Role.INTAKE_OFFICER,
                "allotted_time": 4,
                "allotted_unit": "hour",
            },
            {
                "name": "Thẩm định hồ sơ",
                "unit": unit_a,
                "role": Role.SPECIALIST,
                "allotted_time": 2,
                "allotted_unit": "day",
            },
            {
                "name": "Phê duyệt kết quả",
                "unit": unit_b,
                "role": Role.LEADER,
                "allotted_time": 1,
                "allotted_unit": "day",
            },
            {
                "name": "Trả kết quả",
                "unit": one_stop,
                "role": Role.CLERK,
                "allotted_time": 4,
                "allotted_unit": "hour",
            },
        ],
        **procedure_fields,
    }
    return Province(
        province=province,
        department=department,
        one_stop=one_stop,
        unit_a=unit_a,
        unit_b=unit_b,
        other_department=other,
        other_one_stop=other_one_stop,
        other_unit=other_unit,
        intake=staff_member(department, Role.INTAKE_OFFICER, one_stop, full_name="Phạm Văn Tiếp Nhận"),
        specialist=staff_member(department, Role.SPECIALIST, unit_a, full_name="Đỗ Thị Chuyên Viên"),
        leader=staff_member(department, Role.LEADER, unit_b, full_name="Vũ Văn Lãnh Đạo"),
        director=staff_member(department, Role.LEADER, None, full_name="Lê Văn Giám Đốc"),
        clerk=staff_member(department, Role.CLERK, one_stop, full_name="Hoàng Thị Văn Thư"),
        other_intake=staff_member(other, Role.INTAKE_OFFICER, other_one_stop, full_name="Bùi Văn Một Cửa"),
        other_specialist=staff_member(other, Role.SPECIALIST, other_unit, full_name="Ngô Thị Xây Dựng"),
        other_leader=staff_member(other, Role.LEADER, other_unit, full_name="Đinh Văn Giám Đốc"),
        citizen=UserFactory(username="congdan", full_name="Trần Thị Hoa"),
        other_citizen=UserFactory(username="congdankhac", full_name="Lý Văn Nam"),
        procedure=ProcedureFactory(**fields),
    )
