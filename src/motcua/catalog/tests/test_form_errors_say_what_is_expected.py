"""Errors of procedure forms say what is expected, never only "wrong format" or "below the minimum"."""

from __future__ import annotations

import pytest
from django.utils import translation

from motcua.catalog.schemas import form_errors

SCHEMA = {
    "type": "object",
    "properties": {
        "so_dinh_danh": {"type": "string", "title": "Số định danh", "pattern": r"^\d{12}$"},
        "so_luong": {"type": "integer", "title": "Số lượng", "minimum": 1, "maximum": 10},
        "dien_tich": {"type": "number", "title": "Diện tích", "minimum": 0.5},
        "ngay_sinh": {"type": "string", "title": "Ngày sinh", "format": "date"},
        "email": {"type": "string", "title": "Thư điện tử", "format": "email"},
        "dien_thoai": {"type": "string", "title": "Điện thoại", "format": "vn-phone"},
        "ghi_chu": {"type": "string", "title": "Ghi chú", "maxLength": 5},
        "gioi_tinh": {"type": "string", "title": "Giới tính", "enum": ["Nam", "Nữ"]},
    },
}


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("so_dinh_danh", "123", "Số định danh: gồm đúng 12 chữ số, ví dụ 001090012345."),
        ("so_luong", 0, "Số lượng: phải từ 1 trở lên."),
        ("so_luong", 11, "Số lượng: không được lớn hơn 10."),
        ("so_luong", "hai", "Số lượng: phải là số nguyên, ví dụ 2."),
        ("dien_tich", 0.2, "Diện tích: phải từ 0,5 trở lên."),
        (
            "ngay_sinh",
            "1990-02-30",
            "Ngày sinh: phải là một ngày có thật, ghi theo dạng năm-tháng-ngày (ví dụ 1990-05-17).",
        ),
        ("email", "mai.example.vn", "Thư điện tử: phải là địa chỉ thư điện tử, ví dụ ten@example.vn."),
        ("dien_thoai", "0233", "Điện thoại: nhập số di động 10 chữ số"),
        ("ghi_chu", "dài quá", "Ghi chú: tối đa 5 ký tự (đang có 7)."),
        ("gioi_tinh", "Khác", "Giới tính: chọn một trong các giá trị: Nam; Nữ."),
    ],
)
def test_each_error_names_what_is_expected(field, value, message):
    with translation.override("vi"):
        assert form_errors(SCHEMA, {field: value})[field].startswith(message)


def test_in_english_when_chosen():
    with translation.override("en"):
        errors = form_errors(SCHEMA, {"so_luong": 0, "so_dinh_danh": "1"})
    assert errors["so_luong"] == "Số lượng: must be at least 1."
    assert errors["so_dinh_danh"] == "Số định danh: exactly 12 digits, for example 001090012345."
