"""The API's limits on Redis are taken from each process's reservations (`Reservations`): however
the requests of a window fall on the web processes, together they never grant more than the limit,
they refuse at most a few reserved and unused requests early, a small limit is counted request by
request, and what a process reserved in a window is never used in the next one (issue 12, item 4)."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterator

import pytest
import redis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from motcua.accounts.throttling import Reservations, queue_reservation, reserved


@pytest.fixture
def server(redis_url: str) -> Iterator[redis.Redis]:
    connection = redis.Redis.from_url(redis_url)
    yield connection
    for key in connection.scan_iter(match="motcua-test-reserve-*", count=500):
        connection.delete(key)
    connection.close()


def _key() -> str:
    return f"motcua-test-reserve-{uuid.uuid4().hex[:12]}"


def _in_redis(server: redis.Redis, key: str, window: int) -> Callable[[int], tuple[int, float]]:
    """What `throttling.reserve` gives `Reservations.take` on Redis."""

    def reserve(amount: int) -> tuple[int, float]:
        pipe = server.pipeline(transaction=True)
        queue_reservation(pipe, key, window, amount)
        return reserved(pipe.execute())

    return reserve


# redis_url is the same for every example: the function-scoped fixture is safe here.
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    limit=st.integers(min_value=1, max_value=400),
    processes=st.integers(min_value=1, max_value=4),
    order=st.lists(st.integers(min_value=0, max_value=3), min_size=1, max_size=700),
)
def test_processes_together_never_grant_more_than_the_limit(server, limit, processes, order):
    key = _key()
    pools = [Reservations() for _ in range(processes)]

    granted = [pools[at % processes].take(key, limit, _in_redis(server, key, 60))[0] for at in order]
    server.delete(key)

    largest = Reservations.largest_block(limit)
    assert sum(granted) <= limit
    # Early refusals: only what the other processes hold, unused, in their last blocks.
    assert sum(granted) >= min(len(order), limit - processes * (largest - 1))
    # Once refused, a process refuses for the rest of the window.
    for pool in range(processes):
        answers = [g for at, g in zip(order, granted, strict=True) if at % processes == pool]
        if False in answers:
            assert not any(answers[answers.index(False) :])


def test_a_limit_under_64_is_counted_request_by_request(server):
    key = _key()
    pool = Reservations()

    answers = [pool.take(key, 20, _in_redis(server, key, 60))[0] for _ in range(25)]

    assert answers == [True] * 20 + [False] * 5
    assert int(server.get(key)) == 25  # every request counted, the refused ones too


def test_a_busy_client_costs_a_round_trip_now_and_then(server, monkeypatch):
    key = _key()
    pool = Reservations()
    trips: list[int] = []
    execute = redis.client.Pipeline.execute

    def counted(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        trips.append(1)
        return execute(self, *args, **kwargs)

    monkeypatch.setattr(redis.client.Pipeline, "execute", counted)

    answers = [pool.take(key, 6400, _in_redis(server, key, 60))[0] for _ in range(1000)]

    assert all(answers)
    # 1, 2, 4, … 64, then 64 at a time: 7 reservations for the first 127, 14 more for the rest.
    assert len(trips) == 7 + 14
    assert 1000 <= int(server.get(key)) < 1000 + 64


def test_what_was_reserved_in_a_window_is_not_used_in_the_next(server):
    key = _key()
    pool = Reservations()
    for _ in range(10):  # reservations of 1, 2, 4, 8: 15 reserved, 10 used
        assert pool.take(key, 6400, _in_redis(server, key, 1))[0]

    time.sleep(1.1)  # the window (1 s, started with the first request) is over
    allowed, left = pool.take(key, 6400, _in_redis(server, key, 1))

    assert allowed
    assert int(server.get(key)) == 1  # a new window, counted from this request
    assert 0 < left <= 1
