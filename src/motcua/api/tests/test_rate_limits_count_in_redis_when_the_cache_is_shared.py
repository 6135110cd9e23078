"""With the cache on Redis (MOTCUA_CACHE_URL), the API's rate limits count there: every process sees
the same count (it is Redis's), no database row is written, and the declared rate, the 429 and its
Retry-After are as with the database's counters (issue 12, item 4)."""

from __future__ import annotations

import pytest
import redis
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from motcua.accounts.models import FailureCounter
from motcua.api.throttles import counts_in_shared_cache
from motcua.core.testing import cache_on_redis, forget_keys
from motcua.web import pagecache

pytestmark = pytest.mark.django_db
RATE = 20  # DEFAULT_THROTTLE_RATES["token"], per minute


@pytest.fixture
def redis_cache(redis_url, settings):  # type: ignore[no-untyped-def]
    prefix = cache_on_redis(settings, redis_url)
    settings.MOTCUA_TRUSTED_PROXIES = 0
    pagecache.STORE.clear()
    yield redis.Redis.from_url(redis_url), prefix
    pagecache.STORE.clear()
    forget_keys(redis_url, f"{prefix}:*")


def attempt(client: APIClient) -> int:
    body = {"username": "nobody", "password": "sai", "name": "thu"}
    return client.post("/api/v1/auth/token", body, format="json").status_code


def test_the_token_limit_counts_in_redis_shared_by_every_process(redis_cache):
    server, prefix = redis_cache
    client = APIClient(REMOTE_ADDR="198.51.100.7")
    assert counts_in_shared_cache()

    statuses = [attempt(client) for _ in range(RATE)]
    # What another process would read: the count is Redis's, not this process's.
    counted = {key.decode(): int(server.get(key)) for key in server.scan_iter(match=f"{prefix}:*api:*")}
    blocked = client.post("/api/v1/auth/token", {"username": "nobody", "password": "sai"}, format="json")

    assert set(statuses) == {401}
    assert list(counted.values()) == [RATE]
    assert "198.51.100.7" in next(iter(counted))
    assert blocked.status_code == 429
    assert blocked.json()["error"]["code"] == "throttled"
    assert 0 < int(blocked["Retry-After"]) <= 60
    assert not FailureCounter.objects.filter(key__startswith="api:").exists()  # (the login's own are)
    assert attempt(APIClient(REMOTE_ADDR="198.51.100.8")) == 401  # another client goes on


def test_a_shared_catalogue_answer_costs_no_statement_and_keeps_its_limit(redis_cache, settings):
    from motcua.demo.catalogue import load_agencies, load_catalogue

    load_catalogue(load_agencies())
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"catalogue": "3/min"}}
    client = APIClient(REMOTE_ADDR="198.51.100.9")
    assert client.get("/api/v1/procedures/").status_code == 200

    with CaptureQueriesContext(connection) as queries:
        hits = [client.get("/api/v1/procedures/").status_code for _ in range(2)]
    # Read before the next request: its start empties the connection's log of queries.
    statements = list(queries.captured_queries)
    blocked = client.get("/api/v1/procedures/")

    assert hits == [200, 200]
    assert statements == []
    assert blocked.status_code == 429
    assert not FailureCounter.objects.filter(key__startswith="api:").exists()
