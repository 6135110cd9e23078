"""In Chromium, with the real national catalogue: results follow the keys, without a page load."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from motcua.demo.catalogue import load_agencies, load_catalogue
from motcua.demo.national import load_national_catalogue

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def national(db):  # type: ignore[no-untyped-def]
    load_agencies()
    load_catalogue()
    load_national_catalogue()


def _first_result(page):  # type: ignore[no-untyped-def]
    return page.locator("#search-results .procedure-link").first


def _settled_on(page, typed: str):  # type: ignore[no-untyped-def]
    """Wait until the answer to the whole of `typed` is on the page.

    On a busy machine the keys come slower than the debounce, so an answer to a prefix can show the
    expected first result while the last request is still in flight; its swap moves the list under a
    click. htmx pushes the address only after swapping the answer it belongs to.
    """
    words = r"(\+|%20)".join(re.escape(word) for word in typed.split())
    expect(page).to_have_url(re.compile(rf"[?&]q={words}(&|$)"))


def test_results_follow_the_keys_on_a_desktop(national, live_server, page, shoot):  # type: ignore[no-untyped-def]
    page.goto(live_server.url + "/")
    page.evaluate("window.notReloaded = true")

    page.locator("#q").press_sequentially("ly lich tu phap", delay=40)
    _settled_on(page, "ly lich tu phap")

    expect(_first_result(page)).to_contain_text(re.compile("lý lịch tư pháp", re.IGNORECASE))
    expect(page.get_by_role("heading", name="thủ tục phù hợp")).to_be_visible()
    assert page.evaluate("window.notReloaded") is True  # the results came without a page load
    # and the address can be shared or reloaded
    assert parse_qs(urlsplit(page.url).query)["q"] == ["ly lich tu phap"]
    shoot(page, "portal-search-as-you-type-desktop")

    page.locator("#q").fill("")
    expect(page.get_by_role("heading", name="Tìm theo lĩnh vực")).to_be_visible()  # back when cleared
    page.locator("#q").press_sequentially("cap doi giay phep lai xe", delay=40)
    _settled_on(page, "cap doi giay phep lai xe")
    links = page.locator("#search-results .procedure-link")
    expect(links.filter(has_text=re.compile(r"^\s*Đổi giấy phép lái xe\s*$"))).to_be_visible()
    page.wait_for_load_state("networkidle")
    assert "Đổi giấy phép lái xe" in [name.strip() for name in links.all_inner_texts()[:3]]

    # A filter's change asks again, without a page load.
    page.select_option("#muc-do", "end_to_end")
    expect(page).to_have_url(re.compile(r"[?&]muc-do=end_to_end(&|$)"))
    assert page.evaluate("window.notReloaded") is True


def test_results_follow_the_keys_on_a_phone(national, live_server, phone_page, shoot):  # type: ignore[no-untyped-def]
    phone_page.goto(live_server.url + "/")

    phone_page.locator("#q").press_sequentially("dang ky khai si", delay=40)
    _settled_on(phone_page, "dang ky khai si")

    expect(_first_result(phone_page)).to_have_text("Thủ tục đăng ký khai sinh")
    # The sector grid steps aside: on a phone the results come right under the search box.
    expect(phone_page.get_by_role("heading", name="Tìm theo lĩnh vực")).to_be_hidden()
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390  # nothing overflows the phone's width
    shoot(phone_page, "portal-search-as-you-type-phone")

    phone_page.locator("#q").fill("")
    phone_page.locator("#q").press_sequentially("dang ky tam tru", delay=40)
    _settled_on(phone_page, "dang ky tam tru")
    expect(_first_result(phone_page)).to_have_text("Đăng ký tạm trú")
    # The finger that lands on a result takes the focus off the search box, which must not send the
    # search again: that answer's swap and pushed address raced the result's page, and won at times.
    searches: list[str] = []
    phone_page.on("request", lambda request: searches.append(request.url) if "?q=" in request.url else None)
    _first_result(phone_page).click()
    expect(phone_page.get_by_text("Chưa cung cấp trực tuyến tại tỉnh")).to_be_visible()
    assert searches == []
    shoot(phone_page, "portal-catalogue-entry-phone")
