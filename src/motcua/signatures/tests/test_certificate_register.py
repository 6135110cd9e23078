"""The register: import PEM, DER and PKCS#12 (key only as an encrypted file outside the database),
derived statuses, expiry warnings, revoke and suspend, the trust store, and who may do it."""

from __future__ import annotations

import os
import stat
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone

from motcua.core.errors import PermissionDenied, ValidationFailed
from motcua.dossiers.tests.factories import UserFactory, build_world
from motcua.signatures import selectors, services
from motcua.signatures.errors import (
    CertificateNotUsable,
    CertificateUnreadable,
    DuplicateCertificate,
    WrongPassphrase,
)
from motcua.signatures.models import Certificate, CertificateStatus, TrustAnchor

from .conftest import PASSPHRASE, PASSPHRASE_ENV

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture
def admin_user(db):
    return UserFactory(is_superuser=True)


@pytest.fixture
def keys(settings, tmp_path, monkeypatch):
    settings.MOTCUA_SIGNATURE_KEY_DIR = str(tmp_path / "keys")
    monkeypatch.setenv(PASSPHRASE_ENV, PASSPHRASE)
    return tmp_path / "keys"


def test_import_pem_and_der_certificates(world, pki, admin_user):
    pem = services.import_certificate(
        actor=admin_user,
        data=pki.cert_pem("official"),
        kind=Certificate.Kind.PERSONAL,
        user_id=world.leader.pk,
    )
    der = services.import_certificate(
        actor=admin_user,
        data=pki.cert("seal").dump(),
        kind=Certificate.Kind.AGENCY_SEAL,
        agency_id=world.department.pk,
    )

    assert pem.display_name == "Nguyễn Văn An"
    assert pem.issuer.startswith("Common Name: motcua Test Specialized CA")
    assert set(pem.key_usage) == {"digital_signature", "non_repudiation"}
    assert pem.key_storage == Certificate.KeyStorage.NONE
    assert der.kind == Certificate.Kind.AGENCY_SEAL
    assert der.agency == world.department
    assert selectors.certificate_status(pem) == CertificateStatus.VALID


def test_pkcs12_key_is_kept_encrypted_outside_the_database(world, pki, admin_user, keys, tmp_path):
    p12 = pki.pkcs12("seal", PASSPHRASE.encode(), tmp_path)
    record = services.import_certificate(
        actor=admin_user,
        data=p12.read_bytes(),
        kind=Certificate.Kind.AGENCY_SEAL,
        agency_id=world.department.pk,
        passphrase_env=PASSPHRASE_ENV,
    )

    stored = Path(record.pkcs12_path)
    assert stored.parent == keys
    assert stored.read_bytes() == p12.read_bytes()
    assert stat.S_IMODE(os.stat(stored).st_mode) == 0o600
    assert record.key_storage == Certificate.KeyStorage.PKCS12
    assert record.passphrase_env == PASSPHRASE_ENV
    # Nothing in the row is key material or the passphrase.
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM signatures_certificate WHERE id = %s", [record.pk])
        row = cursor.fetchone()
    flat = b"".join(bytes(v) if isinstance(v, bytes | memoryview) else str(v).encode() for v in row)
    assert PASSPHRASE.encode() not in flat
    assert b"PRIVATE KEY" not in flat
    assert pki.private_key("seal").dump()[-64:] not in flat


def test_pkcs12_with_a_wrong_or_missing_passphrase_is_refused(
    world, pki, admin_user, keys, tmp_path, monkeypatch
):
    data = pki.pkcs12("seal", PASSPHRASE.encode(), tmp_path).read_bytes()
    monkeypatch.setenv("WRONG_PASS", "khong-dung")
    with pytest.raises(WrongPassphrase):
        services.import_certificate(
            actor=admin_user,
            data=data,
            kind="agency_seal",
            agency_id=world.department.pk,
            passphrase_env="WRONG_PASS",
        )
    with pytest.raises(WrongPassphrase):
        services.import_certificate(
            actor=admin_user, data=data, kind="agency_seal", agency_id=world.department.pk
        )
    assert not Certificate.objects.exists()
    assert not any(keys.glob("*.p12")) if keys.exists() else True


def test_garbage_duplicates_and_ca_certificates_are_refused(world, pki, admin_user):
    with pytest.raises(CertificateUnreadable):
        services.import_certificate(
            actor=admin_user, data=b"not a certificate", kind="personal", user_id=world.leader.pk
        )
    services.import_certificate(
        actor=admin_user, data=pki.cert_pem("official"), kind="personal", user_id=world.leader.pk
    )
    with pytest.raises(DuplicateCertificate):
        services.import_certificate(
            actor=admin_user, data=pki.cert_pem("official"), kind="personal", user_id=world.leader.pk
        )
    with pytest.raises(ValidationFailed):
        services.import_certificate(
            actor=admin_user, data=pki.cert_pem("ca"), kind="personal", user_id=world.leader.pk
        )
    with pytest.raises(ValidationFailed):
        services.import_certificate(actor=admin_user, data=pki.cert_pem("seal"), kind="agency_seal")


