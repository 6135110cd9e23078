"""In Chromium, against the sandbox gateway on loopback: the citizen sees the 200.000 đ fee of the
judicial record before submitting, pays it on the gateway's payer page, comes back to the result
and downloads the e-receipt; the officer sees the payment on the dossier and in the reconciliation."""

from __future__ import annotations

import pytest
from django.test import Client
from playwright.sync_api import expect

from motcua.accounts.models import User
from motcua.backoffice.tests.support import staff_login
from motcua.dossiers.models import DossierEvent
from motcua.payments import conf
from motcua.payments.models import Payment
from motcua.payments.sandbox import CALLBACK_PATH, start_sandbox
from motcua.portal.tests.helpers import ready_draft
from motcua.portal.tests.support import JUDICIAL_RECORD, officers

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


@pytest.fixture
def judicial(db, monkeypatch):  # type: ignore[no-untyped-def]
    from motcua.demo import catalogue as demo

    monkeypatch.setattr(demo, "PROCEDURES", [p for p in demo.PROCEDURES if p["code"] == JUDICIAL_RECORD])
    demo.load_catalogue(demo.load_agencies())


@pytest.fixture
def sandbox(live_server):  # type: ignore[no-untyped-def]
    box = start_sandbox(callback_url=live_server.url + CALLBACK_PATH)
    with conf.overrides_kept():
        conf.override(
            gateway_url=box.url, secret=box.secret, partner_code=box.partner_code, public_url=live_server.url
        )
        yield box
    box.stop()


def _session(page, client, live_server):  # type: ignore[no-untyped-def]
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def test_citizen_pays_online_and_officer_sees_it(judicial, live_server, sandbox, browser, page, shoot):  # type: ignore[no-untyped-def]
    citizen = User.objects.create_user("mai", password="x", full_name="Phạm Thị Mai", email="mai@example.vn")
    client = Client()
    client.force_login(citizen)
    draft = ready_draft(client, citizen)
    _session(page, client, live_server)

    # Before submitting: the fee, from the procedure.
    page.goto(live_server.url + f"/nop-ho-so/{draft.pk}/xem-lai/")
    fees = page.locator("#fees")
    expect(fees).to_contain_text("Phí cung cấp thông tin lý lịch tư pháp: 200.000 đ")
    expect(fees).to_contain_text("Tổng cộng: 200.000 đ")
    shoot(page, "payments-fee-before-submission")
    page.get_by_label("Tôi xin cam đoan", exact=False).check()
    page.get_by_role("button", name="Nộp hồ sơ").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    dossier = draft.__class__.objects.get(pk=draft.pk).dossier

    # On the dossier page: the fee and the button; off to the gateway's payer page.
    page.goto(live_server.url + f"/ho-so/{dossier.code}/")
    expect(page.locator("#outstanding")).to_have_text("200.000 đ")
    shoot(page, "payments-dossier-fee-due")
    page.get_by_role("button", name="Thanh toán trực tuyến").click()
    expect(page.locator("#so-tien")).to_have_text("200.000 đồng")
    assert page.url.startswith(sandbox.url)
    shoot(page, "payments-sandbox-payer-page")
    page.get_by_role("button", name="Thanh toán", exact=True).click()

    # Back on the portal: paid, with the e-receipt.
    expect(page.get_by_text("Đã thanh toán 200.000 đ cho hồ sơ")).to_be_visible()
    payment = Payment.objects.get(dossier=dossier, status=Payment.Status.PAID)
    shoot(page, "payments-paid-return-page")
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải biên lai điện tử (PDF)").click()
    path = download.value.path()
    assert path is not None
    with open(path, "rb") as handle:
        assert handle.read(5) == b"%PDF-"
    assert DossierEvent.objects.filter(dossier=dossier, kind=DossierEvent.Kind.FEE_PAID).count() == 1
    page.goto(live_server.url + f"/ho-so/{dossier.code}/")
    expect(page.get_by_text("Đã nộp phí, lệ phí")).to_be_visible()  # in the dossier's timeline
    expect(page.locator("#payments")).to_contain_text(payment.receipt_number)

    # The officer at the receiving centre.
    staff = officers()
    office = staff_login(Client(), staff.intake)
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="vi-VN")
    officer_page = context.new_page()
    _session(officer_page, office, live_server)
    officer_page.goto(live_server.url + f"/can-bo/ho-so/{dossier.code}/")
    section = officer_page.locator("#phi-le-phi")
    expect(section).to_contain_text(payment.receipt_number)
    expect(section).to_contain_text(payment.transaction_no)
    expect(section).to_contain_text("Còn phải nộp: 0 đ")
    section.scroll_into_view_if_needed()
    shoot(officer_page, "payments-officer-dossier")
    officer_page.get_by_role("link", name="Đối soát thu phí").click()
    expect(officer_page.get_by_text("Mọi giao dịch đều khớp với Nền tảng thanh toán.")).to_be_visible()
    shoot(officer_page, "payments-officer-reconciliation")
    context.close()
