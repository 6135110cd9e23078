"""Moments in the layout each national endpoint expects, in Vietnamese local time (pure)."""

from __future__ import annotations

from datetime import datetime

from motcua.core.time import local

STRFTIME = {
    "yyyyMMddHHmmss": "%Y%m%d%H%M%S",
    "dd/MM/yyyy HH:mm:ss": "%d/%m/%Y %H:%M:%S",
    "yyyy-MM-dd HH:mm:ss": "%Y-%m-%d %H:%M:%S",
}


def fmt(moment: datetime | str | None, layout: str) -> str:
    """`moment` (aware, or an ISO string from an event payload) in `layout`; "" when there is none."""
    if moment is None or moment == "":
        return ""
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    return local(moment).strftime(STRFTIME[layout])
