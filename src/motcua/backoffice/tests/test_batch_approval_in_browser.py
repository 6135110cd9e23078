"""In Chromium: the leader ticks the whole page of "Chờ phê duyệt", approves and signs with the
keyboard; the button says it is working and cannot be pressed twice; the result page lists each
dossier, signed or refused with the reason (one was changed by someone else meanwhile)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from motcua.backoffice.management.commands.staff_totp import provision
from motcua.demo.testing import waiting_for_approval
from motcua.dossiers import services
from motcua.dossiers.models import Dossier

from .support import PASSWORD, totp_code

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_leader_approves_a_page_of_dossiers_in_a_browser(
    live_server, demo_province_with_pki, page, shoot
):
    users = demo_province_with_pki
    leader = users["lanhdao"]
    leader.set_password(PASSWORD)
    leader.save()
    device = provision(leader)
    dossiers = waiting_for_approval(users, 4)

    page.goto(live_server.url + "/can-bo/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(leader.username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Tiếp tục").click()
    page.get_by_label("Mã xác thực (6 số)").fill(totp_code(device))
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("heading", name="Danh sách hồ sơ")).to_be_visible()

    select_all = page.get_by_label("Chọn tất cả hồ sơ trên trang này")
    select_all.focus()
    page.keyboard.press("Space")
    for dossier in dossiers:
        expect(page.get_by_label(f"Chọn hồ sơ {dossier.code}")).to_be_checked()
    shoot(page, "backoffice-batch-approval-list")

    # Someone else changes the second dossier after the list was shown.
    changed = dossiers[1]
    services.assign_dossier(dossier_id=changed.pk, actor=users["lanhdao"], assignee_id=users["lanhdao"].pk)

    # What the button shows once pressed is read just after the submit (the page is leaving by
    # then, so Playwright would only see the next one); kept in sessionStorage across the navigation.
    page.evaluate(
        """document.addEventListener("submit", () => setTimeout(() => {
             const b = document.querySelector("#batch-approval button");
             sessionStorage.setItem("busy", b.textContent.trim() + "|" + b.disabled);
           }, 20))"""
    )
    page.get_by_role("button", name="Phê duyệt và ký số các hồ sơ đã chọn").focus()
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", name="Kết quả phê duyệt nhiều hồ sơ")).to_be_visible(timeout=60_000)
    expect(page.get_by_text(re.compile("Đã phê duyệt 3 hồ sơ"))).to_be_visible()
    for dossier in dossiers:
        row = page.locator(f"tr[data-code='{dossier.code}']")
        if dossier == changed:
            expect(row).to_contain_text("Chưa phê duyệt")
            expect(row).to_contain_text("người khác cập nhật")
        else:
            expect(row).to_contain_text("Đã phê duyệt và ký số")
    shoot(page, "backoffice-batch-approval")
    assert page.evaluate("sessionStorage.getItem('busy')") == "Đang phê duyệt và ký…|true"

    states = dict(Dossier.objects.filter(pk__in=[d.pk for d in dossiers]).values_list("pk", "state"))
    assert [states[d.pk] for d in dossiers] == ["resolved", "processing", "resolved", "resolved"]
