"""The public transparency figures: per agency, this year up to yesterday, computed once a day."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.core.cache import cache

from motcua.core import time as core_time

from .scoring import scorecard

CACHE_SECONDS = 26 * 3600


def transparency(today: date | None = None) -> dict[str, Any]:
    """Per agency: on-time rate (2.1), satisfaction (5.4) and index points, from 1 January to
    yesterday; the same for everyone, cached under the day so that it changes once a day."""
    today = today or core_time.local(core_time.now()).date()
    key = f"stats:transparency:{today.isoformat()}"
    cached = cache.get(key)
    if cached is not None:
        return dict(cached)
    end = today - timedelta(days=1)
    start = end.replace(month=1, day=1)
    rows = []
    for card in scorecard(start, end):
        lines = {line.index.id: line for line in card.lines}
        rows.append(
            {
                "name": card.agency.name,
                "code": card.agency.code,
                "level": card.level,
                "rank": card.rank,
                "on_time_rate": lines["2.1"].rate,
                "resolved": lines["2.1"].denominator,
                "satisfaction": lines["5.4"].rate,
                "points": card.total,
            }
        )
    figures = {"start": start, "end": end, "computed_on": today, "rows": rows}
    cache.set(key, figures, CACHE_SECONDS)
    return figures
