"""Forms 01 to 07 as PDF: Vietnamese comes back out of the file intact, with the dossier's data."""

from __future__ import annotations

from datetime import timedelta

import pytest

from motcua.dossiers import services
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.factories import approve, issue, vn

from .support import at_counter, online, pdf_text, staff_login

HEADER = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")


def _pdf(client, dossier, number):  # type: ignore[no-untyped-def]
    response = client.get(f"/can-bo/ho-so/{dossier.code}/mau-{number}.pdf")
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    for line in HEADER:
        assert line in text
    assert "SỞ TƯ PHÁP" in text
    return text


@pytest.fixture
def staff(client, world, clock):  # type: ignore[no-untyped-def]
    return staff_login(client, world.leader)


def test_form_01_receipt_with_code_qr_and_lookup_secret(staff, world, clock):
    dossier = online(world, vn(2025, 3, 3, 8, 0))
    services.receive_dossier(dossier_id=dossier.pk, actor=world.intake, at=vn(2025, 3, 3, 9, 0))
    dossier.refresh_from_db()
    text = _pdf(staff, dossier, "01")
    assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in text
    assert f"Mã hồ sơ: {dossier.code}" in text
    assert "Trần Thị Hoa" in text
    assert "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam" in text
    assert "Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp" in text
    assert "09 giờ 00 phút, ngày 03 tháng 3 năm 2025" in text  # received
    assert "09 giờ 00 phút, ngày 10 tháng 3 năm 2025" in text  # due: 5 working days
    assert f"Mã tra cứu: {dossier.lookup_secret}" in text
    assert f"http://testserver/tra-cuu/?ma={dossier.code}" in text.replace(" ", "")  # may wrap
    assert "Quảng Trị, ngày 03 tháng 3 năm 2025" in text
    assert "NGƯỜI TIẾP NHẬN HỒ SƠ" in text
    assert world.intake.display_name in text


def test_form_01_qr_code_points_to_the_tracking_page(staff, world, clock):
    from motcua.printing.forms import form_context

    class Request:
        def build_absolute_uri(self, path):  # type: ignore[no-untyped-def]
            return "https://dichvucong.quangtri.gov.vn" + path

    dossier = at_counter(world, vn(2025, 3, 3, 9, 0))
    context = form_context("01", dossier, Request())
    assert context["tracking_url"] == f"https://dichvucong.quangtri.gov.vn/tra-cuu/?ma={dossier.code}"
    assert context["qr"].startswith("data:image/svg+xml")


def test_form_02_and_03(staff, world, clock):
    first = online(world, vn(2025, 3, 3, 8, 0))
    services.request_supplement(
        dossier_id=first.pk,
        actor=world.intake,
        missing=["Bản sao Căn cước công dân", "Giấy ủy quyền có chứng thực"],
        reason="Hồ sơ chưa đủ thành phần",
        at=vn(2025, 3, 3, 9, 0),
    )
    text = _pdf(staff, first, "02")
    assert "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ" in text
    assert "Bản sao Căn cước công dân" in text
    assert "Giấy ủy quyền có chứng thực" in text
    assert "Lý do: Hồ sơ chưa đủ thành phần" in text

    second = online(world, vn(2025, 3, 3, 8, 10))
    services.refuse_dossier(
        dossier_id=second.pk,
        actor=world.intake,
        reason="Thủ tục không thuộc thẩm quyền của Sở Tư pháp",
        at=vn(2025, 3, 3, 9, 10),
    )
    text = _pdf(staff, second, "03")
    assert "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ" in text
    assert "Thủ tục không thuộc thẩm quyền của Sở Tư pháp" in text
    # A form that does not apply is a plain 404, never an empty form.
    assert staff.get(f"/can-bo/ho-so/{second.code}/mau-04.pdf").status_code == 404


def test_form_04_apology_keeps_the_original_due_date(staff, world, clock):
    dossier = at_counter(world, vn(2025, 3, 3, 9, 0))
    due = dossier.due_at
    clock.set(2025, 3, 11, 9, 0)  # a day late, still at the intake step
    staff_login(staff, world.intake)
    response = staff.post(
        f"/can-bo/ho-so/{dossier.code}/thao-tac/xin-loi/",
        {
            "version": dossier.version,
            "new_appointment": "2025-03-14T16:00",
            "reason": "Cần xác minh thêm với Công an tỉnh",
        },
    )
    assert response.status_code == 302, response.content.decode()[:600]
    dossier.refresh_from_db()
    assert dossier.due_at == due == vn(2025, 3, 10, 9, 0)
    assert dossier.appointment_at == vn(2025, 3, 14, 16, 0)
    text = _pdf(staff, dossier, "04")
    assert "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT" in text
    assert "09 giờ 00 phút, ngày 10 tháng 3 năm 2025" in text
    assert "16 giờ 00 phút, ngày 14 tháng 3 năm 2025" in text
    assert "Cần xác minh thêm với Công an tỉnh" in text
    # The worklist still counts it late against the original date.
    page = staff.get("/can-bo/danh-sach/cho-cong-dan/")  # any list; the dossier page says it plainly
    assert page.status_code in (200, 403)
    assert "Quá hạn" in staff.get(f"/can-bo/ho-so/{dossier.code}/").content.decode()


