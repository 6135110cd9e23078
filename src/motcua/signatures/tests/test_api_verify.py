"""POST /api/v1/signatures/verify and GET /api/v1/signatures/reports/{id}."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from motcua.signatures import services
from motcua.signatures.testing import documents

URL = "/api/v1/signatures/verify"


@pytest.fixture(autouse=True)
def _fresh_throttles():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def trusted(db, pki):
    services.add_trust_anchors(actor=services.SYSTEM, data=pki.cert_pem("root"))


def post(content: bytes, client: APIClient | None = None, **fields: str):
    return (client or APIClient()).post(
        URL,
        {"file": SimpleUploadedFile("van-ban.pdf", content, content_type="application/pdf"), **fields},
        format="multipart",
    )


def test_verify_a_signed_document(trusted, signing):
    response = post(signing.document(level="B-LTA"), xml_report="true")

    assert response.status_code == 200
    body = response.json()
    assert body["verdict"] == "valid"
    assert body["verdict_label"] == "Hợp lệ"
    assert body["indication"] == "TOTAL-PASSED"
    (sig,) = body["signatures"]
    assert sig["signer"]["common_name"] == "Nguyễn Văn An"
    assert sig["level"] == "B-LTA"
    assert sig["timestamp_time"].endswith("+00:00")
    report = APIClient().get(body["report_url"])
    assert report.status_code == 200
    assert report["Content-Type"].startswith("application/xml")
    assert b"ValidationReport" in report.content


def test_revoked_signer_is_not_valid(trusted, signing):
    body = post(signing.document("official-revoked")).json()

    assert body["verdict"] == "invalid"
    assert body["signatures"][0]["revoked"] is True
    assert body["signatures"][0]["sub_indication"] == "REVOKED_NO_POE"


@pytest.mark.parametrize(
    "make",
    [
        lambda s: b"<html>not a pdf</html>",
        lambda s: documents.truncate(s.document()),
        lambda s: documents.break_signature_dictionary(s.document()),
    ],
)
def test_bad_files_are_a_verdict_with_status_200(trusted, signing, make):
    response = post(make(signing))

    assert response.status_code == 200
    body = response.json()
    assert body["verdict"] == "indeterminate"
    assert body["report_url"] is None
    assert body["message"]


def test_no_file_is_a_validation_error_in_the_common_shape(db):
    response = APIClient().post(URL, {}, format="multipart")

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "validation_failed"
    assert "file" in response.json()["error"]["details"]["fields"]


def test_unknown_report_is_a_json_404(db):
    response = APIClient().get("/api/v1/signatures/reports/00000000-0000-0000-0000-000000000000")

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    assert APIClient().get("/api/v1/signatures/reports/khong-phai-uuid").status_code == 404


def test_verification_is_throttled(db, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"signature_verify": "2/min"},
    }
    from rest_framework.settings import api_settings

    api_settings.reload()
    try:
        client = APIClient()
        statuses = [post(b"x", client).status_code for _ in range(3)]
    finally:
        api_settings.reload()
    assert statuses == [200, 200, 429]
