"""By default, validation fetches from the addresses named by the certificates of the trust store
and the register, and from nowhere else; the list follows every change of either."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.cache import cache

from motcua.signatures import conf, selectors, services
from motcua.signatures.testing.pki import Party, build_test_pki
from motcua.signatures.verification import Verdict, verify_pdf


@pytest.fixture
def only_the_register() -> Iterator[None]:
    """No allow-list setting: only what the register names (the test PKI is on loopback)."""
    cache.clear()
    with conf.overrides_kept():
        conf.override(fetch_private=True, fetch_allow="")
        yield
    cache.clear()


def test_a_result_signed_here_is_checked_online_with_the_register_addresses_alone(
    signing_world, signing, only_the_register
):
    report = verify_pdf(signing.document(level="B-T"), with_xml=False)

    assert report.verdict == Verdict.VALID
    assert all(s.revoked is False for s in report.signatures)  # OCSP/CRL were fetched and read


def test_without_the_register_the_same_addresses_are_not_fetched(db, pki, signing, only_the_register):
    services.add_trust_anchors(actor=services.SYSTEM, data=pki.cert_pem("root"))  # a root names nothing

    report = verify_pdf(signing.document(level="B-T"), with_xml=False)

    assert report.verdict == Verdict.INDETERMINATE
    reasons = " ".join(r for s in report.signatures for r in s.reasons)
    assert "không thuộc danh sách nguồn được phép truy cập" in reasons


def test_the_list_follows_the_trust_store(db, pki, only_the_register, tmp_path):
    other = build_test_pki(tmp_path, parties=[Party("x", "Bên Khác")])  # never started
    root_crl = f"{other.url}/motcua/crls/root/latest.crl"  # named by its issuing CA
    services.add_trust_anchors(actor=services.SYSTEM, data=pki.cert_pem("root"))
    assert root_crl not in selectors.register_fetch_urls()  # computed, and kept

    [anchor] = services.add_trust_anchors(actor=services.SYSTEM, data=other.cert_pem("ca"))
    assert root_crl in selectors.register_fetch_urls()

    services.set_trust_anchor_active(actor=services.SYSTEM, anchor_id=anchor.pk, active=False)
    assert root_crl not in selectors.register_fetch_urls()


def test_an_imported_certificate_adds_what_it_and_its_chain_name(signing_world, only_the_register):
    pki = signing_world.pki
    urls = selectors.register_fetch_urls()

    assert f"{pki.url}/motcua/ocsp/ca" in urls  # the official's and the seal's OCSP responder
    assert f"{pki.url}/motcua/crls/ca/latest.crl" in urls
    assert f"{pki.url}/motcua/crls/root/latest.crl" in urls  # from the chain imported with them
