"""In Chromium, on a desktop and a 390 px phone, the officers' list flags the overdue feedback and
the detail page offers the table's actions; a specialist answers through the form. Audited by axe."""

from __future__ import annotations

import pytest
from django.test import Client
from playwright.sync_api import expect

from motcua.backoffice.tests.support import staff_login

from .. import services
from ..models import Feedback
from ..states import State
from .factories import file, vn

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_officer_sees_overdue_and_answers(device, world, request, live_server, shoot, monkeypatch):
    monkeypatch.setattr("motcua.core.time.now", lambda: vn(2025, 3, 10, 9, 0))
    late = file(world, at=vn(2025, 3, 3, 9, 0), title="Cổng không nhận ảnh chụp giấy chứng sinh")
    fresh = file(world, at=vn(2025, 3, 10, 8, 0), title="Thời hạn cấp phiếu lý lịch tư pháp quá dài")
    services.accept_feedback(feedback_id=fresh.pk, actor=world.specialist, at=vn(2025, 3, 10, 8, 30))
    page = request.getfixturevalue("page" if device == "desktop" else "phone_page")
    client = staff_login(Client(), world.specialist)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )

    page.goto(f"{live_server.url}/can-bo/phan-anh-kien-nghi/")
    expect(page.locator(".overdue-warning")).to_contain_text("1 phản ánh đã quá hạn.")
    expect(page.locator(".feedback-row", has_text=late.code).locator(".overdue-mark")).to_have_count(1)
    shoot(page, f"backoffice-feedback-list-{device}")
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]

    page.get_by_role("link", name=fresh.title).click()
    page.get_by_label("Nội dung trả lời").fill("Sở Tư pháp đã rút ngắn thời hạn còn 7 ngày làm việc.")
    shoot(page, f"backoffice-feedback-detail-{device}")
    page.get_by_role("button", name="Trả lời", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("Đã gửi trả lời cho người gửi.")
    assert Feedback.objects.get(pk=fresh.pk).state == State.ANSWERED
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
