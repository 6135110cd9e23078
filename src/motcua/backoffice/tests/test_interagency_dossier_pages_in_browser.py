"""The pages of an inter-agency dossier across instances: the receiving officer's worklist marks it
with its origin and the origin's code; the origin's dossier page shows the peer's statuses in its
history. Screenshots with axe-core (every page load is audited)."""

from __future__ import annotations

from typing import Any

import pytest

from motcua.interagency.models import IncomingDossier
from motcua.interagency.tests.two_sides import TwoSides, process_at_b, two_sides
from motcua.signatures.testing.pki import Pki

from .support import PASSWORD, staff_login, totp_code


@pytest.fixture
def travelled(db: None, pki: Pki, django_capture_on_commit_callbacks: Any) -> tuple[TwoSides, Any]:
    sides = two_sides(pki)
    with django_capture_on_commit_callbacks(execute=True):
        origin = sides.hand_over()
        sides.deliver()
    return sides, origin


def test_the_worklist_marks_the_incoming_dossier_with_its_origin(client, travelled) -> None:
    sides, origin = travelled
    staff_login(client, sides.b_specialist)

    page = client.get("/can-bo/danh-sach/can-xu-ly/").content.decode()

    assert "Liên thông từ" in page
    assert origin.code in page  # the origin's code, as the external reference
    assert IncomingDossier.objects.get().dossier.code in page


def test_the_origin_history_shows_the_peers_statuses(
    client, travelled, django_capture_on_commit_callbacks
) -> None:
    sides, origin = travelled
    with django_capture_on_commit_callbacks(execute=True):
        process_at_b(sides, IncomingDossier.objects.get().dossier_id)
        sides.deliver()
    staff_login(client, sides.a_intake)

    page = client.get(f"/can-bo/ho-so/{origin.code}/").content.decode()

    assert f"{sides.b.name} báo trạng thái 03" in page
    assert f"{sides.b.name} báo trạng thái 06" in page
    assert "Trả kết quả" in page  # the counter can return the peer's result


def _log_in(browser_page: Any, live_server: Any, user: Any) -> None:
    from motcua.backoffice.management.commands.staff_totp import provision

    user.set_password(PASSWORD)
    user.save()
    device = provision(user)
    browser_page.goto(live_server.url + "/can-bo/dang-nhap/")
    browser_page.get_by_label("Tên đăng nhập").fill(user.username)
    browser_page.get_by_label("Mật khẩu").fill(PASSWORD)
    browser_page.get_by_role("button", name="Tiếp tục").click()
    browser_page.get_by_label("Mã xác thực (6 số)").fill(totp_code(device))
    browser_page.get_by_role("button", name="Đăng nhập").click()


def test_screenshots(live_server, browser, shoot, travelled, django_capture_on_commit_callbacks) -> None:
    from playwright.sync_api import expect

    sides, origin = travelled
    receiving = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN").new_page()
    _log_in(receiving, live_server, sides.b_specialist)
    receiving.goto(live_server.url + "/can-bo/danh-sach/can-xu-ly/")
    expect(receiving.get_by_text("Liên thông từ").first).to_be_visible()
    shoot(receiving, "interagency-receiving-worklist")

    with django_capture_on_commit_callbacks(execute=True):
        process_at_b(sides, IncomingDossier.objects.get().dossier_id)
        sides.deliver()
    handing = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN").new_page()
    _log_in(handing, live_server, sides.a_intake)
    handing.goto(live_server.url + f"/can-bo/ho-so/{origin.code}/")
    expect(handing.get_by_text(f"{sides.b.name} báo trạng thái 06").first).to_be_visible()
    history = handing.get_by_text(f"{sides.b.name} báo trạng thái 01").first
    history.scroll_into_view_if_needed()
    shoot(handing, "interagency-origin-history")
