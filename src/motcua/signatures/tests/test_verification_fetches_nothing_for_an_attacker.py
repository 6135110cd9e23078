"""The public checker fetches nothing on an attacker's behalf.

A PDF signed with a certificate whose OCSP, CRL and caIssuers addresses all point at a server on
127.0.0.1 (the "victim", which records every request) is uploaded to the API and to the page.
Unless the victim's address is both on the allow-list and allowed as a private address, the
victim gets no request, and the verdict says why revocation could not be checked.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from rest_framework.test import APIClient

from motcua.signatures import conf, pdfsign, services
from motcua.signatures.keys import signer_from_key
from motcua.signatures.testing.documents import result_pdf
from motcua.signatures.testing.pki import Party, Pki, build_test_pki
from motcua.signatures.testing.victim import Victim

STRANGER = Party("official", "Người Lạ", organization="Không rõ", ca_issuers=True)


@pytest.fixture(scope="module")
def victim() -> Iterator[Victim]:
    with Victim() as server:
        yield server


def _rogue_pki(victim: Victim, directory: Any, host: str) -> Pki:
    """A PKI whose certificates send every OCSP, CRL and issuer request to the victim."""
    return build_test_pki(directory, port=victim.port, parties=[STRANGER], host=host)


@pytest.fixture(scope="module")
def rogue(victim: Victim, tmp_path_factory: pytest.TempPathFactory) -> Pki:
    return _rogue_pki(victim, tmp_path_factory.mktemp("rogue"), "127.0.0.1")


@pytest.fixture(scope="module")
def rogue_by_name(victim: Victim, tmp_path_factory: pytest.TempPathFactory) -> Pki:
    """The same, naming the victim as "localhost": the name resolves to a loopback address."""
    return _rogue_pki(victim, tmp_path_factory.mktemp("rogue-localhost"), "localhost")


def signed_by(pki: Pki, *, with_chain: bool) -> bytes:
    """B-B (no timestamp authority needed). Without its chain, validation would chase caIssuers."""
    chain = [pki.cert("ca")] if with_chain else []
    signer = signer_from_key(pki.private_key("official"), pki.cert("official"), chain)
    return pdfsign.sign_pdf(result_pdf(), signer=signer, field_name="Signature1", level="B-B")


@pytest.fixture
def fetching(victim: Victim) -> Iterator[Any]:
    """Explicit fetch settings for each test (the suite's PKI fixture allows its own loopback PKI)."""
    cache.clear()
    victim.requests.clear()
    with conf.overrides_kept():
        conf.override(fetch_private=False, fetch_allow="")
        yield conf.override
    cache.clear()


def verify_through_the_api(content: bytes) -> dict[str, Any]:
    response = APIClient().post(
        "/api/v1/signatures/verify",
        {"file": SimpleUploadedFile("la.pdf", content, content_type="application/pdf")},
        format="multipart",
    )
    assert response.status_code == 200
    return response.json()


def reasons(body: dict[str, Any]) -> str:
    return " ".join(r for s in body["signatures"] for r in s["reasons"])


@pytest.mark.parametrize("with_chain", [True, False], ids=["chain-embedded", "chain-left-out"])
@pytest.mark.parametrize("trusted", [True, False], ids=["root-trusted", "root-unknown"])
def test_a_loopback_address_is_not_fetched_even_when_allowed_by_name(
    db, victim, rogue, fetching, with_chain, trusted
):
    if trusted:  # the worst case: a trusted CA that issued a certificate with hostile addresses
        services.add_trust_anchors(actor=services.SYSTEM, data=rogue.cert_pem("root"))
    fetching(fetch_allow=victim.url)

    body = verify_through_the_api(signed_by(rogue, with_chain=with_chain))

    assert victim.requests == []
    assert body["verdict"] != "valid"
    if trusted or not with_chain:  # else nothing is worth fetching: the chain leads nowhere trusted
        assert "mạng nội bộ" in reasons(body)


def test_a_name_that_resolves_to_a_loopback_address_is_not_fetched(db, victim, rogue_by_name, fetching):
    services.add_trust_anchors(actor=services.SYSTEM, data=rogue_by_name.cert_pem("root"))
    fetching(fetch_allow="localhost")

    body = verify_through_the_api(signed_by(rogue_by_name, with_chain=True))

    assert victim.requests == []
    assert body["verdict"] == "indeterminate"
    assert "Không kiểm tra được tình trạng thu hồi (OCSP/CRL) của chứng thư số “" in reasons(body)
    assert "mạng nội bộ" in reasons(body)


@pytest.mark.parametrize("with_chain", [True, False], ids=["chain-embedded", "chain-left-out"])
def test_an_address_not_on_the_allow_list_is_not_fetched(db, victim, rogue, fetching, with_chain):
    services.add_trust_anchors(actor=services.SYSTEM, data=rogue.cert_pem("root"))
    fetching(fetch_private=True)

    body = verify_through_the_api(signed_by(rogue, with_chain=with_chain))

    assert victim.requests == []
    assert body["verdict"] != "valid"
    assert "không thuộc danh sách nguồn được phép truy cập" in reasons(body)


def test_the_page_fetches_nothing_either(db, victim, rogue, fetching):
    services.add_trust_anchors(actor=services.SYSTEM, data=rogue.cert_pem("root"))

    upload = SimpleUploadedFile("la.pdf", signed_by(rogue, with_chain=True), content_type="application/pdf")
    response = Client().post("/xac-minh-chu-ky/", {"tep": upload})

    assert response.status_code == 200
    assert victim.requests == []
    html = response.content.decode()
    assert 'data-verdict="indeterminate"' in html
    assert "không thuộc danh sách nguồn được phép truy cập" in html


def test_the_victim_is_reached_when_both_settings_name_it(db, victim, rogue, fetching):
    """The control: the same documents do reach the victim once it is allowed, so the tests above
    would see a request if one were made."""
    services.add_trust_anchors(actor=services.SYSTEM, data=rogue.cert_pem("root"))
    fetching(fetch_private=True, fetch_allow=victim.url)

    body = verify_through_the_api(signed_by(rogue, with_chain=True))

    assert victim.requests
    assert body["verdict"] == "indeterminate"  # the victim answers 404: no revocation data
