"""The citizen keeps a profile (name, national id, phone, e-mail, address) used to pre-fill forms."""

from __future__ import annotations

import pytest

from motcua.accounts.models import User

pytestmark = pytest.mark.django_db

VALID = {
    "full_name": "Phạm Thị Mai",
    "national_id": "045190012399",
    "phone": "0905123456",
    "email": "mai@example.vn",
    "address": "12 Lê Duẩn, phường Đông Hà, tỉnh Quảng Trị",
}


@pytest.fixture
def citizen(client):  # type: ignore[no-untyped-def]
    user = User.objects.create_user("cd1", password="x", phone="0905123456", full_name="Mai")
    client.force_login(user)
    return user


def test_profile_is_saved(client, citizen):
    response = client.post("/tai-khoan/thong-tin/", VALID)
    assert response["Location"] == "/tai-khoan/thong-tin/"
    citizen.refresh_from_db()
    assert {k: getattr(citizen, k) for k in VALID} == VALID


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"national_id": "12345"}, "Số định danh cá nhân gồm 12 chữ số"),
        ({"phone": "", "email": ""}, "Cần giữ thư điện tử để đăng nhập và lấy lại mật khẩu."),
        ({"email": "mai@"}, "Địa chỉ thư điện tử không hợp lệ"),
    ],
)
def test_profile_errors_keep_what_was_typed(client, citizen, changes, message):
    response = client.post("/tai-khoan/thong-tin/", {**VALID, **changes})
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert 'value="12 Lê Duẩn, phường Đông Hà, tỉnh Quảng Trị"' in html
    citizen.refresh_from_db()
    assert citizen.full_name == "Mai"


def test_someone_elses_phone_is_refused(client, citizen):
    User.objects.create_user("cd2", password="x", phone="0905999888")
    response = client.post("/tai-khoan/thong-tin/", {**VALID, "phone": "0905999888"})
    assert "Số điện thoại này đã được dùng" in response.content.decode()
    citizen.refresh_from_db()
    assert citizen.phone == "0905123456"


def test_profile_needs_a_login(client):
    assert client.get("/tai-khoan/thong-tin/")["Location"].startswith("/tai-khoan/dang-nhap/")
