"""A number typed with thousands of digits is an error message on the form, not a crash (int() refuses
more than 4,300 digits) nor an infinity that no JSON column can store."""

from __future__ import annotations

import pytest

from motcua.portal.models import ApplicationDraft
from motcua.web import schema_form

from .support import APPLICANT_FORM, JUDICIAL_FORM, JUDICIAL_RECORD

pytestmark = pytest.mark.django_db

SCHEMA = {
    "type": "object",
    "properties": {
        "so_ban": {"type": "integer", "title": "Số bản"},
        "dien_tich": {"type": "number", "title": "Diện tích"},
        "ghi_chu": {"type": "object", "title": "Ghi chú"},
    },
}


def test_the_form_step_answers_a_5000_digit_count_with_a_message(client, citizen):
    client.get(f"/thu-tuc/{JUDICIAL_RECORD}/nop-truc-tuyen/")
    draft = ApplicationDraft.objects.get()
    form = {**APPLICANT_FORM, **JUDICIAL_FORM, "form-so_luong_phieu": "9" * 5000, "action": "next"}
    response = client.post(f"/nop-ho-so/{draft.pk}/to-khai/", form)

    assert response.status_code == 400
    assert "phải là số nguyên" in response.content.decode()


@pytest.mark.parametrize(
    ("raw", "field"),
    [
        ({"so_ban": "9" * 5000}, "so_ban"),
        ({"so_ban": "9" * 19}, "so_ban"),
        ({"dien_tich": "9" * 400}, "dien_tich"),
        ({"ghi_chu": "[" * 20_000 + "]" * 20_000}, "ghi_chu"),
        ({"ghi_chu": '{"a": NaN}'}, "ghi_chu"),
    ],
)
def test_unreadable_values_are_errors_that_keep_the_text(raw, field):
    data, errors = schema_form.to_data(SCHEMA, raw)
    assert set(errors) == {field}
    assert data[field] == raw[field]


def test_ordinary_values_are_read(db):
    data, errors = schema_form.to_data(SCHEMA, {"so_ban": "2", "dien_tich": "120,5", "ghi_chu": '{"a": [1]}'})
    assert errors == {}
    assert data == {"so_ban": 2, "dien_tich": 120.5, "ghi_chu": {"a": [1]}}
