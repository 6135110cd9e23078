"""The portal lists national entries the province has not completed, and says so on their page."""

from __future__ import annotations

import pytest

from motcua.catalog.catalogue_file import read
from motcua.catalog.importing import import_catalogue

pytestmark = pytest.mark.django_db

LIST = """[
  {"TTHC_MA": "1.004194", "NAME": "Đăng ký tạm trú", "WEIGHT": "15539622", "ISNGANHDOC": "1", "TYPE": "1"},
  {"TTHC_MA": "2.001610", "NAME": "Đăng ký thành lập doanh nghiệp tư nhân", "WEIGHT": "325439", "TYPE": "5"}
]""".encode()


def test_search_shows_the_entry_as_not_offered_online(client) -> None:  # type: ignore[no-untyped-def]
    import_catalogue(read(LIST, name="lists.json"))

    page = client.get("/", {"q": "dang ky tam tru"}).content.decode()

    assert "Đăng ký tạm trú" in page
    assert "Chưa cung cấp trực tuyến tại tỉnh" in page
    assert "doanh nghiệp" not in page.split('id="search-results"')[1]


def test_the_entry_page_explains_and_offers_no_form(client) -> None:  # type: ignore[no-untyped-def]
    import_catalogue(read(LIST, name="lists.json"))

    response = client.get("/thu-tuc/2.001610/")

    assert response.status_code == 200
    page = response.content.decode()
    assert "Đăng ký thành lập doanh nghiệp tư nhân" in page
    assert "chưa công bố đầy đủ" in page
    assert "Doanh nghiệp" in page
    assert "Nộp hồ sơ trực tuyến" not in page


def test_htmx_gets_the_results_alone(client) -> None:  # type: ignore[no-untyped-def]
    import_catalogue(read(LIST, name="lists.json"))

    response = client.get("/", {"q": "thanh lap doanh"}, HTTP_HX_REQUEST="true")

    body = response.content.decode()
    assert body.lstrip().startswith('<section aria-labelledby="results-title"')
    assert "<html" not in body
    assert "Đăng ký thành lập doanh nghiệp tư nhân" in body
    # Browsing by sector gives way to the results while a search is typed.
    assert '<div id="sector-browse" hx-swap-oob="true">' in body
    assert "Tìm theo lĩnh vực" not in body


def test_the_entry_page_in_english(client) -> None:  # type: ignore[no-untyped-def]
    import_catalogue(read(LIST, name="lists.json"))
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})

    page = client.get("/thu-tuc/1.004194/").content.decode()

    assert "Not yet offered online in this province" in page
    assert "National Database of Administrative Procedures" in page
    assert "Vertically managed" in page
    assert "Chưa cung cấp" not in page
