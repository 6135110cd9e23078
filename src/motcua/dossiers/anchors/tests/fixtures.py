"""The province's seal in the register, signing with the test PKI's key and TSA: for the checkpoint
and backup tests (both conftests import `seal`)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

PASSPHRASE_ENV = "MOTCUA_TEST_SEAL_PASSPHRASE"
PASSPHRASE = "mat-khau-con-dau-thu-nghiem"


@dataclass
class Seal:
    pki: Any
    certificate: Any
    anchor_dir: Path


def register_seal(pki: Any, agency: Any, folder: Path) -> Any:
    """The test PKI's root trusted, and its seal certificate registered for `agency` (PKCS#12 key)."""
    from motcua.signatures import services
    from motcua.signatures.models import Certificate

    services.add_trust_anchors(actor=services.SYSTEM, data=pki.cert_pem("root"))
    return services.import_certificate(
        actor=services.SYSTEM,
        data=pki.pkcs12("seal", PASSPHRASE.encode(), folder).read_bytes(),
        kind=Certificate.Kind.AGENCY_SEAL,
        agency_id=agency.pk,
        passphrase_env=PASSPHRASE_ENV,
    )


@pytest.fixture
def seal(pki: Any, world: Any, settings: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Seal:
    """The province (the world's root agency) has a usable seal; checkpoints go to tmp_path/anchors."""
    settings.MOTCUA_SIGNATURE_TSA_URL = pki.tsa_url
    settings.MOTCUA_ANCHOR_DIR = str(tmp_path / "anchors")
    if not str(getattr(settings, "MOTCUA_SIGNATURE_KEY_DIR", "")).startswith(str(tmp_path)):
        settings.MOTCUA_SIGNATURE_KEY_DIR = str(tmp_path / "keys")
    monkeypatch.setenv(PASSPHRASE_ENV, PASSPHRASE)
    certificate = register_seal(pki, world.province, tmp_path)
    return Seal(pki=pki, certificate=certificate, anchor_dir=tmp_path / "anchors")
