"""The API's rate limits: keyed on the one client-address rule, counted where every process sees it.

DRF's own throttles read X-Forwarded-For by themselves and keep their counts in each process's
cache. Every throttle of this API derives from `ClientThrottle` instead (a test walks the URL
configuration to hold us to it): the client is `motcua.core.net.client_address`, and the count is
one every web process behind the load balancer shares:
- with the cache on Redis (MOTCUA_CACHE_URL; any cache shared by the processes), a counter there,
  no database statement: each process reserves a busy client's requests in growing blocks (SET NX
  with the window's expiry, INCRBY and PTTL in one transaction), so that most of its requests cost
  no round trip; Redis counts every reserved request, so the processes together never grant more
  than the rate (`accounts.throttling.Reservations`; limits under 64 per window are counted one by
  one); a hit of the whole-page cache (web.pagecache) takes from the same reservations;
- with another shared cache (memcached…), add() and incr() on it;
- with each process's own memory as cache (the default), a row in the database, reserved the same
  way in one statement (`accounts.throttling.reserve_requests`), since a count in one process's
  memory would let N processes grant N times the declared rate.
The declared rates, the fixed window that starts with the first request, the 429 and its Retry-After
are the same with either.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from rest_framework.exceptions import NotAuthenticated
from rest_framework.request import Request
from rest_framework.settings import api_settings
from rest_framework.throttling import ScopedRateThrottle, SimpleRateThrottle
from rest_framework.views import APIView

from motcua.accounts import throttling
from motcua.core.net import client_address, request_limit_key
from motcua.core.shared_redis import shared_redis
from motcua.core.time import now
from motcua.dossiers import submission_limits

DEFAULT_TRACK_RATE = "30/min"


@dataclass(frozen=True)
class Counter:
    """What one request is counted under: at most `limit` per window of `window` seconds."""

    key: str
    limit: int
    window: int


class ClientThrottle(SimpleRateThrottle):
    """Base of every API throttle: `rate` requests per window for each client address."""

    retry_at: datetime | None = None

    def get_ident(self, request: Request) -> str:
        return request_limit_key(request)

    def get_cache_key(self, request: Request, view: Any) -> str | None:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}

    def counter(self, request: Any, view: Any) -> Counter | None:
        """What this request is counted under, None when it is not limited."""
        if self.rate is None:
            return None
        limit, window = self.num_requests or 0, int(self.duration or 0)
        if limit <= 0 or window <= 0:
            return None
        key = self.get_cache_key(request, view)
        if key is None:
            return None
        return Counter(key=f"api:{key}"[:200], limit=limit, window=window)

    def count(self, request: Any, counter: Counter) -> tuple[int, float]:
        """Count this request under `counter`, once: the count so far (or, from reservations, 1 when
        allowed and limit + 1 when not) and the seconds left in the window."""
        precounted = getattr(request, throttling.PRECOUNTED_ATTRIBUTE, None)
        if precounted and counter.key in precounted:
            return precounted.pop(counter.key)  # type: ignore[no-any-return]
        if counts_in_shared_cache():
            return _count_in_cache(counter)
        # A row in the database, reserved in blocks too.
        return throttling.reserve(None, counter.key, counter.limit, counter.window)

    def allow_request(self, request: Request, view: Any) -> bool:
        counter = self.counter(request, view)
        if counter is None:
            return True
        count, left = self.count(request, counter)
        if count > counter.limit:
            self.retry_at = now() + timedelta(seconds=left)
            return False
        return True

    def wait(self) -> float | None:
        if self.retry_at is None:
            return None
        return max(1, math.ceil((self.retry_at - now()).total_seconds()))


# Caches that live in one process: a count there would not hold across processes.
PER_PROCESS_CACHES = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
)


def counts_in_shared_cache() -> bool:
    """Whether the rate limits count in the cache (shared by every process) or in the database."""
    return settings.CACHES["default"]["BACKEND"] not in PER_PROCESS_CACHES


def _count_in_cache(counter: Counter) -> tuple[int, float]:
    """Count one request in the counter's window (started by its first request); returns the count
    so far, this one included (on Redis: 1 when allowed, one past the limit when not), and the
    seconds left in the window."""
    key, window = counter.key, counter.window
    client = shared_redis()
    if client is not None:  # reserved in blocks, a round trip now and then (throttling.Reservations)
        return throttling.reserve(client, key, counter.limit, window)
    # Any other shared cache (memcached…): add() starts the window, incr() counts atomically.
    backend = caches["default"]  # the backend itself (django.core.cache.cache is a proxy to it)
    ends = f"{key}:ends"
    if backend.add(key, 1, window):
        backend.set(ends, time.time() + window, window)
        return 1, float(window)
    try:
        count = backend.incr(key)
    except ValueError:  # the window ended between the two calls: this request starts the next one
        backend.add(key, 1, window)
        backend.set(ends, time.time() + window, window)
        return 1, float(window)
    return int(count), max(1.0, float(backend.get(ends) or time.time() + window) - time.time())


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
