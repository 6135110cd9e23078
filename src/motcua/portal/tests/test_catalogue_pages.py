"""A citizen finds a procedure without typing accents and reads what it needs, on desktop and phone."""

import re

import pytest
from playwright.sync_api import expect

from motcua.demo.catalogue import load_agencies, load_catalogue

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def catalogue():
    load_agencies()
    load_catalogue()


def _find_judicial_record(page, base_url):
    page.goto(base_url + "/")
    page.get_by_label("Tìm thủ tục hành chính").fill("ly lich tu phap")
    page.get_by_role("button", name="Tìm kiếm").click()
    link = page.get_by_role("link", name="Cấp Phiếu lý lịch tư pháp", exact=False)
    expect(link).to_have_count(1)  # waits for the results page
    return link


def test_search_without_accents_finds_the_judicial_record(catalogue, live_server, page, shoot):
    page.goto(live_server.url + "/")
    shoot(page, "portal-home-desktop")
    _find_judicial_record(page, live_server.url).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("^Cấp Phiếu lý lịch tư pháp"))
    expect(page.get_by_text("Thành phần hồ sơ")).to_be_visible()
    assert "200.000 đ" in page.content()
    shoot(page, "portal-procedure-desktop")


def test_the_same_on_a_phone(catalogue, live_server, phone_page, shoot):
    _find_judicial_record(phone_page, live_server.url).click()
    expect(phone_page.get_by_role("heading", level=1)).to_have_text(re.compile("^Cấp Phiếu lý lịch tư pháp"))
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390
    shoot(phone_page, "portal-procedure-phone")


def test_english_is_one_click_away(catalogue, live_server, page):
    page.goto(live_server.url + "/")
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")


def test_the_portal_speaks_english_on_request(catalogue, client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    home = client.get("/").content.decode()
    assert "What do you need to do?" in home
    assert "Track an application" in home
    page = client.get("/thu-tuc/3.000333/").content.decode()
    assert "Apply online" in page
    assert "Required documents" in page
    assert "Log in" in client.get("/tai-khoan/dang-nhap/").content.decode()
    client.post("/i18n/setlang/", {"language": "vi", "next": "/"})
    assert "Bạn cần làm thủ tục gì?" in client.get("/").content.decode()
