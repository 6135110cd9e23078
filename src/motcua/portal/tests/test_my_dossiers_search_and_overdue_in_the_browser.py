"""In Chromium, desktop and a 390 px phone, Vietnamese and English: "Hồ sơ của tôi" shows which
dossier is overdue and since when, and the citizen finds one by typing a name without accents."""

from __future__ import annotations

import pytest
from django.test import Client
from playwright.sync_api import expect

from motcua.dossiers import services
from motcua.dossiers.tests.factories import build_world, vn

from .test_my_dossiers_search_and_overdue import _receive, _submit

# Browser tests (marked by hand: they take their page through request.getfixturevalue).
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

WORDS = {
    "vi": {"overdue": "Quá hạn", "box": "Tìm theo người nộp", "button": "Tìm"},
    "en": {"overdue": "Overdue", "box": "Search by applicant", "button": "Search"},
}


@pytest.mark.parametrize(("device", "language"), [("desktop", "vi"), ("phone", "vi"), ("phone", "en")])
def test_overdue_marked_and_found_by_name(device, language, request, live_server, monkeypatch, shoot):
    page = request.getfixturevalue("page" if device == "desktop" else "phone_page")
    world = build_world()
    monkeypatch.setattr("motcua.core.time.now", lambda: vn(2025, 3, 24, 9, 0))
    late = _submit(world, world.citizen, vn(2025, 3, 3, 8, 0), name="Đặng Quốc Việt")
    _receive(world, late, vn(2025, 3, 3, 8, 30))
    recent = _submit(world, world.citizen, vn(2025, 3, 21, 8, 0), name="Trần Thị Hoa")
    _receive(world, recent, vn(2025, 3, 21, 8, 30))
    services.request_supplement(
        dossier_id=recent.pk, actor=world.intake, missing=["Bản sao CCCD"], at=vn(2025, 3, 21, 9, 0)
    )
    client = Client()
    client.force_login(world.citizen)
    cookies = [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    cookies.append({"name": "django_language", "value": language, "url": live_server.url})
    page.context.add_cookies(cookies)
    words = WORDS[language]

    page.goto(live_server.url + "/ho-so/")
    card = page.locator(".dossier-card", has_text=late.code)
    expect(card.locator(".overdue-mark")).to_have_text(words["overdue"])
    expect(page.locator(".dossier-card", has_text=recent.code).locator(".overdue-mark")).to_have_count(0)
    shoot(page, f"portal-my-dossiers-overdue-{device}-{language}")
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]

    page.get_by_label(words["box"]).fill("dang quoc viet")
    page.get_by_role("button", name=words["button"], exact=True).click()
    expect(page.locator(".dossier-card")).to_have_count(1)
    expect(page.locator(".dossier-card")).to_contain_text(late.code)
    shoot(page, f"portal-my-dossiers-search-{device}-{language}")
    if language == "vi":
        text = page.locator("main").inner_text()
        assert not any(w in text for w in ("Overdue", "Search", "Show all")), text

    # The dossier's own page (and the tracking page, which shares its status card) says it too.
    page.locator(".dossier-card a.procedure-link").click()
    expect(page.locator(".status-card .overdue-mark")).to_have_text(words["overdue"])
    shoot(page, f"portal-dossier-overdue-{device}-{language}")
