"""The agency tree as clients see it: codes, kinds, parents and units (whose ids transfers use)."""

from __future__ import annotations

from rest_framework.test import APIClient

from .factories import Province


def test_the_list_shows_the_tree_with_units(world: Province):
    response = APIClient().get("/api/v1/agencies/")

    assert response.status_code == 200
    rows = {row["code"]: row for row in response.json()["results"]}
    assert set(rows) == {"H37", "H37.10", "H37.20"}
    assert rows["H37"]["parent_code"] is None
    assert rows["H37"]["kind_label"] == "UBND tỉnh"
    assert rows["H37.10"]["parent_code"] == "H37"
    assert rows["H37.10"]["units"] == [
        {"id": world.unit_b.pk, "code": "BTTP", "name": "Phòng Bổ trợ tư pháp", "is_one_stop": False},
        {"id": world.unit_a.pk, "code": "HCTP", "name": "Phòng Hành chính tư pháp", "is_one_stop": False},
        {"id": world.one_stop.pk, "code": "MC", "name": "Bộ phận Một cửa", "is_one_stop": True},
    ]


def test_one_agency_by_its_code(world: Province):
    response = APIClient().get("/api/v1/agencies/H37.20/")

    assert response.status_code == 200
    assert (response.json()["name"], response.json()["short_name"]) == ("Sở Xây dựng", "SXD")


def test_an_unknown_or_inactive_agency_is_404(world: Province):
    world.other_department.is_active = False
    world.other_department.save()

    for code in ("H99", "H37.20"):
        response = APIClient().get(f"/api/v1/agencies/{code}/")
        assert response.status_code == 404
        assert response.json()["error"] == {"code": "not_found", "message": "Không tìm thấy.", "details": {}}
