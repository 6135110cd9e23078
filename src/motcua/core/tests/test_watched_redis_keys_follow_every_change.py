"""Each process's watch of a few Redis keys (`core.shared_redis.KeyWatch`, client-side tracking):
it serves a key's value only while Redis would push a change of it, drops the value the moment
Redis reports a write from any client, a deletion or this process's own write, and serves nothing
while its connection is gone, until it has reconnected and read the keys again (issue 12, item 4)."""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Callable, Iterator

import pytest
import redis

from motcua.core.shared_redis import KeyWatch


@pytest.fixture
def server(redis_url: str) -> Iterator[redis.Redis]:
    connection = redis.Redis.from_url(redis_url)
    yield connection
    connection.close()


@pytest.fixture
def key(server: redis.Redis) -> Iterator[str]:
    name = f"motcua-test-watch-{uuid.uuid4().hex[:12]}"
    yield name
    server.delete(name)


def _until(condition: Callable[[], bool], seconds: float = 5.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.005)
    return False


def _held(watch: KeyWatch, key: str, value: bytes | None) -> bool:
    return watch.values((key,)) == (value,)


def test_a_value_is_served_once_watched_and_dropped_when_another_client_writes(server, key):
    server.set(key, b"one")
    watch = KeyWatch(server)

    first = watch.values((key,))  # the thread starts: nothing vouched for yet
    assert first is None
    assert _until(lambda: _held(watch, key, b"one"))

    server.set(key, b"two")
    # Never the old value once Redis has pushed the change; the new one as soon as it is read again.
    assert _until(lambda: watch.values((key,)) != (b"one",), seconds=1.0)
    assert _until(lambda: _held(watch, key, b"two"))

    server.delete(key)
    assert _until(lambda: _held(watch, key, None))


def test_this_process_own_write_is_never_served_stale(server, key):
    server.set(key, b"one")
    watch = KeyWatch(server)
    watch.values((key,))
    assert _until(lambda: _held(watch, key, b"one"))

    for round_ in range(50):
        value = f"v{round_}".encode()
        server.set(key, value)
        watch.forget((key,))
        assert watch.values((key,)) in (None, (value,))  # read from Redis, or the new value


def test_a_lost_connection_serves_nothing_until_the_keys_are_read_again(server, key):
    server.set(key, b"one")
    watch = KeyWatch(server)
    watch.values((key,))
    assert _until(lambda: _held(watch, key, b"one"))

    name = f"motcua-watch-{os.getpid()}"
    ours = [client["id"] for client in server.client_list() if client.get("name") == name]
    assert ours
    for client_id in ours:
        server.client_kill_filter(_id=client_id)
    # Written while the watch has no connection: no push can tell it.
    assert _until(lambda: watch.values((key,)) is None, seconds=5.0)
    server.set(key, b"two")

    assert _until(lambda: _held(watch, key, b"two"), seconds=10.0)


def test_a_redis_without_client_tracking_is_read_directly(server, key, monkeypatch):
    class RefusingConnection(redis.Connection):
        def send_command(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            if args[:2] == ("CLIENT", "TRACKING"):
                args = ("NO-SUCH-COMMAND",)
            super().send_command(*args, **kwargs)

    server.set(key, b"one")
    monkeypatch.setattr(server.connection_pool, "connection_class", RefusingConnection)
    watch = KeyWatch(server)
    watch.values((key,))

    assert _until(lambda: watch._unsupported)
    assert watch.values((key,)) is None


def test_the_setting_turns_the_watch_off(server, key, settings):
    server.set(key, b"one")
    watch = KeyWatch(server)
    watch.values((key,))
    assert _until(lambda: _held(watch, key, b"one"))

    settings.MOTCUA_WATCH_REDIS_KEYS = False

    assert watch.values((key,)) is None