def test_status_is_derived_from_dates_and_the_register(world, pki, admin_user):
    record = services.import_certificate(
        actor=admin_user, data=pki.cert_pem("official"), kind="personal", user_id=world.leader.pk
    )
    expired = services.import_certificate(
        actor=admin_user, data=pki.cert_pem("official-expired"), kind="personal", user_id=world.leader.pk
    )
    at = timezone.now()

    assert record.status_at(at) == CertificateStatus.VALID
    assert record.status_at(record.not_after - timedelta(days=10)) == CertificateStatus.EXPIRING_SOON
    assert record.status_at(record.not_before - timedelta(seconds=1)) == CertificateStatus.NOT_YET_VALID
    assert expired.status_at(at) == CertificateStatus.EXPIRED
    assert not CertificateStatus.EXPIRED.usable
    assert CertificateStatus.EXPIRING_SOON.usable

    suspended = services.suspend_certificate(
        actor=admin_user, certificate_id=record.pk, reason="Mất thiết bị ký"
    )
    assert selectors.certificate_status(suspended) == CertificateStatus.SUSPENDED
    reinstated = services.reinstate_certificate(actor=admin_user, certificate_id=record.pk)
    assert selectors.certificate_status(reinstated) == CertificateStatus.VALID
    revoked = services.revoke_certificate(
        actor=admin_user, certificate_id=record.pk, reason="Chuyển công tác"
    )
    assert selectors.certificate_status(revoked) == CertificateStatus.REVOKED
    assert revoked.status_reason == "Chuyển công tác"
    assert revoked.status_changed_by == admin_user
    with pytest.raises(CertificateNotUsable):  # revoked is final
        services.reinstate_certificate(actor=admin_user, certificate_id=record.pk)


def test_suspending_needs_a_reason(world, pki, admin_user):
    record = services.import_certificate(
        actor=admin_user, data=pki.cert_pem("official"), kind="personal", user_id=world.leader.pk
    )
    with pytest.raises(ValidationFailed):
        services.suspend_certificate(actor=admin_user, certificate_id=record.pk, reason="  ")


def test_expiry_warnings_list_what_expires_soon(world, pki, admin_user):
    soon = services.import_certificate(
        actor=admin_user, data=pki.cert_pem("official"), kind="personal", user_id=world.leader.pk
    )
    services.import_certificate(
        actor=admin_user, data=pki.cert_pem("official-expired"), kind="personal", user_id=world.leader.pk
    )
    at_month_before = soon.not_after - timedelta(days=20)

    assert selectors.expiring_certificates(30, at=at_month_before) == [soon]
    assert selectors.expiring_certificates(10, at=at_month_before) == []
    assert (
        selectors.expiring_certificates(30) == []
    )  # today nothing is close to expiry; the expired one is past


def test_only_administrators_manage_the_register(world, pki, admin_user):
    with pytest.raises(PermissionDenied):
        services.import_certificate(
            actor=world.leader, data=pki.cert_pem("official"), kind="personal", user_id=world.leader.pk
        )
    with pytest.raises(PermissionDenied):
        services.add_trust_anchors(actor=world.clerk, data=pki.cert_pem("root"))
    record = services.import_certificate(
        actor=admin_user, data=pki.cert_pem("official"), kind="personal", user_id=world.leader.pk
    )
    with pytest.raises(PermissionDenied):
        services.revoke_certificate(actor=world.leader, certificate_id=record.pk, reason="x")


def test_trust_store_holds_roots_and_intermediates(world, pki, admin_user):
    bundle = pki.cert_pem("root") + pki.cert_pem("ca")
    anchors = services.add_trust_anchors(actor=admin_user, data=bundle)

    assert [a.kind for a in anchors] == [TrustAnchor.Kind.ROOT, TrustAnchor.Kind.INTERMEDIATE]
    assert [c.dump() for c in selectors.trust_roots()] == [pki.cert("root").dump()]
    assert [c.dump() for c in selectors.known_intermediates()] == [pki.cert("ca").dump()]
    with pytest.raises(ValidationFailed):
        services.add_trust_anchors(actor=admin_user, data=pki.cert_pem("official"))
    services.set_trust_anchor_active(actor=admin_user, anchor_id=anchors[0].pk, active=False)
    assert selectors.trust_roots() == []


def test_trust_dir_adds_roots_from_files(settings, tmp_path, pki, db):
    (tmp_path / "root.pem").write_bytes(pki.cert_pem("root"))
    (tmp_path / "readme.txt").write_text("không phải chứng thư")
    (tmp_path / "broken.pem").write_text("-----BEGIN CERTIFICATE-----\nxx\n-----END CERTIFICATE-----\n")
    settings.MOTCUA_SIGNATURE_TRUST_DIR = str(tmp_path)

    assert [c.dump() for c in selectors.trust_roots()] == [pki.cert("root").dump()]


def test_signing_rules_need_the_staff_role(world, admin_user):
    rule = services.grant_signing_rule(
        actor=admin_user,
        agency_id=world.department.pk,
        user_id=world.leader.pk,
        authority="KT.",
        superior_title="Giám đốc",
        title="Phó Giám đốc",
    )
    assert rule.title_lines == ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC")
    assert selectors.signing_rule_for(world.leader, world.department.pk, "personal") == rule
    assert selectors.signing_rule_for(world.leader, world.other_department.pk, "personal") is None
    with pytest.raises(ValidationFailed):
        services.grant_signing_rule(
            actor=admin_user, agency_id=world.department.pk, user_id=world.intake.pk, title="Giám đốc"
        )
    services.end_signing_rule(actor=admin_user, rule_id=rule.pk)
    assert selectors.signing_rule_for(world.leader, world.department.pk, "personal") is None
