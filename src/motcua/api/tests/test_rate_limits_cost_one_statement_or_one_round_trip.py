"""The API's rate limits are counted on every request, so they are counted cheaply (issue 12, item 4):
in the database one statement per request (no transaction of reads and writes); with the cache on
Redis, a hit of a shared page costs no round trip while the process's watch vouches for the
catalogue's stamp, and a shared API answer only its counter's reservation (none at all for a busy
client between reservations); when the stamp must be read, one round trip for the stamp and the
counter together. The declared rate, the fixed window, the 429 and its Retry-After stay as they
were, and a request is never counted twice, even when the shared answer it hit turned out to be
stale."""

from __future__ import annotations

import pickle
import time
from datetime import timedelta

import pytest
import redis
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from motcua.accounts import throttling
from motcua.accounts.models import FailureCounter
from motcua.catalog.cache import STAMP_KEY, new_stamp
from motcua.core.shared_redis import redis_key, shared_redis, watch_for
from motcua.core.testing import cache_on_redis, forget_keys
from motcua.core.time import now
from motcua.web import pagecache

pytestmark = pytest.mark.django_db
RATE = throttling.Rate(limit=3, window=timedelta(minutes=1))


@pytest.fixture
def judicial(db, monkeypatch):  # type: ignore[no-untyped-def]
    """One procedure of the demo catalogue (the judicial record): enough, and quick."""
    from motcua.demo import catalogue as demo

    monkeypatch.setattr(demo, "PROCEDURES", [p for p in demo.PROCEDURES if p["code"] == "3.000333"])
    demo.load_catalogue(demo.load_agencies())


@pytest.fixture(autouse=True)
def _empty_store():  # type: ignore[no-untyped-def]
    pagecache.STORE.clear()
    yield
    pagecache.STORE.clear()


def test_a_reservation_is_one_statement_and_keeps_the_window_of_the_first_request():
    start = now()
    with CaptureQueriesContext(connection) as queries:
        counts = [
            throttling.reserve_requests("t:a", RATE.window, amount, at=start + timedelta(seconds=i))
            for i, amount in enumerate([1, 1, 2, 1, 4])
        ]

    assert len(queries.captured_queries) == 5  # one each, no transaction around them
    assert [count for count, _ in counts] == [1, 2, 4, 5, 9]  # every request counted, refused or not
    assert [left for _, left in counts] == [60, 59, 58, 57, 56]  # the window of the first request
    row = FailureCounter.objects.get(key="t:a")
    assert (row.failures, row.window_started_at) == (9, start)


def test_a_new_window_starts_when_the_last_one_is_over_and_keys_are_apart():
    start = now()
    for i in range(4):
        throttling.reserve_requests("t:b", RATE.window, 1, at=start + timedelta(seconds=i))

    just_before = throttling.reserve_requests(
        "t:b", RATE.window, 1, at=start + RATE.window - timedelta(seconds=1)
    )
    after = start + RATE.window
    next_window = throttling.reserve_requests("t:b", RATE.window, 2, at=after)
    other_key = throttling.reserve_requests("t:c", RATE.window, 1, at=after)

    assert just_before == (5, 1)
    assert next_window == (2, 60)
    assert other_key == (1, 60)


def test_an_api_request_costs_one_statement_for_its_limit(judicial, settings):
    settings.MOTCUA_TRUSTED_PROXIES = 0
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"catalogue": "3/min"}}
    client = APIClient(REMOTE_ADDR="198.51.100.21")
    assert client.get("/api/v1/procedures/").status_code == 200

    with CaptureQueriesContext(connection) as queries:
        hits = [client.get("/api/v1/procedures/").status_code for _ in range(2)]
    # Read before the next request: its start empties the connection's log of queries.
    statements = [query["sql"].split()[0] for query in queries.captured_queries]
    blocked = client.get("/api/v1/procedures/")

    assert hits == [200, 200]
    assert statements == ["INSERT", "INSERT"]
    assert blocked.status_code == 429
    assert 55 <= int(blocked["Retry-After"]) <= 60
    assert FailureCounter.objects.get(key__startswith="api:", key__contains="198.51.100.21").failures == 4


@pytest.fixture
def redis_cache(redis_url, settings):  # type: ignore[no-untyped-def]
    prefix = cache_on_redis(settings, redis_url)
    settings.MOTCUA_TRUSTED_PROXIES = 0
    yield redis.Redis.from_url(redis_url), prefix
    forget_keys(redis_url, f"{prefix}:*")


@pytest.fixture
def round_trips(monkeypatch):  # type: ignore[no-untyped-def]
    """Round trips to Redis: each command sent alone, or each pipeline (one write, its replies)."""
    sent: list[str] = []
    original_command, original_pipeline = redis.Redis.execute_command, redis.client.Pipeline.execute

    def command(self, *args, **options):  # type: ignore[no-untyped-def]
        sent.append(str(args[0]))
        return original_command(self, *args, **options)

    def pipeline(self, *args, **options):  # type: ignore[no-untyped-def]
        sent.append("pipeline of " + " ".join(str(c[0][0]) for c in self.command_stack))
        return original_pipeline(self, *args, **options)

    monkeypatch.setattr(redis.Redis, "execute_command", command)
    monkeypatch.setattr(redis.client.Pipeline, "execute", pipeline)
    return sent


