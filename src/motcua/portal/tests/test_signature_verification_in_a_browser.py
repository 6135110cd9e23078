"""A citizen checks a document in Chromium: one valid signed result, then a tampered one."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from motcua.signatures import services
from motcua.signatures.testing import documents


@pytest.fixture(autouse=True)
def _full_budget():
    """Each test starts with the public checker's whole throttle budget."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def trusted(transactional_db, pki):
    services.add_trust_anchors(actor=services.SYSTEM, data=pki.cert_pem("root"))


def test_upload_and_read_the_verdict(trusted, signing, live_server, page, shoot, tmp_path):
    good = tmp_path / "ket-qua-da-ky.pdf"
    good.write_bytes(signing.document(level="B-LTA"))
    bad = tmp_path / "ket-qua-bi-sua.pdf"
    bad.write_bytes(documents.replace_page_content(signing.document()))

    page.goto(live_server.url + "/xac-minh-chu-ky/")
    page.set_input_files("#tep", str(good))
    page.get_by_role("button", name="Xác minh", exact=True).click()
    expect(page.locator("[data-verdict]")).to_have_attribute("data-verdict", "valid")
    expect(page.get_by_text("Nguyễn Văn An").first).to_be_visible()
    shoot(page, "portal-verify-valid")

    page.set_input_files("#tep", str(bad))
    page.get_by_role("button", name="Xác minh", exact=True).click()
    page.wait_for_selector("[data-verdict='invalid']")
    expect(page.get_by_text("sửa đổi sau khi ký").first).to_be_visible()
    shoot(page, "portal-verify-tampered")


def test_on_a_phone_in_english_a_revoked_signer(trusted, signing, live_server, phone_page, shoot, tmp_path):
    revoked = tmp_path / "thu-hoi.pdf"
    revoked.write_bytes(signing.document("official-revoked"))
    page = phone_page

    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Xác minh chữ ký số").click()  # in the portal's own menu
    expect(page).to_have_url(live_server.url + "/xac-minh-chu-ky/")
    page.set_input_files("#tep", str(revoked))
    page.get_by_role("button", name="Xác minh", exact=True).click()
    page.wait_for_selector("[data-verdict='invalid']")
    expect(page.get_by_text("đã bị thu hồi từ").first).to_be_visible()
    assert "REVOKED" not in page.content()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shoot(page, "portal-verify-revoked-phone")

    page.get_by_role("button", name="English").click()
    page.set_input_files("#tep", str(revoked))
    page.get_by_role("button", name="Verify", exact=True).click()
    page.wait_for_selector("[data-verdict='invalid']")
    expect(page.get_by_text("has been revoked since").first).to_be_visible()
    assert "REVOKED" not in page.content()
    shoot(page, "portal-verify-revoked-phone-en")
