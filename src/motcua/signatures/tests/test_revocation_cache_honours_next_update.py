"""OCSP responses and CRLs are kept between verifications only inside their own validity window:
never at or after nextUpdate, never before thisUpdate, never without a nextUpdate; so a certificate
revoked while a "good" answer was kept is seen as revoked once that answer's nextUpdate passes."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from asn1crypto import ocsp as asn1_ocsp
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.x509 import ocsp

from motcua.signatures import conf, revocation
from motcua.signatures.revocation import CachingOCSPFetcher, RevocationCache, Window
from motcua.signatures.verification import Verdict, verify_pdf

T0 = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


def test_kept_until_next_update_and_not_a_moment_longer():
    clock = Clock()
    cache = RevocationCache(clock=clock)

    assert cache.put("k", "good", Window(T0, T0 + timedelta(minutes=10)))
    clock.now = T0 + timedelta(minutes=9, seconds=59)
    assert cache.get("k") == "good"
    clock.now = T0 + timedelta(minutes=10)
    assert cache.get("k") is None
    assert len(cache) == 0  # dropped, not just hidden


def test_not_served_before_this_update():
    clock = Clock()
    cache = RevocationCache(clock=clock)
    cache.put("k", "good", Window(T0, T0 + timedelta(hours=1)))

    clock.now = T0 - timedelta(seconds=1)  # our clock behind the responder's

    assert cache.get("k") is None


@pytest.mark.parametrize(
    "window",
    [
        None,
        Window(T0 - timedelta(hours=1), None),  # "newer information is always available"
        Window(T0 - timedelta(hours=1), T0),  # already at its nextUpdate
        Window(T0 + timedelta(minutes=1), T0 + timedelta(hours=1)),  # from the future
    ],
)
def test_what_has_no_usable_window_is_not_kept(window):
    cache = RevocationCache(clock=Clock())

    assert cache.put("k", "x", window) is False
    assert cache.get("k") is None


def test_bounded_in_entries_and_bytes_least_recently_used_first():
    cache = RevocationCache(clock=Clock(), max_entries=2, max_bytes=100)
    window = Window(T0, T0 + timedelta(hours=1))
    cache.put("a", 1, window, size=10)
    cache.put("b", 2, window, size=10)
    cache.get("a")
    cache.put("c", 3, window, size=10)

    assert (cache.get("a"), cache.get("b"), cache.get("c")) == (1, None, 3)
    cache.put("d", 4, window, size=95)
    assert len(cache) == 1
    assert cache.get("d") == 4
    assert cache.put("e", 5, window, size=101) is False


# The OCSP fetcher over real OCSP responses ---------------------------------------------------------
def _response(pki, label: str, status: ocsp.OCSPCertStatus, this: datetime, next_: datetime | None):
    cert = x509.load_der_x509_certificate(pki.cert(label).dump())
    issuer = x509.load_der_x509_certificate(pki.cert("ca").dump())
    responder = x509.load_der_x509_certificate(pki.cert("ocsp").dump())
    key = serialization.load_der_private_key(pki.private_key("ocsp").dump(), password=None)
    built = (
        ocsp.OCSPResponseBuilder()
        .add_response(
            cert=cert,
            issuer=issuer,
            algorithm=hashes.SHA1(),
            cert_status=status,
            this_update=this,
            next_update=next_,
            revocation_time=this if status == ocsp.OCSPCertStatus.REVOKED else None,
            revocation_reason=None,
        )
        .responder_id(ocsp.OCSPResponderEncoding.HASH, responder)
        .sign(key, hashes.SHA256())
    )
    return asn1_ocsp.OCSPResponse.load(built.public_bytes(serialization.Encoding.DER))


class Responder:
    """Stands for the guarded network fetcher: answers what it is told, counts the questions."""

    def __init__(self, answer) -> None:  # type: ignore[no-untyped-def]
        self.answer = answer
        self.asked = 0

    async def fetch(self, cert, authority):  # type: ignore[no-untyped-def]
        self.asked += 1
        return self.answer


def _status(response) -> str:  # type: ignore[no-untyped-def]
    data = response["response_bytes"]["response"].parsed["tbs_response_data"]
    return str(data["responses"][0]["cert_status"].name)


def test_a_certificate_revoked_after_the_cached_answer_expired_is_seen_as_revoked(pki):
    from pyhanko_certvalidator.authority import CertTrustAnchor

    from motcua.signatures.pdfsign import run_sync

    clock = Clock()
    cache = RevocationCache(clock=clock)
    good = _response(pki, "official", ocsp.OCSPCertStatus.GOOD, T0, T0 + timedelta(minutes=10))
    revoked = _response(pki, "official", ocsp.OCSPCertStatus.REVOKED, T0, T0 + timedelta(minutes=10))
    responder = Responder(good)
    cert, authority = pki.cert("official"), CertTrustAnchor(pki.cert("ca")).authority

    def ask() -> str:
        fetcher = CachingOCSPFetcher(responder, permits=lambda url: True, cache=cache)  # one per operation
        return _status(run_sync(fetcher.fetch(cert, authority)))

    assert ask() == "good"
    assert responder.asked == 1
    responder.answer = revoked  # the CA revokes; the kept answer is still within its window
    clock.now = T0 + timedelta(minutes=5)
    assert ask() == "good"
    assert responder.asked == 1
    clock.now = T0 + timedelta(minutes=10)  # its nextUpdate: never used from here on
    assert ask() == "revoked"
    assert responder.asked == 2


def test_an_answer_without_next_update_is_asked_for_every_time(pki):
    from pyhanko_certvalidator.authority import CertTrustAnchor

    from motcua.signatures.pdfsign import run_sync

    cache = RevocationCache(clock=Clock())
    responder = Responder(_response(pki, "official", ocsp.OCSPCertStatus.GOOD, T0, None))
    cert, authority = pki.cert("official"), CertTrustAnchor(pki.cert("ca")).authority
    for _ in range(2):
        fetcher = CachingOCSPFetcher(responder, permits=lambda url: True, cache=cache)
        run_sync(fetcher.fetch(cert, authority))

    assert responder.asked == 2


def test_a_kept_answer_is_not_served_where_the_policy_forbids_fetching(pki):
    from pyhanko_certvalidator.authority import CertTrustAnchor

    from motcua.signatures.pdfsign import run_sync

    now = datetime.now(UTC)
    cache = RevocationCache()
    responder = Responder(
        _response(pki, "official", ocsp.OCSPCertStatus.GOOD, now, now + timedelta(minutes=10))
    )
    cert, authority = pki.cert("official"), CertTrustAnchor(pki.cert("ca")).authority
    run_sync(CachingOCSPFetcher(responder, permits=lambda url: True, cache=cache).fetch(cert, authority))

    run_sync(CachingOCSPFetcher(responder, permits=lambda url: False, cache=cache).fetch(cert, authority))

    assert responder.asked == 2  # the guarded fetcher was asked (and would refuse), not the cache


# End to end, with the test PKI ---------------------------------------------------------------------
@pytest.fixture
def cache_on(pki) -> Iterator[None]:
    revocation.forget()
    with conf.overrides_kept():
        conf.override(revocation_cache=True)
        yield
    revocation.forget()


def test_a_second_verification_asks_the_pki_nothing_and_says_the_same(cache_on, signing):
    document = signing.document()
    first = verify_pdf(document, trust_roots=signing.roots, with_xml=False)
    misses = revocation.CACHE.misses

    second = verify_pdf(document, trust_roots=signing.roots, with_xml=False)

    assert first.verdict == second.verdict == Verdict.VALID
    assert revocation.CACHE.misses == misses
    assert revocation.CACHE.hits > 0
    assert [s.revocation for s in first.signatures] == [s.revocation for s in second.signatures]


def test_a_revoked_signer_stays_revoked_with_the_cache(cache_on, signing):
    document = signing.document("official-revoked")

    reports = [verify_pdf(document, trust_roots=signing.roots, with_xml=False) for _ in range(2)]

    assert [r.verdict for r in reports] == [Verdict.INVALID, Verdict.INVALID]
    assert all(r.signatures[0].revoked for r in reports)


def test_a_b_lta_signature_embeds_what_the_cache_served_and_validates_offline(cache_on, signing):
    """Signing at B-LT/B-LTA embeds the OCSP responses and CRLs it gathered, kept or fetched."""
    from motcua.signatures.testing.documents import result_pdf

    for _ in range(2):  # the second signing is served from the cache
        signed = signing.sign(result_pdf(), level="B-LTA")

    assert revocation.CACHE.hits > 0
    offline = verify_pdf(signed, trust_roots=signing.roots, fetch=False, with_xml=False)
    assert offline.verdict == Verdict.VALID
