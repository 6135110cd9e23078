"""Counters shared by every web process, in the database.

Three kinds, all on `FailureCounter` rows keyed by what they count:
- a lock (`Policy`): `limit` failures lock the key for a while (login from one address, tracking
  secrets);
- a slow-down (`Slowdown`): past a number of free failures, each further attempt waits longer, never
  a lock (login to one account from everywhere);
- a rate (`Rate`): at most so many units per window, taken before the thing they pay for and given
  back if it did not happen (online submissions, API throttles).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import F

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
