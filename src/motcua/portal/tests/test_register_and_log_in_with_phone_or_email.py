"""A citizen registers with an e-mail address (and a phone number if they like) and logs in with either."""

from __future__ import annotations

import pytest

from motcua.accounts.backends import DEMO_PASSWORD
from motcua.accounts.models import User

pytestmark = pytest.mark.django_db
PASSWORD = "Quang-Tri-2025-an-toan"


def register(client, **fields):  # type: ignore[no-untyped-def]
    data = {
        "full_name": "Phạm Thị Mai",
        "phone": "",
        "email": "",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    return client.post("/tai-khoan/dang-ky/", {**data, **fields})


def log_in(client, identifier: str, password: str = PASSWORD):  # type: ignore[no-untyped-def]
    return client.post("/tai-khoan/dang-nhap/", {"identifier": identifier, "password": password})


def test_register_with_a_phone_and_log_in_with_it(client):
    response = register(client, phone="0905 123 456", email="mai@example.vn")
    assert response.status_code == 302
    user = User.objects.get()
    assert user.phone == "0905123456"
    assert user.full_name == "Phạm Thị Mai"
    assert user.password.startswith("md5$") or user.password.startswith("argon2")  # tests hash fast
    client.logout()
    for typed in ("0905123456", "+84 905 123 456", "0905.123.456"):
        assert log_in(client, typed).status_code == 302, typed
        client.logout()


def test_register_with_an_email_and_log_in_with_it(client):
    assert register(client, email="Mai@Example.vn").status_code == 302
    client.logout()
    assert log_in(client, "mai@example.vn").status_code == 302


def test_argon2_is_the_hasher_in_production():
    from motcua.settings import base

    assert base.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({}, "Vui lòng nhập thư điện tử, hoặc đăng ký bằng số điện thoại có mã xác minh qua tin nhắn"),
        ({"phone": "12345"}, "nhập số di động 10 chữ số (ví dụ 0912 345 678) hoặc số cố định"),
        ({"email": "mai@"}, "Địa chỉ thư điện tử không hợp lệ"),
        ({"phone": "0905123456", "password2": "khac-han"}, "Hai mật khẩu không khớp nhau."),
        ({"phone": "0905123456", "password1": "12345678", "password2": "12345678"}, "mật khẩu"),
        ({"phone": "0905123456", "full_name": ""}, "Vui lòng nhập họ và tên."),
    ],
)
def test_registration_errors_keep_what_was_typed(client, fields, message):
    response = register(client, **fields)
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert 'id="error-summary"' in html
    if fields.get("phone"):
        assert f'value="{fields["phone"]}"' in html
    assert not User.objects.exists()


def test_a_phone_or_email_belongs_to_one_account(client):
    register(client, phone="0905123456", email="mai@example.vn")
    client.logout()
    assert (
        "Số điện thoại này đã được dùng"
        in register(client, phone="0905123456", email="khac@example.vn").content.decode()
    )
    assert "Thư điện tử này đã được dùng" in register(client, email="MAI@example.vn").content.decode()
    assert User.objects.count() == 1


def test_wrong_password_says_so_without_telling_which_part(client):
    register(client, phone="0905123456", email="mai@example.vn")
    client.logout()
    wrong = log_in(client, "0905123456", "sai-mat-khau")
    unknown = log_in(client, "0999999999", "sai-mat-khau")
    for response in (wrong, unknown):
        assert response.status_code == 400
        assert "Số điện thoại, thư điện tử hoặc mật khẩu không đúng." in response.content.decode()


def test_next_is_followed_only_within_the_site(client):
    register(client, phone="0905123456", email="mai@example.vn")
    client.logout()
    response = client.post(
        "/tai-khoan/dang-nhap/", {"identifier": "0905123456", "password": PASSWORD, "next": "/tra-cuu/"}
    )
    assert response["Location"] == "/tra-cuu/"
    client.logout()
    response = client.post(
        "/tai-khoan/dang-nhap/",
        {"identifier": "0905123456", "password": PASSWORD, "next": "https://evil.example/"},
    )
    assert response["Location"] == "/ho-so/"


def test_the_demo_citizen_logs_in_in_demo_mode_only(client, settings):
    User.objects.create_user("congdan", password=DEMO_PASSWORD, full_name="Lê Thị Thu Hà")
    settings.DEMO_MODE = True
    assert log_in(client, "congdan", DEMO_PASSWORD).status_code == 302
    client.logout()
    settings.DEMO_MODE = False
    assert log_in(client, "congdan", DEMO_PASSWORD).status_code == 400


def test_log_out_is_a_post(client):
    register(client, phone="0905123456", email="mai@example.vn")
    assert client.get("/tai-khoan/dang-xuat/").status_code == 405
    client.post("/tai-khoan/dang-xuat/")
    assert client.get("/ho-so/").status_code == 302
