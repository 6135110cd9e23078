"""Whole responses of the public catalogue, kept for anonymous visitors and served before the rest of
the middleware runs (issue 12, item 4).

A view opts in with `@shared_page` (a function view) or `share(request)` (an API view): it promises
that, for an anonymous request, what it answers depends only on the request's path, query string,
language, host and scheme, its `Accept` and htmx headers, and on the stamps it names (by default the
catalogue's, `motcua.catalog.cache.stamp`, which every change of the catalogue or the agencies bumps).

`SharedPageMiddleware` sits near the top of MIDDLEWARE (after the header-size check). For a GET or
HEAD without credentials (no `Authorization`, no session or messages cookie) it looks the request's
key up in this process's memory and, when the entry's stamps are still the current ones, answers
with the stored status, headers and body: the headers are those the whole middleware chain gave the
first answer (CSP, Permissions-Policy, nosniff, X-Frame-Options…), so a cached answer carries
exactly the same ones. Otherwise the request goes down the chain; the answer is stored when the view
shared it, it is a 200 that sets no cookie (a page that used its CSRF token sets one: the base
template leaves the token out of shared pages), and it varies on nothing but what the key holds.

Entries live in each process's memory, bounded in bytes (MOTCUA_PAGE_CACHE_BYTES, oldest out first):
a hit costs no unpickling, and no visitor can fill Redis with pages by varying a query string. Only
the stamps are checked on each hit. With the cache on Redis, their values are those the process's
watch of Redis holds (`motcua.core.shared_redis.KeyWatch`: Redis pushes every change of them at
once), so a hit costs no round trip; while the watch cannot vouch for them, the hit reads them from
Redis. Either way a change of the catalogue is seen by every process on its next request. With each
process's own memory (no MOTCUA_CACHE_URL), entries also expire after
MOTCUA_CATALOGUE_CACHE_SECONDS, as the catalogue's cached reads do.

An API answer keeps its rate limit: the view names its throttles when it shares the answer, and a
hit is served only if every one of them lets the request through (each counts it once); a refused
request goes down the chain, where the view answers its usual 429.

With the cache on Redis, an API answer's throttles take the request from this process's
reservations of its counters (`accounts.throttling.Reservations`: a round trip now and then); when
the stamps must be read from Redis, they and the counters go in one MULTI. A hit that cannot be
served after all (stale stamp, spent limit) hands the counts it made to the view's throttles
(`accounts.throttling.PRECOUNTED_ATTRIBUTE`), so that each request counts once.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache, wraps
from typing import Any
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase

from motcua.accounts import throttling
from motcua.core.shared_redis import redis_key, redis_value, shared_redis, watch_for

from .middleware import chosen_language

Stamp = Callable[[], str]
SHARED_ATTRIBUTE = "shared_page"  # the templates read request.shared_page: no CSRF token then
# What a shared answer may vary on: Cookie only through the language (in the key) since requests with
# a session or messages cookie are never served nor stored; the locale middleware ignores
# Accept-Language (Vietnamese first); Accept is in the key (DRF's browsable API).
ALLOWED_VARY = frozenset({"cookie", "accept-language", "accept"})
# Request headers in the key: what makes a view answer differently (DRF's renderer, htmx partials).
KEY_HEADERS = ("HTTP_ACCEPT", "HTTP_HX_REQUEST", "HTTP_HX_HISTORY_RESTORE_REQUEST", "HTTP_HX_BOOSTED")
MESSAGES_COOKIE = "messages"
DEFAULT_MAX_BYTES = 32 * 1024 * 1024


class CatalogueStamp:
    """The catalogue's stamp (`motcua.catalog.cache`), and the cache key it is kept under, which lets
    a hit read it straight from Redis. Any stamp with a `cache_key` is read that way."""

    def __call__(self) -> str:
        from motcua.catalog.cache import stamp

        return stamp()

    @property
    def cache_key(self) -> str:
        from motcua.catalog.cache import STAMP_KEY

        return STAMP_KEY


catalogue_stamp = CatalogueStamp()


@dataclass(frozen=True)
class Entry:
    stamps: tuple[Stamp, ...]
    values: tuple[str, ...]
    stored_at: float
    status: int
    header_store: dict[str, tuple[str, str]]  # as Django's ResponseHeaders keeps them: lower-case name → both
    content: bytes
    throttles: tuple[type, ...]

    @property
    def stamp_keys(self) -> tuple[str, ...] | None:
        """The stamps' cache keys, None unless every stamp has one."""
        keys = tuple(getattr(stamp, "cache_key", None) for stamp in self.stamps)
        return keys if None not in keys else None  # type: ignore[return-value]


