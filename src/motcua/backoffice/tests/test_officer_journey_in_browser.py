"""The acceptance journey in Chromium, with the domain clock moved by the test through a working week.

An intake officer logs in for the first time (an enrolment code, then an authenticator from the QR page) and
accepts an online dossier, printing Form 01; registers a counter dossier with a scanned form and
forwards it; a specialist of unit A hands it to unit B, whose specialist proposes the result to the
leader's signing step; the leader approves; the intake officer returns it. Form 06 shows each
hand-over early, on time or late, as the clock says. A dossier left late gets Form 04 and keeps its
original due date.
"""

from __future__ import annotations

import os
import re
from base64 import b32decode
from datetime import timedelta
from pathlib import Path

import pytest
from django_otp.oath import TOTP
from playwright.sync_api import expect

from motcua.agencies.models import Role, StaffRole
from motcua.backoffice.enrolment import issue_enrolment_code
from motcua.backoffice.management.commands.staff_totp import provision
from motcua.catalog.services import publish_procedure_version, upsert_sector
from motcua.dossiers import services
from motcua.dossiers.models import Dossier, ResultDocument
from motcua.dossiers.tests.factories import APPLICANT, FORM_DATA, UserFactory, mandatory_document_id, pdf, vn

from .support import PASSWORD, pdf_text, printed_text, scan_png, totp_code

pytestmark = pytest.mark.django_db(transaction=True)

NAMES = {
    "intake": "Nguyễn Thị Minh Châu",
    "specialist": "Trần Văn Hùng",
    "specialist_b": "Lê Thị Thu Trang",
    "leader": "Hoàng Đức Thắng",
    "clerk": "Phan Thị Lan",
}
APPLICANTS = [
    "Lê Thị Ngọc Ánh",
    "Phạm Minh Tuấn",
    "Hoàng Thị Yến",
    "Võ Văn Tài",
    "Đặng Quốc Việt",
    "Bùi Thị Thảo",
    "Đỗ Văn Sơn",
    "Ngô Đức Trí",
    "Dương Thị Hạnh",
    "Mai Thị Hương",
    "Trương Công Định",
    "Đinh Văn Lộc",
]


def _login(page, base, user, device=None):  # type: ignore[no-untyped-def]
    page.goto(base + "/can-bo/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(user.username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Tiếp tục").click()
    if device is None:  # first login: the administrator's enrolment code, then the key under the QR code
        enrolment_code, _row = issue_enrolment_code(officer=user, issued_by=None)
        page.get_by_label("Mã đăng ký").fill(enrolment_code)
        page.get_by_role("button", name="Tiếp tục").click()
        expect(page.get_by_role("heading", name="Thiết lập xác thực hai lớp")).to_be_visible()
        expect(page.locator("img[alt^='Mã QR']")).to_be_visible()
        secret = page.locator("#totp-secret").inner_text().replace(" ", "")
        key = b32decode(secret + "=" * (-len(secret) % 8))
        code = f"{TOTP(key).token():06d}"
        button = "Xác nhận và đăng nhập"
    else:
        code, button = totp_code(device), "Đăng nhập"
    page.get_by_label("Mã xác thực (6 số)").fill(code)
    page.get_by_role("button", name=button).click()
    page.wait_for_url(lambda url: "/dang-nhap/" not in url and "xac-thuc/" not in url)  # session cookie set


def _open_action(page, name):  # type: ignore[no-untyped-def]
    """Open an action's panel unless it is already open (the likely next step opens by itself)."""
    details = page.locator("details.action", has=page.locator("summary", has_text=name))
    if details.get_attribute("open") is None:
        details.locator("summary").click()
    return details


