"""The agency's seal from the certificate register signs outgoing messages; who may use it is one rule."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from motcua.agencies.models import Role
from motcua.dossiers.tests.factories import AgencyFactory, staff
from motcua.exchange import edxml
from motcua.exchange.selectors import examine_incoming
from motcua.exchange.services import sign_with_agency_seal
from motcua.exchange.tests import factories
from motcua.exchange.tests.conftest import sample
from motcua.signatures import services as signature_services
from motcua.signatures.errors import CertificateNotUsable, NoSigningCertificate, NotAllowedToSign
from motcua.signatures.models import Certificate, SigningRule
from motcua.signatures.testing.pki import Pki

PASSPHRASE_ENV = "MOTCUA_TEST_EDXML_P12"
PASSPHRASE = "mat-khau-con-dau-edxml"
SYSTEM = signature_services.SYSTEM


@dataclass
class SealedAgency:
    agency: Any
    seal: Certificate
    clerk: Any
    specialist: Any


@pytest.fixture
def sealed(
    db: None, pki: Pki, settings: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> SealedAgency:
    """A department with its seal (PKCS#12 on the server), a clerk holding the seal rule, a specialist."""
    settings.MOTCUA_SIGNATURE_KEY_DIR = str(tmp_path / "keys")
    monkeypatch.setenv(PASSPHRASE_ENV, PASSPHRASE)
    agency = AgencyFactory(name="Sở Tư pháp tỉnh Quảng Trị")
    signature_services.add_trust_anchors(actor=SYSTEM, data=pki.cert_pem("root"))
    seal = signature_services.import_certificate(
        actor=SYSTEM,
        data=pki.pkcs12("seal", PASSPHRASE.encode(), tmp_path).read_bytes(),
        kind=Certificate.Kind.AGENCY_SEAL,
        agency_id=agency.pk,
        passphrase_env=PASSPHRASE_ENV,
    )
    clerk = staff(agency, Role.CLERK, full_name="Hoàng Thị Mai")
    signature_services.grant_signing_rule(
        actor=SYSTEM,
        agency_id=agency.pk,
        user_id=clerk.pk,
        kind=SigningRule.Kind.SEAL,
        staff_role=Role.CLERK,
        title="Văn thư",
    )
    return SealedAgency(agency, seal, clerk, staff(agency, Role.SPECIALIST))


def test_the_clerk_seals_an_outgoing_document(sealed: SealedAgency) -> None:
    xml = edxml.build(factories.edoc())

    signed = sign_with_agency_seal(actor=sealed.clerk, agency_id=sealed.agency.pk, xml=xml)

    examination = examine_incoming(signed, recipient=factories.RECEIVER.organ_id)
    assert examination.acceptable, examination.problems
    assert examination.signature is not None
    assert examination.signature.common_name == "Sở Tư pháp tỉnh Quảng Trị"
    assert examination.reading.message == factories.edoc()


def test_the_system_seals_automatic_status_feedback(sealed: SealedAgency) -> None:
    signed = sign_with_agency_seal(
        actor=SYSTEM, agency_id=sealed.agency.pk, xml=edxml.build(factories.status("01"))
    )

    assert examine_incoming(signed).acceptable


def test_staff_without_the_seal_rule_may_not_seal(sealed: SealedAgency) -> None:
    with pytest.raises(NotAllowedToSign) as refused:
        sign_with_agency_seal(
            actor=sealed.specialist, agency_id=sealed.agency.pk, xml=edxml.build(factories.edoc())
        )
    assert "đóng dấu số" in refused.value.message


def test_the_clerk_of_one_agency_may_not_seal_for_another(sealed: SealedAgency) -> None:
    other = AgencyFactory(name="Sở Xây dựng")

    with pytest.raises(NotAllowedToSign):
        sign_with_agency_seal(actor=sealed.clerk, agency_id=other.pk, xml=edxml.build(factories.edoc()))


def test_an_agency_without_a_seal_certificate_gets_a_clear_error(sealed: SealedAgency) -> None:
    other = AgencyFactory(name="Sở Xây dựng")

    with pytest.raises(NoSigningCertificate) as refused:
        sign_with_agency_seal(actor=SYSTEM, agency_id=other.pk, xml=edxml.build(factories.edoc()))
    assert "con dấu số" in refused.value.message


def test_a_revoked_seal_signs_nothing(sealed: SealedAgency) -> None:
    signature_services.revoke_certificate(actor=SYSTEM, certificate_id=sealed.seal.pk, reason="Lộ khóa")

    with pytest.raises((NoSigningCertificate, CertificateNotUsable)):
        sign_with_agency_seal(actor=SYSTEM, agency_id=sealed.agency.pk, xml=edxml.build(factories.edoc()))


def test_an_unsigned_message_is_examined_with_its_problems(sealed: SealedAgency) -> None:
    examination = examine_incoming(sample("edoc_qcvn_signature.xml"), recipient="000.00.99.H48")

    assert not examination.acceptable
    assert examination.signature is None
    assert any("XMLDSig" in p for p in examination.problems)
    assert any("không gửi đến cơ quan" in p for p in examination.problems)


def test_a_message_signed_by_an_untrusted_seal_is_not_acceptable(sealed: SealedAgency, pki: Pki) -> None:
    forged = edxml.sign(
        edxml.build(factories.edoc()),
        key=factories.private_key(pki, "rogue-signer"),
        certificate=pki.cert("rogue-signer"),
    )

    examination = examine_incoming(forged)

    assert examination.problems == (
        "Chứng thư số của bên ký không được cấp bởi tổ chức trong kho chứng thư tin cậy.",
    )


def test_a_key_on_a_pkcs11_token_signs_through_the_same_adapter(pki: Pki, tmp_path: Path) -> None:
    files = {"key": pki.directory / "keys" / "seal.key.pem"}
    for label in ("seal", "ca", "root"):
        files[label] = tmp_path / f"{label}.der"
        files[label].write_bytes(pki.cert(label).dump())
    unsigned = edxml.build(factories.edoc())

    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "motcua.exchange.tests.hsm_signing",
            str(tmp_path / "hsm"),
            str(files["key"]),
            str(files["seal"]),
            str(files["ca"]),
        ],
        input=unsigned,
        capture_output=True,
        check=False,
        timeout=120,
    )

    assert done.returncode == 0, done.stderr.decode()
    check = edxml.verify(done.stdout, trust_roots=[pki.cert("root")])
    assert check.common_name == "Sở Tư pháp tỉnh Quảng Trị"
