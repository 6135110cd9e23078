"""Reads: the list of checkpoints and how old the last one is."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import QuerySet

from motcua.core.time import now

from . import conf
from .models import Checkpoint


def checkpoints() -> QuerySet[Checkpoint]:
    return Checkpoint.objects.order_by("-seq")


@dataclass(frozen=True)
class Freshness:
    last: Checkpoint | None
    age: timedelta | None
    max_age: timedelta

    @property
    def stale(self) -> bool:
        """No checkpoint yet, or the last one is older than MOTCUA_ANCHOR_MAX_AGE_HOURS (26 h)."""
        return self.age is None or self.age > self.max_age


def freshness(at: datetime | None = None) -> Freshness:
    last = checkpoints().first()
    return Freshness(
        last=last,
        age=(at or now()) - last.made_at if last else None,
        max_age=conf.max_age(),
    )
