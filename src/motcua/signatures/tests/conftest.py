"""The test PKI (served over HTTP on loopback) and a department whose leader can sign results."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from motcua.signatures.testing.documents import result_pdf
from motcua.signatures.testing.pki import Pki

PASSPHRASE_ENV = "MOTCUA_TEST_P12_PASSPHRASE"
PASSPHRASE = "mat-khau-p12-thu-nghiem"


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    """Each test starts with the public checker's full budget and the register's fetch addresses
    computed from its own data (a rolled-back test sends no signal)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


# `pki` (the test PKI, once per process) comes from motcua.signatures.testing.fixtures (src/conftest.py).


@contextmanager
def switched_off(pki: Pki) -> Iterator[Pki]:
    """The PKI stops answering (CRL, OCSP, TSA) inside the block, then comes back.

    Sign what the test needs before entering: signing needs the TSA.
    """
    pki.stop()
    try:
        yield pki
    finally:
        pki.start()


# `signing` (test documents signed with the PKI's keys) comes from motcua.signatures.testing.fixtures.


@dataclass
class SigningWorld:
    world: Any
    pki: Pki
    seal: Any
    personal: Any
    rule: Any
    dossier: Any
    result: Any


@pytest.fixture
def signing_world(
    db: None, pki: Pki, settings: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> SigningWorld:
    """A department with a seal certificate, a leader with a personal certificate and a signing rule,
    the test PKI's root in the trust store, and a dossier in processing with an unsigned result."""
    from motcua.agencies.models import Role
    from motcua.dossiers import services as dossier_services
    from motcua.dossiers.tests.factories import APPLICANT, FORM_DATA, SIGNING_STEP, build_world
    from motcua.signatures import services
    from motcua.signatures.images import seal_png, signature_png
    from motcua.signatures.models import Certificate, SigningRule

    settings.MOTCUA_SIGNATURE_TSA_URL = pki.tsa_url
    settings.MOTCUA_SIGNATURE_KEY_DIR = str(tmp_path / "keys")
    monkeypatch.setenv(PASSPHRASE_ENV, PASSPHRASE)
    world = build_world()
    world.leader.full_name = "Nguyễn Văn An"  # as on the certificate: the printed name must match it
    world.leader.save(update_fields=["full_name"])
    services.add_trust_anchors(actor=services.SYSTEM, data=pki.cert_pem("root"))
    seal = services.import_certificate(
        actor=services.SYSTEM,
        data=pki.pkcs12("seal", PASSPHRASE.encode(), tmp_path).read_bytes(),
        kind=Certificate.Kind.AGENCY_SEAL,
        agency_id=world.department.pk,
        passphrase_env=PASSPHRASE_ENV,
        appearance_image=seal_png("UBND tỉnh Quảng Trị", ["Sở Tư pháp"]),
    )
    personal = services.import_certificate(
        actor=services.SYSTEM,
        data=pki.pkcs12("official", PASSPHRASE.encode(), tmp_path).read_bytes(),
        kind=Certificate.Kind.PERSONAL,
        user_id=world.leader.pk,
        passphrase_env=PASSPHRASE_ENV,
        appearance_image=signature_png("Nguyễn Văn An"),
    )
    rule = services.grant_signing_rule(
        actor=services.SYSTEM,
        agency_id=world.department.pk,
        user_id=world.leader.pk,
        kind=SigningRule.Kind.PERSONAL,
        authority=SigningRule.Authority.KT,
        superior_title="Giám đốc",
        title="Phó Giám đốc",
    )
    # The clerk keeps the agency's seal: after numbering, the clerk seals what the leader signed.
    services.grant_signing_rule(
        actor=services.SYSTEM,
        agency_id=world.department.pk,
        user_id=world.clerk.pk,
        kind=SigningRule.Kind.SEAL,
        staff_role=Role.CLERK,
        title="Văn thư",
    )
    dossier = dossier_services.register_at_counter(
        officer=world.intake,
        procedure_code=world.code,
        papers=dossier_services.originals_on_paper(world.code),
        applicant=APPLICANT,
        form_data=FORM_DATA,
        owner=world.citizen,
    )
    dossier_services.transfer_dossier(dossier_id=dossier.pk, actor=world.intake, to_unit_id=world.unit_a.pk)
    result = dossier_services.attach_result(
        dossier_id=dossier.pk,
        actor=world.specialist,
        content=result_pdf(dossier=dossier.code),
        name="quyet-dinh.pdf",
    )
    # The specialist proposes it to the leader: the workflow's signing step, where approval happens.
    dossier_services.transfer_dossier(
        dossier_id=dossier.pk, actor=world.specialist, to_unit_id=world.unit_a.pk, step=SIGNING_STEP
    )
    dossier.refresh_from_db()
    return SigningWorld(world, pki, seal, personal, rule, dossier, result)


SOFTHSM_MODULES = ("/usr/lib/softhsm/libsofthsm2.so", "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so")
SOFTHSM_PIN = "246813"


@dataclass
class SoftHsm:
    module: str
    token_label: str
    key_label: str
    pin_env: str


@pytest.fixture(scope="session")
def softhsm(pki: Pki, tmp_path_factory: pytest.TempPathFactory) -> SoftHsm:
    """A SoftHSM token in a private directory, holding the agency seal's key (imported, never exported)."""
    import os
    import shutil
    import subprocess

    module = next((m for m in SOFTHSM_MODULES if Path(m).exists()), None)
    if module is None or shutil.which("softhsm2-util") is None:
        pytest.fail("SoftHSM2 is missing: install the Debian package softhsm2 (scripts/system-deps.sh)")
    base = tmp_path_factory.mktemp("softhsm")
    (base / "tokens").mkdir()
    config = base / "softhsm2.conf"
    config.write_text(
        f"directories.tokendir = {base / 'tokens'}\nobjectstore.backend = file\nlog.level = ERROR\n"
    )
    # Read by the library when it initialises: set before anything in this process loads it.
    os.environ["SOFTHSM2_CONF"] = str(config)
    os.environ["MOTCUA_TEST_HSM_PIN"] = SOFTHSM_PIN
    run = {"check": True, "capture_output": True, "env": os.environ.copy()}
    subprocess.run(
        [
            "softhsm2-util",
            "--init-token",
            "--free",
            "--label",
            "motcua-seal",
            "--so-pin",
            "13572468",
            "--pin",
            SOFTHSM_PIN,
        ],
        **run,
    )
    key_file = base / "seal.key.pem"
    key_file.write_bytes(pki.key_pem("seal"))
    subprocess.run(
        [
            "softhsm2-util",
            "--import",
            str(key_file),
            "--token",
            "motcua-seal",
            "--label",
            "seal",
            "--id",
            "01",
            "--pin",
            SOFTHSM_PIN,
        ],
        **run,
    )
    key_file.unlink()  # the key now lives only on the token
    return SoftHsm(module=module, token_label="motcua-seal", key_label="seal", pin_env="MOTCUA_TEST_HSM_PIN")
