"""The whole journey of a citizen, in Chromium, on a desktop and on a 390-pixel phone.

Register, log in with the phone number, find "lý lịch tư pháp" typed without accents, apply with
attachments, get a code; an officer (through the services) asks for a supplement; the citizen uploads
it; the dossier is processed, resolved and returned with a result PDF; the citizen downloads it and
rates the service. E-mails reach a real SMTP server along the way.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from motcua.dossiers import services
from motcua.dossiers.models import Dossier, Rating
from motcua.dossiers.states import State

from .support import PASSWORD, PDF, PNG, approve_judicial, id_card_document, mandatory_documents

# Browser tests (marked by hand: they take their page through request.getfixturevalue).
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

RESULT_PDF = PDF.replace(b"200 200", b"595 842")


def nav(page, name: str, role: str = "link"):  # type: ignore[no-untyped-def]
    return page.locator(".site-nav").get_by_role(role, name=name, exact=True)  # type: ignore[arg-type]


def _fits(page, device: str) -> None:  # type: ignore[no-untyped-def]
    if device == "phone":
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, page.url


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_register_apply_supplement_download_and_rate(
    device, request, catalogue, staff, live_server, shoot, tmp_path, mailbox
):  # type: ignore[no-untyped-def]
    page = request.getfixturevalue("page" if device == "desktop" else "phone_page")
    base = live_server.url
    form_pdf, id_png, clearer_png = tmp_path / "to-khai.pdf", tmp_path / "cccd.png", tmp_path / "cccd-ro.png"
    form_pdf.write_bytes(PDF)
    id_png.write_bytes(PNG)
    clearer_png.write_bytes(PNG + b"\x00")
    phone = "0905123456" if device == "desktop" else "0905654321"

    # Register, log out, log in again with the phone number.
    page.goto(base + "/")
    shoot(page, f"portal-home-{device}")
    nav(page, "Đăng ký").click()
    page.locator("#id_full_name").fill("Phạm Thị Mai")
    page.locator("#id_phone").fill(phone)
    page.locator("#id_email").fill(f"mai.{device}@example.vn")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name="Đăng ký", exact=True).click()
    expect(page.get_by_text("Đăng ký tài khoản thành công")).to_be_visible()
    nav(page, "Đăng xuất", role="button").click()
    nav(page, "Đăng nhập").click()
    page.get_by_label("Số điện thoại hoặc thư điện tử").fill(phone)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập", exact=True).click()
    expect(page.get_by_role("heading", name="Hồ sơ của tôi")).to_be_visible()
    # Find the procedure without typing accents.
    nav(page, "Thủ tục hành chính").click()
    page.get_by_label("Tìm thủ tục hành chính").fill("ly lich tu phap")
    page.get_by_role("button", name="Tìm kiếm").click()
    page.get_by_role("link", name=re.compile("^Cấp Phiếu lý lịch tư pháp")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("lý lịch tư pháp")
    shoot(page, f"portal-procedure-{device}")
    _fits(page, device)
    page.get_by_role("link", name="Nộp hồ sơ trực tuyến").click()

    # Step 1: the profile pre-fills the applicant; the form comes from the JSON Schema.
    expect(page.locator("#applicant-name")).to_have_value("Phạm Thị Mai")
    expect(page.locator("#applicant-phone")).to_have_value(phone)
    expect(page.locator("#form-ho_ten")).to_have_value("Phạm Thị Mai")
    page.get_by_role("radio", name="Nữ").check()
    page.locator("#form-ngay_sinh").fill("17/05/1990")
    page.locator("#form-noi_sinh").fill("Đông Hà, Quảng Trị")
    page.locator("#form-so_dinh_danh").fill("045190012399")
    page.locator("#form-noi_thuong_tru").fill("12 Lê Duẩn, phường Đông Hà, tỉnh Quảng Trị")
    page.get_by_role("radio", name="Phiếu số 1").check()
    page.locator("#form-muc_dich_su_dung").fill("Bổ sung hồ sơ xin việc")
    page.get_by_role("radio", name="Bản điện tử").check()
    shoot(page, f"portal-application-form-{device}")
    _fits(page, device)
    page.get_by_role("button", name="Lưu và tiếp tục").click()

    # Step 2: one slot per required document; each file is checked as it arrives.
    (form_doc,), id_doc = mandatory_documents(), id_card_document()
    expect(page.locator(f"#doc-{form_doc.pk}")).to_be_attached()  # the documents step has loaded
    page.locator(f"#doc-{form_doc.pk}").set_input_files(str(form_pdf))
    page.locator(f"#slot-{form_doc.pk} .slot-file", has_text="to-khai.pdf").wait_for()
    page.locator(f"#doc-{id_doc.pk}").set_input_files(str(id_png))
    page.locator(f"#slot-{id_doc.pk} .slot-file", has_text="cccd.png").wait_for()
    shoot(page, f"portal-application-documents-{device}")
    _fits(page, device)
    page.get_by_role("button", name="Tiếp tục").click()

    # Step 3: review and submit; the code and the lookup secret are on the screen.
    expect(page.get_by_text("17/05/1990")).to_be_visible()
    page.get_by_label("Tôi xin cam đoan").check()
    page.get_by_role("button", name="Nộp hồ sơ").click()
    code = page.locator("#dossier-code").inner_text()
    secret = page.locator("#lookup-secret").inner_text()
    shoot(page, f"portal-submitted-{device}")
    _fits(page, device)
    dossier = Dossier.objects.get(code=code)
    assert dossier.lookup_secret == secret
    assert dossier.state == State.SUBMITTED
    assert dossier.owner.phone == phone
    assert sorted(a.original_name for a in dossier.attachments.all()) == ["cccd.png", "to-khai.pdf"]
    assert dossier.form_data["ngay_sinh"] == "1990-05-17"
    assert dossier.form_data["so_luong_phieu"] == 1

    # The officer receives it and asks for a clearer copy of the identity card.
    services.receive_dossier(dossier_id=dossier.pk, actor=staff.intake)
    services.request_supplement(
        dossier_id=dossier.pk, actor=staff.intake, missing=["Bản chụp căn cước rõ nét"], reason="Ảnh bị mờ"
    )

    nav(page, "Hồ sơ của tôi").click()
    expect(page.get_by_text("Cần bạn thực hiện")).to_be_visible()
    shoot(page, f"portal-my-dossiers-{device}")
    _fits(page, device)
    page.get_by_role("link", name=re.compile("^Cấp Phiếu lý lịch tư pháp")).click()
    expect(page.get_by_role("heading", name="Bạn cần bổ sung giấy tờ")).to_be_visible()
    expect(page.get_by_text("Bản chụp căn cước rõ nét").first).to_be_visible()
    page.locator(f"#doc-{id_doc.pk}").set_input_files(str(clearer_png))
    page.get_by_role("button", name="Gửi bổ sung").click()
    expect(page.get_by_text("Đã gửi giấy tờ bổ sung")).to_be_visible()
    expect(page.locator("#dossier-state")).to_have_text("Được tiếp nhận")

    # Processed at the Department of Justice, resolved with a result PDF, returned online.
    services.transfer_dossier(
        dossier_id=dossier.pk,
        actor=staff.intake,
        to_unit_id=staff.processing_unit.pk,
        to_assignee_id=staff.specialist.pk,
    )
    services.attach_result(
        dossier_id=dossier.pk, actor=staff.specialist, content=RESULT_PDF, name="phieu-lltp-so-1.pdf"
    )
    approve_judicial(staff, dossier.pk)
    services.return_result(dossier_id=dossier.pk, actor=staff.intake, method="electronic")

    page.reload()
    expect(page.locator("#dossier-state")).to_have_text("Đã trả kết quả")
    shoot(page, f"portal-dossier-returned-{device}")
    _fits(page, device)
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải văn bản kết quả (PDF)").click()
    # The copy the clerk numbered, sealed and issued, named by its number and the dossier's code.
    assert dossier.code in download.value.suggested_filename
    assert download.value.suggested_filename.endswith(".pdf")
    issued = dossier.results.exclude(notation="").get()
    assert download.value.suggested_filename == issued.name
    assert Path(download.value.path()).read_bytes() == issued.file.read()

    page.get_by_label("Rất hài lòng").check()
    page.get_by_label("Góp ý (không bắt buộc)").fill("Nhanh, không phải đi lại.")
    page.get_by_role("button", name="Gửi đánh giá").click()
    expect(page.get_by_text("Cảm ơn bạn đã đánh giá")).to_be_visible()
    rating = Rating.objects.get(dossier=dossier)
    assert rating.score == Rating.Score.VERY_SATISFIED
    assert rating.comment == "Nhanh, không phải đi lại."

    mailbox.wait_for(5)
    assert mailbox.subjects == [
        f"Đã nhận hồ sơ trực tuyến {code}",
        f"Hồ sơ {code} đã được tiếp nhận",
        f"Hồ sơ {code} cần bổ sung giấy tờ",
        f"Hồ sơ {code} đã có kết quả",
        f"Hồ sơ {code} đã trả kết quả",
    ]
    assert secret in mailbox.body(0)
    assert all(m["to"] == f"mai.{device}@example.vn" for m in mailbox.messages)
