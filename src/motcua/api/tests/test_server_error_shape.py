"""An unexpected crash under /api/ still answers JSON in the API's error shape."""

from django.test import RequestFactory

from motcua.api.errors import server_error


def test_api_crash_is_json():
    response = server_error(RequestFactory().get("/api/v1/dossiers/"))
    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    assert b'"code": "server_error"' in response.content


def test_page_crash_is_the_ordinary_page():
    response = server_error(RequestFactory().get("/admin/"))
    assert response.status_code == 500
    assert response["Content-Type"].startswith("text/html")
