"""The public checker is throttled per client address: the page and the API share one limit, and a
header the client writes (X-Forwarded-For) does not buy it a fresh budget."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from rest_framework.settings import api_settings
from rest_framework.test import APIClient


@pytest.fixture
def two_per_minute(db, settings) -> Iterator[None]:
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"signature_verify": "2/min"},
    }
    api_settings.reload()
    cache.clear()
    yield
    cache.clear()
    api_settings.reload()


def upload(name: str = "tep") -> dict[str, SimpleUploadedFile]:
    return {name: SimpleUploadedFile("x.pdf", b"x", content_type="application/pdf")}


def page(client: Client, **headers: str) -> int:
    return client.post("/xac-minh-chu-ky/", upload(), **headers).status_code


def api(client: APIClient, **headers: str) -> int:
    return client.post("/api/v1/signatures/verify", upload("file"), format="multipart", **headers).status_code


def test_the_page_is_throttled_with_a_message_in_vietnamese(two_per_minute):
    client = Client()

    assert [page(client), page(client)] == [200, 200]
    response = client.post("/xac-minh-chu-ky/", upload())

    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    html = response.content.decode()
    assert "Bạn đã gửi quá nhiều yêu cầu xác minh trong thời gian ngắn" in html
    assert 'data-verdict="' not in html


def test_the_page_and_the_api_share_one_budget(two_per_minute):
    assert api(APIClient()) == 200
    assert page(Client()) == 200

    assert api(APIClient()) == 429
    assert page(Client()) == 429


def test_a_forwarded_for_header_does_not_reset_the_count(two_per_minute):
    statuses = [api(APIClient(), HTTP_X_FORWARDED_FOR=f"198.51.100.{n}") for n in range(3)]
    statuses.append(page(Client(), HTTP_X_FORWARDED_FOR="198.51.100.77"))

    assert statuses == [200, 200, 429, 429]


def test_another_address_has_its_own_budget(two_per_minute):
    assert [page(Client()), page(Client()), page(Client())] == [200, 200, 429]

    assert page(Client(), REMOTE_ADDR="203.0.113.9") == 200