def test_form_05_stop_notice(staff, world, clock):
    dossier = at_counter(world, vn(2025, 3, 3, 9, 0))
    services.transfer_dossier(
        dossier_id=dossier.pk, actor=world.intake, to_unit_id=world.unit_a.pk, at=vn(2025, 3, 3, 10, 0)
    )
    services.stop_dossier(
        dossier_id=dossier.pk,
        actor=world.leader,
        reason="Người nộp không đủ điều kiện theo quy định",
        at=vn(2025, 3, 4, 10, 0),
    )
    text = _pdf(staff, dossier, "05")
    assert "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ" in text
    assert "Người nộp không đủ điều kiện theo quy định" in text
    assert "10 giờ 00 phút, ngày 04 tháng 3 năm 2025" in text


def test_form_06_lists_every_hand_over_with_its_mark(staff, world, clock):
    dossier = at_counter(world, vn(2025, 3, 3, 9, 0))
    # Intake step (4 h) due 15:00: handed over at 10:00, early.
    services.transfer_dossier(
        dossier_id=dossier.pk,
        actor=world.intake,
        to_unit_id=world.unit_a.pk,
        to_assignee_id=world.specialist.pk,
        at=vn(2025, 3, 3, 10, 0),
    )
    # Appraisal (2 days from Mon 10:00) due Wed 10:00: handed over exactly then, on time.
    services.transfer_dossier(
        dossier_id=dossier.pk, actor=world.specialist, to_unit_id=world.unit_b.pk, at=vn(2025, 3, 5, 10, 0)
    )
    # Verification (2 days from Wed 10:00) due Fri 10:00: handed over Fri 16:00, late.
    services.transfer_dossier(
        dossier_id=dossier.pk,
        actor=world.specialist_b,
        to_unit_id=world.unit_a.pk,
        to_assignee_id=world.leader.pk,
        at=vn(2025, 3, 7, 16, 0),
    )
    approve(world, dossier.pk, at=vn(2025, 3, 10, 8, 0))
    issue(world, dossier.pk, at=vn(2025, 3, 10, 9, 0))
    services.return_result(dossier_id=dossier.pk, actor=world.intake, at=vn(2025, 3, 10, 10, 0))
    text = _pdf(staff, dossier, "06")
    assert "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ" in text
    assert "Kèm theo hồ sơ của: Trần Thị Hoa" in text
    marks = [word for word in ("Trước hạn", "Đúng hạn", "Quá hạn") for _ in range(text.count(word))]
    assert sorted(marks) == sorted(["Trước hạn", "Đúng hạn", "Quá hạn", "Trước hạn"])
    order = [text.index("1. Giao: Văn phòng Sở (Một cửa)"), text.index("2. Nhận: Phòng Bổ trợ tư pháp")]
    assert order == sorted(order)
    assert world.specialist.display_name in text
    assert "10 giờ 00 phút, ngày 05 tháng 3 năm 2025" in text
    # The same rows on screen.
    page = staff.get(f"/can-bo/ho-so/{dossier.code}/phieu-kiem-soat/").content.decode()
    assert [m for m in ("mark-early", "mark-on_time", "mark-late") if m in page] == [
        "mark-early",
        "mark-on_time",
        "mark-late",
    ]
    rows = page.split("control-row control-")[1:]
    assert [r.split('"')[0] for r in rows] == ["early", "on_time", "late", "early", "none"]


def test_form_07_register_of_the_period(staff, world, clock):
    first = at_counter(world, vn(2025, 3, 3, 9, 0), name="Nguyễn Văn Đông")
    at_counter(world, vn(2025, 3, 4, 9, 0), name="Lê Thị Ánh Tuyết")
    at_counter(world, vn(2025, 4, 1, 9, 0), name="Ngoài kỳ")
    page = staff.get(f"/can-bo/so-theo-doi/?co-quan={world.department.pk}&tu=2025-03-01&den=2025-03-31")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Nguyễn Văn Đông" in html
    assert "Ngoài kỳ" not in html
    response = staff.get(
        f"/can-bo/so-theo-doi/pdf/?co-quan={world.department.pk}&tu=2025-03-01&den=2025-03-31"
    )
    text = pdf_text(response.content)
    assert "SỔ THEO DÕI HỒ SƠ" in text
    assert "Nguyễn Văn Đông" in text
    assert "Lê Thị Ánh Tuyết" in text
    assert first.code in text
    assert "Ngoài kỳ" not in text
    # Another agency's register is not offered.
    page = staff.get(f"/can-bo/so-theo-doi/?co-quan={world.other_department.pk}").content.decode()
    assert "Nguyễn Văn Đông" in page  # falls back to the officer's own agency
    assert Dossier.objects.filter(receiving_agency=world.other_department).count() == 0
    assert timedelta(0) == timedelta(0)
