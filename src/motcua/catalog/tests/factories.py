"""Test data for the catalogue: documented-format files, the real national lists, a local workflow."""

from __future__ import annotations

import copy
import json
from typing import Any

from motcua.agencies.models import Agency, Role
from motcua.catalog.catalogue_file import FORMAT, Catalogue, read_files
from motcua.catalog.models import ProcedureVersion
from motcua.catalog.services import publish_procedure_version, upsert_sector
from motcua.demo.data import national
from motcua.dossiers.tests.factories import AgencyFactory, UnitFactory

JUDICIAL_RECORD = {
    "code": "1.001234",
    "name": "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam",
    "sector": {"code": "LLTP", "name": "Lý lịch tư pháp"},
    "usage_weight": 91959,
    "audiences": ["citizen"],
    "online_level": "end_to_end",
    "competent_agency": "H37.10",
    "receiving_agencies": ["H37.10"],
    "processing_time": {"value": 10, "unit": "day"},
    "fees": [{"name": "Lệ phí", "amount": 200000}],
    "documents": [
        {"name": "Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp", "form": "Mẫu số 03/2013/TT-LLTP"},
        {"name": "Bản chụp giấy tờ tùy thân", "copy_type": "copy", "mandatory": False},
    ],
    "legal_basis": ["Luật Lý lịch tư pháp số 28/2009/QH12"],
}


def documented(*procedures: dict[str, Any], agencies: list[dict[str, str]] | None = None) -> dict[str, Any]:
    document: dict[str, Any] = {"format": FORMAT, "procedures": [copy.deepcopy(p) for p in procedures]}
    if agencies is not None:
        document["agencies"] = agencies
    return document


def as_file(document: Any, name: str = "catalogue.json") -> tuple[str, bytes]:
    """Pretty-printed, one field a line, as a person would write it: line numbers mean something."""
    return name, json.dumps(document, ensure_ascii=False, indent=2).encode()


def read_documents(*documents: Any) -> Catalogue:
    return read_files([as_file(d, f"file{i}.json") for i, d in enumerate(documents, start=1)])


def national_files() -> list[tuple[str, bytes]]:
    return [(path.name, path.read_bytes()) for path in national.paths()]


def justice_department() -> Agency:
    return AgencyFactory(code="H37.10", name="Sở Tư pháp")


def with_local_workflow(agency: Agency) -> ProcedureVersion:
    """The judicial record as the province completed it: its workflow, e-form and cut-off time."""
    from datetime import time

    unit = UnitFactory(agency=agency, code="HCTP", name="Phòng Hành chính tư pháp")
    return publish_procedure_version(
        code=JUDICIAL_RECORD["code"],
        sector=upsert_sector(code="LLTP", name="Lý lịch tư pháp"),
        name=JUDICIAL_RECORD["name"],
        competent_agency=agency,
        receiving_agencies=[agency],
        processing_time=10,
        online_level="end_to_end",
        fees=[{"name": "Lệ phí", "amount": 200000}],
        required_documents=[
            {
                "name": "Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp",
                "blank_form_name": "Mẫu số 03/2013/TT-LLTP",
            },
            {"name": "Bản chụp giấy tờ tùy thân", "copy_type": "copy", "is_mandatory": False},
        ],
        legal_basis="Luật Lý lịch tư pháp số 28/2009/QH12",
        workflow_steps=[
            {"name": "Tiếp nhận", "role": Role.INTAKE_OFFICER, "allotted_time": 4, "allotted_unit": "hour"},
            {
                "name": "Thẩm định",
                "role": Role.SPECIALIST,
                "allotted_time": 5,
                "allotted_unit": "day",
                "unit": unit,
            },
            {"name": "Ký duyệt", "role": Role.LEADER, "allotted_time": 1, "allotted_unit": "day"},
        ],
        form_schema={"type": "object", "properties": {"full_name": {"type": "string", "title": "Họ và tên"}}},
        cut_off_time=time(16, 0),
    )
