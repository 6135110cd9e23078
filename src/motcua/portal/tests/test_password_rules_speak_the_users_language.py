"""Django's password rules answer in Vietnamese, and in English when English is chosen."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def register(client, password: str):  # type: ignore[no-untyped-def]
    return client.post(
        "/tai-khoan/dang-ky/",
        {
            "full_name": "Phạm Thị Mai",
            "email": "mai@example.vn",
            "phone": "",
            "password1": password,
            "password2": password,
        },
    )


def test_short_common_and_numeric_passwords_in_vietnamese(client):
    page = register(client, "1234567").content.decode()
    assert "Mật khẩu quá ngắn: cần ít nhất 8 ký tự." in page
    assert "Mật khẩu này quá phổ biến" in page
    assert "Mật khẩu không được chỉ gồm chữ số." in page
    assert "This password" not in page


def test_too_similar_in_vietnamese(client):
    page = register(client, "mai@example.vn").content.decode()
    assert "Mật khẩu quá giống" in page


def test_in_english_when_chosen(client):
    client.cookies["django_language"] = "en"
    page = register(client, "1234567").content.decode()
    assert "The password is too short: it needs at least 8 characters." in page
    assert "Mật khẩu" not in page
