"""In Chromium, on a desktop and a phone: the leaders' statistics page, its scorecard, the dossiers and
the procedures behind an index, the steering targets page with its yearly review, and the portal's
transparency page (every page is audited with axe-core by the fixtures)."""

from __future__ import annotations

import os
import re

import pytest
from playwright.sync_api import expect

from motcua.agencies.models import Role
from motcua.backoffice.management.commands.staff_totp import provision
from motcua.backoffice.tests.support import PASSWORD, totp_code
from motcua.core import time as core_time
from motcua.dossiers.tests.factories import staff, vn

from .test_leaders_dashboard_shows_and_exports_the_figures import QUERY, _two_dossiers

pytestmark = pytest.mark.django_db(transaction=True)


def _login(page, url, user, device):
    page.goto(url + "/can-bo/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(user.username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Tiếp tục").click()
    page.get_by_label("Mã xác thực (6 số)").fill(totp_code(device))
    page.get_by_role("button", name="Đăng nhập").click()


@pytest.mark.parametrize("device_kind", ["desktop", "phone"])
def test_statistics_and_transparency_pages(
    world, live_server, page, phone_page, shoot, device_kind, monkeypatch
):
    from django.core.cache import cache

    cache.clear()
    monkeypatch.setattr(core_time, "now", lambda: vn(2025, 4, 1, 9, 0))
    browser_page = page if device_kind == "desktop" else phone_page
    _two_dossiers(world)
    leader = staff(world.department, Role.LEADER)
    leader.set_password(PASSWORD)
    leader.save()
    device = provision(leader)

    _login(browser_page, live_server.url, leader, device)
    browser_page.goto(live_server.url + "/can-bo/thong-ke/" + QUERY)
    expect(browser_page.get_by_role("heading", name="Thống kê, báo cáo")).to_be_visible()
    expect(
        browser_page.get_by_role("img", name="Xu hướng 12 tháng").or_(
            browser_page.get_by_role("img", name="Hồ sơ tiếp nhận và đã giải quyết theo tháng")
        )
    ).to_be_visible()
    shoot(browser_page, f"stats-dashboard-{device_kind}")

    # Form 06 by procedure: the leader picks the grouping; the table and the export links follow it.
    from motcua.catalog.models import Procedure

    browser_page.get_by_label("Biểu 06 theo").select_option("thu-tuc")
    browser_page.get_by_role("button", name="Xem").click()
    form_06 = browser_page.locator("#f06").locator("xpath=..")
    expect(form_06.get_by_role("rowheader", name=Procedure.objects.get(code=world.code).name)).to_be_visible()
    expect(browser_page.get_by_role("link", name="Tải Biểu 06 (xlsx)")).to_have_attribute(
        "href", re.compile("theo=thu-tuc")
    )
    if folder := os.environ.get("MOTCUA_SCREENSHOTS"):
        form_06.screenshot(path=f"{folder}/stats-form06-by-procedure-{device_kind}.png")

    browser_page.get_by_role("link", name="100,0 %").first.click()
    expect(
        browser_page.get_by_role("heading", name="Chỉ số 2.1: Tỷ lệ hồ sơ giải quyết đúng hạn, trước hạn")
    ).to_be_visible()
    shoot(browser_page, f"stats-index-dossiers-{device_kind}")

    # The scorecard with the online-provision and digitisation indices, and a catalogue index's
    # procedures (one test, so that the live server's database is set up and flushed once).
    browser_page.goto(live_server.url + "/can-bo/thong-ke/" + QUERY + "#sc")
    scorecard = browser_page.locator("#sc").locator("xpath=..")
    for index_id in ("3.1", "3.5b", "4.2", "4.5b"):
        expect(scorecard.get_by_role("columnheader", name=index_id)).to_be_attached()
    expect(scorecard.get_by_text("4.3 (Tỷ lệ khai thác, sử dụng lại dữ liệu số hóa): N/A.")).to_be_visible()
    if folder := os.environ.get("MOTCUA_SCREENSHOTS"):  # the section alone (`shoot` takes whole pages)
        scorecard.screenshot(path=f"{folder}/stats-scorecard-{device_kind}.png")
    scorecard.locator('a[href*="/chi-so/3.1/"]').click()
    expect(
        browser_page.get_by_role("heading", name="Chỉ số 3.1: Tỷ lệ TTHC cung cấp dịch vụ công trực tuyến")
    ).to_be_visible()
    expect(browser_page.get_by_role("rowheader", name=world.code)).to_be_visible()
    shoot(browser_page, f"stats-index-procedures-{device_kind}")

    from motcua.stats.models import SteeringIndicator, SteeringTarget

    SteeringTarget.objects.create(
        agency=world.department, year=2025, indicator=SteeringIndicator.ONLINE_SHARE, target=50
    )
    browser_page.goto(live_server.url + "/can-bo/thong-ke/chi-tieu/?nam=2025")
    expect(browser_page.get_by_role("heading", name="Chỉ tiêu của Ban Chỉ đạo 2025")).to_be_visible()
    shoot(browser_page, f"stats-steering-{device_kind}")
    review = browser_page.get_by_role("link", name="Báo cáo đánh giá năm của Ban Chỉ đạo (PDF)")
    expect(review).to_have_attribute("href", "/can-bo/thong-ke/chi-tieu/bao-cao-nam.pdf?nam=2025")

    browser_page.goto(live_server.url + "/cong-khai/")
    expect(
        browser_page.get_by_role("heading", name="Công khai kết quả giải quyết thủ tục hành chính")
    ).to_be_visible()
    expect(browser_page.get_by_text(world.department.name).first).to_be_visible()
    shoot(browser_page, f"stats-transparency-{device_kind}")
    cache.clear()
