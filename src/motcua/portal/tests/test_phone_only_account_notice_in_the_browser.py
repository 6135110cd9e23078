"""A citizen who registered with a phone only sees, on their profile, why to add an e-mail."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from motcua.accounts.models import User

from .support import PASSWORD

# Browser tests (marked by hand: they take their page through request.getfixturevalue).
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_the_notice_on_the_profile(device, request, live_server, shoot):  # type: ignore[no-untyped-def]
    page = request.getfixturevalue("page" if device == "desktop" else "phone_page")
    User.objects.create_user("cd-cu", password=PASSWORD, full_name="Lê Văn Cũ", phone="0905111222")
    page.goto(live_server.url + "/tai-khoan/dang-nhap/?next=/tai-khoan/thong-tin/")
    page.locator("#id_identifier").fill("0905 111 222")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form[action='/tai-khoan/dang-nhap/'] button[type=submit]").click()
    page.wait_for_url(live_server.url + "/tai-khoan/thong-tin/")
    expect(page.locator("#add-email-notice")).to_contain_text("Hãy thêm thư điện tử cho tài khoản.")
    shoot(page, f"portal-profile-add-email-{device}")
