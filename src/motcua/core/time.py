"""Time helpers: stored in UTC, shown and reasoned about in Asia/Ho_Chi_Minh."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone

VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def now() -> datetime:
    return timezone.now()


def local(moment: datetime) -> datetime:
    """The moment on the wall clocks of Vietnam."""
    if timezone.is_naive(moment):
        raise ValueError("naive datetime: attach a time zone first")
    return moment.astimezone(VN_TZ)


def aware(moment: datetime) -> datetime:
    """Interpret a naive moment as Vietnamese local time."""
    return moment.replace(tzinfo=VN_TZ) if timezone.is_naive(moment) else moment


def iso_local(moment: datetime | None) -> str | None:
    """ISO 8601 with the +07:00 offset, to the second."""
    if moment is None:
        return None
    # `local` written out: an API page of 50 dossiers writes some 350 moments.
    if moment.utcoffset() is None:
        raise ValueError("naive datetime: attach a time zone first")
    return moment.astimezone(VN_TZ).isoformat(timespec="seconds")