def _background(world):  # type: ignore[no-untyped-def]
    """A fortnight of other dossiers, so that lists and counts look like a working department."""
    sector = upsert_sector(code="CT", name="Chứng thực")
    other = publish_procedure_version(
        code="2.000815",
        sector=sector,
        name="Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan có thẩm quyền cấp",
        competent_agency=world.department,
        receiving_agencies=[world.department],
        processing_time=2,
        required_documents=[{"name": "Bản chính giấy tờ cần chứng thực", "copy_type": "original"}],
        workflow_steps=[
            {"name": "Tiếp nhận", "unit": world.one_stop, "role": Role.INTAKE_OFFICER, "allotted_time": 2},
            {"name": "Chứng thực", "unit": world.unit_a, "role": Role.SPECIALIST, "allotted_time": 8},
            {"name": "Ký chứng thực", "unit": world.unit_a, "role": Role.LEADER, "allotted_time": 4},
        ],
    )
    colleagues = []
    for name, unit in (("Lê Hoàng Cường", world.unit_a), ("Phạm Thị Dung", world.unit_b)):
        user = UserFactory(full_name=name)
        StaffRole.objects.create(user=user, agency=world.department, unit=unit, role=Role.SPECIALIST)
        colleagues.append(user)
    people = [world.specialist, *colleagues, None]
    start = vn(2025, 2, 26, 8, 0)
    for i, name in enumerate(APPLICANTS):
        at = start + timedelta(hours=16 * i)  # due from 5 to 14 March: late, due today, ahead
        code = world.code if i % 3 else other.procedure.code
        dossier = services.register_at_counter(
            officer=world.intake,
            procedure_code=code,
            papers=services.originals_on_paper(code),
            applicant={**APPLICANT, "name": name},
            form_data=FORM_DATA if code == world.code else {},
            channel="postal" if i % 4 == 0 else "counter",
            at=at,
        )
        if i % 5 == 4:
            continue  # still at the counter
        unit = world.unit_b if i % 3 == 2 else world.unit_a
        # Given to one of the receiving unit's specialists, or left to the unit.
        in_unit = [p for p in people if p is None or p.staff_roles.filter(unit=unit).exists()]
        assignee = in_unit[i % len(in_unit)]
        services.transfer_dossier(
            dossier_id=dossier.pk,
            actor=world.intake,
            to_unit_id=unit.pk,
            to_assignee_id=getattr(assignee, "pk", None),
            at=at + timedelta(hours=2),
        )
        if i == 7:
            services.request_supplement(
                dossier_id=dossier.pk,
                actor=assignee or world.specialist,
                missing=["Bản sao Căn cước"],
                at=at + timedelta(hours=3),
            )
    for i, name in enumerate(("Cao Thị Nhung", "Lý Văn Quang", "Hồ Thị Lệ")):
        services.submit_dossier(
            procedure_code=world.code,
            applicant={**APPLICANT, "name": name},
            form_data=FORM_DATA,
            documents=[(mandatory_document_id(world), pdf())],
            at=vn(2025, 3, 2 + i // 2, 20 - i, 0),
        )


def test_a_dossier_through_the_back_office_in_a_browser(live_server, browser, page, clock, world, shoot):
    base = live_server.url
    for role, name in NAMES.items():
        user = getattr(world, role)
        user.full_name = name
        user.save()
    _background(world)
    devices = {
        role: provision(getattr(world, role)) for role in ("specialist", "specialist_b", "leader", "clerk")
    }
    clock.set(2025, 3, 3, 8, 0)
    submitted = services.submit_dossier(
        procedure_code=world.code,
        applicant={**APPLICANT, "name": "Trần Thị Hoa"},
        form_data=FORM_DATA,
        documents=[(mandatory_document_id(world), pdf())],
        owner=world.citizen,
        at=clock.at,
    )

    # Monday 08:30. The intake officer's first login enrols an authenticator from the QR code.
    clock.set(2025, 3, 3, 8, 30)
    _login(page, base, world.intake)
    expect(page.get_by_role("heading", name="Quầy tiếp nhận hồ sơ")).to_be_visible()
    shoot(page, "backoffice-counter")
    page.get_by_role("link", name=submitted.code).click()
    page.get_by_role("button", name="Tiếp nhận và in Mẫu 01").click()
    expect(page.get_by_text(f"Đã tiếp nhận hồ sơ {submitted.code}")).to_be_visible()
    receipt = page.locator("a[data-print-now]")
    expect(receipt).to_be_focused()  # the print button has focus
    text = pdf_text(page.request.get(base + receipt.get_attribute("href")).body())
    assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in text
    assert submitted.code in text
    assert "08 giờ 30 phút, ngày 10 tháng 3 năm 2025" in text  # five working days later
    submitted.refresh_from_db()
    assert f"Mã tra cứu: {submitted.lookup_secret}" in text

    # 09:00: a dossier brought to the counter, with its scanned application form.
    clock.set(2025, 3, 3, 9, 0)
    page.locator(".site-nav").get_by_role("link", name="Tiếp nhận").click()
    page.get_by_label("Tìm thủ tục").fill("ly lich tu phap")
    page.get_by_role("button", name="Tìm", exact=True).click()
    page.get_by_role("link", name=re.compile("^Cấp Phiếu lý lịch tư pháp")).click()
    page.locator("#id_name").fill("Nguyễn Văn Bình")
    page.locator("#id_id_number").fill("045090004321")
    page.locator("#id_phone").fill("0914555666")
    page.locator("#id_address").fill("Số 12 Lê Duẩn, phường Đông Hà, tỉnh Quảng Trị")
    page.locator("#form-ho_ten").fill("Nguyễn Văn Bình")
    page.locator("#form-ngay_sinh").fill("02/11/1988")
    page.locator(f"#id_doc__{mandatory_document_id(world)}").set_input_files(
        files=[{"name": "to-khai.png", "mimeType": "image/png", "buffer": scan_png()}]
    )
    page.get_by_role("button", name=re.compile("^Tiếp nhận và in Giấy tiếp nhận")).click()
    counter = Dossier.objects.get(applicant_name="Nguyễn Văn Bình")
    expect(page.get_by_role("heading", name=counter.code)).to_be_visible()
    assert counter.state == "received"
    assert counter.attachments.get().content_type == "image/png"

    # 10:00: forward it to the appraisal unit (the intake step had until 15:00: early).
    clock.set(2025, 3, 3, 10, 0)
    page.reload()
    _open_action(page, "Chuyển bước 2")
    page.get_by_role("button", name="Chuyển", exact=True).click()
    expect(page.get_by_text("Đã chuyển hồ sơ sang bước 2")).to_be_visible()
    # Wednesday 10:00: the specialist hands it to the verification unit exactly on time.
    specialist = browser.new_context(viewport={"width": 1366, "height": 900}, locale="vi-VN").new_page()
    _login(specialist, base, world.specialist, devices["specialist"])
    clock.set(2025, 3, 5, 10, 0)
    specialist.goto(base + "/can-bo/danh-sach/can-xu-ly/")
    specialist.keyboard.press("j")  # keyboard: first row, then open it
    expect(specialist.locator("[data-row-link]:focus")).to_have_count(1)
    specialist.get_by_role("link", name=counter.code).click()
    _open_action(specialist, "Chuyển bước 3")
    specialist.get_by_role("button", name="Chuyển", exact=True).click()
    expect(specialist.get_by_text("Đã chuyển hồ sơ sang bước 3")).to_be_visible()
    # Step 3 is unit B's: unit A's specialist has nothing more to do on it.
    expect(specialist.locator("details.action")).to_have_count(0)
    # Friday 16:00, six working hours past the verification step's time: unit B's specialist proposes
    # the result to the leader's signing step (late).
    verifier = browser.new_context(viewport={"width": 1366, "height": 900}, locale="vi-VN").new_page()
    _login(verifier, base, world.specialist_b, devices["specialist_b"])
    clock.set(2025, 3, 7, 16, 0)
    verifier.goto(base + f"/can-bo/ho-so/{counter.code}/")
    expect(verifier.locator("iframe.preview")).to_be_visible()
    shoot(verifier, "backoffice-dossier")
    details = _open_action(verifier, "Đề xuất kết quả")
    details.get_by_label("Trích yếu").fill("Về việc cấp Phiếu lý lịch tư pháp số 01")
    details.get_by_label("Nội dung văn bản kết quả").fill(
        "Cấp Phiếu lý lịch tư pháp số 1 cho ông Nguyễn Văn Bình.\nÔng Nguyễn Văn Bình không có án tích."
    )
    details.get_by_label("Trình ngay bước tiếp theo").check()
    details.get_by_role("button", name="Lập văn bản kết quả").click()
    expect(verifier.get_by_text("Hồ sơ đang ở bước 4: Phê duyệt")).to_be_visible()
    # Monday 08:00: the leader approves, an hour before the dossier is due.
    leader = browser.new_context(viewport={"width": 1366, "height": 900}, locale="vi-VN").new_page()
    _login(leader, base, world.leader, devices["leader"])
    clock.set(2025, 3, 10, 8, 0)
    leader.goto(base + "/can-bo/dieu-hanh/")
    expect(leader.get_by_role("heading", name="Chỉ đạo, điều hành")).to_be_visible()
    shoot(leader, "backoffice-leader")
    leader.get_by_role("link", name=re.compile("Đang giải quyết")).first.click()
    expect(leader.locator("tr.urgent-overdue").first).to_be_visible()  # at least one overdue row
    shoot(leader, "backoffice-worklist")
    leader.goto(base + "/can-bo/danh-sach/cho-phe-duyet/")
    leader.get_by_role("link", name=counter.code).click()
    leader.get_by_role("button", name="Phê duyệt", exact=True).click()
    expect(leader.get_by_text("Đã phê duyệt kết quả")).to_be_visible()
    # 09:00: the department's clerk numbers, dates and issues it from the Văn thư desk (issue 10).
    clock.set(2025, 3, 10, 9, 0)
    clerk = browser.new_context(viewport={"width": 1366, "height": 900}, locale="vi-VN").new_page()
    _login(clerk, base, world.clerk, devices["clerk"])
    clerk.locator(".site-nav").get_by_role("link", name="Văn thư").click()
    expect(clerk.get_by_role("heading", name="Kết quả chờ cấp số, ban hành")).to_be_visible()
    shoot(clerk, "clerk-desk")
    clerk.get_by_role("link", name=counter.code).click()
    issue = _open_action(clerk, "Cấp số, đóng dấu và ban hành")
    shoot(clerk, "clerk-issue")
    issue.get_by_role("button", name="Cấp số và ban hành").click()
    expect(
        clerk.get_by_text(f"Đã cấp số, đóng dấu và ban hành văn bản kết quả của hồ sơ {counter.code}")
    ).to_be_visible()
    shoot(clerk, "clerk-issued")
    issued = ResultDocument.objects.filter(dossier=counter).latest("id")
    assert issued.notation == "01/QĐ-STP"  # the general template is a decision of the department
    content = issued.file.open("rb").read()
    if os.environ.get("MOTCUA_SCREENSHOTS"):  # rendered with pdftoppm and looked at
        Path(os.environ["MOTCUA_SCREENSHOTS"], "journey-issued-result.pdf").write_bytes(content)
    text = printed_text(content)  # as laid out on the page: the number sits after "Số:"
    assert "Số: 01/QĐ-STP" in text
    assert "DỰ THẢO" not in text.upper()
    assert "NGƯỜI CÓ THẨM QUYỀN" not in text.upper()
    assert text.count(NAMES["leader"]) == 1
    assert world.leader.username not in text
    # The issued result is the one the counter hands over; it leaves the clerk's desk.
    clerk.locator(".site-nav").get_by_role("link", name="Văn thư").click()
    expect(clerk.get_by_role("link", name=counter.code)).to_have_count(0)
    # 10:00: the intake officer hands the result over at the counter.
    clock.set(2025, 3, 10, 10, 0)
    page.goto(base + "/can-bo/danh-sach/tra-ket-qua/")
    page.get_by_role("link", name=counter.code).click()
    page.get_by_role("button", name="Xác nhận đã trả kết quả").click()
    counter.refresh_from_db()
    assert counter.state == "returned"

    # Form 06: every hand-over, with its mark.
    page.get_by_role("link", name="Phiếu kiểm soát (xem)").click()
    rows = page.locator("tr.control-row")
    expect(rows).to_have_count(5)
    marks = [rows.nth(i).locator("td").nth(6).inner_text() for i in range(5)]
    expected = ["Trước hạn", "Đúng hạn", "Quá hạn", "Trước hạn", "—"]
    assert all(word in mark for word, mark in zip(expected, marks, strict=True)), marks
    assert "Quá hạn" not in marks[0] + marks[1] + marks[3]
    assert rows.nth(0).inner_text().count(NAMES["intake"]) == 1
    text = pdf_text(page.request.get(base + f"/can-bo/ho-so/{counter.code}/mau-06.pdf").body())
    assert "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ" in text
    assert (text.count("Trước hạn"), text.count("Đúng hạn"), text.count("Quá hạn")) == (2, 1, 1)

    # Tuesday 09:00: the online dossier was due yesterday 08:30 and is marked late in the list.
    clock.set(2025, 3, 11, 9, 0)
    page.goto(base + "/can-bo/danh-sach/can-xu-ly/")
    row = page.locator("tr", has=page.get_by_role("link", name=submitted.code))
    assert "urgent-overdue" in row.get_attribute("class")
    expect(row).to_contain_text("Quá hạn")
    row.get_by_role("link", name=submitted.code).click()
    details = _open_action(page, "Xin lỗi và hẹn lại")
    details.get_by_label("Ngày, giờ hẹn trả mới").fill("14/03/2025 16:00")  # day first, 24-hour clock
    details.get_by_label("Lý do chậm trễ").fill("Cần xác minh thêm thông tin với Công an tỉnh")
    details.get_by_role("button", name=re.compile("^Lập văn bản xin lỗi")).click()
    letter = page.locator("a[data-print-now]")
    text = pdf_text(page.request.get(base + letter.get_attribute("href")).body())
    assert "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT" in text
    assert "08 giờ 30 phút, ngày 10 tháng 3 năm 2025" in text
    assert "16 giờ 00 phút, ngày 14 tháng 3 năm 2025" in text
    submitted.refresh_from_db()
    assert submitted.due_at == vn(2025, 3, 10, 8, 30)
    assert submitted.appointment_at == vn(2025, 3, 14, 16, 0)
    specialist.context.close()
    verifier.context.close()
    leader.context.close()
    clerk.context.close()


def test_a_stale_page_cannot_overwrite_a_newer_decision(live_server, browser, page, clock, world):
    """Two officers on the same dossier: the second one is told plainly, and nothing of theirs is saved."""
    base = live_server.url
    clock.set(2025, 3, 3, 9, 0)
    dossier = services.register_at_counter(
        officer=world.intake,
        procedure_code=world.code,
        papers=services.originals_on_paper(world.code),
        applicant=APPLICANT,
        form_data=FORM_DATA,
        at=clock.at,
    )
    clock.set(2025, 3, 3, 10, 0)
    _login(page, base, world.intake, provision(world.intake))
    colleague = UserFactory()  # a second intake officer at the same counter
    StaffRole.objects.create(
        user=colleague, agency=world.department, unit=world.one_stop, role=Role.INTAKE_OFFICER
    )
    other = browser.new_context(locale="vi-VN").new_page()
    _login(other, base, colleague, provision(colleague))
    page.goto(base + f"/can-bo/ho-so/{dossier.code}/")
    other.goto(base + f"/can-bo/ho-so/{dossier.code}/")
    _open_action(page, "Chuyển bước 2")
    page.get_by_role("button", name="Chuyển", exact=True).click()
    expect(page.get_by_text("Đã chuyển hồ sơ sang bước 2")).to_be_visible()  # lands before the leader acts
    details = _open_action(other, "Yêu cầu bổ sung")
    details.get_by_label("Nội dung khác cần bổ sung, hoàn thiện (mỗi dòng một mục)").fill("Bản sao CCCD")
    details.get_by_role("button", name="Gửi yêu cầu và in Mẫu 02").click()
    alert = other.get_by_role("alert")
    expect(alert).to_contain_text("xung đột dữ liệu")
    expect(alert).to_contain_text("CHƯA được thực hiện")
    expect(alert).to_be_focused()
    assert Dossier.objects.get(pk=dossier.pk).state == "processing"
    other.context.close()
