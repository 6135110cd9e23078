"""In a browser: an officer reads on the dossier's page what was synced to the national portal and
when; an administrator reads the sync log in the admin, the failed row with the portal's reply."""

from __future__ import annotations

import pytest

from motcua.agencies.models import Role
from motcua.dossiers.tests.factories import staff
from motcua.dvcqg import services

from .lives import received

pytestmark = pytest.mark.browser


def _login(page, base, user):  # type: ignore[no-untyped-def]
    from motcua.backoffice.management.commands.staff_totp import provision
    from motcua.backoffice.tests.support import PASSWORD, totp_code

    user.set_password(PASSWORD)
    user.save()
    device = provision(user)
    page.goto(base + "/can-bo/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(user.username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Tiếp tục").click()
    page.get_by_label("Mã xác thực (6 số)").fill(totp_code(device))
    page.get_by_role("button", name="Đăng nhập").click()


def test_the_officer_and_the_administrator_see_the_sync(live_server, page, phone_page, shoot, world, sandbox):  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    # Under the live server each commit really happens, so delivery may run as soon as an event is
    # recorded: the portal is told to refuse before the second dossier exists.
    synced = received(world)
    services.deliver_due()
    sandbox.fail_next(400, count=10)
    refused = received(world)
    services.deliver_due()

    _login(phone_page, live_server.url, world.intake)
    phone_page.goto(live_server.url + f"/can-bo/ho-so/{synced.code}/")
    section = phone_page.locator("#dong-bo")
    expect(section.get_by_role("heading", name="Đồng bộ Cổng Dịch vụ công quốc gia")).to_be_visible()
    expect(section.get_by_text("Đã đồng bộ").first).to_be_visible()
    section.scroll_into_view_if_needed()
    shoot(phone_page, "dvcqg-dossier-sync-phone")

    administrator = staff(world.province, Role.ADMINISTRATOR, is_staff=True)
    _login(page, live_server.url, administrator)
    page.goto(live_server.url + "/admin/dvcqg/syncoutbox/?state__exact=failed")
    rows = page.locator("#result_list tbody tr")
    expect(rows.filter(has_text=refused.code).first).to_be_visible()
    expect(rows.filter(has_text="Cổng DVC quốc gia từ chối (HTTP 400").first).to_be_visible()
    expect(rows.filter(has_text=synced.code)).to_have_count(0)
    shoot(page, "dvcqg-admin-sync-log")
