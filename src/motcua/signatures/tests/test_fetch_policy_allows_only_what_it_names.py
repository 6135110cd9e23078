"""The fetch policy, as pure functions: which URLs it permits, which addresses may be connected to."""

from __future__ import annotations

import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

from motcua.signatures.fetching import FetchPolicy, Refusal, address_refusal, canonical_url, urls_named_by

ALWAYS_REFUSED = [
    "169.254.169.254",  # cloud metadata
    "fe80::1",
    "0.0.0.0",
    "::",
    "224.0.0.1",
    "ff02::1",
    "240.0.0.1",
    "100.64.0.1",  # carrier-grade NAT: neither global nor private
    "::ffff:169.254.169.254",
    "192.0.2.1",  # documentation: private to Python, not a network anybody runs a CA on
    "198.18.0.1",
]
PRIVATE = [
    "127.0.0.1",
    "127.8.9.10",
    "::1",
    "10.1.2.3",
    "172.16.0.1",
    "192.168.1.1",
    "fd12::1",
    "::ffff:127.0.0.1",
    "::ffff:10.0.0.1",
]


@pytest.mark.parametrize("address", ["8.8.8.8", "203.162.4.191", "2001:4860:4860::8888"])
def test_global_addresses_may_be_reached(address):
    assert address_refusal(address, allow_private=False) is None


@pytest.mark.parametrize("address", PRIVATE)
def test_private_and_loopback_addresses_only_when_allowed(address):
    assert address_refusal(address, allow_private=False) == Refusal.PRIVATE_ADDRESS
    assert address_refusal(address, allow_private=True) is None


@pytest.mark.parametrize("address", ALWAYS_REFUSED)
def test_link_local_multicast_unspecified_and_reserved_addresses_never(address):
    assert address_refusal(address, allow_private=True) == Refusal.PRIVATE_ADDRESS


def test_exact_urls_are_compared_in_one_spelling():
    policy = FetchPolicy().adding(["http://ca.example/ocsp"])

    assert policy.permits("http://CA.Example:80/ocsp")
    assert policy.permits("http://ca.example/ocsp#fragment")
    assert not policy.permits("http://ca.example/ocsp2")
    assert not policy.permits("https://ca.example/ocsp")
    assert not policy.permits("http://ca.example:8080/ocsp")


def test_a_host_entry_allows_that_host_only():
    policy = FetchPolicy(allowed_entries=("ca.example", "ocsp.example:8080"))

    assert policy.permits("http://ca.example/a.crl")
    assert policy.permits("https://ca.example:8443/b.crl")
    assert not policy.permits("http://ca.example.evil/a.crl")
    assert not policy.permits("http://evilca.example/a.crl")
    assert policy.permits("http://ocsp.example:8080/")
    assert not policy.permits("http://ocsp.example/")


def test_a_prefix_entry_allows_what_lies_below_it():
    policy = FetchPolicy(allowed_entries=("http://ca.example/crl/",))

    assert policy.permits("http://ca.example/crl/a.crl")
    assert not policy.permits("http://ca.example/other")
    assert not policy.permits("http://ca.example:81/crl/a.crl")
    assert not policy.permits("https://ca.example/crl/a.crl")


@pytest.mark.parametrize(
    "url",
    [
        "http://ca.example@evil.example/a.crl",  # user info: parsers disagree on the host
        "http://user:pw@ca.example/a.crl",
        "ldap://ca.example/cn=CA?certificateRevocationList",
        "file:///etc/passwd",
        "gopher://ca.example:70/_x",
        "http://ca.example:99999/a.crl",
        "http:///a.crl",
        "",
    ],
)
def test_nothing_but_plain_http_and_https_urls(url):
    policy = FetchPolicy(allowed_entries=("ca.example", "evil.example", "http://ca.example/"))

    assert not policy.permits(url)
    assert canonical_url(url) is None


hosts = st.from_regex(
    r"[a-z0-9]([a-z0-9-]{0,20}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,20}[a-z0-9])?){0,3}", fullmatch=True
)


@given(host=hosts)
def test_a_host_entry_never_lets_another_host_in(host):
    policy = FetchPolicy(allowed_entries=("ca.example",))

    assert policy.permits(f"http://{host}/a.crl") == (host == "ca.example")
    assert not policy.permits(f"http://ca.example@{host}/a.crl")
    assert not policy.permits(f"http://ca.example.{host}/a.crl")


def test_a_policy_travels_to_the_worker_process_as_it_is():
    policy = FetchPolicy(allowed_entries=("ca.example",), allow_private=True).adding(
        ["http://x.example/ocsp"]
    )

    assert pickle.loads(pickle.dumps(policy)) == policy


def test_a_certificate_names_its_ocsp_crl_and_issuer_addresses(pki):
    named = urls_named_by(pki.cert("official"))

    assert f"{pki.url}/motcua/ocsp/ca" in named
    assert f"{pki.url}/motcua/crls/ca/latest.crl" in named
    assert urls_named_by(pki.cert("root")) == set()  # a root names nothing in the test PKI
