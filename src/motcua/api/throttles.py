"""Rate limits beyond the scoped ones configured in settings."""

from __future__ import annotations

from typing import Any

from rest_framework.request import Request
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

DEFAULT_TRACK_RATE = "30/min"


class TrackingThrottle(SimpleRateThrottle):
    """Anonymous tracking by code and secret: bound how fast anybody can guess secrets.

    Uses DEFAULT_THROTTLE_RATES["track"] when settings define it, else DEFAULT_TRACK_RATE.
    """

    scope = "track"

    def get_rate(self) -> str:
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope) or DEFAULT_TRACK_RATE

    def get_cache_key(self, request: Request, view: Any) -> str:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
