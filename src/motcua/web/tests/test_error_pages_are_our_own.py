"""404, 403, 500 and CSRF-failure pages are ours: the portal's look, Vietnamese first, English when
chosen, no stack trace and no list of routes; the 500 page renders with the database and every
context processor broken."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.test import Client
from django.urls import include, path

from motcua import urls as site_urls


def boom(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("secret internals: /etc/motcua/key")


def forbidden(request: HttpRequest) -> HttpResponse:
    raise PermissionDenied


def broken_processor(request: HttpRequest) -> dict[str, str]:
    raise RuntimeError("a context processor that fails")


urlpatterns = [path("boom/", boom), path("cam/", forbidden), path("", include(site_urls))]
handler400 = site_urls.handler400
handler403 = site_urls.handler403
handler404 = site_urls.handler404
handler500 = site_urls.handler500

ROUTE_LIST_HINTS = ("URLconf", "Using the URLconf", "Traceback", "RuntimeError", "secret internals")


def _assert_ours(response, status: int, *words: str) -> str:  # type: ignore[no-untyped-def]
    html = response.content.decode()
    assert response.status_code == status
    assert 'class="site-header"' in html  # the portal's look
    assert f'<p class="error-code" aria-hidden="true">{status}</p>' in html
    for hint in ROUTE_LIST_HINTS:
        assert hint not in html
    for word in words:
        assert word in html
    return html


@pytest.mark.urls(__name__)
def test_a_crash_shows_our_500_page_without_database_or_context_processors(settings):
    # No django_db mark: any query would fail the test, as it would with the database down.
    settings.TEMPLATES = [
        {
            **settings.TEMPLATES[0],
            "OPTIONS": {
                **settings.TEMPLATES[0]["OPTIONS"],
                "context_processors": [
                    *settings.TEMPLATES[0]["OPTIONS"]["context_processors"],
                    f"{__name__}.broken_processor",
                ],
            },
        }
    ]
    client = Client(raise_request_exception=False)
    html = _assert_ours(client.get("/boom/"), 500, "Hệ thống đang gặp sự cố", '<html lang="vi">')
    assert "Về trang chủ" in html

    client.cookies["django_language"] = "en"
    _assert_ours(client.get("/boom/"), 500, "The system has run into a problem", '<html lang="en">')


@pytest.mark.django_db
def test_an_unknown_address_shows_our_404_page(client):
    _assert_ours(client.get("/khong-co-trang-nay/"), 404, "Không tìm thấy trang")
    client.cookies["django_language"] = "en"
    _assert_ours(client.get("/khong-co-trang-nay/"), 404, "Page not found")


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_a_refusal_shows_our_403_page(client):
    _assert_ours(client.get("/cam/"), 403, "Không có quyền truy cập")


@pytest.mark.django_db
def test_a_form_without_its_security_code_shows_our_csrf_page():
    client = Client(enforce_csrf_checks=True)
    html = _assert_ours(
        client.post("/tai-khoan/dang-nhap/", {"identifier": "a", "password": "b"}),
        403,
        "Phiên làm việc đã hết hạn",
    )
    assert "CSRF verification failed" not in html
    assert "Forbidden" not in html


@pytest.mark.django_db
def test_the_api_keeps_its_json_shape(client):
    response = client.get("/api/khong-co/")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
