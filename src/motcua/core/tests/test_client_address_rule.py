"""One rule for the client's address: the peer, or what the outermost of N trusted proxies saw."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from motcua.core.net import client_address, client_ip, limit_key, parse_address


def request(peer: str | None = "10.0.0.2", forwarded: str | None = None):  # type: ignore[no-untyped-def]
    extra = {"REMOTE_ADDR": peer} if peer is not None else {}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    made = RequestFactory().get("/", **extra)
    if peer is None:
        del made.META["REMOTE_ADDR"]
    return made


def test_without_proxies_a_clients_header_is_never_read(settings):
    settings.MOTCUA_TRUSTED_PROXIES = 0
    assert client_address(request("198.51.100.7", "203.0.113.1")) == "198.51.100.7"


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (1, "203.0.113.1", "203.0.113.1"),
        # The client wrote the first entry; one proxy appended the second.
        (1, "1.2.3.4, 203.0.113.1", "203.0.113.1"),
        # Two proxies: the outer one appended the client, the inner one the outer proxy.
        (2, "1.2.3.4, 203.0.113.1, 10.0.0.9", "203.0.113.1"),
        (2, "203.0.113.1,10.0.0.9", "203.0.113.1"),
        # Fewer entries than proxies, or an entry that is no address: the peer, never a guess.
        (2, "203.0.113.1", "10.0.0.2"),
        (1, "", "10.0.0.2"),
        (1, "unknown", "10.0.0.2"),
        (1, "1.2.3.4, <script>", "10.0.0.2"),
        # What proxies write: ports, brackets, IPv4 inside IPv6.
        (1, "203.0.113.1:51000", "203.0.113.1"),
        (1, "[2001:db8::1]:443", "2001:db8::1"),
        (1, "2001:DB8:0:0::1", "2001:db8::1"),
        (1, "::ffff:203.0.113.1", "203.0.113.1"),
    ],
)
def test_behind_n_proxies_the_nth_entry_from_the_right(settings, proxies, forwarded, expected):
    settings.MOTCUA_TRUSTED_PROXIES = proxies
    assert client_address(request("10.0.0.2", forwarded)) == expected


def test_a_long_forged_header_is_not_parsed(settings):
    settings.MOTCUA_TRUSTED_PROXIES = 1
    forged = ",".join(["1.1.1.1"] * 5000) + ", 203.0.113.1"
    assert client_address(request("10.0.0.2", forged)) == "203.0.113.1"


def test_the_header_is_read_only_from_trusted_proxy_networks(settings):
    settings.MOTCUA_TRUSTED_PROXIES = 1
    settings.MOTCUA_TRUSTED_PROXY_NETWORKS = ["10.0.0.0/8", "fd00::/8"]
    assert client_address(request("10.1.2.3", "203.0.113.1")) == "203.0.113.1"
    # Somebody reaching the web process around the proxy speaks for nobody but themselves.
    assert client_address(request("198.51.100.7", "203.0.113.1")) == "198.51.100.7"


def test_no_peer_is_unknown_and_no_ip_for_the_audit(settings):
    settings.MOTCUA_TRUSTED_PROXIES = 0
    assert client_address(request(None)) == "unknown"
    assert client_ip(request(None)) is None
    assert client_ip(request("198.51.100.7")) == "198.51.100.7"


def test_limits_count_an_ipv6_subscriber_by_its_64():
    assert limit_key("2001:db8:1:2:aaaa::1") == limit_key("2001:db8:1:2:bbbb::9") == "2001:db8:1:2::/64"
    assert limit_key("2001:db8:1:3::1") != limit_key("2001:db8:1:2::1")
    assert limit_key("203.0.113.1") == "203.0.113.1"


@pytest.mark.parametrize("text", ["", "x", "1.2.3", "999.1.1.1", "[::1", "1.2.3.4:5:6"])
def test_what_is_not_an_address_is_none(text):
    assert parse_address(text) is None
