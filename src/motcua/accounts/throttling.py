"""Counters shared by every web process, in the database.

Three kinds, all on `FailureCounter` rows keyed by what they count:
- a lock (`Policy`): `limit` failures lock the key for a while (login from one address, tracking
  secrets);
- a slow-down (`Slowdown`): past a number of free failures, each further attempt waits longer, never
  a lock (login to one account from everywhere);
- a rate (`Rate`): at most so many units per window, taken before the thing they pay for and given
  back if it did not happen (online submissions), or simply counted, one statement per request
  (`count_request`: the API's throttles, which run on every request and give nothing back).
"""

from __future__ import annotations

import pickle
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import Any

from django.core.cache import caches
from django.db import connection, transaction
from django.db.models import F
from django.utils.dateparse import parse_datetime
from django.utils.timezone import is_naive, make_aware

from motcua.core.time import now

from .models import FailureCounter


@dataclass(frozen=True)
class Policy:
    """`limit` failures within `window` lock the key for `lock_for`."""

    limit: int
    window: timedelta
    lock_for: timedelta


def locked_until(key: str, *, at: datetime | None = None) -> datetime | None:
    """When the lock on `key` ends, or None if it is not locked now."""
    at = at or now()
    until = FailureCounter.objects.filter(key=key).values_list("locked_until", flat=True).first()
    return until if until is not None and until > at else None


@transaction.atomic
def register_failure(key: str, policy: Policy, *, at: datetime | None = None) -> datetime | None:
    """Count one failure; returns the end of the lock if this failure (or an earlier one) locked the key."""
    at = at or now()
    counter = _locked_counters([key], at)[key]
    if counter.locked_until is not None and counter.locked_until > at:
        return counter.locked_until
    if counter.window_started_at + policy.window <= at or counter.locked_until is not None:
        counter.failures, counter.window_started_at, counter.locked_until = 0, at, None
    counter.failures += 1
    if counter.failures >= policy.limit:
        counter.locked_until = at + policy.lock_for
        counter.failures = 0
    counter.save(update_fields=["failures", "window_started_at", "locked_until"])
    return counter.locked_until


@dataclass(frozen=True)
class Slowdown:
    """After `free` failures within `window`, each further failure makes the next attempt wait:
    `first`, then twice as long each time, never more than `longest`."""

    free: int
    window: timedelta
    first: timedelta
    longest: timedelta

    def delay(self, failures: int) -> timedelta:
        beyond = failures - self.free
        if beyond <= 0:
            return timedelta(0)
        return min(self.first * 2 ** min(beyond - 1, 32), self.longest)


@transaction.atomic
def register_slow_failure(key: str, slowdown: Slowdown, *, at: datetime | None = None) -> datetime | None:
    """Count one failure; returns when the next attempt may come, or None if it may come now."""
    at = at or now()
    counter = _locked_counters([key], at)[key]
    if counter.window_started_at + slowdown.window <= at and not (
        counter.locked_until is not None and counter.locked_until > at
    ):
        counter.failures, counter.window_started_at = 0, at
    counter.failures += 1
    delay = slowdown.delay(counter.failures)
    counter.locked_until = at + delay if delay else None
    counter.save(update_fields=["failures", "window_started_at", "locked_until"])
    return counter.locked_until


@dataclass(frozen=True)
class Rate:
    """At most `limit` units per fixed `window` (starting with the first unit); 0 means no limit."""

    limit: int
    window: timedelta


class RateExceeded(Exception):
    """Some counter has no unit left; it has one again at `retry_at`."""

    def __init__(self, retry_at: datetime) -> None:
        super().__init__(f"rate exceeded until {retry_at.isoformat()}")
        self.retry_at = retry_at


@dataclass(frozen=True)
class Taken:
    """Units taken by `take`: (key, start of the window the unit came from)."""

    units: tuple[tuple[str, datetime], ...] = ()


@transaction.atomic
def take(rates: Iterable[tuple[str, Rate]], *, at: datetime | None = None) -> Taken:
    """One unit from every counter, or none at all: raises RateExceeded when one of them is spent.

    The counters stay locked until the caller's transaction ends, so a caller that takes units
    inside its own transaction gets them back by rolling back, and two requests racing for the last
    unit cannot both win.
    """
    at = at or now()
    wanted = dict(sorted((key, rate) for key, rate in rates if rate.limit > 0))
    if not wanted:
        return Taken()
    counters = _locked_counters(list(wanted), at)
    refused: list[datetime] = []
    for key, rate in wanted.items():
        counter = counters[key]
        if counter.window_started_at + rate.window <= at:
            counter.failures, counter.window_started_at = 0, at
        if counter.failures >= rate.limit:
            refused.append(counter.window_started_at + rate.window)
    if refused:
        raise RateExceeded(max(refused))
    for key in wanted:
        counters[key].failures += 1
        counters[key].save(update_fields=["failures", "window_started_at"])
    return Taken(tuple((key, counters[key].window_started_at) for key in wanted))


def count_request(key: str, rate: Rate, *, at: datetime | None = None) -> tuple[int, datetime]:
    """Count one request under `key` in ONE statement (no transaction, no row read first); returns
    the requests counted in the current window, this one included, and when the window started.

    More than `rate.limit` means refused: the window (fixed, from its first request) ends at the
    returned start + `rate.window`. Refused requests are counted as well, up to `limit + 1` only,
    which changes nothing for the caller (the window does not move) and keeps the count bounded.
    The same answers as `take` of one unit, which reads and locks the row first.
    """
    at = at or now()
    adapt = connection.ops.adapt_datetimefield_value
    started, window_over = adapt(at), adapt(at - rate.window)
    with connection.cursor() as cursor:
        cursor.execute(_count_sql(connection.vendor), [key, started, window_over, rate.limit, window_over])
        count, window_started_at = cursor.fetchall()[0]
    return int(count), _as_datetime(window_started_at)


