"""In Chromium: an account with only a phone number recovers its password by a code sent by text
message (the loopback SMS gateway sandbox records it), then logs in with the new password."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from motcua.accounts.models import User

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def test_a_phone_only_account_recovers_its_password(sms_gateway, live_server, page, shoot):
    User.objects.create_user(
        "chi-so-dt", password="Mat-khau-cu-2025", phone="0905123456", full_name="Hồ Văn Nam"
    )

    page.goto(live_server.url + "/tai-khoan/dang-nhap/")
    page.get_by_role("link", name="Lấy lại mật khẩu qua tin nhắn").click()
    page.get_by_label("Số điện thoại di động").fill("0905 123 456")
    shoot(page, "sms-recovery-1-phone")
    page.get_by_role("button", name="Gửi mã xác minh").click()
    expect(page.get_by_text("Mã xác minh đã được gửi tới số 0905123456")).to_be_visible()

    text = sms_gateway.to("84905123456")[-1]["text"]
    code = re.search(r"\b(\d{6})\b", text).group(1)
    page.locator("#id_code").fill("000000" if code != "000000" else "111111")
    page.locator("#id_password1").fill("Mat-khau-moi-2026")
    page.locator("#id_password2").fill("Mat-khau-moi-2026")
    page.get_by_role("button", name="Đặt mật khẩu mới").click()
    expect(page.get_by_text("Mã xác minh không đúng. Bạn còn 4 lần thử.").first).to_be_visible()
    shoot(page, "sms-recovery-2-wrong-code")

    page.locator("#id_code").fill(code)
    page.locator("#id_password1").fill("Mat-khau-moi-2026")
    page.locator("#id_password2").fill("Mat-khau-moi-2026")
    page.get_by_role("button", name="Đặt mật khẩu mới").click()
    page.wait_for_url(re.compile("/tai-khoan/dang-nhap/"))
    expect(page.get_by_text("Đã đặt mật khẩu mới. Vui lòng đăng nhập.")).to_be_visible()
    shoot(page, "sms-recovery-3-done")

    page.get_by_label("Số điện thoại hoặc thư điện tử").fill("0905123456")
    page.get_by_label("Mật khẩu").fill("Mat-khau-moi-2026")
    page.get_by_role("button", name="Đăng nhập", exact=True).click()
    page.wait_for_url(lambda url: "/dang-nhap/" not in url)
    expect(page.get_by_text("Hồ Văn Nam").first).to_be_visible()
