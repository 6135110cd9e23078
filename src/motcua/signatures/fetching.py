"""Fetching OCSP responses, CRLs and issuer certificates for validation: only where we trust, bounded.

A certificate names the addresses its revocation data and issuer come from (AIA caIssuers and
OCSP, CRL distribution points). Whoever uploads a PDF to the public checker chooses those
addresses, so fetching them blindly is a server-side request forgery. Every fetch of validation
and signing therefore goes through `GuardedFetcherBackend`, which:

* fetches only URLs of the allow-list (`FetchPolicy`): the addresses named by the certificates
  of our trust store and certificate register, plus the prefixes and hosts an administrator
  names in MOTCUA_SIGNATURE_FETCH_ALLOW;
* resolves the host itself and connects only to the address it checked (the check sits in the
  resolver aiohttp connects with, so a name cannot resolve to something else in between);
  private and loopback addresses only with MOTCUA_SIGNATURE_FETCH_PRIVATE, link-local,
  multicast and unspecified ones never;
* follows no redirect; reads at most 1 MB of an OCSP response, 10 MB of a CRL and 64 kB of a
  certificate; gives each request MOTCUA_SIGNATURE_FETCH_TIMEOUT seconds, all the fetches of one
  verification MOTCUA_SIGNATURE_FETCH_DEADLINE seconds and MOTCUA_SIGNATURE_FETCH_MAX_REQUESTS
  requests.

What it refuses fails the fetch the way an unreachable server would (pyHanko then reports that
revocation could not be checked) and is kept in `refusals`, from which the verification tells
the reader why, in Vietnamese (`refusal_reasons`).
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import socket
import ssl
import time
from collections.abc import AsyncIterator, Iterable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, replace
from enum import StrEnum
from functools import lru_cache
from typing import Any
from urllib.parse import SplitResult, urlsplit, urlunsplit

import aiohttp
from aiohttp.abc import AbstractResolver, ResolveResult
from aiohttp.resolver import ThreadedResolver
from asn1crypto import x509 as asn1_x509
from pyhanko_certvalidator.fetchers.aiohttp_fetchers.cert_fetch_client import AIOHttpCertificateFetcher
from pyhanko_certvalidator.fetchers.aiohttp_fetchers.crl_client import AIOHttpCRLFetcher
from pyhanko_certvalidator.fetchers.aiohttp_fetchers.ocsp_client import AIOHttpOCSPFetcher
from pyhanko_certvalidator.fetchers.api import FetcherBackend, Fetchers

logger = logging.getLogger(__name__)

OCSP_MAX_BYTES = 1024 * 1024
CRL_MAX_BYTES = 10 * 1024 * 1024
CERT_MAX_BYTES = 64 * 1024
DEFAULT_REQUEST_TIMEOUT = 8.0
DEFAULT_DEADLINE = 20.0
DEFAULT_MAX_REQUESTS = 20
_CHUNK = 64 * 1024


class Kind(StrEnum):
    OCSP = "ocsp"
    CRL = "crl"
    CERT = "cert"


class Refusal(StrEnum):
    """Why a fetch was not made or not finished."""

    NOT_ALLOWED = "not_allowed"
    PRIVATE_ADDRESS = "private_address"
    REDIRECT = "redirect"
    TOO_LARGE = "too_large"
    TIMED_OUT = "timed_out"
    TOO_MANY = "too_many"


REFUSAL_MESSAGES = {
    Refusal.NOT_ALLOWED: (
        "địa chỉ tra cứu ghi trong chứng thư không thuộc danh sách nguồn được phép truy cập "
        "nên hệ thống không truy cập"
    ),
    Refusal.PRIVATE_ADDRESS: "địa chỉ tra cứu trỏ vào mạng nội bộ nên hệ thống không truy cập",
    Refusal.REDIRECT: "máy chủ tra cứu chuyển hướng sang địa chỉ khác; hệ thống không đi theo",
    Refusal.TOO_LARGE: "dữ liệu máy chủ tra cứu trả về vượt quá giới hạn kích thước cho phép",
    Refusal.TIMED_OUT: "máy chủ tra cứu không trả lời trong thời gian cho phép",
    Refusal.TOO_MANY: (
        "việc xác minh cần quá nhiều lượt tra cứu trực tuyến; hệ thống dừng ở giới hạn cho phép"
    ),
}


# URLs ---------------------------------------------------------------------------------------------
def _split(url: str) -> SplitResult | None:
    """The parts of an http(s) URL we are willing to fetch, or None (other schemes, user info, bad port)."""
    try:
        parts = urlsplit(url.strip())
        parts.port  # noqa: B018  (raises ValueError on a bad port)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    if parts.username is not None or parts.password is not None:
        return None  # "http://trusted@evil/" reads differently to different parsers
    return parts


def _port(parts: SplitResult) -> int:
    return parts.port or (443 if parts.scheme.lower() == "https" else 80)


def canonical_url(url: str) -> str | None:
    """One spelling per URL (scheme and host in lower case, no default port, no fragment)."""
    parts = _split(url)
    if parts is None:
        return None
    scheme = parts.scheme.lower()
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    port = _port(parts)
    netloc = host if port == (443 if scheme == "https" else 80) else f"{host}:{port}"
    return urlunsplit((scheme, netloc, parts.path or "/", parts.query, ""))


def urls_named_by(cert: asn1_x509.Certificate) -> set[str]:
    """The OCSP, caIssuers and CRL (also delta CRL) addresses a certificate names, canonical."""
    found: list[str] = []
    try:
        for access in cert.authority_information_access_value or ():
            location = access["access_location"]
            if location.name == "uniform_resource_identifier":
                found.append(location.native)
        for points in (cert.crl_distribution_points_value, cert.freshest_crl_value):
            for point in points or ():
                name = point["distribution_point"]
                if name.name != "full_name":
                    continue
                found.extend(g.native for g in name.chosen if g.name == "uniform_resource_identifier")
    except (ValueError, TypeError, KeyError):  # a malformed extension names nothing we would fetch
        logger.info("certificate extensions not readable while gathering fetch URLs")
    return {c for c in (canonical_url(u) for u in found) if c is not None}


def _entry_matches(entry: str, parts: SplitResult) -> bool:
    """An entry of MOTCUA_SIGNATURE_FETCH_ALLOW: a URL prefix ("http://ca.example/crl/") or a host
    ("ocsp.example", "ocsp.example:8080")."""
    if "://" in entry:
        allowed = _split(entry)
        return (
            allowed is not None
            and allowed.scheme.lower() == parts.scheme.lower()
            and allowed.hostname == parts.hostname
            and _port(allowed) == _port(parts)
            and (parts.path or "/").startswith(allowed.path or "/")
        )
    try:
        allowed = urlsplit("//" + entry.strip())
        port = allowed.port
    except ValueError:
        return False
    return allowed.hostname == parts.hostname and (port is None or port == _port(parts))


# Addresses ----------------------------------------------------------------------------------------
# What MOTCUA_SIGNATURE_FETCH_PRIVATE opens: loopback and the private ranges (RFC 1918, RFC 4193).
# Not the rest of what Python calls private (documentation, benchmarking, reserved ranges).
PRIVATE_NETWORKS = tuple(
    ipaddress.ip_network(n)
    for n in ("127.0.0.0/8", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "::1/128", "fc00::/7")
)


def address_refusal(address: str, *, allow_private: bool) -> Refusal | None:
    """None when we may connect to `address`; link-local (cloud metadata), multicast and unspecified
    addresses never, private and loopback ones only when allowed."""
    try:
        ip: ipaddress.IPv4Address | ipaddress.IPv6Address = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return Refusal.PRIVATE_ADDRESS
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if ip.is_link_local or ip.is_multicast or ip.is_unspecified:
        return Refusal.PRIVATE_ADDRESS
    if ip.is_global:
        return None
    if allow_private and any(ip in network for network in PRIVATE_NETWORKS if network.version == ip.version):
        return None
    return Refusal.PRIVATE_ADDRESS


# The policy ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class FetchPolicy:
    """What one verification or signing may fetch. Picklable: it travels to the verification worker."""

    allowed_urls: frozenset[str] = frozenset()
    allowed_entries: tuple[str, ...] = ()
    allow_private: bool = False
    request_timeout: float = DEFAULT_REQUEST_TIMEOUT
    deadline: float = DEFAULT_DEADLINE
    max_requests: int = DEFAULT_MAX_REQUESTS
    ocsp_max_bytes: int = OCSP_MAX_BYTES
    crl_max_bytes: int = CRL_MAX_BYTES
    cert_max_bytes: int = CERT_MAX_BYTES
    # Keep OCSP responses and CRLs between operations until their nextUpdate (`revocation`).
    revocation_cache: bool = False

    def max_bytes(self, kind: Kind) -> int:
        if kind == Kind.OCSP:
            return self.ocsp_max_bytes
        return self.crl_max_bytes if kind == Kind.CRL else self.cert_max_bytes

    def permits(self, url: str) -> bool:
        parts = _split(url)
        if parts is None:
            return False
        if canonical_url(url) in self.allowed_urls:
            return True
        return any(_entry_matches(entry, parts) for entry in self.allowed_entries)

    def adding(self, urls: Iterable[str]) -> FetchPolicy:
        """This policy, also allowing `urls` (e.g. those our own certificates name)."""
        extra = {c for c in (canonical_url(u) for u in urls) if c is not None}
        return replace(self, allowed_urls=self.allowed_urls | extra) if extra else self

    def adding_certificates(self, certs: Iterable[asn1_x509.Certificate]) -> FetchPolicy:
        return self.adding(url for cert in certs for url in urls_named_by(cert))


NOTHING = FetchPolicy()


def policy_from_settings(urls: Iterable[str] = ()) -> FetchPolicy:
    """The settings' part of the policy (MOTCUA_SIGNATURE_FETCH_*), allowing `urls` besides."""
    from . import conf

    return FetchPolicy(
        allowed_entries=conf.fetch_allow(),
        allow_private=conf.fetch_private(),
        request_timeout=conf.fetch_timeout(),
        deadline=conf.fetch_deadline(),
        max_requests=conf.fetch_max_requests(),
        revocation_cache=conf.revocation_cache(),
    ).adding(urls)


