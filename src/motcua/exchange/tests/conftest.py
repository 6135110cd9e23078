"""A test PKI (certificates and keys only: the edXML checks never go online) and a SoftHSM token."""

from __future__ import annotations

from pathlib import Path

import pytest

from motcua.antivirus.tests.fixtures import clamd_address, scanning  # noqa: F401  (fixtures: a real clamd)
from motcua.signatures.testing.pki import Pki, build_test_pki
from motcua.signatures.tests.conftest import softhsm  # noqa: F401  (fixture; uses the pki below)

SAMPLES = Path(__file__).parent / "samples"


@pytest.fixture(scope="session")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    return build_test_pki(tmp_path_factory.mktemp("edxml-pki"))


def sample(name: str) -> bytes:
    return (SAMPLES / name).read_bytes()
