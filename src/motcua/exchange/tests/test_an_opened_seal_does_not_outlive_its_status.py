"""The agency seal's key stays open between messages, but never past a change of the register or the file."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from motcua.exchange import edxml
from motcua.exchange.services import sign_with_agency_seal
from motcua.exchange.tests import factories
from motcua.exchange.tests.test_agency_seal_signs_outgoing_messages import (  # noqa: F401  (fixture)
    SYSTEM,
    SealedAgency,
    sealed,
)
from motcua.signatures import keys
from motcua.signatures import services as signature_services
from motcua.signatures.errors import CertificateNotUsable, NoSigningCertificate
from motcua.signatures.models import Certificate


@pytest.fixture
def openings(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Path]]:
    """The PKCS#12 files opened during the test, in order."""
    opened: list[Path] = []
    real = keys.pkcs12_signer

    def counting(path: Path, passphrase: str, **kwargs: Any) -> keys.LoadedKeySigner:
        opened.append(Path(path))
        return real(path, passphrase, **kwargs)

    signature_services.forget_opened_signers()
    monkeypatch.setattr(keys, "pkcs12_signer", counting)
    yield opened
    signature_services.forget_opened_signers()


@pytest.fixture
def agency(sealed: SealedAgency) -> SealedAgency:  # noqa: F811  (the fixture imported above)
    return sealed


def _seal(agency: SealedAgency) -> bytes:
    return sign_with_agency_seal(actor=SYSTEM, agency_id=agency.agency.pk, xml=edxml.build(factories.edoc()))


def test_the_seal_file_is_opened_once_for_many_messages(agency: SealedAgency, openings: list[Path]) -> None:
    for _ in range(3):
        _seal(agency)

    assert len(openings) == 1


def test_a_suspended_seal_is_not_used_from_memory(agency: SealedAgency, openings: list[Path]) -> None:
    _seal(agency)
    signature_services.suspend_certificate(actor=SYSTEM, certificate_id=agency.seal.pk, reason="Mất thiết bị")

    with pytest.raises(NoSigningCertificate):
        _seal(agency)
    record = Certificate.objects.get(pk=agency.seal.pk)
    with pytest.raises(CertificateNotUsable), signature_services.open_certificate_signer(record):
        pass

    signature_services.reinstate_certificate(actor=SYSTEM, certificate_id=agency.seal.pk)
    _seal(agency)
    assert len(openings) == 2  # opened again after reinstatement, not taken from before


def test_a_seal_revoked_by_another_process_is_not_used(agency: SealedAgency, openings: list[Path]) -> None:
    _seal(agency)
    # another worker's process revokes it: this process's cache is not told
    Certificate.objects.filter(pk=agency.seal.pk).update(
        register_status=Certificate.RegisterStatus.REVOKED, status_changed_at=timezone.now()
    )

    with pytest.raises(NoSigningCertificate):
        _seal(agency)
    record = Certificate.objects.get(pk=agency.seal.pk)
    with pytest.raises(CertificateNotUsable), signature_services.open_certificate_signer(record):
        pass
    assert len(openings) == 1


def test_a_status_changed_elsewhere_reopens_the_key(agency: SealedAgency, openings: list[Path]) -> None:
    _seal(agency)
    moment = timezone.now()
    for status in (Certificate.RegisterStatus.SUSPENDED, Certificate.RegisterStatus.ACTIVE):
        Certificate.objects.filter(pk=agency.seal.pk).update(register_status=status, status_changed_at=moment)

    _seal(agency)

    assert len(openings) == 2


def test_a_replaced_key_file_is_opened_again(agency: SealedAgency, openings: list[Path]) -> None:
    _seal(agency)
    path = Path(agency.seal.pkcs12_path)
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))

    _seal(agency)

    assert len(openings) == 2
