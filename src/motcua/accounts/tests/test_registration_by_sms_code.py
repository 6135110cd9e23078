"""Registration with a mobile number and no e-mail, proven by the code texted to it (the pages)."""

from __future__ import annotations

import re

import pytest

from motcua.accounts.models import User

pytestmark = pytest.mark.django_db(transaction=True)


def test_register_with_a_phone_and_the_texted_code(client, sms_gateway):
    response = client.post("/tai-khoan/dang-ky/tin-nhan/", {"phone": "0905 123 456"})
    assert response.status_code == 302
    code = re.search(r"\b(\d{6})\b", sms_gateway.to("84905123456")[-1]["text"]).group(1)
    form = {"full_name": "Hồ Văn Nam", "password1": "Mat-khau-moi-2026", "password2": "Mat-khau-moi-2026"}

    wrong = client.post(
        "/tai-khoan/dang-ky/tin-nhan/nhap-ma/", {**form, "code": "999999" if code != "999999" else "0"}
    )
    assert wrong.status_code == 400
    assert not User.objects.exists()

    done = client.post("/tai-khoan/dang-ky/tin-nhan/nhap-ma/", {**form, "code": code})
    assert done.status_code == 302
    user = User.objects.get(phone="0905123456")
    assert user.email == ""
    assert user.phone_verified_at is not None
    assert client.get("/ho-so/").status_code == 200  # logged in


def test_the_code_page_needs_a_number_first(client, db):
    assert (
        client.get("/tai-khoan/quen-mat-khau/tin-nhan/nhap-ma/").url == "/tai-khoan/quen-mat-khau/tin-nhan/"
    )


def test_too_many_codes_are_refused_on_the_page(client, sms_gateway, settings):
    settings.MOTCUA_SMS_CODES_PER_ADDRESS = 1
    client.post("/tai-khoan/dang-ky/tin-nhan/", {"phone": "0905123456"})
    page = client.post("/tai-khoan/dang-ky/tin-nhan/", {"phone": "0905123457"})
    assert page.status_code == 400
    assert "Đã gửi quá nhiều mã xác minh" in page.content.decode()
