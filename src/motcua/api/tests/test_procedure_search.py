"""The public catalogue: search without diacritics, filters, everything of a procedure, fixed query count."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from motcua.catalog.models import ProcedureVersion

from .factories import AgencyFactory, ProcedureFactory, Province, SectorFactory


@pytest.fixture
def catalogue(world: Province) -> Province:
    """The world's 'Cấp Phiếu lý lịch tư pháp...' and two procedures of other sectors and agencies."""
    ProcedureFactory(
        name="Đăng ký kết hôn",
        sector=SectorFactory(code="HT", name="Hộ tịch"),
        competent_agency=world.department,
    )
    ProcedureFactory(
        name="Cấp giấy phép xây dựng nhà ở riêng lẻ",
        sector=SectorFactory(code="XD", name="Xây dựng"),
        competent_agency=world.other_department,
        online_level=ProcedureVersion.OnlineLevel.PARTIAL,
    )
    return world


def _names(response) -> list[str]:  # type: ignore[no-untyped-def]
    assert response.status_code == 200, response.content
    return [row["name"] for row in response.json()["results"]]


@pytest.mark.parametrize("q", ["ly lich tu phap", "LÝ LỊCH TƯ PHÁP", "phieu ly lich"])
def test_search_ignores_diacritics_and_case(catalogue: Province, q: str):
    assert _names(APIClient().get("/api/v1/procedures/", {"q": q})) == [
        "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam"
    ]


def test_filters_by_sector_agency_and_online_level(catalogue: Province):
    client = APIClient()
    assert _names(client.get("/api/v1/procedures/", {"sector": "HT"})) == ["Đăng ký kết hôn"]
    assert _names(client.get("/api/v1/procedures/", {"agency": "H37.20"})) == [
        "Cấp giấy phép xây dựng nhà ở riêng lẻ"
    ]
    assert _names(client.get("/api/v1/procedures/", {"online_level": "partial"})) == [
        "Cấp giấy phép xây dựng nhà ở riêng lẻ"
    ]


def test_an_unknown_online_level_is_a_400(catalogue: Province):
    response = APIClient().get("/api/v1/procedures/", {"online_level": "muc-4"})
    assert response.status_code == 400
    assert "online_level" in response.json()["error"]["details"]["fields"]


def test_the_list_row_summarises_the_procedure(catalogue: Province):
    row = APIClient().get("/api/v1/procedures/", {"q": "ly lich"}).json()["results"][0]

    assert row == {
        "code": catalogue.procedure_code,
        "name": "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam",
        "sector": {"code": "LLTP", "name": "Lý lịch tư pháp"},
        "version": 1,
        "processing_time": 5,
        "processing_time_unit": "day",
        "processing_time_unit_label": "ngày làm việc",
        "online_level": "end_to_end",
        "online_level_label": "Toàn trình",
        "offered_online": True,
        "usage_weight": 0,
        "fee_summary": "Lệ phí: 200.000 đồng",
        "competent_agency": {"code": "H37.10", "name": "Sở Tư pháp"},
    }


def test_the_detail_carries_everything_of_the_current_version(catalogue: Province):
    response = APIClient().get(f"/api/v1/procedures/{catalogue.procedure_code}/")

    assert response.status_code == 200
    body = response.json()
    documents = body["required_documents"]
    assert [(d["name"], d["is_mandatory"], d["copy_type"], d["count"]) for d in documents] == [
        ("Tờ khai theo mẫu", True, "original", 1),
        ("Văn bản ủy quyền", False, "certified_copy", 1),
    ]
    assert documents[0]["id"] == catalogue.mandatory_document.pk
    assert documents[0]["blank_form_name"] == "Mẫu số 03/2025/TK"
    assert documents[0]["upload_field"] == f"document_{catalogue.mandatory_document.pk}"
    assert documents[1]["copy_type_label"] == "Bản sao có chứng thực"
    assert body["fees"] == [{"name": "Lệ phí", "amount": 200000, "note": ""}]
    assert [
        (s["position"], s["role"], s["unit"]["code"] if s["unit"] else None) for s in body["workflow_steps"]
    ] == [
        (1, "intake", "MC"),
        (2, "specialist", "HCTP"),
        (3, "leader", "BTTP"),
        (4, "clerk", "MC"),
    ]
    assert body["receiving_agencies"] == [{"code": "H37.10", "name": "Sở Tư pháp"}]
    assert body["form_schema"]["required"] == ["full_name", "birth_date"]
    assert body["cut_off_time"] == "16:00"
    for key in ("legal_basis", "conditions", "how_to_submit", "steps", "result_description"):
        assert key in body


def test_a_new_version_replaces_the_old_one_in_the_detail(catalogue: Province):
    ProcedureFactory(
        code=catalogue.procedure_code,
        name="Cấp Phiếu lý lịch tư pháp (sửa đổi)",
        sector=catalogue.procedure.procedure.sector,
        competent_agency=catalogue.department,
        processing_time=3,
        legal_basis="Luật Lý lịch tư pháp 2009",
    )

    body = APIClient().get(f"/api/v1/procedures/{catalogue.procedure_code}/").json()

    assert (body["version"], body["processing_time"], body["legal_basis"]) == (
        2,
        3,
        "Luật Lý lịch tư pháp 2009",
    )


def test_an_unknown_procedure_is_404(catalogue: Province):
    response = APIClient().get("/api/v1/procedures/9.999999/")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def _list_queries(page_size: int) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = APIClient().get("/api/v1/procedures/", {"page_size": page_size})
    assert response.status_code == 200
    assert len(response.json()["results"]) == min(page_size, response.json()["count"])
    return len(queries)


def test_the_list_query_count_does_not_grow_with_the_page(db):
    agency = AgencyFactory(code="H37.30", name="Sở Nội vụ")
    for index in range(30):
        ProcedureFactory(
            name=f"Thủ tục nội vụ {index}",
            competent_agency=agency,
            fees=[{"name": "Phí", "amount": 10_000}, {"name": "Lệ phí", "amount": 5_000}],
        )

    assert _list_queries(3) == _list_queries(30)
