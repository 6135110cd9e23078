"""Until text messages can verify a phone, an account needs an e-mail (the only way to recover a
password); phone-only accounts of before are asked on their profile to add one."""

from __future__ import annotations

import pytest

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


def test_the_registration_page_says_why_an_email_is_needed(client):
    page = client.get("/tai-khoan/dang-ky/").content.decode()
    assert "mật khẩu chỉ lấy lại được qua thư điện tử" in page
    assert "Số điện thoại (không bắt buộc)" in page


def test_a_phone_alone_is_not_enough(client):
    response = register(client, phone="0905123456")
    assert response.status_code == 400
    assert (
        "Vui lòng nhập thư điện tử, hoặc đăng ký bằng số điện thoại có mã xác minh qua tin nhắn"
        in response.content.decode()
    )
    assert not User.objects.exists()


def test_an_email_with_or_without_a_phone_registers(client):
    assert register(client, email="mai@example.vn", phone="0905 123 456").status_code == 302
    assert User.objects.get().phone == "0905123456"


def test_a_phone_only_account_is_asked_to_add_an_email(client):
    user = User.objects.create_user("cd-cu", password=PASSWORD, full_name="Lê Văn Cũ", phone="0905111222")
    client.force_login(user)
    page = client.get("/tai-khoan/thong-tin/").content.decode()
    assert 'id="add-email-notice"' in page
    assert "Hãy thêm thư điện tử cho tài khoản." in page


def test_an_account_with_an_email_sees_no_notice_and_cannot_remove_it(client):
    user = User.objects.create_user("cd-moi", password=PASSWORD, full_name="Mai", email="mai@example.vn")
    client.force_login(user)
    assert 'id="add-email-notice"' not in client.get("/tai-khoan/thong-tin/").content.decode()
    response = client.post(
        "/tai-khoan/thong-tin/",
        {"full_name": "Mai", "national_id": "", "phone": "0905111222", "email": "", "address": ""},
    )
    assert response.status_code == 400
    assert "Cần giữ thư điện tử" in response.content.decode()
    assert User.objects.get(pk=user.pk).email == "mai@example.vn"


def test_the_notice_is_in_english_too(client):
    user = User.objects.create_user("cd-cu", password=PASSWORD, full_name="Lê Văn Cũ", phone="0905111222")
    client.force_login(user)
    client.cookies["django_language"] = "en"
    page = client.get("/tai-khoan/thong-tin/").content.decode()
    assert "Add an e-mail address to your account." in page
