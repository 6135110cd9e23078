"""Counters shared by every web process, in the database.

Three kinds, all on `FailureCounter` rows keyed by what they count:
- a lock (`Policy`): `limit` failures lock the key for a while (login from one address, tracking
  secrets);
- a slow-down (`Slowdown`): past a number of free failures, each further attempt waits longer, never
  a lock (login to one account from everywhere);
- a rate (`Rate`): at most so many units per window, taken before the thing they pay for and given
  back if it did not happen (online submissions), or simply counted, one statement per request
  (`reserve_requests`, by `Reservations`: the API's throttles, which run on every request and give
  nothing back).
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import Any

from django.db import connection, transaction
from django.db.models import F
from django.utils.dateparse import parse_datetime
from django.utils.timezone import is_naive, make_aware

from motcua.core.shared_redis import redis_key
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


def reserve_requests(
    key: str, window: timedelta, amount: int, *, at: datetime | None = None
) -> tuple[int, float]:
    """Count `amount` requests under `key` in ONE statement (no transaction, no row read first);
    returns the requests counted in the current window, these included, and the seconds left in it.

    The window is fixed, from its first request. Every call adds `amount`, refused or not, so the
    count before this call is always the returned count minus `amount` (what `Reservations` needs
    to know which of them are within the limit).
    """
    at = at or now()
    adapt = connection.ops.adapt_datetimefield_value
    started, window_over = adapt(at), adapt(at - window)
    with connection.cursor() as cursor:
        cursor.execute(_reserve_sql(connection.vendor), [key, amount, started, window_over, window_over])
        count, window_started_at = cursor.fetchall()[0]
    left = (_as_datetime(window_started_at) + window - at).total_seconds()
    return int(count), max(left, 0.001)


@lru_cache(maxsize=4)
def _reserve_sql(vendor: str) -> str:
    """reserve_requests's statement (one per database vendor: its quoting)."""
    table = connection.ops.quote_name(FailureCounter._meta.db_table)
    key = connection.ops.quote_name("key")
    # Every expression of SET reads the row as it was (SQL's rule, PostgreSQL's and SQLite's).
    return (
        f"INSERT INTO {table} ({key}, failures, window_started_at, locked_until) "  # noqa: S608  (names, not input)
        f"VALUES (%s, %s, %s, NULL) ON CONFLICT ({key}) DO UPDATE SET "
        f"failures = CASE WHEN {table}.window_started_at <= %s THEN excluded.failures "
        f"ELSE {table}.failures + excluded.failures END, "
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
# the whole-page cache (web.pagecache) counts a hit's throttles too, hence these pieces in one place.


# A request's counts taken already, {Counter.key: (count, seconds left)}: a hit of the page cache
# counts its throttles; when it cannot be served after all (stale, refused), the view's throttles
# read this request's counts from here instead of counting it twice.
PRECOUNTED_ATTRIBUTE = "_precounted_limits"


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


def queue_reservation(pipe: Any, full_key: str, window: int, amount: int) -> None:
    """`queue_count` for `amount` requests at once: three replies, read by `reserved`."""
    pipe.set(full_key, 0, ex=window, nx=True)
    pipe.incrby(full_key, amount)
    pipe.pttl(full_key)


def reserved(replies: Sequence[Any]) -> tuple[int, float]:
    """The three replies of `queue_reservation`: the count so far (this reservation included) and
    the seconds left in the window."""
    _, count, left_ms = replies
    return int(count), max(float(left_ms), 1.0) / 1000


@dataclass
class _Held:
    """Requests reserved in a window of a counter and not used yet."""

    left: int
    ends: float  # time.monotonic() at which the window ends
    block: int  # how many the last reservation asked for


class Reservations:
    """A counter's requests reserved by this process in blocks, so that a busy client's requests
    cost a round trip to Redis, or a statement, only now and then.

    The shared counter (Redis's, or the database's row) counts every reserved request, used or not,
    so all processes together never grant more than the limit in a window. A client's first request
    of a window reserves one; each further reservation in the same window twice the last, up to a
    32nd of the limit (at most 64). Requests reserved by one process and not used before the window
    ends are lost to the client: with P web processes it may be refused up to P × (that block - 1)
    requests early, never late. Limits below 64 per window reserve one at a time, exactly as counting
    each request does.
    """

    MAX_KEYS = 10_000  # a flood from many addresses forgets the oldest holdings (stricter, not looser)

    def __init__(self) -> None:
        self._held: OrderedDict[str, _Held] = OrderedDict()
        self._lock = threading.Lock()

    @staticmethod
    def largest_block(limit: int) -> int:
        return max(1, min(64, limit // 32))

    def take(self, key: str, limit: int, reserve: Callable[[int], tuple[int, float]]) -> tuple[bool, float]:
        """One request under `key`: whether it is allowed, and the seconds left in its window.
        `reserve(n)` adds n to the shared counter and returns its count and the seconds left."""
        at = time.monotonic()
        with self._lock:
            held = self._held.get(key)
            if held is not None and at < held.ends:
                if held.left > 0:
                    held.left -= 1
                    return True, held.ends - at
                block = max(1, min(held.block * 2, self.largest_block(limit)))
            else:
                block = 1
        count, left = reserve(block)
        usable = max(0, min(count, limit) - (count - block))
        with self._lock:
            # After a refusal (block 0) the next reservation asks for one again.
            self._held[key] = _Held(left=max(usable - 1, 0), ends=at + left, block=block if usable else 0)
            self._held.move_to_end(key)
            while len(self._held) > self.MAX_KEYS:
                self._held.popitem(last=False)
        return usable > 0, left

    def clear(self) -> None:
        with self._lock:
            self._held.clear()


RESERVATIONS = Reservations()


def reserve(client: Any | None, key: str, limit: int, window: int) -> tuple[int, float]:
    """One request under `key` from this process's reservations, in Redis (`client`) or, without
    it, in the database; in the shape of a count: (1 when allowed, else limit + 1; the seconds left
    in the window)."""
    if client is not None:
        full_key = redis_key(key)

        def in_redis(amount: int) -> tuple[int, float]:
            pipe = client.pipeline(transaction=True)
            queue_reservation(pipe, full_key, window, amount)
            return reserved(pipe.execute())

        allowed, left = RESERVATIONS.take(full_key, limit, in_redis)
    else:
        span = timedelta(seconds=window)
        allowed, left = RESERVATIONS.take(key, limit, lambda amount: reserve_requests(key, span, amount))
    return (1 if allowed else limit + 1), left
