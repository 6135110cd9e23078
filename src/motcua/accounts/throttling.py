"""Counting failed attempts and locking a key for a while: login lockout, tracking-secret throttle."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction

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
    FailureCounter.objects.bulk_create(
        [FailureCounter(key=key, failures=0, window_started_at=at)], ignore_conflicts=True
    )
    counter = FailureCounter.objects.select_for_update().get(key=key)
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


def clear(key: str) -> None:
    FailureCounter.objects.filter(key=key).delete()


def purge(*, before: datetime) -> int:
    """Forget counters whose window and lock both ended before `before` (housekeeping)."""
    deleted, _ = (
        FailureCounter.objects.filter(window_started_at__lt=before).exclude(locked_until__gte=before).delete()
    )
    return deleted
