"""The test PKI: the runtime local PKI (`motcua.signatures.localpki`) under the name the tests use."""

from motcua.signatures.localpki import (
    ARCH,
    KEY_USAGE_SIGNING,
    TEST_PARTIES,
    Party,
    Pki,
    build_test_pki,
    free_port,
    generate_keys,
    pki_config,
)

__all__ = [
    "ARCH",
    "KEY_USAGE_SIGNING",
    "TEST_PARTIES",
    "Party",
    "Pki",
    "build_test_pki",
    "free_port",
    "generate_keys",
    "pki_config",
]
