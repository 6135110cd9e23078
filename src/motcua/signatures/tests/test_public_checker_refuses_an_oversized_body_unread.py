"""A body far over the checker's file limit is refused before it is read, on the page (413 with a
Vietnamese message) and the API (413 in the error shape); a file a little over still gets its
"too large" verdict."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from rest_framework.test import APIClient

from motcua.signatures.throttling import ENVELOPE_BYTES

LIMIT = 64 * 1024


@pytest.fixture
def small_limit(db, settings) -> Iterator[None]:
    settings.MOTCUA_SIGNATURE_MAX_VERIFY_BYTES = LIMIT
    cache.clear()
    yield
    cache.clear()


def big(size: int) -> SimpleUploadedFile:
    return SimpleUploadedFile("lon.pdf", b"%PDF-1.7\n" + b"0" * (size - 9), content_type="application/pdf")


def test_the_page_refuses_an_oversized_body(small_limit: None) -> None:
    response = Client().post("/xac-minh-chu-ky/", {"tep": big(LIMIT + ENVELOPE_BYTES + 1)})
    assert response.status_code == 413
    assert "vượt quá giới hạn" in response.content.decode()


def test_the_api_refuses_an_oversized_body(small_limit: None) -> None:
    response = APIClient().post(
        "/api/v1/signatures/verify", {"file": big(LIMIT + ENVELOPE_BYTES + 1)}, format="multipart"
    )
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "request_too_large"


def test_a_file_a_little_over_gets_its_verdict(small_limit: None) -> None:
    response = APIClient().post("/api/v1/signatures/verify", {"file": big(LIMIT + 10)}, format="multipart")
    assert response.status_code == 200
    assert response.json()["verdict"] == "indeterminate"
