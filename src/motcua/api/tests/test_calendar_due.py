"""GET /api/v1/calendar/due: working-time arithmetic for clients, with errors in Vietnamese."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from .factories import Province

URL = "/api/v1/calendar/due"


def test_five_working_days_over_tet_2025(world: Province):
    response = APIClient().get(
        URL, {"start": "2025-01-24T09:00", "amount": 5, "unit": "day", "agency": "H37.10"}
    )

    assert response.status_code == 200
    assert response.json() == {
        "start": "2025-01-24T09:00:00+07:00",
        "amount": 5,
        "unit": "day",
        "agency": "H37.10",
        "due": "2025-02-07T09:00:00+07:00",
    }


def test_a_start_after_the_cut_off_counts_from_the_next_working_day(db):
    response = APIClient().get(
        URL, {"start": "2025-01-23T15:30", "amount": 4, "unit": "hour", "cut_off": "15:00"}
    )

    assert response.status_code == 200
    assert response.json()["due"] == "2025-01-24T11:30:00+07:00"


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"amount": 5}, "start"),
        ({"start": "ngày mai", "amount": 5}, "start"),
        ({"start": "2025-01-24T09:00", "amount": -1}, "amount"),
        ({"start": "2025-01-24T09:00", "amount": "năm"}, "amount"),
        ({"start": "2025-01-24T09:00", "amount": 5, "unit": "week"}, "unit"),
        ({"start": "2025-01-24T09:00", "amount": 5, "cut_off": "25:00"}, "cut_off"),
        ({"start": "2025-01-24T09:00", "amount": 5, "agency": "H99.99"}, "agency"),
    ],
)
def test_bad_input_is_a_400_naming_the_field(db, query: dict, field: str):
    response = APIClient().get(URL, query)

    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "validation_failed"
    assert field in error["details"]["fields"]
    assert error["message"] == "Dữ liệu không hợp lệ. Vui lòng kiểm tra các trường được đánh dấu."


def test_field_messages_are_vietnamese(db):
    fields = APIClient().get(URL, {"start": "2025-01-24T09:00", "amount": "năm", "unit": "week"}).json()
    fields = fields["error"]["details"]["fields"]

    assert fields == {
        "amount": "Giá trị phải là một số nguyên.",
        "unit": '"week" không phải là một lựa chọn hợp lệ.',
    }
