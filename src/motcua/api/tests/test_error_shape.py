"""Whatever goes wrong, the client reads {"error": {"code", "message", "details"}} in Vietnamese."""

from __future__ import annotations

from rest_framework.test import APIClient

from .factories import Province
from .support import act, client_for, staff_session, submit_online


def _error(response, status: int) -> dict:  # type: ignore[no-untyped-def]
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "details"}
    return body["error"]


def test_an_unknown_address_under_v1(db):
    assert _error(APIClient().get("/api/v1/khong-co/"), 404)["code"] == "not_found"


def test_a_method_the_endpoint_does_not_have(db):
    error = _error(APIClient().delete("/api/v1/procedures/"), 405)
    assert error["message"] == "Phương thức không được hỗ trợ cho địa chỉ này."


def test_a_body_in_an_unsupported_format(world: Province):
    response = client_for(world.citizen).post("/api/v1/dossiers/", "a=b", content_type="application/xml")
    assert _error(response, 415)["code"] == "unsupported_media_type"


def test_a_browser_session_without_csrf_token_is_told_so(world: Province):
    code = submit_online(client_for(world.citizen), world).json()["code"]
    browser = staff_session(APIClient(enforce_csrf_checks=True), world.intake)

    error = _error(act(browser, code, "receive"), 403)

    assert error["code"] == "csrf_failed"
    assert browser.get(f"/api/v1/dossiers/{code}/").status_code == 200
