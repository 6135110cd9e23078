"""Revocation data kept between verifications, each item only for as long as its issuer says.

An OCSP response and a CRL carry `thisUpdate` (when the status was true) and `nextUpdate` (when
newer information will be available). `RevocationCache` keeps a fetched response or CRL until its
own `nextUpdate` and never serves it at or after that moment, nor before its `thisUpdate` (a clock
running behind the responder's); an item without `nextUpdate` ("newer information is always
available", RFC 6960 §4.2.2.1) or already past it is not kept at all. So a certificate revoked
while a "good" answer is cached is seen as revoked as soon as that answer's `nextUpdate` passes,
which is exactly as long as the CA allows relying parties to rely on it.

The cache is per process (each verification worker has its own), bounded in entries and bytes
(least recently used out first), and only ever filled by fetches the fetch policy allowed; what it
serves is checked against the current policy again (`fetching.GuardedFetcherBackend`), and
validated by pyhanko-certvalidator exactly like a freshly fetched answer (signature, responder,
freshness against the validation time). OCSP answers are cached per certificate (issuer and
serial, the issuing authority and the responder addresses), CRLs per distribution point URL.
Whether a verification uses it travels with its `FetchPolicy` (`revocation_cache`), so the
worker processes follow the web process's setting MOTCUA_SIGNATURE_REVOCATION_CACHE.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from asn1crypto import cms, crl, ocsp, x509
from pyhanko_certvalidator.authority import Authority
from pyhanko_certvalidator.fetchers.api import OCSPFetcher
from pyhanko_certvalidator.util import get_ocsp_urls, issuer_serial

DEFAULT_MAX_ENTRIES = 2048
DEFAULT_MAX_BYTES = 64 * 1024 * 1024


def _utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class Window:
    """When a piece of revocation data may be relied on: [this_update, next_update)."""

    this_update: datetime
    next_update: datetime | None


@dataclass
class _Entry:
    value: Any
    window: Window
    size: int


class RevocationCache:
    """A bounded, thread-safe map whose entries live in their own validity window."""

    def __init__(
        self,
        *,
        max_entries: int = DEFAULT_MAX_ENTRIES,
        max_bytes: int = DEFAULT_MAX_BYTES,
        clock: Callable[[], datetime] = _utcnow,
    ) -> None:
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self.clock = clock
        self._entries: OrderedDict[Hashable, _Entry] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, key: Hashable) -> Any | None:
        """The value kept under `key` if it may be relied on now, else None (and it is dropped)."""
        now = self.clock()
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None and usable(entry.window, now):
                self._entries.move_to_end(key)
                self.hits += 1
                return entry.value
            if entry is not None:
                self._drop(key)
            self.misses += 1
            return None

    def put(self, key: Hashable, value: Any, window: Window | None, *, size: int = 0) -> bool:
        """Keep `value` until `window.next_update`; False (not kept) when it has no usable window."""
        now = self.clock()
        if window is None or window.next_update is None or not usable(window, now):
            return False
        if size > self.max_bytes:
            return False
        with self._lock:
            if key in self._entries:
                self._drop(key)
            self._entries[key] = _Entry(value, window, size)
            self._bytes += size
            while len(self._entries) > self.max_entries or self._bytes > self.max_bytes:
                self._drop(next(iter(self._entries)))
        return True

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._bytes = 0
            self.hits = self.misses = 0

    def _drop(self, key: Hashable) -> None:
        entry = self._entries.pop(key)
        self._bytes -= entry.size


def usable(window: Window, now: datetime) -> bool:
    """True when data with this window may be relied on at `now` (never at or after nextUpdate)."""
    if window.next_update is None:
        return False
    return window.this_update <= now < window.next_update


# The process's cache: what verifications and signings share.
CACHE = RevocationCache()


def forget() -> None:
    """Drop every kept OCSP response and CRL of this process (tests, trust store changes)."""
    CACHE.clear()


# Reading the windows ------------------------------------------------------------------------------
def _native_time(value: Any) -> datetime | None:
    native = value.native if value is not None else None
    if native is None:
        return None
    return native if native.tzinfo is not None else native.replace(tzinfo=UTC)


def ocsp_window(response: ocsp.OCSPResponse, cert: x509.Certificate | None = None) -> Window | None:
    """The window of a successful OCSP response (of the single response about `cert`, when given);
    None for anything else (an error status, no single response, a response we cannot read)."""
    try:
        if response["response_status"].native != "successful":
            return None
        data = response["response_bytes"]["response"].parsed["tbs_response_data"]
        singles = list(data["responses"])
        if cert is not None:
            serial = cert.serial_number
            singles = [s for s in singles if s["cert_id"]["serial_number"].native == serial]
        if not singles:
            return None
        this_updates = [_native_time(s["this_update"]) for s in singles]
        next_updates = [_native_time(s["next_update"]) for s in singles]
    except (KeyError, ValueError, TypeError, AttributeError):
        return None
    if any(t is None for t in this_updates):
        return None
    known = [t for t in this_updates if t is not None]
    if any(n is None for n in next_updates):
        return Window(max(known), None)  # no nextUpdate: never kept
    return Window(max(known), min(n for n in next_updates if n is not None))


def crl_window(certificate_list: crl.CertificateList) -> Window | None:
    """The window of a CRL: [thisUpdate, nextUpdate); None when unreadable."""
    try:
        tbs = certificate_list["tbs_cert_list"]
        this_update = _native_time(tbs["this_update"])
        next_update = _native_time(tbs["next_update"])
    except (KeyError, ValueError, TypeError, AttributeError):
        return None
    if this_update is None:
        return None
    return Window(this_update, next_update)


# The OCSP fetcher ---------------------------------------------------------------------------------
class CachingOCSPFetcher(OCSPFetcher):
    """Answers from `cache` what it may, asks `inner` (the guarded fetcher) for the rest.

    `permits(url)` is the operation's fetch policy: a cached answer is served only when every
    responder address of the certificate may be fetched now, so the cache never widens what an
    operation may learn; otherwise the inner fetcher runs (and refuses as it always did).
    """

    def __init__(
        self,
        inner: OCSPFetcher,
        *,
        permits: Callable[[str], bool],
        scope: Hashable = (),
        cache: RevocationCache | None = None,
    ) -> None:
        self._inner = inner
        self._permits = permits
        self._scope = scope
        self._cache = cache if cache is not None else CACHE
        self._served: dict[tuple[bytes, Hashable], ocsp.OCSPResponse] = {}

    async def fetch(
        self, cert: x509.Certificate | cms.AttributeCertificateV2, authority: Authority
    ) -> ocsp.OCSPResponse:
        tag = (issuer_serial(cert), authority.hashable)
        if tag in self._served:
            return self._served[tag]
        urls = tuple(sorted(get_ocsp_urls(cert)))
        key = ("ocsp", self._scope, tag, urls)
        cacheable = bool(urls) and all(self._permits(url) for url in urls)
        response = self._cache.get(key) if cacheable else None
        if response is None:
            response = await self._inner.fetch(cert, authority)
            if cacheable:
                single_cert = cert if isinstance(cert, x509.Certificate) else None
                self._cache.put(key, response, ocsp_window(response, single_cert), size=len(response.dump()))
        self._served[tag] = response
        return response

    def fetched_responses(self) -> Iterable[ocsp.OCSPResponse]:
        return list(self._served.values())

    def fetched_responses_for_cert(
        self, cert: x509.Certificate | cms.AttributeCertificateV2
    ) -> Iterable[ocsp.OCSPResponse]:
        wanted = issuer_serial(cert)
        return {response for (serial, _), response in self._served.items() if serial == wanted}
