"""How often, and how much, one client may send to the public signature checker: one rule for the
page and the API.

A verification costs a worker process and OCSP/CRL requests. The rate is
REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["signature_verify"] (default 30/min), counted per client
address (`motcua.core.net`) in the database; the page and the API count into the same budget.
A body that announces more than the file limit (MOTCUA_SIGNATURE_MAX_VERIFY_BYTES) plus room for the
multipart envelope is refused before it is read (`body_too_large`): nothing is spooled to disk. A file
only a little over the limit still gets its "too large" verdict.

The rate bounds how many files a client sends per minute, not how many it has in flight: a burst of
slow files could still occupy every worker. `verification_slot` therefore bounds verifications at
once: per client address (MOTCUA_SIGNATURE_VERIFY_PER_CLIENT, default 2; counted in Django's cache,
so shared by the web processes when the cache is), over it 429 `TooManyVerificationsAtOnce`; and per
web process (MOTCUA_SIGNATURE_VERIFY_CONCURRENCY, default twice the worker processes: as many
running as there are workers, as many waiting), over it 503 `VerifierBusy`. A request that got a
slot but finds every worker busy for longer than QUEUE_WAIT seconds also gets 503. Both answers say
so in Vietnamese, with Retry-After, and verify nothing.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress

from django.core.cache import cache
from django.http import HttpRequest
from rest_framework.settings import api_settings

from motcua.api.throttles import ClientThrottle
from motcua.core.net import request_limit_key
from motcua.signatures import conf

from .errors import TooManyVerificationsAtOnce, VerifierBusy

SCOPE = "signature_verify"
DEFAULT_RATE = "30/min"
# Room for the multipart boundaries, headers and other fields around the file.
ENVELOPE_BYTES = 256 * 1024


class VerifyThrottle(ClientThrottle):
    """The public checker's limit, as a DRF throttle (the API uses it as such, the page through
    `wait_before_verifying`): per client address (`core.net`), counted in the database."""

    scope = SCOPE

    def get_rate(self) -> str:
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope) or DEFAULT_RATE


def wait_before_verifying(request: HttpRequest) -> int | None:
    """None when this client may verify a file now (and it counts); else the seconds to wait."""
    throttle = VerifyThrottle()
    if throttle.allow_request(request, None):
        return None
    return max(1, int((throttle.wait() or 60) + 0.999))


def body_too_large(request: HttpRequest) -> bool:
    """True when the request announces a body the checker will not read (before anything is read)."""
    try:
        announced = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return False
    return announced > conf.max_verify_bytes() + ENVELOPE_BYTES


# Verifications at once -----------------------------------------------------------------------------
QUEUE_WAIT = 10.0  # seconds a verification may wait for a free worker before 503
_local_lock = threading.Lock()
_running_here = 0


def process_limit() -> int:
    from .isolation import pool_size

    configured = conf.verify_concurrency()
    return configured if configured > 0 else 2 * pool_size()


def _client_key(request: HttpRequest) -> str:
    return f"signature_verify:running:{request_limit_key(request)}"[:200]


@contextmanager
def verification_slot(request: HttpRequest) -> Iterator[None]:
    """Hold one of this client's and this process's verification slots for the block, or raise
    TooManyVerificationsAtOnce (429) / VerifierBusy (503) without running it."""
    global _running_here
    with _local_lock:
        if _running_here >= process_limit():
            raise VerifierBusy()
        _running_here += 1
    key = _client_key(request)
    # The count expires on its own, so a web process killed mid-verification cannot lock a client out.
    ttl = int(conf.verify_timeout() + QUEUE_WAIT + 30)
    counted = False
    try:
        cache.add(key, 0, timeout=ttl)
        try:
            running = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, timeout=ttl)
            running = 1
        counted = True
        if running > conf.verify_per_client():
            raise TooManyVerificationsAtOnce(retry_after=max(1, int(conf.verify_timeout())))
        yield
    finally:
        if counted:
            with suppress(ValueError):
                cache.decr(key)
        with _local_lock:
            _running_here -= 1