class PageStore:
    """This process's shared pages: a dict bounded in bytes, oldest entry out first."""

    def __init__(self) -> None:
        self._entries: OrderedDict[str, Entry] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key: str) -> Entry | None:
        return self._entries.get(key)

    def put(self, key: str, entry: Entry, max_bytes: int) -> None:
        size = len(entry.content)
        if size > max_bytes // 4:
            return  # one page never crowds out the rest
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self._bytes -= len(old.content)
            while self._entries and self._bytes + size > max_bytes:
                _, evicted = self._entries.popitem(last=False)
                self._bytes -= len(evicted.content)
            self._entries[key] = entry
            self._bytes += size

    def discard(self, key: str) -> None:
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self._bytes -= len(old.content)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._bytes = 0

    def __len__(self) -> int:
        return len(self._entries)


STORE = PageStore()


def eligible(request: HttpRequest) -> bool:
    """A request that may be answered with, and may fill, a shared page: GET or HEAD, no credentials."""
    if request.method not in ("GET", "HEAD"):
        return False
    if "HTTP_AUTHORIZATION" in request.META:
        return False
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and MESSAGES_COOKIE not in cookies


@lru_cache(maxsize=2048)
def normalised_query(query_string: str) -> str | None:
    """The same parameters in any order or spelling (`+` or `%20`, `%C3%BD` or `ý`) give one key.

    WSGI gives the query string's bytes as latin-1 text; compared as bytes, so that no two different
    queries can meet. None (not shared) for text that is not such bytes."""
    if not query_string:
        return ""
    try:
        query_string.encode("latin-1")
    except UnicodeEncodeError:
        return None
    # latin-1 maps each byte to one character and back: escaped and raw bytes decode alike.
    pairs = parse_qsl(query_string, keep_blank_values=True, encoding="latin-1")
    return urlencode(sorted(pairs), encoding="latin-1")


_HOSTS: dict[str, str] = {}  # the raw Host (or X-Forwarded-Host) header → what get_host() made of it


@receiver(setting_changed)
def _forget_hosts(*, setting: str, **_: Any) -> None:
    if setting == "ALLOWED_HOSTS":
        _HOSTS.clear()


def _checked_host(request: HttpRequest) -> str | None:
    """request.get_host(), its check against ALLOWED_HOSTS made once per header value (it costs as
    much as the rest of a hit); only accepted values are remembered, so they are few."""
    raw = request._get_raw_host()  # type: ignore[attr-defined]
    host = _HOSTS.get(raw)
    if host is None:
        try:
            host = request.get_host()
        except DisallowedHost:
            return None
        if len(_HOSTS) < 64:
            _HOSTS[raw] = host
    return host


def page_key(request: HttpRequest) -> str | None:
    """What a shared answer depends on besides its stamps; None (not shared) for a host Django would
    refuse or a query string no client sends."""
    host = _checked_host(request)
    if host is None:
        return None  # down the chain, which answers 400 as usual
    meta = request.META
    query = normalised_query(meta.get("QUERY_STRING", ""))
    if query is None:
        return None
    parts = [
        request.scheme or "",
        host,
        request.path,
        query,
        chosen_language(request),
        *(str(meta.get(name, "")) for name in KEY_HEADERS),
    ]
    return "\x1f".join(parts)


def share(
    request: Any, *, stamps: Sequence[Stamp] = (catalogue_stamp,), throttles: Iterable[Any] = ()
) -> None:
    """Mark this request's answer as shareable (see the module's docstring for what that promises).

    `request` may be DRF's Request; `throttles` are the view's throttle instances (their classes are
    run again on every hit)."""
    django_request = getattr(request, "_request", request)
    if getattr(django_request, "_page_key", None) is None:
        return  # not eligible: nothing is shared, the page keeps its CSRF token
    setattr(django_request, SHARED_ATTRIBUTE, True)
    # The stamps' values as the view begins: an answer computed while the catalogue changed is kept
    # under the old stamp, never under the new one.
    django_request._page_stamps = (tuple(stamps), tuple(stamp() for stamp in stamps))
    django_request._page_throttles = tuple(type(throttle) for throttle in throttles)