# The backend --------------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def tls_context() -> ssl.SSLContext:
    """One TLS client context per process: loading certifi's bundle costs ~15 ms a time."""
    import certifi

    return ssl.create_default_context(cafile=certifi.where())


class FetchRefused(aiohttp.ClientError):
    """A fetch the policy forbids or a limit cut short. An aiohttp error, so pyHanko's fetchers turn
    it into their usual "could not fetch" error."""

    def __init__(self, refusal: Refusal) -> None:
        super().__init__(refusal.value)
        self.refusal = refusal


class _CheckedResolver(AbstractResolver):
    """Resolves as usual, then refuses the whole name if any of its addresses may not be reached.

    aiohttp connects to the addresses this returns, so what was checked is what is connected to."""

    def __init__(self, *, allow_private: bool) -> None:
        self._inner = ThreadedResolver()
        self._allow_private = allow_private

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        results = await self._inner.resolve(host, port, family)
        for result in results:
            refusal = address_refusal(result["host"], allow_private=self._allow_private)
            if refusal is not None:
                raise FetchRefused(refusal)
        return results

    async def close(self) -> None:
        await self._inner.close()


@dataclass(frozen=True)
class _Fetched:
    """A response already read (and bounded): what pyHanko's fetchers read from."""

    body: bytes
    headers: Any
    request_info: Any
    history: Any

    async def read(self) -> bytes:
        return self.body