def _counted(server: redis.Redis, prefix: str, address: str) -> list[int]:
    return [int(server.get(key)) for key in server.scan_iter(match=f"{prefix}:*api:*{address}*")]


def test_a_shared_answer_costs_one_round_trip_with_its_limit(judicial, redis_cache, settings, round_trips):
    server, prefix = redis_cache
    settings.MOTCUA_WATCH_REDIS_KEYS = False  # the stamp read from Redis on each hit
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"catalogue": "3/min"}}
    client = APIClient(REMOTE_ADDR="198.51.100.22")
    assert client.get("/api/v1/procedures/").status_code == 200
    round_trips.clear()

    hit = client.get("/api/v1/procedures/")
    trips_of_a_hit = list(round_trips)
    client.get("/api/v1/procedures/")
    blocked = client.get("/api/v1/procedures/")

    assert hit.status_code == 200
    assert trips_of_a_hit == ["pipeline of GET SET INCRBY TTL"]
    assert blocked.status_code == 429
    assert blocked.json()["error"]["code"] == "throttled"
    assert 55 <= int(blocked["Retry-After"]) <= 60
    # Every request counted once, the refused one too (on the hit's round trip, not again by the view).
    assert _counted(server, prefix, "198.51.100.22") == [4]


def test_a_shared_page_costs_one_read_of_its_stamp(judicial, redis_cache, settings, round_trips):
    from django.test import Client

    settings.MOTCUA_WATCH_REDIS_KEYS = False
    assert Client().get("/").status_code == 200
    round_trips.clear()

    assert Client().get("/").status_code == 200
    assert round_trips == ["GET"]


def _watching_the_stamp() -> None:
    """Until the process's watch holds the catalogue's stamp (its thread connects on first use)."""
    key = redis_key(STAMP_KEY)
    watch = watch_for(shared_redis())
    for _ in range(200):
        if watch.values((key,)) is not None:
            return
        time.sleep(0.01)
    raise AssertionError("the watch never held the stamp")


def test_with_the_watch_a_shared_page_costs_no_round_trip_and_sees_another_process_change(
    judicial, redis_cache, round_trips
):
    from django.test import Client

    from motcua.catalog.models import Procedure, ProcedureVersion

    server, _ = redis_cache
    page = "/thu-tuc/3.000333/"
    assert Client().get(page).status_code == 200
    _watching_the_stamp()
    round_trips.clear()

    hits = [Client().get(page).status_code for _ in range(3)]
    trips_of_hits = list(round_trips)
    # Another process changes the catalogue: rows written (here without signals, so that nothing of
    # this process learns of it) and the stamp bumped in Redis by that process's own client.
    renamed = "Cấp Phiếu lý lịch tư pháp (tên mới)"
    Procedure.objects.filter(code="3.000333").update(name=renamed)
    ProcedureVersion.objects.filter(procedure__code="3.000333").update(name=renamed)
    still_cached = Client().get(page).content.decode()
    server.set(redis_key(STAMP_KEY), pickle.dumps("from-another-process"))
    seen_after = None
    for attempt in range(100):  # Redis pushes the change; it arrives within a round trip or so
        if "tên mới" in Client().get(page).content.decode():
            seen_after = attempt
            break
        time.sleep(0.01)

    assert hits == [200, 200, 200]
    assert trips_of_hits == []
    assert "tên mới" not in still_cached
    assert seen_after is not None
    assert seen_after <= 10


def test_with_the_watch_a_busy_client_reserves_its_requests_in_blocks(
    judicial, redis_cache, settings, round_trips
):
    server, prefix = redis_cache
    rate = 640  # per minute: blocks of 1, 2, 4, 8, 16, then 20 (a 32nd of the rate)
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"catalogue": f"{rate}/min"},
    }
    client = APIClient(REMOTE_ADDR="198.51.100.23")
    assert client.get("/api/v1/procedures/").status_code == 200
    _watching_the_stamp()
    round_trips.clear()

    statuses = [client.get("/api/v1/procedures/").status_code for _ in range(60)]

    assert set(statuses) == {200}
    assert round_trips == ["pipeline of SET INCRBY PTTL"] * len(round_trips)
    assert len(round_trips) <= 6  # 2 + 4 + 8 + 16 + 20 + 20 ≥ 60
    # Redis counts what was reserved: at least every request made, at most one block more.
    assert 61 <= sum(_counted(server, prefix, "198.51.100.23")) <= 61 + 20


def test_a_stale_shared_answer_is_recomputed_and_its_request_counted_once(judicial, redis_cache, settings):
    server, prefix = redis_cache
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"catalogue": "3/min"}}
    client = APIClient(REMOTE_ADDR="198.51.100.23")
    first = client.get("/api/v1/procedures/")

    new_stamp()  # the catalogue changed: the kept answer is stale
    answered_again = client.get("/api/v1/procedures/")

    assert first.status_code == answered_again.status_code == 200
    assert _counted(server, prefix, "198.51.100.23") == [2]
    assert client.get("/api/v1/procedures/").status_code == 200
    assert client.get("/api/v1/procedures/").status_code == 429
