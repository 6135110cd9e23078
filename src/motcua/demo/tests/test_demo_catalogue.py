"""The demo province and its procedure catalogue load cleanly, twice, and hold together."""

from __future__ import annotations

import pytest

from motcua.agencies.codes import is_valid_agency_code
from motcua.agencies.models import Agency, Counter, Unit
from motcua.catalog.models import Fee, Procedure, ProcedureVersion, RequiredDocument, Sector, WorkflowStep
from motcua.catalog.schemas import check_form_schema
from motcua.catalog.selectors import search_procedures
from motcua.demo.catalogue import load_agencies, load_catalogue
from motcua.demo.data.agencies import AGENCIES, COMMUNES, CONG_AN_TINH, DEPARTMENTS, SERVICE_CENTER
from motcua.demo.data.procedures import PROCEDURES

HOURS = {"hour": 1, "day": 8}
MODELS = (Agency, Unit, Counter, Sector, Procedure, ProcedureVersion, RequiredDocument, Fee, WorkflowStep)


def _hours(amount: int, unit: str) -> int:
    return amount * HOURS[unit]


@pytest.fixture
def catalogue() -> int:
    return load_catalogue()


@pytest.mark.django_db
def test_loading_twice_creates_nothing_twice() -> None:
    first = load_catalogue()
    counts = {model.__name__: model.objects.count() for model in MODELS}
    second = load_catalogue()
    assert second == first == len(PROCEDURES)
    assert {model.__name__: model.objects.count() for model in MODELS} == counts
    assert not ProcedureVersion.objects.exclude(number=1).exists()


@pytest.mark.django_db
def test_load_agencies_updates_in_place() -> None:
    agencies = load_agencies()
    Agency.objects.filter(code=SERVICE_CENTER).update(phone="000")
    again = load_agencies()
    assert again[SERVICE_CENTER].pk == agencies[SERVICE_CENTER].pk
    assert Agency.objects.get(code=SERVICE_CENTER).phone != "000"
    assert Agency.objects.count() == len(AGENCIES)


@pytest.mark.django_db
def test_every_agency_code_is_valid(catalogue: int) -> None:
    codes = list(Agency.objects.values_list("code", flat=True))
    assert len(codes) == len(AGENCIES)
    assert all(is_valid_agency_code(code) for code in codes), codes


@pytest.mark.django_db
def test_province_structure(catalogue: int) -> None:
    province = Agency.objects.get(kind=Agency.Kind.PROVINCE)
    assert province.parent is None
    assert Agency.objects.filter(kind=Agency.Kind.DEPARTMENT).count() == len(DEPARTMENTS) >= 10
    assert Agency.objects.filter(kind=Agency.Kind.COMMUNE).count() == len(COMMUNES) >= 5
    assert not Agency.objects.filter(kind=Agency.Kind.DISTRICT).exists()
    assert not Agency.objects.exclude(pk=province.pk).filter(parent__isnull=True).exists()
    for agency in Agency.objects.filter(kind__in=[Agency.Kind.DEPARTMENT, Agency.Kind.COMMUNE]):
        assert 2 <= agency.units.count() <= 4, agency.code
        assert agency.units.filter(is_one_stop=True).count() == 1, agency.code
    center = Agency.objects.get(code=SERVICE_CENTER)
    assert center.counters.count() >= 6
    served = set(Agency.objects.filter(served_by_counters__agency=center).values_list("code", flat=True))
    # The departments, and the provincial police for the judicial record (since 1 March 2025).
    assert served == {*DEPARTMENTS, CONG_AN_TINH}


@pytest.mark.django_db
def test_catalogue_size_and_sectors(catalogue: int) -> None:
    assert catalogue >= 24
    assert Procedure.objects.filter(current_version__isnull=False).count() == catalogue
    assert Sector.objects.filter(procedures__isnull=False).distinct().count() >= 5


@pytest.mark.django_db
def test_every_form_schema_is_valid_json_schema(catalogue: int) -> None:
    for version in ProcedureVersion.objects.all():
        schema = version.form_schema
        assert schema["type"] == "object", version
        assert schema["required"], version
        assert set(schema["required"]) <= set(schema["properties"]), version
        check_form_schema(schema)


@pytest.mark.django_db
def test_documents_and_workflow_fit_the_time_limit(catalogue: int) -> None:
    versions = ProcedureVersion.objects.select_related("procedure", "competent_agency").prefetch_related(
        "required_documents", "workflow_steps__unit", "workflow_steps__agency", "receiving_agencies"
    )
    for version in versions:
        code = version.procedure.code
        assert version.required_documents.exists(), code
        steps = list(version.workflow_steps.all())
        assert 2 <= len(steps) <= 5, code
        allotted = sum(_hours(step.allotted_time, step.allotted_unit) for step in steps)
        assert allotted == _hours(version.processing_time, version.processing_time_unit), code
        for step in steps:
            if step.unit is not None:
                assert step.agency is not None, code
                assert step.unit.agency_id == step.agency.pk, code
        assert version.receiving_agencies.exists(), code
        assert version.legal_basis, code
        assert version.steps, code
        assert version.fee_description, code


@pytest.mark.django_db
def test_department_procedures_are_received_by_the_service_center(catalogue: int) -> None:
    for version in ProcedureVersion.objects.filter(competent_agency__kind=Agency.Kind.DEPARTMENT):
        receiving = set(version.receiving_agencies.values_list("code", flat=True))
        assert SERVICE_CENTER in receiving, version


@pytest.mark.django_db
def test_search_finds_judicial_record_and_birth_registration(catalogue: int) -> None:
    judicial = list(search_procedures("ly lich tu phap"))
    assert any("Phiếu lý lịch tư pháp" in p.name for p in judicial)
    record = next(p for p in judicial if p.code == "3.000333")
    # Issued by the provincial police since 1 March 2025, and the procedure's text says so.
    assert record.current_version.competent_agency.name == "Công an tỉnh Quảng Trị"
    conditions = record.current_version.conditions
    assert "Từ ngày 01/3/2025, Phiếu lý lịch tư pháp do Công an cấp tỉnh cấp" in conditions
    assert "Công an tỉnh" in record.current_version.steps
    assert "Sở Tư pháp" not in record.current_version.steps
    assert record.current_version.processing_time == 10
    assert record.current_version.fees.filter(amount=200_000).exists()

    birth = list(search_procedures("dang ky khai sinh"))
    assert "1.001193" in {p.code for p in birth}


@pytest.mark.django_db
def test_same_day_certified_copy(catalogue: int) -> None:
    version = Procedure.objects.get(code="2.000815").current_version
    assert version.processing_time_unit == "hour"
    assert version.cut_off_time is not None
    assert version.cut_off_time.hour == 15
    assert version.fees.get().amount == 2_000