class _Door:
    """Stands where pyHanko's aiohttp fetchers expect a session: every request goes through the guard."""

    def __init__(self, backend: GuardedFetcherBackend, kind: Kind) -> None:
        self._backend = backend
        self._kind = kind

    def get(self, url: str, **kwargs: Any) -> Any:
        return self._backend.request("GET", url, self._kind, headers=kwargs.get("headers"))

    def post(self, url: str, **kwargs: Any) -> Any:
        return self._backend.request(
            "POST", url, self._kind, headers=kwargs.get("headers"), data=kwargs.get("data")
        )


@dataclass(frozen=True)
class RefusedFetch:
    url: str
    kind: Kind
    refusal: Refusal


class GuardedFetcherBackend(FetcherBackend):
    """pyHanko fetchers that ask `policy` before every request. One per verification or signing:
    the request count, the deadline and the cache of fetched URLs are the whole operation's."""

    def __init__(self, policy: FetchPolicy) -> None:
        self.policy = policy
        self.refusals: list[RefusedFetch] = []
        self.requests = 0
        self._started = time.monotonic()
        self._client: aiohttp.ClientSession | None = None
        self._cache: dict[str, _Fetched | BaseException] = {}

    def get_fetchers(self) -> Fetchers:
        # pyHanko's own fetchers build the requests and parse the answers; the guard stands where
        # they expect an aiohttp session.
        timeout = self.policy.request_timeout
        ocsp_fetcher: Any = AIOHttpOCSPFetcher(self._door(Kind.OCSP), per_request_timeout=timeout)
        if self.policy.revocation_cache:
            from .revocation import CachingOCSPFetcher

            ocsp_fetcher = CachingOCSPFetcher(
                ocsp_fetcher, permits=self.policy.permits, scope=self.policy.allow_private
            )
        return Fetchers(
            ocsp_fetcher=ocsp_fetcher,
            crl_fetcher=AIOHttpCRLFetcher(self._door(Kind.CRL), per_request_timeout=timeout),
            cert_fetcher=AIOHttpCertificateFetcher(self._door(Kind.CERT), per_request_timeout=timeout),
        )

    def _door(self, kind: Kind) -> Any:
        return _Door(self, kind)

    async def close(self) -> None:
        client, self._client = self._client, None
        if client is not None:
            await client.close()

    def _session(self) -> aiohttp.ClientSession:
        if self._client is None:
            connector = aiohttp.TCPConnector(
                resolver=_CheckedResolver(allow_private=self.policy.allow_private),
                ssl=tls_context(),
                limit=8,
            )
            # No proxy from the environment (it would resolve names we never checked), nothing
            # decompressed (a small gzip body can inflate beyond any size limit).
            self._client = aiohttp.ClientSession(connector=connector, trust_env=False, auto_decompress=False)
        return self._client

    @asynccontextmanager
    async def request(
        self, method: str, url: str, kind: Kind, *, headers: Any = None, data: bytes | None = None
    ) -> AsyncIterator[_Fetched]:
        # Issuer certificates and CRLs are the same for everyone: fetched once per operation.
        # OCSP requests carry a fresh nonce each, so they are not.
        key = url if method == "GET" else None
        cached = self._cache.get(key) if key is not None else None
        if isinstance(cached, BaseException):
            if isinstance(cached, FetchRefused):  # each signature's report says it again
                self.refusals.append(RefusedFetch(url, kind, cached.refusal))
            raise cached
        if cached is not None:
            yield cached
            return
        shared = None
        try:
            shared = self._from_revocation_cache(url, kind) if key is not None else None
            fetched = shared or await self._fetch(method, url, kind, headers=headers, data=data)
        except FetchRefused as exc:
            self.refusals.append(RefusedFetch(url, kind, exc.refusal))
            logger.info("signature validation: %s fetch of %s refused (%s)", kind, url, exc.refusal)
            if key is not None:
                self._cache[key] = exc
            raise
        except aiohttp.ClientError as exc:
            if key is not None:
                self._cache[key] = exc
            raise
        if key is not None:
            self._cache[key] = fetched
            if shared is None:
                self._keep_in_revocation_cache(url, kind, fetched)
        yield fetched

    def _revocation_key(self, url: str, kind: Kind) -> tuple[str, bool, str] | None:
        if kind != Kind.CRL or not self.policy.revocation_cache:
            return None
        return ("crl", self.policy.allow_private, canonical_url(url) or url)

    def _from_revocation_cache(self, url: str, kind: Kind) -> _Fetched | None:
        """A CRL kept from an earlier operation, if the policy lets this one fetch its URL."""
        key = self._revocation_key(url, kind)
        if key is None:
            return None
        self._check(url)  # the same refusals as a fetch: the cache never widens the policy
        from .revocation import CACHE

        return CACHE.get(key)  # type: ignore[no-any-return]

    def _keep_in_revocation_cache(self, url: str, kind: Kind, fetched: _Fetched) -> None:
        key = self._revocation_key(url, kind)
        if key is None:
            return
        from asn1crypto import crl, pem

        from .revocation import CACHE, crl_window

        try:
            body = fetched.body
            if pem.detect(body):
                _, _, body = pem.unarmor(body)
            window = crl_window(crl.CertificateList.load(body))
        except ValueError:
            return  # not a CRL: pyHanko reports it; nothing kept
        CACHE.put(key, fetched, window, size=len(fetched.body))

    def _check(self, url: str) -> SplitResult:
        """The policy's refusals that need no network: not allowed, a forbidden address literal."""
        policy = self.policy
        parts = _split(url)
        if parts is None or not policy.permits(url):
            raise FetchRefused(Refusal.NOT_ALLOWED)
        try:  # aiohttp does not resolve an address literal, so it is checked here
            ipaddress.ip_address((parts.hostname or "").split("%", 1)[0])
        except ValueError:
            pass
        else:
            refusal = address_refusal(parts.hostname or "", allow_private=policy.allow_private)
            if refusal is not None:
                raise FetchRefused(refusal)
        return parts

    async def _fetch(
        self, method: str, url: str, kind: Kind, *, headers: Any, data: bytes | None
    ) -> _Fetched:
        policy = self.policy
        self._check(url)
        remaining = policy.deadline - (time.monotonic() - self._started)
        if remaining <= 0:
            raise FetchRefused(Refusal.TIMED_OUT)
        if self.requests >= policy.max_requests:
            raise FetchRefused(Refusal.TOO_MANY)
        self.requests += 1
        limit = policy.max_bytes(kind)
        sent = {**(headers or {}), "Accept-Encoding": "identity"}
        try:
            async with asyncio.timeout(min(policy.request_timeout, remaining)):
                async with self._session().request(
                    method, url, headers=sent, data=data, allow_redirects=False
                ) as response:
                    if 300 <= response.status < 400:
                        raise FetchRefused(Refusal.REDIRECT)
                    response.raise_for_status()
                    if response.content_length is not None and response.content_length > limit:
                        response.close()
                        raise FetchRefused(Refusal.TOO_LARGE)
                    body = bytearray()
                    async for chunk in response.content.iter_chunked(_CHUNK):
                        body += chunk
                        if len(body) > limit:
                            response.close()  # stop reading: the connection goes, not back to the pool
                            raise FetchRefused(Refusal.TOO_LARGE)
                    return _Fetched(bytes(body), response.headers, response.request_info, response.history)
        except TimeoutError as exc:
            raise FetchRefused(Refusal.TIMED_OUT) from exc


# Telling the reader -------------------------------------------------------------------------------
def refusal_reasons(refusals: Sequence[RefusedFetch], certs: Iterable[asn1_x509.Certificate]) -> list[str]:
    """One Vietnamese sentence per certificate and cause: whose revocation (or issuer) could not be
    checked, and why. `certs` are the certificates the signature brought or was validated with."""
    from .reports import CertificateSummary

    named: dict[str, str] = {}
    for cert in certs:
        for url in urls_named_by(cert):
            named.setdefault(url, CertificateSummary.of(cert).common_name)
    reasons: list[str] = []
    for refused in refusals:
        who = named.get(canonical_url(refused.url) or "")
        whose = f"chứng thư số “{who}”" if who else "một chứng thư số trong chuỗi"
        if refused.kind == Kind.CERT:
            what = f"Không tải được chứng thư số của tổ chức đã cấp {whose}"
        else:
            what = f"Không kiểm tra được tình trạng thu hồi (OCSP/CRL) của {whose}"
        reason = f"{what}: {REFUSAL_MESSAGES[refused.refusal]}."
        if reason not in reasons:
            reasons.append(reason)
    return reasons
