"""The default cache's Redis, read directly; and a few of its keys' values kept in each process,
forgotten the moment Redis says they changed.

The whole-page cache and the catalogue's cached reads check a stamp in Redis before they serve
anything (`motcua.catalog.cache`): one round trip per request, which costs the web process about as
much CPU as the rest of a cached page. Redis's client-side tracking (CLIENT TRACKING, Redis 6 and
later) removes it without giving up "a change is seen at once": a thread of each process holds one
connection in broadcast mode for the watched keys, reads their values on it, and drops a value as
soon as Redis pushes the invalidation that any write of the key, from any client, causes.

A value is served from the process only while that connection is known to be alive: the thread
pings Redis when nothing has come for `HEARTBEAT` seconds, and any error, timeout or closed
connection forgets every value until it has reconnected and read them again. Meanwhile, and for a
key not yet watched, `values()` answers None and the caller reads Redis itself as before. A change
therefore reaches a process as fast as Redis's push does (the same socket a read would use); only a
connection that dies without a word can delay it, by at most HEARTBEAT + TIMEOUT seconds.
"""

from __future__ import annotations

import logging
import os
import pickle
import threading
import time
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.core.signals import setting_changed
from django.dispatch import receiver
from redis.exceptions import ResponseError

logger = logging.getLogger(__name__)

HEARTBEAT = 2.0  # seconds of silence after which the thread pings Redis
TIMEOUT = 2.0  # seconds a ping's answer (or any reply) may take before the connection counts as dead
RETRY = 1.0  # seconds between attempts to reconnect


class _Unsupported(Exception):
    pass


class KeyWatch:
    """The values of `keys` in the Redis that `client` talks to, kept by one thread."""

    def __init__(self, client: Any) -> None:
        self._client = client
        self._keys: frozenset[str] = frozenset()
        self._values: dict[str, bytes | None] = {}  # only while the connection is alive
        self._dropped: set[str] = set()  # invalidated, to be read again by the thread
        self._restart = threading.Event()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._pid = os.getpid()
        self._unsupported = False  # a Redis without CLIENT TRACKING (before 6): never watch

    def values(self, keys: Sequence[str]) -> tuple[bytes | None, ...] | None:
        """The keys' current values, or None when this process cannot vouch for all of them now."""
        if self._unsupported or not settings.MOTCUA_WATCH_REDIS_KEYS:
            return None
        if self._pid != os.getpid() or self._thread is None:
            self._start(keys)
            return None
        values = self._values
        try:
            return tuple(values[key] for key in keys)
        except KeyError:
            if not self._keys.issuperset(keys):
                self._start(keys)
            return None

    def _start(self, keys: Sequence[str]) -> None:
        with self._lock:
            if self._pid != os.getpid():  # a forked child: the parent's thread did not come along
                self._pid, self._thread, self._values = os.getpid(), None, {}
            wanted = self._keys | frozenset(keys)
            if wanted != self._keys:
                self._keys = wanted
                self._restart.set()  # the running thread reconnects, tracking the new set
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="motcua-redis-watch", daemon=True)
                self._thread.start()

    def _run(self) -> None:
        while True:
            self._restart.clear()
            connection = None
            try:
                connection = self._connect()
                self._follow(connection)
            except _Unsupported as error:
                logger.warning("Redis refuses client tracking, keys are read at each use: %s", error)
                self._unsupported = True
                return
            except Exception as error:  # any failure: forget every value, reconnect
                logger.info("Redis key watch interrupted: %s", error)
            finally:
                with self._lock:
                    self._values = {}
                if connection is not None:
                    connection.disconnect()
            if not self._restart.is_set():
                time.sleep(RETRY)

    def _connect(self) -> Any:
        pool = self._client.connection_pool
        options = {
            **pool.connection_kwargs,
            "protocol": 3,
            "socket_timeout": TIMEOUT,
            "socket_connect_timeout": TIMEOUT,
            "client_name": f"motcua-watch-{os.getpid()}",  # CLIENT LIST shows whose it is
        }
        options.pop("cache", None)
        connection = pool.connection_class(**options)
        connection.connect()
        connection._parser.invalidation_push_handler_func = self._invalidated
        # Redis refuses overlapping prefixes; a key that begins with another is watched through it.
        keys = sorted(self._keys)
        kept = [key for key in keys if not any(key != other and key.startswith(other) for other in keys)]
        prefixes = [part for key in kept for part in ("PREFIX", key)]
        connection.send_command("CLIENT", "TRACKING", "ON", "BCAST", *prefixes)
        try:
            connection.read_response()
        except ResponseError as error:
            connection.disconnect()
            raise _Unsupported(str(error)) from error
        return connection

    def forget(self, keys: Sequence[str]) -> None:
        """This process has just written `keys`: never serve their old values, not even during the
        moment before Redis's push of the change arrives."""
        with self._lock:
            self._drop(keys)

    def _invalidated(self, push: list[Any]) -> None:
        keys = push[1]
        with self._lock:
            if keys is None:  # FLUSHALL / FLUSHDB: everything
                self._drop(self._keys)
            else:
                self._drop([key.decode() if isinstance(key, bytes) else str(key) for key in keys])

    def _drop(self, keys: Iterable[str]) -> None:
        """Under the lock: the keys are to be read again; until then, not served."""
        self._dropped.update(keys)
        values = dict(self._values)
        for key in self._dropped:
            values.pop(key, None)
        self._values = values

    def _follow(self, connection: Any) -> None:
        with self._lock:
            self._dropped = set(self._keys)
        while not self._restart.is_set():
            if self._dropped:
                self._read_again(connection)
            if connection.can_read(timeout=HEARTBEAT):
                connection.read_response(push_request=True)
            else:
                connection.send_command("PING")
                connection.read_response()

    def _read_again(self, connection: Any) -> None:
        with self._lock:
            keys = sorted(self._dropped)
            self._dropped.clear()
        connection.send_command("MGET", *keys)
        # A push that arrives before the reply, or a forget() meanwhile, marks its keys again: their
        # values read here are then not kept.
        read = dict(zip(keys, connection.read_response(), strict=True))
        with self._lock:
            values = dict(self._values)
            values.update({key: value for key, value in read.items() if key not in self._dropped})
            self._values = values


