"""In Chromium (desktop and phone): "Tiếp tục" with no files shows the summary; uploading every
required document through htmx clears it without reloading the page."""

from __future__ import annotations

import pytest
from django.test import Client
from playwright.sync_api import expect

from motcua.accounts.models import User

from .support import PDF, mandatory_documents
from .test_upload_step_summary_follows_the_uploads import _draft

# Browser tests (marked by hand: they take their page through request.getfixturevalue).
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_uploads_clear_the_summary(device, request, judicial, live_server, shoot, tmp_path):  # type: ignore[no-untyped-def]
    page = request.getfixturevalue("page" if device == "desktop" else "phone_page")
    user = User.objects.create_user("mai", password="x", full_name="Phạm Thị Mai", email="mai@example.vn")
    client = Client()
    client.force_login(user)
    draft = _draft(client, user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    scan = tmp_path / "giay-to.pdf"
    scan.write_bytes(PDF)

    page.goto(live_server.url + f"/nop-ho-so/{draft.pk}/giay-to/")
    page.get_by_role("button", name="Tiếp tục").click()
    expect(page.locator("#error-summary")).to_be_visible()
    shoot(page, f"portal-apply-documents-summary-{device}")
    for document in mandatory_documents():
        page.set_input_files(f"#doc-{document.pk}", str(scan))
        expect(page.locator(f"#slot-{document.pk} .slot-file")).to_be_visible()
    expect(page.locator("#error-summary")).to_have_count(0)
    shoot(page, f"portal-apply-documents-cleared-{device}")
    if device == "phone":
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
