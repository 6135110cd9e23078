"""Issue 9 item 9: approving and signing one dossier takes seconds; once pressed, the button is
disabled with a spinner and a live region says "Đang ký số…" (static JS: the CSP forbids inline)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from motcua.backoffice.management.commands.staff_totp import provision
from motcua.demo.testing import waiting_for_approval

from .support import PASSWORD, totp_code

# Browser tests (marked by hand: they take their page through request.getfixturevalue).
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_the_button_and_a_live_region_show_progress(
    device, request, live_server, demo_province_with_pki, shoot
):
    page = request.getfixturevalue("page" if device == "desktop" else "phone_page")
    users = demo_province_with_pki
    leader = users["lanhdao"]
    leader.set_password(PASSWORD)
    leader.save()
    totp = provision(leader)
    (dossier,) = waiting_for_approval(users, 1)

    page.goto(live_server.url + "/can-bo/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(leader.username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Tiếp tục").click()
    page.get_by_label("Mã xác thực (6 số)").fill(totp_code(totp))
    page.get_by_role("button", name="Đăng nhập").click()
    page.goto(live_server.url + f"/can-bo/ho-so/{dossier.code}/")
    panel = page.locator("#act-phe-duyet")
    panel.evaluate("d => { d.open = true; d.scrollIntoView(); }")
    region = panel.locator("[data-busy-region]")
    expect(region).to_have_attribute("aria-live", "polite")
    # The page is leaving once the form goes: what it showed is kept in sessionStorage (as in the
    # batch approval's test) and read after the navigation.
    page.evaluate(
        """document.addEventListener("submit", () => setTimeout(() => {
             const b = document.querySelector("#act-phe-duyet button[type=submit]");
             const r = document.querySelector("#act-phe-duyet [data-busy-region]");
             const seen = [b.disabled, b.classList.contains("is-busy"), r.textContent];
             sessionStorage.setItem("busy", seen.join("|"));
           }, 20))"""
    )
    panel.get_by_role("button", name="Phê duyệt và ký số").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("Đã phê duyệt kết quả")).to_be_visible(timeout=60_000)
    shoot(page, f"backoffice-approval-signed-{device}")
    busy = page.evaluate("sessionStorage.getItem('busy')")
    assert busy == "true|true|Đang ký số… Việc ký có thể mất vài giây, vui lòng không đóng trang."
