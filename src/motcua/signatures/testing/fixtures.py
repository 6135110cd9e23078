"""The test PKI as a pytest fixture for the whole suite (signatures, checkpoints, backups)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from .documents import result_pdf
from .pki import Pki, build_test_pki


@pytest.fixture(scope="session")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Pki]:
    """Root, issuing CA, OCSP, CRL and TSA, started once per test process.

    It serves on loopback, which validation reaches only when allowed: explicitly, for every test
    that uses it (also those that verify with the root alone, so nothing in the register names it).
    """
    from motcua.signatures import conf, isolation

    test_pki = build_test_pki(tmp_path_factory.mktemp("pki")).start()
    with conf.overrides_kept():
        # The revocation cache outlives a test; tests that switch the PKI off or revoke must see
        # it, so the suite verifies uncached unless a test turns the cache on (and clears it).
        conf.override(fetch_private=True, fetch_allow=test_pki.url, revocation_cache=False)
        yield test_pki
    isolation.shutdown()
    test_pki.stop()


class Signing:
    """Sign test documents directly with the PKI's keys (no register): the raw material of the tests."""

    def __init__(self, pki: Pki) -> None:
        self.pki = pki
        self._cache: dict[tuple[str, str, str], bytes] = {}

    @property
    def roots(self) -> list[Any]:
        return [self.pki.cert("root")]

    def signer(self, label: str) -> Any:
        from motcua.signatures.keys import signer_from_key

        issuer_chain = self.pki.chain(label)
        return signer_from_key(self.pki.private_key(label), self.pki.cert(label), issuer_chain)

    def sign(
        self, data: bytes, label: str = "official", level: str = "B-T", field: str = "Signature1"
    ) -> bytes:
        from motcua.signatures import pdfsign

        return pdfsign.sign_pdf(
            data,
            signer=self.signer(label),
            field_name=field,
            level=level,
            tsa=pdfsign.timestamper(self.pki.tsa_url),
            trust_roots=self.roots,
        )

    def document(self, label: str = "official", level: str = "B-T") -> bytes:
        """A signed result decision, made once per test process for each (signer, level)."""
        key = (label, level, "doc")
        if key not in self._cache:
            self._cache[key] = self.sign(result_pdf(), label, level)
        return self._cache[key]


@pytest.fixture(scope="session")
def signing(pki: Pki) -> Signing:
    return Signing(pki)