def shared_page(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """Decorator of a function view whose anonymous answers are shared (catalogue stamp)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        share(request)
        return view(request, *args, **kwargs)

    return wrapper


def _storable(request: HttpRequest, response: HttpResponseBase) -> bool:
    if not getattr(request, SHARED_ATTRIBUTE, False) or request.method != "GET":
        return False
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if not isinstance(response, HttpResponse):
        return False
    control = response.headers.get("Cache-Control", "").lower()
    if any(word in control for word in ("private", "no-store", "no-cache")):
        return False
    vary = {v.strip().lower() for v in response.headers.get("Vary", "").split(",") if v.strip()}
    return vary <= ALLOWED_VARY


def _check(request: HttpRequest, entry: Entry) -> bool | None:
    """True: serve the entry (its throttles counted the request); False: stale; None: fresh but a
    throttle refuses."""
    if time.monotonic() - entry.stored_at >= _timeout():
        return False
    stamp_keys = entry.stamp_keys
    client = shared_redis() if stamp_keys is not None else None
    counted = all(hasattr(throttle, "count") for throttle in entry.throttles)
    if client is not None and counted:
        watched = watch_for(client).values(_full_keys(stamp_keys or ()))
        if watched is None:  # the watch cannot vouch for the stamps now: read them from Redis
            return _check_in_one_round_trip(request, entry, client, stamp_keys or ())
        fresh = _stamp_values(watched) == entry.values  # as Redis last pushed them
    else:
        fresh = tuple(stamp() for stamp in entry.stamps) == entry.values
    if not fresh:
        return False  # the view's throttles count this request
    if counted:
        return _count_throttles(request, entry.throttles)
    return True if all(throttle().allow_request(request, None) for throttle in entry.throttles) else None


def _check_in_one_round_trip(
    request: HttpRequest, entry: Entry, client: Any, stamp_keys: tuple[str, ...]
) -> bool | None:
    counters = [
        counter for throttle in entry.throttles if (counter := throttle().counter(request, None)) is not None
    ]
    if not counters:  # a page: its stamps only
        if len(stamp_keys) == 1:
            replies = [client.get(redis_key(stamp_keys[0]))]
        else:
            replies = client.mget([redis_key(key) for key in stamp_keys])
        return _stamp_values(replies) == entry.values
    pipe = client.pipeline(transaction=True)
    for key in stamp_keys:
        pipe.get(redis_key(key))
    for counter in counters:
        throttling.queue_count(pipe, redis_key(counter.key), counter.window)
    replies = pipe.execute()
    stamps = len(stamp_keys)
    counts = [throttling.counted(replies[at : at + 3]) for at in range(stamps, len(replies), 3)]
    fresh = _stamp_values(replies[:stamps]) == entry.values
    allowed = all(count <= counter.limit for counter, (count, _) in zip(counters, counts, strict=True))
    if fresh and allowed:
        return True
    # Counted already: the view's throttles take these counts instead of counting this request again.
    precounted = {counter.key: found for counter, found in zip(counters, counts, strict=True)}
    setattr(request, throttling.PRECOUNTED_ATTRIBUTE, precounted)
    return None if fresh else False


def _full_keys(stamp_keys: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(redis_key(key) for key in stamp_keys)


def _count_throttles(request: HttpRequest, throttles: Sequence[type]) -> bool | None:
    """A fresh entry's throttles (`api.throttles.ClientThrottle`) count the request where they
    always do; a refused one hands its counts to the view's throttles, which answer the 429."""
    limited = [
        (throttle, counter)
        for throttle in (throttle_class() for throttle_class in throttles)
        if (counter := throttle.counter(request, None)) is not None  # type: ignore[attr-defined]
    ]
    counts = [throttle.count(request, counter) for throttle, counter in limited]  # type: ignore[attr-defined]
    if all(count <= counter.limit for (_, counter), (count, _) in zip(limited, counts, strict=True)):
        return True
    precounted = {counter.key: found for (_, counter), found in zip(limited, counts, strict=True)}
    setattr(request, throttling.PRECOUNTED_ATTRIBUTE, precounted)
    return None


def _stamp_values(replies: Sequence[bytes | None]) -> tuple[str | None, ...]:
    return tuple(None if raw is None else str(redis_value(raw)) for raw in replies)


def _answer(request: HttpRequest, entry: Entry) -> HttpResponse:
    response = HttpResponse(b"" if request.method == "HEAD" else entry.content, status=entry.status)
    # The stored headers passed HttpResponse's checks (latin-1, no line break) when the first answer
    # was made: put into the response's header store as they are, not checked again on every hit.
    response.headers._store.update(entry.header_store)  # type: ignore[attr-defined]
    return response


class SharedPageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if not eligible(request):
            return self.get_response(request)
        key = page_key(request)
        if key is None:
            return self.get_response(request)
        entry = STORE.get(key)
        if entry is not None:
            verdict = _check(request, entry)
            if verdict is True:
                return _answer(request, entry)
            if verdict is False:
                STORE.discard(key)
            # None, refused: down the chain, where the view answers its own 429.
        request._page_key = key  # type: ignore[attr-defined]
        response = self.get_response(request)
        if _storable(request, response):
            stamps, values = request._page_stamps  # type: ignore[attr-defined]
            STORE.put(
                key,
                Entry(
                    stamps=stamps,
                    values=values,
                    stored_at=time.monotonic(),
                    status=response.status_code,
                    header_store={name.lower(): (name, value) for name, value in response.headers.items()},
                    content=response.content,  # type: ignore[attr-defined]
                    throttles=request._page_throttles,  # type: ignore[attr-defined]
                ),
                _max_bytes(),
            )
        return response


def _timeout() -> float:
    return float(getattr(settings, "MOTCUA_CATALOGUE_CACHE_SECONDS", 300))


def _max_bytes() -> int:
    return int(getattr(settings, "MOTCUA_PAGE_CACHE_BYTES", DEFAULT_MAX_BYTES))
