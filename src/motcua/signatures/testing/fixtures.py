"""The test PKI as a pytest fixture for the whole suite (signatures, checkpoints, backups)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

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
        conf.override(fetch_private=True, fetch_allow=test_pki.url)
        yield test_pki
    isolation.shutdown()
    test_pki.stop()
