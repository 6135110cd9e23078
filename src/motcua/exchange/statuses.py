"""Status feedback between agencies, as data: who sends which code, and which one is the latest.

Pure code, no database. Statuses travel over networks that repeat and reorder messages, so "the
latest" is never "the last to arrive": it is the furthest step of the receiver's handling.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from .edxml.codes import STATUS_CODES

# What a receiver reports about a document it holds (QCVN 102:2016, Decision 28/2018 Art. 9).
RECEIVER_CODES = ("01", "02", "03", "04", "05", "06", "15", "16")
# What the sender of a document sends about it: the recall request.
SENDER_CODES = ("13",)
RECALL = "13"
RECALL_ACCEPTED = "15"
RECALL_REFUSED = "16"
RECEIVED = "01"
REFUSED = "02"
COMPLETED = "06"

# The order of the receiver's handling: a later step overrides an earlier one, whatever the order
# of arrival. A refusal (02) ends the handling; a recall answered (15/16) comes after everything.
_RANK = {"01": 1, "03": 2, "04": 3, "05": 4, "06": 5, "02": 6, "13": 7, "16": 8, "15": 9}


def rank(code: str) -> int:
    """The place of a status in the receiver's handling (higher is later)."""
    return _RANK.get(code, 0)


def label(code: str) -> str:
    return STATUS_CODES.get(code, code)


@dataclass(frozen=True)
class StatusEntry:
    code: str
    timestamp: datetime | None
    description: str = ""

    @property
    def label(self) -> str:
        return label(self.code)


def latest(entries: Iterable[StatusEntry]) -> StatusEntry | None:
    """The status that describes where the receiver is now: the furthest step, then the newest time."""
    best: StatusEntry | None = None
    for entry in entries:
        if best is None or _key(entry) > _key(best):
            best = entry
    return best


def _key(entry: StatusEntry) -> tuple[int, float]:
    return (rank(entry.code), entry.timestamp.timestamp() if entry.timestamp else 0.0)


def in_order(entries: Iterable[StatusEntry]) -> list[StatusEntry]:
    """The history as the receiver lived it (by step, then time), not as the network delivered it."""
    return sorted(entries, key=_key)


def backoff_seconds(attempts: int, *, base: float = 5.0, cap: float = 3600.0, jitter: float = 0.0) -> float:
    """Seconds to wait before attempt `attempts + 1`: doubling from `base`, capped, with a jitter share.

    `jitter` in [0, 1) is a random draw supplied by the caller (so this stays pure): it spreads the
    retries of many messages to a peer that comes back up, instead of all at the same second.
    """
    if attempts <= 0:
        return 0.0
    delay = min(cap, base * 2 ** min(attempts - 1, 32))
    return delay * (1.0 - 0.25 * jitter)
