"""In Chromium: on the review step the citizen claims the student reduction of the judicial record,
the quote drops to 100.000 đ before submission, and the dossier page shows the claim awaiting the
officer's check (every page audited with axe-core)."""

from __future__ import annotations

import pytest
from django.test import Client
from playwright.sync_api import expect

from motcua.accounts.models import User
from motcua.dossiers.models import ExemptionStatus
from motcua.portal.tests.helpers import ready_draft
from motcua.portal.tests.support import JUDICIAL_RECORD

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


@pytest.fixture
def judicial(db, monkeypatch):  # type: ignore[no-untyped-def]
    from motcua.demo import catalogue as demo

    monkeypatch.setattr(demo, "PROCEDURES", [p for p in demo.PROCEDURES if p["code"] == JUDICIAL_RECORD])
    demo.load_catalogue(demo.load_agencies())


def test_citizen_claims_the_student_reduction(judicial, live_server, page, shoot):  # type: ignore[no-untyped-def]
    citizen = User.objects.create_user("mai", password="x", full_name="Phạm Thị Mai", email="mai@example.vn")
    client = Client()
    client.force_login(citizen)
    draft = ready_draft(client, citizen)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )

    page.goto(live_server.url + f"/nop-ho-so/{draft.pk}/xem-lai/")
    expect(page.locator("#fee-total")).to_have_text("200.000 đ")
    page.locator("#fees").get_by_label("sinh viên", exact=False).check()
    page.get_by_role("button", name="Áp dụng và tính lại phí").click()
    expect(page.locator("#fee-total")).to_have_text("100.000 đ")
    shoot(page, "payments-exemption-claimed-review")

    page.get_by_label("Tôi xin cam đoan", exact=False).check()
    page.get_by_role("button", name="Nộp hồ sơ").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    dossier = draft.__class__.objects.get(pk=draft.pk).dossier
    assert dossier.fee_exemption_status == ExemptionStatus.CLAIMED

    page.goto(live_server.url + f"/ho-so/{dossier.code}/")
    expect(page.locator("#outstanding")).to_have_text("100.000 đ")
    expect(page.locator("#fee-claim")).to_contain_text("chờ kiểm tra")
    shoot(page, "payments-exemption-claimed-dossier")
