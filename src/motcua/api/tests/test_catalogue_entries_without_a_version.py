"""Entries of the national lists (no version yet) are listed with null terms; their detail says why not."""

from __future__ import annotations

import json

import pytest
from rest_framework.test import APIClient

from motcua.catalog.catalogue_file import read
from motcua.catalog.importing import import_catalogue

pytestmark = pytest.mark.django_db

LIST = json.dumps(
    [{"TTHC_MA": "1.004194", "NAME": "Đăng ký tạm trú", "WEIGHT": "15539622", "ISNGANHDOC": "1", "TYPE": "1"}]
).encode()


def test_the_list_shows_the_entry_with_null_terms() -> None:
    import_catalogue(read(LIST, name="citizen.json"))

    response = APIClient().get("/api/v1/procedures/", {"q": "dang ky tam tru"})

    assert response.status_code == 200
    assert response.json()["results"] == [
        {
            "code": "1.004194",
            "name": "Đăng ký tạm trú",
            "sector": None,
            "version": None,
            "processing_time": None,
            "processing_time_unit": None,
            "processing_time_unit_label": None,
            "online_level": None,
            "online_level_label": None,
            "offered_online": False,
            "usage_weight": 15539622,
            "fee_summary": None,
            "competent_agency": None,
        }
    ]


def test_the_detail_answers_404_with_the_reason() -> None:
    import_catalogue(read(LIST, name="citizen.json"))

    response = APIClient().get("/api/v1/procedures/1.004194/")

    assert response.status_code == 404
    assert "chưa công bố đầy đủ" in response.json()["error"]["message"]
