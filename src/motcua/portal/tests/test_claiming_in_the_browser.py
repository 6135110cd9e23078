"""In Chromium: the receipt's QR code, logging in from the tracking page, one button, my dossiers."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from motcua.accounts.models import User
from motcua.dossiers.models import Dossier

from .helpers import register_at_counter
from .support import PASSWORD, officers

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_counter_dossier_joins_my_dossiers(judicial, live_server, page, shoot):  # type: ignore[no-untyped-def]
    # The applicant, whose number the national identity service vouched for at an earlier login.
    citizen = User.objects.create_user(
        "cd2",
        password=PASSWORD,
        phone="0905123457",
        full_name="Phạm Thị Mai",
        national_id="045190012399",
        national_id_verified_at=timezone.now(),
    )
    dossier = register_at_counter(officers())

    page.goto(live_server.url + f"/tra-cuu/?ma={dossier.code}&ma-tra-cuu={dossier.lookup_secret}")
    page.get_by_role("link", name="Đăng nhập để theo dõi và bổ sung hồ sơ trực tuyến").click()
    page.get_by_label("Số điện thoại hoặc thư điện tử").fill("0905123457")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập", exact=True).click()

    button = page.get_by_role("button", name="Thêm hồ sơ này vào tài khoản của tôi")
    expect(button).to_be_visible()  # back on the tracking page, the secret still proved
    shoot(page, "portal-tracking-claim")
    button.click()

    expect(page.get_by_text("Đã thêm hồ sơ vào tài khoản của bạn.")).to_be_visible()
    expect(page.get_by_text("Hồ sơ được gắn với tài khoản trên Cổng Dịch vụ công")).to_be_visible()
    assert Dossier.objects.get(pk=dossier.pk).owner_id == citizen.pk
    page.locator(".site-nav").get_by_role("link", name="Hồ sơ của tôi").click()
    expect(page.get_by_text(dossier.code)).to_be_visible()
