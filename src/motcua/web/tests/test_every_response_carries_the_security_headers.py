"""Every response says what the browser may do with it: the Content-Security-Policy (no inline or
evaluated code, nothing from elsewhere), no sniffing, no referrer outside, no powerful features."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

PAGES = ["/", "/tra-cuu/", "/xac-minh-chu-ky/", "/tai-khoan/dang-nhap/", "/can-bo/dang-nhap/", "/api/docs/"]
OTHERS = ["/admin/", "/can-bo/", "/api/v1/procedures/", "/api/schema/", "/health/", "/khong-co-trang-nay/"]


def _directives(header: str) -> dict[str, list[str]]:
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


@pytest.mark.parametrize("url", PAGES + OTHERS)
def test_the_policy_is_on_every_response(client, url):
    response = client.get(url)

    policy = _directives(response["Content-Security-Policy"])
    assert policy == {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    }
    assert "unsafe" not in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


@pytest.mark.parametrize("url", PAGES)
def test_pages_load_scripts_only_from_files(client, url):
    html = client.get(url).content.decode()

    assert "<script>" not in html
    assert " style=" not in html
    assert "<style" not in html


def test_swagger_ui_gets_its_initializer_as_a_script_file(client):
    html = client.get("/api/docs/").content.decode()
    assert '<script src="/api/docs/?script="></script>' in html

    script = client.get("/api/docs/?script=")

    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
    assert "SwaggerUIBundle" in script.content.decode()
