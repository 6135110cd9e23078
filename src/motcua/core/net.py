"""Who is on the other end of a request: the one rule for the client's address.

Every limit (login lockout, submission limits, API throttles, tracking) and every audit row takes the
address from here, so that no door can be tricked by a header another door ignores.

Without reverse proxies (`MOTCUA_TRUSTED_PROXIES = 0`, the default) the client is the peer of the
connection; a client's `X-Forwarded-For` is never read. Behind N proxies, each proxy appends the
address it saw, so the N-th entry from the right is what the outermost trusted proxy saw; entries
further left were written by the client and mean nothing. With `MOTCUA_TRUSTED_PROXY_NETWORKS`, the
header is read only when the peer is inside one of those networks (a request that bypassed the
proxies is keyed on its own address).
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache
from typing import Any, Protocol

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
UNKNOWN = "unknown"
# One IPv6 subscriber usually holds a whole /64: limits count the network, not each of its addresses.
IPV6_LIMIT_PREFIX = 64


class HasMeta(Protocol):
    META: Any


@lru_cache(maxsize=4096)  # a pure function of its text; every request of a client asks it again
def parse_address(value: str) -> str | None:
    """The address in canonical form, or None when `value` is not one.

    Accepts what proxies write: `203.0.113.7`, `2001:db8::1`, `[2001:db8::1]`, and either with a
    port (`203.0.113.7:51000`, `[2001:db8::1]:51000`). IPv4-mapped IPv6 becomes IPv4.
    """
    text = value.strip()
    if text.startswith("["):
        text, closed, port = text[1:].partition("]")
        if not closed or (port and not (port.startswith(":") and port[1:].isdigit())):
            return None
    elif text.count(":") == 1:
        text, _, port = text.partition(":")  # IPv4 with a port
        if not port.isdigit():
            return None
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.compressed


@lru_cache(maxsize=8)
def _networks(spec: tuple[str, ...]) -> tuple[IPNetwork, ...]:
    try:
        return tuple(ipaddress.ip_network(item, strict=False) for item in spec)
    except ValueError as exc:
        raise ImproperlyConfigured(f"MOTCUA_TRUSTED_PROXY_NETWORKS: {exc}") from exc


def _from_trusted_peer(peer: str | None) -> bool:
    spec = tuple(getattr(settings, "MOTCUA_TRUSTED_PROXY_NETWORKS", ()) or ())
    if not spec:
        return True
    if peer is None:
        return False
    address = ipaddress.ip_address(peer)
    return any(address in network for network in _networks(spec))


def client_address(request: HasMeta) -> str:
    """The client's address (canonical text), or 'unknown' when the server gave none."""
    meta = request.META
    peer = parse_address(str(meta.get("REMOTE_ADDR") or ""))
    proxies = int(settings.MOTCUA_TRUSTED_PROXIES)
    if proxies > 0 and _from_trusted_peer(peer):
        # Only the last `proxies` entries matter; rsplit keeps a long forged prefix unparsed.
        header = str(meta.get("HTTP_X_FORWARDED_FOR") or "")
        entries = [e for e in header.rsplit(",", proxies)[-proxies:] if e.strip()] if header else []
        if len(entries) >= proxies:
            seen = parse_address(entries[-proxies])
            if seen is not None:
                return seen
        # A proxy that wrote no usable entry: key the request on the proxy itself, which is safe
        # (it limits more, never less).
    return peer or UNKNOWN


def client_ip(request: HasMeta) -> str | None:
    """`client_address`, or None when there is none (for GenericIPAddressField columns)."""
    address = client_address(request)
    return None if address == UNKNOWN else address


@lru_cache(maxsize=4096)
def limit_key(address: str) -> str:
    """The part of a counter's key that names the client: an IPv4 address, or an IPv6 /64."""
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address[:45] or UNKNOWN
    if isinstance(parsed, ipaddress.IPv6Address):
        return ipaddress.IPv6Network((parsed, IPV6_LIMIT_PREFIX), strict=False).compressed
    return parsed.compressed


def request_limit_key(request: HasMeta) -> str:
    """`limit_key(client_address(request))`: what every per-client counter is keyed on."""
    return limit_key(client_address(request))
