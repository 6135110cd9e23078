"""API rate limits key on the real client: a forged X-Forwarded-For buys nothing, a proxy's is honoured."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.urls import URLPattern, URLResolver, get_resolver
from rest_framework.settings import api_settings
from rest_framework.test import APIClient
from rest_framework.views import APIView

from motcua.api.throttles import ClientThrottle

from .factories import UserFactory

URL = "/api/v1/auth/token"
RATE = 20  # DEFAULT_THROTTLE_RATES["token"], per minute


@pytest.fixture
def citizen(db):  # type: ignore[no-untyped-def]
    return UserFactory(username="nguyenvana")


def attempt(client: APIClient, **headers: str) -> int:
    body = {"username": "nguyenvana", "password": "sai", "name": "thu"}
    return client.post(URL, body, format="json", **headers).status_code


def test_a_forged_header_does_not_escape_the_token_throttle(citizen, settings):
    settings.MOTCUA_TRUSTED_PROXIES = 0
    client = APIClient(REMOTE_ADDR="198.51.100.7")
    statuses = [attempt(client, HTTP_X_FORWARDED_FOR=f"203.0.113.{i}") for i in range(RATE)]
    blocked = client.post(URL, {"username": "nguyenvana", "password": "sai"}, format="json")

    assert set(statuses) == {401}
    assert blocked.status_code == 429
    assert blocked.json()["error"]["code"] == "throttled"
    assert int(blocked["Retry-After"]) > 0


def test_behind_a_proxy_each_client_is_counted_on_its_own(citizen, settings):
    settings.MOTCUA_TRUSTED_PROXIES = 1
    proxy = APIClient(REMOTE_ADDR="10.0.0.2")
    # What the client prepends is not the key: the proxy's own entry (the last) is.
    statuses = [attempt(proxy, HTTP_X_FORWARDED_FOR=f"1.1.1.{i}, 203.0.113.1") for i in range(RATE)]

    assert set(statuses) == {401}
    assert attempt(proxy, HTTP_X_FORWARDED_FOR="9.9.9.9, 203.0.113.1") == 429
    assert attempt(proxy, HTTP_X_FORWARDED_FOR="203.0.113.2") == 401  # another client, not throttled


def test_the_count_is_shared_by_every_web_process(citizen, settings):
    """Counted in the database, not in one process's cache: clearing the cache forgives nothing."""
    settings.MOTCUA_TRUSTED_PROXIES = 0
    client = APIClient(REMOTE_ADDR="198.51.100.7")
    for _ in range(RATE):
        attempt(client)
    cache.clear()
    assert attempt(client) == 429


def _views(patterns: list[URLPattern | URLResolver]):  # type: ignore[no-untyped-def]
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _views(pattern.url_patterns)
        elif isinstance(getattr(pattern.callback, "cls", None), type):
            yield pattern.callback.cls


def test_every_api_throttle_derives_from_the_client_address_rule():
    views = [cls for cls in _views(get_resolver().url_patterns) if issubclass(cls, APIView)]
    throttles = {t for cls in views for t in cls.throttle_classes} | set(
        api_settings.DEFAULT_THROTTLE_CLASSES
    )

    assert len(views) > 10
    assert throttles  # the token, tracking and verification throttles at least
    assert all(issubclass(t, ClientThrottle) for t in throttles), throttles
