"""Input built to crash the server gets a 400 (or 413, 431) with a clear Vietnamese message in the
API's error shape: JSON nested 20,000 deep, NaN, a JSON body larger than Django reads into memory,
a 5,000-digit If-Match, headers of 20 KB."""

from __future__ import annotations

import json

import pytest
from rest_framework.test import APIClient

from motcua.dossiers.models import Dossier

from .factories import Province
from .support import Clock, act, client_for, pdf, submit_online

DEEP = "[" * 20_000 + "]" * 20_000
TOO_DEEP = "Dữ liệu JSON lồng nhau quá sâu (tối đa 64 cấp)."


def post_json(url: str, text: str, client: APIClient | None = None):  # type: ignore[no-untyped-def]
    return (client or APIClient()).post(url, text, content_type="application/json")


@pytest.mark.parametrize("url", ["/api/v1/auth/token", "/api/v1/dossiers/"])
def test_deep_json_is_a_400_at_json_endpoints(db, url):
    response = post_json(url, json.dumps({"username": "a", "password": "b"})[:-1] + ', "x": ' + DEEP + "}")
    assert response.status_code == 400
    assert response.json()["error"] == {"code": "malformed_request", "message": TOO_DEEP, "details": {}}


def test_deep_json_in_the_multipart_payload_is_a_400(world: Province, clock: Clock):
    files = {f"document_{world.mandatory_document.pk}": pdf()}
    body = {"payload": '{"procedure": ' + DEEP + "}", **files}
    response = APIClient().post("/api/v1/dossiers/", body, format="multipart")

    assert response.status_code == 400
    assert response.json()["error"]["details"]["fields"] == {"payload": TOO_DEEP}
    assert not Dossier.objects.exists()


def test_nesting_within_the_limit_is_read(db):
    nested = "[" * 63 + "]" * 63  # 64 levels with the object around it
    response = post_json("/api/v1/auth/token", '{"username": "a", "password": "b", "x": ' + nested + "}")
    assert response.status_code == 401  # read, then refused for what it says
    assert response.json()["error"]["code"] == "invalid_credentials"


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity", "1e999"])
def test_not_finite_numbers_are_a_400(db, constant):
    response = post_json("/api/v1/auth/token", '{"username": "a", "password": "b", "x": ' + constant + "}")
    assert response.status_code == 400
    assert response.json()["error"]["message"] == "Dữ liệu JSON không được chứa NaN hoặc Infinity."


def test_a_json_body_larger_than_django_reads_is_a_413(db, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = post_json("/api/v1/auth/token", json.dumps({"username": "a", "password": "b" * 2000}))
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "request_too_large"


@pytest.mark.parametrize("value", ['"' + "9" * 5000 + '"', "9" * 19, '"²"', '"١"'])
def test_an_if_match_that_is_no_version_is_a_400(world: Province, clock: Clock, value: str):
    code = submit_online(client_for(world.citizen), world).json()["code"]
    response = act(client_for(world.intake), code, "receive", HTTP_IF_MATCH=value)

    assert response.status_code == 400
    fields = response.json()["error"]["details"]["fields"]
    assert fields == {"If-Match": 'Tiêu đề If-Match phải là số phiên bản của hồ sơ, ví dụ "3".'}
    assert Dossier.objects.get(code=code).state == "submitted"


@pytest.mark.parametrize(("path", "json_shape"), [("/api/v1/procedures/", True), ("/", False)])
def test_oversized_headers_are_a_431(db, settings, path, json_shape):
    settings.MOTCUA_MAX_HEADER_BYTES = 16 * 1024
    response = APIClient().get(path, HTTP_X_PADDING="a" * 20_000)

    assert response.status_code == 431
    text = response.content.decode()
    assert "Tiêu đề (header) của yêu cầu quá lớn" in text
    if json_shape:
        assert response.json()["error"]["code"] == "headers_too_large"
    assert APIClient().get(path, HTTP_X_PADDING="a" * 8_000).status_code == 200