@lru_cache(maxsize=4)
def _count_sql(vendor: str) -> str:
    """count_request's statement (one per database vendor: its quoting)."""
    table = connection.ops.quote_name(FailureCounter._meta.db_table)
    key = connection.ops.quote_name("key")
    # Every expression of SET reads the row as it was (SQL's rule, PostgreSQL's and SQLite's).
    return (
        f"INSERT INTO {table} ({key}, failures, window_started_at, locked_until) "  # noqa: S608  (names, not input)
        f"VALUES (%s, 1, %s, NULL) ON CONFLICT ({key}) DO UPDATE SET "
        f"failures = CASE WHEN {table}.window_started_at <= %s THEN 1 "
        f"WHEN {table}.failures > %s THEN {table}.failures ELSE {table}.failures + 1 END, "
        f"window_started_at = CASE WHEN {table}.window_started_at <= %s THEN excluded.window_started_at "
        f"ELSE {table}.window_started_at END "
        "RETURNING failures, window_started_at"
    )


def _as_datetime(value: datetime | str) -> datetime:
    """A datetime column read by raw SQL: SQLite gives Django's naive UTC text, PostgreSQL a datetime."""
    parsed = parse_datetime(value) if isinstance(value, str) else value
    if parsed is None:
        raise ValueError(f"not a datetime: {value!r}")
    return make_aware(parsed, UTC) if is_naive(parsed) else parsed


def give_back(taken: Taken) -> None:
    """Return units taken for something that did not happen (only to the window they came from)."""
    for key, window_started_at in taken.units:
        FailureCounter.objects.filter(key=key, window_started_at=window_started_at, failures__gt=0).update(
            failures=F("failures") - 1
        )


def _locked_counters(keys: Sequence[str], at: datetime) -> dict[str, FailureCounter]:
    """The counters under `keys`, created empty if new, locked in key order (no deadlock)."""
    FailureCounter.objects.bulk_create(
        [FailureCounter(key=key, failures=0, window_started_at=at) for key in keys], ignore_conflicts=True
    )
    rows = FailureCounter.objects.select_for_update().filter(key__in=keys).order_by("key")
    return {counter.key: counter for counter in rows}


def clear(key: str) -> None:
    FailureCounter.objects.filter(key=key).delete()


def purge(*, before: datetime) -> int:
    """Forget counters whose window and lock both ended before `before` (housekeeping)."""
    deleted, _ = (
        FailureCounter.objects.filter(window_started_at__lt=before).exclude(locked_until__gte=before).delete()
    )
    return deleted


# Counting in Redis ----------------------------------------------------------------------------------
# With the cache on Redis (MOTCUA_CACHE_URL) the API's throttles count there instead (api.throttles);
# the whole-page cache (web.pagecache) reads the catalogue's stamp and counts a hit's throttles in
# the same round trip, hence these pieces in one place.


# A request's counts taken already, {Counter.key: (count, seconds left)}: a hit of the page cache
# counts its throttles with the stamp in one round trip; when it cannot be served after all (stale,
# refused), the view's throttles read this request's counts from here instead of counting it twice.
PRECOUNTED_ATTRIBUTE = "_precounted_limits"


def shared_redis() -> Any | None:
    """The default cache's Redis client (its primary), or None when the cache is not on Redis.

    Kept on the cache backend (one per thread, made anew when the settings change): Django's own
    get_client() builds a new client object on every call, which costs as much as the command."""
    from django.core.cache.backends.redis import RedisCache

    backend = caches["default"]
    if not isinstance(backend, RedisCache):
        return None
    client = getattr(backend, "_motcua_client", None)
    if client is None:
        client = backend._cache.get_client(write=True)  # type: ignore[attr-defined]
        backend._motcua_client = client  # type: ignore[attr-defined]
    return client


def redis_key(key: str) -> str:
    """`key` as the default cache names it in Redis (prefix and version), unvalidated: our keys are
    made by this code, not by visitors."""
    return str(caches["default"].make_key(key))


def queue_count(pipe: Any, full_key: str, window: int) -> None:
    """Queue, in a MULTI pipeline, the commands that count one request under `full_key`: the window
    starts with its expiry on the first request only, INCR inside MULTI cannot meet a key that
    expired between two commands. Three replies, read by `counted`."""
    pipe.set(full_key, 0, ex=window, nx=True)
    pipe.incr(full_key)
    pipe.ttl(full_key)


def counted(replies: Sequence[Any]) -> tuple[int, float]:
    """The three replies of `queue_count`: the count so far (this request included) and the seconds
    left in the window."""
    _, count, left = replies
    return int(count), float(max(left, 1))


def redis_value(raw: bytes | None) -> Any:
    """A value the default cache stored, read with the raw client (ints are stored as such, anything
    else pickled: Django's RedisSerializer, whose rule this follows)."""
    if raw is None:
        return None
    try:
        return int(raw)
    except ValueError:
        return pickle.loads(raw)  # noqa: S301  (written by this site's cache, like Django's own reads)
