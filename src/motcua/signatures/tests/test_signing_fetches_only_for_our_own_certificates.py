"""B-LT/B-LTA signing embeds revocation data it fetches: only from the addresses our own certificates
(the signer's and its chain) and the trust store name, under the same rules as verification."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from motcua.signatures import conf
from motcua.signatures.errors import SignatureError
from motcua.signatures.testing.documents import result_pdf


@pytest.fixture
def no_allow_list() -> Iterator[None]:
    with conf.overrides_kept():
        conf.override(fetch_private=True, fetch_allow="")
        yield


def test_our_own_chain_names_what_signing_may_fetch(pki, signing, no_allow_list):
    signed = signing.sign(result_pdf(), level="B-LT")

    assert b"/DSS" in signed
    assert b"/OCSPs" in signed  # the signer's OCSP response and the CA's CRL are embedded
    assert b"/CRLs" in signed


def test_our_own_chain_on_a_private_address_needs_the_setting(pki, signing, no_allow_list):
    conf.override(fetch_private=False)

    with pytest.raises(SignatureError) as refused:
        signing.sign(result_pdf(), level="B-LT")

    assert "Không ký được văn bản ở mức B-LT" in refused.value.message
    assert "mạng nội bộ" in refused.value.message
