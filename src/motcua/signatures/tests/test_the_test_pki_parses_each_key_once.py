"""The test PKI keeps each private key parsed (`localpki._KeptKeysBackend`) and embeds the TSA's
certificate from its DER: its timestamp tokens, OCSP responses and CRLs are what certomancer's own
code makes, byte for byte."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

import pytest
from asn1crypto import algos, tsp
from certomancer import crypto_utils
from certomancer.crypto_utils import PycaCryptographyBackend

from motcua.signatures.localpki import _KeptKeysBackend
from motcua.signatures.testing.pki import Pki


def test_signatures_are_certomancers(pki: Pki) -> None:
    assert isinstance(crypto_utils.CRYPTO_BACKEND, _KeptKeysBackend)
    key = pki.private_key("tsa")
    algorithm = algos.SignedDigestAlgorithm({"algorithm": "sha256_rsa"})
    kept = _KeptKeysBackend(PycaCryptographyBackend())

    for data in (b"", b"to be signed", bytes(range(256)) * 40):
        assert kept.generic_sign(key, data, algorithm) == PycaCryptographyBackend().generic_sign(
            key, data, algorithm
        )
    assert len(kept._keys) == 1


def test_other_algorithms_go_to_certomancer(pki: Pki) -> None:
    key = pki.private_key("tsa")
    pss = PycaCryptographyBackend().optimal_pss_params(pki.cert("tsa").public_key, "sha256")
    algorithm = algos.SignedDigestAlgorithm({"algorithm": "rsassa_pss", "parameters": pss})
    kept = _KeptKeysBackend(PycaCryptographyBackend())

    signature = kept.generic_sign(key, b"to be signed", algorithm)

    assert len(signature) == 256
    assert not kept._keys


def test_timestamp_tokens_are_certomancers(pki: Pki, monkeypatch: pytest.MonkeyPatch) -> None:
    """The TSA's certificate is embedded from its DER (`_light_timestamp_certificates`): the
    response is the one certomancer's own timestamper gives, byte for byte."""
    from certomancer import services
    from certomancer.registry import ServiceLabel

    monkeypatch.setattr(services, "get_nonce", lambda: 20261206)
    at = datetime(2026, 12, 6, 12, 0, tzinfo=UTC)
    request = tsp.TimeStampReq(
        {
            "version": 1,
            "message_imprint": {
                "hash_algorithm": {"algorithm": "sha256"},
                "hashed_message": hashlib.sha256(b"ket qua").digest(),
            },
            "nonce": 7,
            "cert_req": True,
        }
    )
    registry = pki.arch.service_registry
    assert registry._motcua_light_certificates
    original = type(registry).summon_timestamper(registry, ServiceLabel("tsa"), at)

    ours = registry.summon_timestamper(ServiceLabel("tsa"), at).request_tsa_response(request).dump()

    assert ours == original.request_tsa_response(request).dump()
    assert pki.cert("tsa").dump() in ours
