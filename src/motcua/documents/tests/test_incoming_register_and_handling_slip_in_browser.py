"""In a browser: the clerk enters a paper document in the incoming register and presents it; the leader
fills the handling slip (lead unit, supporting unit, deadline in working days) and assigns it; the
register finds it by its subject, and the outgoing register by a notation."""

from __future__ import annotations

from datetime import date

import pytest

from motcua.documents.models import IncomingDocument
from motcua.documents.services import register_outgoing

pytestmark = pytest.mark.browser


def _login(page, base, user, device) -> None:  # type: ignore[no-untyped-def]
    from motcua.backoffice.tests.support import PASSWORD, totp_code

    page.goto(base + "/can-bo/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(user.username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Tiếp tục").click()
    page.get_by_label("Mã xác thực (6 số)").fill(totp_code(device))
    page.get_by_role("button", name="Đăng nhập").click()


def _staff(user):  # type: ignore[no-untyped-def]
    from motcua.backoffice.management.commands.staff_totp import provision
    from motcua.backoffice.tests.support import PASSWORD

    user.set_password(PASSWORD)
    user.full_name = user.full_name or user.username
    user.save()
    return provision(user)


def test_register_present_direct_and_find(live_server, browser, shoot, world) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    base = live_server.url
    year = date.today().year
    register_outgoing(
        actor=world.clerk,
        agency_id=world.department.pk,
        kind="decision",
        subject="Cấp phép hoạt động văn phòng công chứng Hòa Bình",
        signer_name="Nguyễn Văn An",
        signer_position="Giám đốc",
        signed_on=date.today(),
        recipients="Như Điều 3; Lưu: VT, HCTP.",
    )
    clerk_device, leader_device = _staff(world.clerk), _staff(world.leader)
    clerk = browser.new_context(viewport={"width": 1366, "height": 900}, locale="vi-VN").new_page()
    _login(clerk, base, world.clerk, clerk_device)
    clerk.goto(base + f"/can-bo/van-thu/so/van-ban-den/?nam={year}")
    clerk.get_by_text("Vào sổ văn bản đến (văn bản giấy)").click()
    clerk.get_by_label("Cơ quan ban hành (tác giả)").fill("UBND huyện Gio Linh")
    clerk.get_by_label("Số, ký hiệu:", exact=True).fill("215/UBND-VP")
    clerk.get_by_label("Ngày văn bản (dd/mm/yyyy)").fill(date.today().strftime("%d/%m/%Y"))
    clerk.get_by_label("Trích yếu nội dung").fill("Đề nghị hướng dẫn chứng thực hợp đồng chuyển nhượng đất")
    clerk.get_by_role("button", name="Vào sổ, cấp số đến").click()
    expect(clerk.get_by_role("heading", name="Công văn 215/UBND-VP")).to_be_visible()
    document = IncomingDocument.objects.get(notation="215/UBND-VP")
    assert document.arrival_number == 1
    clerk.get_by_label("Lãnh đạo cho ý kiến chỉ đạo").select_option(str(world.leader.pk))
    clerk.get_by_role("button", name="Trình", exact=True).click()
    expect(clerk.get_by_text("Đã trình")).to_be_visible()
    shoot(clerk, "incoming-presented")

    leader = browser.new_context(viewport={"width": 390, "height": 844}, locale="vi-VN").new_page()
    _login(leader, base, world.leader, leader_device)
    leader.goto(base + f"/can-bo/van-thu/van-ban-den/{document.pk}/")
    leader.get_by_label("Đơn vị chủ trì").select_option(str(world.unit_a.pk))
    leader.get_by_label(world.unit_b.name).check()
    leader.get_by_label("Thời hạn giải quyết (số ngày làm việc, tính từ khi cho ý kiến chỉ đạo)").fill("5")
    leader.get_by_label("Ý kiến chỉ đạo", exact=True).fill("Phòng chủ trì nghiên cứu, trả lời bằng văn bản.")
    leader.get_by_role("button", name="Ghi ý kiến chỉ đạo").click()
    expect(leader.get_by_text("5 ngày làm việc")).to_be_visible()
    leader.get_by_label("Giao cho").select_option(str(world.specialist.pk))
    leader.get_by_role("button", name="Phân công").click()
    expect(leader.locator("dd", has_text=world.specialist.display_name)).to_be_visible()
    shoot(leader, "incoming-handling-slip-phone")
    document.refresh_from_db()
    assert (document.lead_unit_id, document.assignee_id) == (world.unit_a.pk, world.specialist.pk)
    assert list(document.supporting_units.values_list("pk", flat=True)) == [world.unit_b.pk]
    assert document.due_at is not None

    clerk.goto(base + f"/can-bo/van-thu/so/van-ban-den/?nam={year}")
    clerk.get_by_label("Tìm (số, ký hiệu, trích yếu, tác giả)").fill("chung thuc hop dong")
    clerk.get_by_role("button", name="Tìm", exact=True).click()
    expect(clerk.get_by_role("cell", name="215/UBND-VP").first).to_be_visible()
    shoot(clerk, "incoming-register")
    clerk.goto(base + f"/can-bo/van-thu/so/van-ban-di/?nam={year}")
    clerk.get_by_label("Tìm (số, ký hiệu, trích yếu, tác giả)").fill("01/QĐ")
    clerk.get_by_role("button", name="Tìm", exact=True).click()
    expect(clerk.get_by_text("Cấp phép hoạt động văn phòng công chứng Hòa Bình")).to_be_visible()
    shoot(clerk, "outgoing-register")
