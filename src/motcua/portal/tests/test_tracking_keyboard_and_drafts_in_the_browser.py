"""In Chromium: anonymous tracking, keyboard-only use, labelled fields, a draft that survives closing."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from playwright.sync_api import expect

from motcua.accounts.models import User
from motcua.catalog.models import Procedure
from motcua.dossiers import services
from motcua.portal.models import ApplicationDraft
from motcua.web import schema_form

from .support import JUDICIAL_FORM, JUDICIAL_RECORD, PASSWORD, PDF, mandatory_documents

# Browser tests (marked by hand: they take their page through request.getfixturevalue).
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

UNLABELLED = """() => [...document.querySelectorAll('input, select, textarea')]
  .filter(e => e.type !== 'hidden' && !e.closest('[hidden]'))
  .filter(e => !(e.labels && e.labels.length))
  .filter(e => !e.getAttribute('aria-label') && !e.getAttribute('aria-labelledby'))
  .map(e => e.name || e.id)"""


def filed_dossier():  # type: ignore[no-untyped-def]
    schema = Procedure.objects.get(code=JUDICIAL_RECORD).current_version.form_schema
    raw = {k.removeprefix("form-"): v for k, v in JUDICIAL_FORM.items()}
    data, _errors = schema_form.to_data(schema, raw)
    return services.submit_dossier(
        procedure_code=JUDICIAL_RECORD,
        applicant={"name": "Phạm Thị Mai", "id_number": "045190012399"},
        form_data=data,
        documents=[(d.pk, SimpleUploadedFile(f"{d.pk}.pdf", PDF)) for d in mandatory_documents()],
    )


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_tracking_with_code_and_secret(device, request, judicial, live_server, shoot):  # type: ignore[no-untyped-def]
    page = request.getfixturevalue("page" if device == "desktop" else "phone_page")
    dossier = filed_dossier()
    page.goto(live_server.url + "/")
    page.locator(".site-nav").get_by_role("link", name="Tra cứu hồ sơ", exact=True).click()
    page.get_by_label("Mã hồ sơ").fill(dossier.code)
    page.get_by_label("Mã tra cứu").fill("ZZZZZZ")
    page.get_by_role("button", name="Tra cứu").click()
    expect(page.get_by_text("Mã hồ sơ hoặc mã tra cứu không đúng.")).to_be_visible()
    assert page.get_by_text("Cấp Phiếu lý lịch tư pháp").count() == 0
    assert page.get_by_label("Mã tra cứu").input_value() == ""  # the secret is never echoed back

    page.get_by_label("Mã tra cứu").fill(dossier.lookup_secret.lower())
    page.get_by_role("button", name="Tra cứu").click()
    expect(page.locator("#dossier-state")).to_have_text("Mới đăng ký")
    expect(page.get_by_role("heading", name="Chờ tiếp nhận")).to_be_visible()
    assert page.get_by_text("Phạm Thị Mai").count() == 0
    shoot(page, f"portal-tracking-{device}")
    if device == "phone":
        assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_keyboard_only_with_labels_and_an_error_summary(judicial, live_server, page):
    User.objects.create_user("cd1", password=PASSWORD, phone="0905123456", full_name="Phạm Thị Mai")
    page.goto(live_server.url + "/tai-khoan/dang-nhap/?next=/thu-tuc/3.000333/nop-truc-tuyen/")
    assert page.evaluate(UNLABELLED) == []
    page.keyboard.press("Tab")  # the skip link comes first
    expect(page.locator(".skip-link")).to_be_focused()
    page.get_by_label("Số điện thoại hoặc thư điện tử").focus()
    page.keyboard.type("0905123456")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")

    page.wait_for_url("**/to-khai/")
    assert page.evaluate(UNLABELLED) == []
    page.locator("#form-ngay_sinh").focus()
    page.keyboard.type("31/02/1990")
    page.locator("#form-ngay_sinh").press("Enter")  # sends the form like the first button
    expect(page.locator("#error-summary")).to_be_focused()  # read out first
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_contain_text("Vui lòng nhập Giới tính")
    page.get_by_role("link", name="Ngày, tháng, năm sinh: không phải ngày hợp lệ", exact=False).press("Enter")
    expect(page.locator("#form-ngay_sinh")).to_be_focused()
    expect(page.locator("#form-ngay_sinh")).to_have_value("31/02/1990")  # what was typed stays

    page.goto(live_server.url + f"/thu-tuc/{JUDICIAL_RECORD}/")
    assert page.evaluate(UNLABELLED) == []
    page.goto(live_server.url + "/tra-cuu/")
    assert page.evaluate(UNLABELLED) == []


def test_closing_the_browser_loses_nothing(judicial, live_server, browser):  # type: ignore[no-untyped-def]
    User.objects.create_user("cd1", password=PASSWORD, phone="0905123456", full_name="Phạm Thị Mai")

    def logged_in():  # type: ignore[no-untyped-def]
        context = browser.new_context(locale="vi-VN")
        page = context.new_page()
        page.goto(live_server.url + "/tai-khoan/dang-nhap/")
        page.get_by_label("Số điện thoại hoặc thư điện tử").fill("0905123456")
        page.get_by_label("Mật khẩu").fill(PASSWORD)
        page.get_by_role("button", name="Đăng nhập", exact=True).click()
        page.wait_for_url(lambda url: "/dang-nhap/" not in url)  # session cookie set
        return context, page

    context, page = logged_in()
    page.goto(live_server.url + f"/thu-tuc/{JUDICIAL_RECORD}/nop-truc-tuyen/")
    page.locator("#form-noi_sinh").fill("Vĩnh Linh, Quảng Trị")
    page.locator("#form-muc_dich_su_dung").fill("Xin việc")
    page.locator("#form-muc_dich_su_dung").blur()
    page.get_by_text("Đã tự động lưu").wait_for()
    context.close()  # the browser is closed without pressing any button

    context, page = logged_in()
    page.get_by_role("link", name="Tiếp tục", exact=False).first.click()
    expect(page.locator("#form-noi_sinh")).to_have_value("Vĩnh Linh, Quảng Trị")
    expect(page.locator("#form-muc_dich_su_dung")).to_have_value("Xin việc")
    assert ApplicationDraft.objects.count() == 1
    context.close()
