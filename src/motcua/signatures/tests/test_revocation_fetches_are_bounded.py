"""Fetching revocation data is bounded: size, time, number of requests, no redirects.

The responder here is allowed (on the allow-list, loopback allowed) but hostile or broken: an
endless body, a declared huge body, a slow answer, a redirect to another loopback server. The
fetch is cut short and the verdict still comes, with the reason.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest

from motcua.signatures import conf, pdfsign
from motcua.signatures.fetching import (
    CERT_MAX_BYTES,
    CRL_MAX_BYTES,
    OCSP_MAX_BYTES,
    FetchPolicy,
    FetchRefused,
    GuardedFetcherBackend,
    Kind,
    Refusal,
)
from motcua.signatures.keys import signer_from_key
from motcua.signatures.testing.documents import result_pdf
from motcua.signatures.testing.pki import Party, Pki, build_test_pki
from motcua.signatures.testing.victim import Victim
from motcua.signatures.verification import Verdict, verify_pdf

# What the kernel's socket buffers can hold on loopback besides what the client read.
BUFFERED = 16 * 1024 * 1024


@pytest.fixture(scope="module")
def responder() -> Iterator[Victim]:
    with Victim() as server:
        yield server


@pytest.fixture(scope="module")
def bystander() -> Iterator[Victim]:
    """Another loopback server, where a redirect points."""
    with Victim() as server:
        yield server


@pytest.fixture(scope="module")
def stranger(responder: Victim, tmp_path_factory: pytest.TempPathFactory) -> Pki:
    party = Party("official", "Người Lạ", organization="Không rõ", ca_issuers=True)
    return build_test_pki(tmp_path_factory.mktemp("stranger"), port=responder.port, parties=[party])


@pytest.fixture(scope="module")
def document(stranger: Pki) -> bytes:
    chain = [stranger.cert("ca")]
    signer = signer_from_key(stranger.private_key("official"), stranger.cert("official"), chain)
    return pdfsign.sign_pdf(result_pdf(), signer=signer, field_name="Signature1", level="B-B")


@pytest.fixture
def allowed(responder: Victim, bystander: Victim) -> Iterator[Any]:
    """The responder on the allow-list, loopback allowed; each test sets what it measures."""
    for server in (responder, bystander):
        server.requests.clear()
        server.bytes_sent = 0
        server.behaviour, server.delay = "record", 0.0
    with conf.overrides_kept():
        conf.override(fetch_private=True, fetch_allow=responder.url)
        yield conf.override


def verify(stranger: Pki, document: bytes) -> tuple[Any, float]:
    started = time.monotonic()
    report = verify_pdf(document, trust_roots=[stranger.cert("root")], with_xml=False)
    return report, time.monotonic() - started


def reasons(report: Any) -> str:
    return " ".join(r for s in report.signatures for r in s.reasons)


@pytest.mark.parametrize("behaviour", ["endless", "huge"])
def test_an_oversized_answer_is_cut_at_the_limit_and_the_verdict_comes(
    allowed, responder, stranger, document, behaviour
):
    responder.behaviour = behaviour
    allowed(fetch_timeout=60)  # the size limit must be what stops it, not the clock

    report, elapsed = verify(stranger, document)

    assert responder.requests
    assert report.verdict == Verdict.INDETERMINATE
    assert "vượt quá giới hạn kích thước cho phép" in reasons(report)
    assert responder.bytes_sent < CRL_MAX_BYTES + BUFFERED
    assert elapsed < 30


def test_a_slow_responder_hits_the_timeout(allowed, responder, stranger, document):
    responder.behaviour, responder.delay = "slow", 30
    allowed(fetch_timeout=1)

    report, elapsed = verify(stranger, document)

    assert responder.requests
    assert report.verdict == Verdict.INDETERMINATE
    assert "không trả lời trong thời gian cho phép" in reasons(report)
    assert elapsed < 15


def test_the_deadline_bounds_all_the_fetches_of_a_verification(allowed, responder, stranger, document):
    responder.behaviour, responder.delay = "slow", 30
    allowed(fetch_timeout=20, fetch_deadline=1)

    report, elapsed = verify(stranger, document)

    assert report.verdict == Verdict.INDETERMINATE
    assert "không trả lời trong thời gian cho phép" in reasons(report)
    assert elapsed < 15


def test_a_redirect_to_a_private_address_is_not_followed(allowed, responder, bystander, stranger, document):
    responder.behaviour, responder.redirect_to = "redirect", f"{bystander.url}/latest.crl"

    report, _elapsed = verify(stranger, document)

    assert responder.requests
    assert bystander.requests == []
    assert report.verdict == Verdict.INDETERMINATE
    assert "chuyển hướng sang địa chỉ khác" in reasons(report)


# The backend itself: each kind's size limit, the number of requests, one request per URL --------
async def _fetch(backend: GuardedFetcherBackend, method: str, url: str, kind: Kind) -> bytes:
    async with backend.request(method, url, kind, data=b"request" if method == "POST" else None) as got:
        return await got.read()


@pytest.mark.parametrize(
    ("kind", "method", "limit"),
    [
        (Kind.OCSP, "POST", OCSP_MAX_BYTES),
        (Kind.CRL, "GET", CRL_MAX_BYTES),
        (Kind.CERT, "GET", CERT_MAX_BYTES),
    ],
)
def test_each_kind_of_answer_has_its_size_limit(responder, kind, method, limit):
    responder.requests.clear()
    responder.behaviour, responder.bytes_sent = "endless", 0
    backend = GuardedFetcherBackend(FetchPolicy(allow_private=True, allowed_entries=(responder.url,)))

    async def run() -> None:
        try:
            with pytest.raises(FetchRefused) as refused:
                await _fetch(backend, method, f"{responder.url}/{kind}", kind)
        finally:
            await backend.close()
        assert refused.value.refusal == Refusal.TOO_LARGE

    pdfsign.run_sync(run())

    assert responder.requests == [(method, f"/{kind}")]
    assert responder.bytes_sent < limit + BUFFERED


def test_requests_are_counted_and_each_url_is_fetched_once(responder):
    responder.requests.clear()
    responder.behaviour = "record"
    policy = FetchPolicy(allow_private=True, allowed_entries=(responder.url,), max_requests=2)
    backend = GuardedFetcherBackend(policy)
    outcomes: list[str] = []

    async def run() -> None:
        for path in ("/a.crl", "/a.crl", "/b.crl", "/c.crl"):
            try:
                await _fetch(backend, "GET", responder.url + path, Kind.CRL)
            except FetchRefused as exc:
                outcomes.append(exc.refusal)
            except Exception as exc:  # the responder's 404
                outcomes.append(type(exc).__name__)
        await backend.close()

    pdfsign.run_sync(run())

    assert responder.requests == [("GET", "/a.crl"), ("GET", "/b.crl")]
    assert outcomes == ["ClientResponseError", "ClientResponseError", "ClientResponseError", Refusal.TOO_MANY]
