"""Search as one types is anonymous: bounded per client address, generously, and other clients go on."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


def test_a_client_past_the_rate_is_told_to_wait_and_others_are_not(settings) -> None:  # type: ignore[no-untyped-def]
    settings.MOTCUA_TRUSTED_PROXIES = 0
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"catalogue": "5/min"}}
    client = APIClient(REMOTE_ADDR="198.51.100.7")

    statuses = [client.get("/api/v1/procedures/", {"q": "ly lich"[: i + 1]}).status_code for i in range(5)]
    blocked = client.get("/api/v1/procedures/", {"q": "ly lich"})

    assert set(statuses) == {200}
    assert blocked.status_code == 429
    assert blocked.json()["error"]["code"] == "throttled"
    assert APIClient(REMOTE_ADDR="198.51.100.8").get("/api/v1/procedures/", {"q": "ly"}).status_code == 200
