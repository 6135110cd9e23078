"""The world of the authorisation matrix: a service centre that receives, a department that decides.

A judicial-record dossier is received at the province's Public Administration Service Centre (C),
appraised by a specialist of unit A of the Department of Justice (D), reviewed by unit A's head,
and approved and signed by the director in the department's leadership unit (the signing step);
the centre returns the result. Every person the issue names has an account here, and every
situation the dossier passes through can be built on its own (`build`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone

from motcua.accounts.models import User
from motcua.agencies.models import Agency, Role, StaffRole, Unit
from motcua.catalog.models import Fee, FeeExemption, ProcedureVersion
from motcua.catalog.services import publish_procedure_version, upsert_sector
from motcua.core.time import VN_TZ, local, now
from motcua.documents.services import issue_result
from motcua.dossiers import services
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.factories import (
    APPLICANT,
    FORM_DATA,
    FORM_SCHEMA,
    PDF_BYTES,
    AgencyFactory,
    UnitFactory,
    UserFactory,
    pdf,
    staff,
)

# Who tries, as the issue lists them (the officer "of another agency" holds every role there).
ROLES = (
    "anonymous",
    "owner",
    "other_citizen",
    "intake",  # the receiving centre's intake officer
    "clerk",  # the receiving centre's clerk
    "centre_leader",  # the receiving centre's leader
    "specialist_a",  # a specialist of unit A, where the appraisal step is
    "colleague_a",  # another specialist of unit A
    "specialist_b",  # a specialist of another unit of the department
    "unit_head",  # the head of unit A (reviews before the director)
    "director",  # the department's director, at the signing step
    "department_clerk",  # the department's clerk (văn thư): numbers and issues what it approved
    "administrator",  # the department's system administrator
    "outsider",  # every role at an agency that never holds the dossier
)


@dataclass
class MatrixWorld:
    centre: Agency
    department: Agency
    counter: Unit
    unit_a: Unit
    unit_b: Unit
    leadership: Unit
    version: ProcedureVersion
    people: dict[str, User | None]

    def user(self, role: str) -> User | None:
        return self.people[role]


def _step(name: str, agency: Agency, unit: Unit, role: str, hours: int) -> dict[str, Any]:
    return {"name": name, "agency": agency, "unit": unit, "role": role, "allotted_time": hours}


def build_world() -> MatrixWorld:
    province = AgencyFactory(code="H99", name="UBND tỉnh thử nghiệm", kind=Agency.Kind.PROVINCE)
    centre = AgencyFactory(
        code="H99.20",
        parent=province,
        name="Trung tâm Phục vụ hành chính công",
        kind=Agency.Kind.SERVICE_CENTER,
    )
    department = AgencyFactory(code="H99.02", parent=province, name="Sở Tư pháp")
    elsewhere = AgencyFactory(code="H99.05", parent=province, name="Sở Xây dựng")
    counter = UnitFactory(agency=centre, code="MC", name="Bộ phận tiếp nhận và trả kết quả", is_one_stop=True)
    unit_a = UnitFactory(agency=department, code="HCTP", name="Phòng Hành chính tư pháp")
    unit_b = UnitFactory(agency=department, code="BTTP", name="Phòng Bổ trợ tư pháp")
    leadership = UnitFactory(agency=department, code="BGD", name="Ban Giám đốc")
    elsewhere_unit = UnitFactory(agency=elsewhere, code="QLXD", name="Phòng Quản lý xây dựng")
    version = publish_procedure_version(
        code="2.990001",
        sector=upsert_sector(code="LLTP", name="Lý lịch tư pháp"),
        name="Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam",
        competent_agency=department,
        receiving_agencies=[centre],
        processing_time=10,
        form_schema=FORM_SCHEMA,
        required_documents=[{"name": "Tờ khai", "copy_type": "original", "is_mandatory": True}],
        # A fee to take at the counter (`record_payment`): without one there is nothing to pay.
        fees=[{"name": "Phí cung cấp thông tin lý lịch tư pháp", "amount": 200_000}],
        workflow_steps=[
            _step("Tiếp nhận", centre, counter, Role.INTAKE_OFFICER, 4),
            _step("Thẩm định", department, unit_a, Role.SPECIALIST, 24),
            _step("Trưởng phòng kiểm tra", department, unit_a, Role.LEADER, 8),
            _step("Giám đốc ký", department, leadership, Role.LEADER, 8),
        ],
    )
    # An exemption the applicant may claim (`decide_exemption` needs a claim to decide).
    # A reduction, not a full exemption: something is still owed at the counter (`record_payment`).
    reduced = Fee.objects.create(version=version, name="Phí (mức giảm 50%)", amount=100_000, standard=False)
    FeeExemption.objects.create(
        version=version, description="Người có công với cách mạng", reduced_fee=reduced
    )
    outsider = staff(elsewhere, Role.INTAKE_OFFICER)
    for role in (Role.SPECIALIST, Role.LEADER, Role.CLERK, Role.ADMINISTRATOR):
        StaffRole.objects.create(user=outsider, agency=elsewhere, unit=elsewhere_unit, role=role)
    people: dict[str, User | None] = {
        "anonymous": None,
        "owner": UserFactory(
            full_name=APPLICANT["name"],
            national_id=APPLICANT["id_number"],
            national_id_verified_at=timezone.now(),
        ),
        "other_citizen": UserFactory(),
        "intake": staff(centre, Role.INTAKE_OFFICER, counter),
        "clerk": staff(centre, Role.CLERK, counter),
        "centre_leader": staff(centre, Role.LEADER),
        "specialist_a": staff(department, Role.SPECIALIST, unit_a),
        "colleague_a": staff(department, Role.SPECIALIST, unit_a),
        "specialist_b": staff(department, Role.SPECIALIST, unit_b),
        "unit_head": staff(department, Role.LEADER, unit_a),
        "director": staff(department, Role.LEADER),
        "department_clerk": staff(department, Role.CLERK),
        "administrator": staff(department, Role.ADMINISTRATOR),
        "outsider": outsider,
    }
    return MatrixWorld(centre, department, counter, unit_a, unit_b, leadership, version, people)


# --- the situations a dossier passes through -----------------------------------------------------

SITUATIONS = (
    "submitted",
    "withdrawal_at_intake",
    "received",
    "at_specialist",
    "assigned_specialist",
    "supplement_requested",
    "financial_obligation",
    "withdrawal_in_processing",
    "at_unit_head",
    "signing_without_result",
    "at_signing",
    "resolved",
    "issued",
    "returned",
    "exemption_claimed",
    "exemption_at_specialist",
)


def build(w: MatrixWorld, situation: str) -> Dossier:
    """A dossier in `situation`, brought there through the services by the officers who may."""
    p = w.people
    d = services.submit_dossier(
        procedure_code=w.version.procedure.code,
        applicant=APPLICANT,
        form_data=FORM_DATA,
        documents=[(w.version.required_documents.get().pk, pdf())],
        owner=p["owner"],
        fee_exemption_id=(w.version.fee_exemptions.get().pk if situation.startswith("exemption_") else None),
    )
    pk = d.pk
    if situation in ("submitted", "exemption_claimed"):
        return _fresh(pk)
    if situation == "withdrawal_at_intake":
        services.request_withdrawal(dossier_id=pk, actor=p["owner"], reason="Không còn nhu cầu.")
        return _fresh(pk)
    services.receive_dossier(dossier_id=pk, actor=p["intake"])
    if situation == "received":
        return _fresh(pk)
    assignee = p["specialist_a"] if situation == "assigned_specialist" else None
    services.forward_dossier(dossier_id=pk, actor=p["intake"], to_assignee_id=getattr(assignee, "pk", None))
    if situation in ("at_specialist", "assigned_specialist", "exemption_at_specialist"):
        return _fresh(pk)
    if situation == "supplement_requested":
        services.request_supplement(dossier_id=pk, actor=p["specialist_a"], missing=["Bản sao CCCD"])
        return _fresh(pk)
    if situation == "financial_obligation":
        services.request_financial_obligation(
            dossier_id=pk, actor=p["specialist_a"], amount=200_000, description="Phí cung cấp thông tin"
        )
        return _fresh(pk)
    if situation == "withdrawal_in_processing":
        services.request_withdrawal(dossier_id=pk, actor=p["owner"], reason="Không còn nhu cầu.")
        return _fresh(pk)
    if situation == "signing_without_result":
        services.transfer_dossier(dossier_id=pk, actor=p["specialist_a"], to_unit_id=w.leadership.pk, step=4)
        return _fresh(pk)
    services.attach_result(dossier_id=pk, actor=p["specialist_a"], content=PDF_BYTES, name="ket-qua.pdf")
    services.forward_dossier(dossier_id=pk, actor=p["specialist_a"])
    if situation == "at_unit_head":
        return _fresh(pk)
    services.forward_dossier(dossier_id=pk, actor=p["unit_head"])
    if situation == "at_signing":
        return _fresh(pk)
    services.resolve_dossier(dossier_id=pk, actor=p["director"], result_summary="Đồng ý cấp Phiếu.")
    if situation == "resolved":
        return _fresh(pk)
    issue_result(dossier_id=pk, actor=p["department_clerk"])
    if situation == "issued":
        return _fresh(pk)
    services.return_result(dossier_id=pk, actor=p["intake"], method="electronic")
    assert situation == "returned", situation
    return _fresh(pk)


def _fresh(pk: int) -> Dossier:
    return Dossier.objects.select_related("current_unit").get(pk=pk)


# --- valid inputs for each action in each situation ----------------------------------------------


def assignee_for(w: MatrixWorld, dossier: Dossier) -> User:
    """Someone the current step may be given to (the step's role, in the unit holding it)."""
    p = w.people
    by_step = {1: p["intake"], 2: p["colleague_a"], 3: p["unit_head"], 4: p["director"]}
    user = by_step[dossier.current_step or 1]
    assert user is not None
    return user


def new_appointment(dossier: Dossier) -> datetime:
    """A working morning a week after the current appointment (or the due date)."""
    base = local(max(now(), dossier.appointment_at or dossier.due_at or now())) + timedelta(days=7)
    day = base.date()
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return datetime(day.year, day.month, day.day, 9, 0, tzinfo=VN_TZ)


def inputs(w: MatrixWorld, dossier: Dossier, slug: str) -> dict[str, Any]:
    """A body the action accepts here, by its API slug (files aside: see `needs_file`)."""
    return {
        "receive": {},
        "refuse": {"reason": "Không thuộc thẩm quyền."},
        "request-supplement": {"missing": ["Bản sao CCCD"]},
        "supplement": {"note": "Bổ sung."},
        "forward": {},
        "transfer": {"to_unit": w.unit_b.pk},
        "send-back": {"reason": "Xem lại căn cứ."},
        "assign": {"assignee": assignee_for(w, dossier).pk},
        "request-financial-obligation": {"amount": 200_000, "description": "Phí"},
        "confirm-financial-obligation": {"receipt_number": "BL-1"},
        "record-payment": {"payer_name": "Nguyễn Thị Lan"},
        "attach-result": {},
        "resolve": {"result_summary": "Đồng ý."},
        "return": {"method": "counter"},
        "issue-result": {},
        "request-withdrawal": {"reason": "Không còn nhu cầu."},
        "decide-withdrawal": {"accept": True},
        "decide-exemption": {"accept": False, "reason": "Không có giấy chứng nhận."},
        "stop": {"reason": "Không đủ điều kiện."},
        "apologise": {"new_appointment": new_appointment(dossier).isoformat(), "reason": "Chờ xác minh."},
    }[slug]


NEEDS_FILE = {"supplement": "document_other", "attach-result": "file"}
