"""The API's rate limits: keyed on the one client-address rule, counted in the database.

DRF's own throttles read X-Forwarded-For by themselves and keep their counts in each process's
cache. Every throttle of this API derives from `ClientThrottle` instead (a test walks the URL
configuration to hold us to it): the client is `motcua.core.net.client_address`, and the count is a
row every web process behind the load balancer shares.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta
from typing import Any

from django.http import HttpRequest
from django.http.response import HttpResponseBase
from rest_framework.exceptions import NotAuthenticated
from rest_framework.request import Request
from rest_framework.settings import api_settings
from rest_framework.throttling import ScopedRateThrottle, SimpleRateThrottle
from rest_framework.views import APIView

from motcua.accounts import throttling
from motcua.core.net import client_address, request_limit_key
from motcua.core.time import now
from motcua.dossiers import submission_limits

DEFAULT_TRACK_RATE = "30/min"


class ClientThrottle(SimpleRateThrottle):
    """Base of every API throttle: `rate` requests per window for each client address."""

    retry_at: datetime | None = None

    def get_ident(self, request: Request) -> str:
        return request_limit_key(request)

    def get_cache_key(self, request: Request, view: Any) -> str | None:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}

    def allow_request(self, request: Request, view: Any) -> bool:
        if self.rate is None:
            return True
        key = self.get_cache_key(request, view)
        if key is None:
            return True
        rate = throttling.Rate(limit=self.num_requests or 0, window=timedelta(seconds=self.duration or 0))
        try:
            throttling.take([(f"api:{key}"[:200], rate)])
        except throttling.RateExceeded as exc:
            self.retry_at = exc.retry_at
            return False
        return True

    def wait(self) -> float | None:
        if self.retry_at is None:
            return None
        return max(1, math.ceil((self.retry_at - now()).total_seconds()))


class ScopedThrottle(ScopedRateThrottle, ClientThrottle):
    """DRF's ScopedRateThrottle (the view's `throttle_scope`), on the client-address rule."""


class TrackingThrottle(ClientThrottle):
    """Anonymous tracking by code and secret: bound how fast anybody can guess secrets.

    Uses DEFAULT_THROTTLE_RATES["track"] when settings define it, else DEFAULT_TRACK_RATE.
    """

    scope = "track"

    def get_rate(self) -> str:
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope) or DEFAULT_TRACK_RATE


class SubmissionLimited(APIView):
    """Mix into an APIView whose POST files an online dossier: `dossiers.submission_limits` applies.

    The unit is taken once the caller is known (after authentication) and given back when the
    request filed nothing (an error response or an exception), so mistakes do not count and two
    racing requests cannot both take the last unit.
    """

    _submission: throttling.Taken | None = None

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        if request.method != "POST":
            return
        user = request.user if request.user.is_authenticated else None
        try:
            self._submission = submission_limits.reserve(address=client_address(request), user=user)
        except submission_limits.LoginRequiredToSubmit as exc:
            raise NotAuthenticated(exc.message) from exc

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        self._submission = None
        response: HttpResponseBase | None = None
        try:
            response = super().dispatch(request, *args, **kwargs)
            return response
        finally:
            if self._submission is not None and (response is None or response.status_code >= 400):
                submission_limits.release(self._submission)