class _ThisThread(threading.local):
    client: Any = None
    generation = -1


_this_thread = _ThisThread()
_generation = 0  # of the CACHES setting: a change makes every thread look its client up again


@receiver(setting_changed)
def _caches_changed(*, setting: str, **_: Any) -> None:
    global _generation
    if setting == "CACHES":
        _generation += 1


def shared_redis() -> Any | None:
    """The default cache's Redis client (its primary), or None when the cache is not on Redis.

    Kept per thread: Django's get_client() builds a new client object on every call, which costs as
    much as the command, and even looking the cache up (`caches["default"]`, a context-local) costs
    a tenth of a cached page."""
    if _this_thread.generation == _generation:
        return _this_thread.client
    from django.core.cache.backends.redis import RedisCache

    backend = caches["default"]
    client = backend._cache.get_client(write=True) if isinstance(backend, RedisCache) else None  # type: ignore[attr-defined]
    _this_thread.client, _this_thread.generation = client, _generation
    return client


def redis_key(key: str) -> str:
    """`key` as the default cache names it in Redis (prefix and version), unvalidated: our keys are
    made by this code, not by visitors."""
    return _redis_key(key, _generation)


@lru_cache(maxsize=4096)
def _redis_key(key: str, generation: int) -> str:
    return str(caches["default"].make_key(key))


def redis_value(raw: bytes | None) -> Any:
    """A value the default cache stored, read with the raw client (ints are stored as such, anything
    else pickled: Django's RedisSerializer, whose rule this follows)."""
    if raw is None:
        return None
    try:
        return int(raw)
    except ValueError:
        return pickle.loads(raw)  # noqa: S301  (written by this site's cache, like Django's own reads)


_WATCHES: dict[tuple[tuple[str, str], ...], KeyWatch] = {}
_WATCHES_LOCK = threading.Lock()


def forget_written(key: str) -> None:
    """The default cache's `key` was just written by this process: its watch must read it again."""
    client = shared_redis()
    if client is not None:
        watch_for(client).forget((redis_key(key),))


def watch_for(client: Any) -> KeyWatch:
    """The process's watch of the Redis behind `client`: one per server and database, however many
    threads (each has its own cache backend, client and pool)."""
    watch = getattr(client, "_motcua_watch", None)
    if watch is None:
        kwargs = client.connection_pool.connection_kwargs
        where = tuple(sorted((name, repr(value)) for name, value in kwargs.items()))
        with _WATCHES_LOCK:
            watch = _WATCHES.setdefault(where, KeyWatch(client))
        client._motcua_watch = watch
    return watch
