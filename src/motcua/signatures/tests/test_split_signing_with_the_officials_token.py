"""The official's key never reaches the server: the server prepares the document and the bytes to
sign, the official's signing component (played here by the test, which holds the key) returns the
raw signature, and the server embeds it, verifies, and only then stores; the clerk seals it when
issuing."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, utils
from django.utils import timezone

from motcua.dossiers.selectors import latest_result
from motcua.signatures import selectors, services
from motcua.signatures.errors import SignatureError, SigningSessionInvalid
from motcua.signatures.models import Certificate, ClientSigningSession, SignatureRecord
from motcua.signatures.verification import Verdict


@pytest.fixture
def token_world(signing_world):
    """The leader's certificate is registered without a key: it lives on the official's token."""
    sw = signing_world
    services.revoke_certificate(
        actor=services.SYSTEM, certificate_id=sw.personal.pk, reason="Dùng thiết bị ký riêng"
    )
    sw.token_certificate = services.import_certificate(
        actor=services.SYSTEM,
        data=sw.pki.cert_pem("official-2") + sw.pki.cert_pem("ca"),  # with its chain
        kind=Certificate.Kind.PERSONAL,
        user_id=sw.world.leader.pk,
        key_storage=Certificate.KeyStorage.CLIENT_TOKEN,
    )
    return sw


def _token_key(pki):
    return serialization.load_pem_private_key(pki.key_pem("official-2"), password=None)


def test_the_token_signs_the_prepared_bytes_and_the_server_finishes(token_world):
    sw = token_world
    request = services.start_client_signing(dossier_id=sw.dossier.pk, official=sw.world.leader)

    assert request.algorithm == "RSASSA-PKCS1-v1_5/SHA-256"
    assert len(request.data_to_sign) < 512  # only the signed attributes travel, not the document
    assert request.certificate_fingerprint == sw.token_certificate.fingerprint_sha256
    # The client side: a token holding the key signs the DER of the signed attributes.
    value = _token_key(sw.pki).sign(request.data_to_sign, padding.PKCS1v15(), hashes.SHA256())
    stored = services.complete_client_signing(
        session_id=request.session_id, official=sw.world.leader, signature_value=value
    )

    assert latest_result(sw.dossier) == stored
    assert stored.is_signed
    report = selectors.verdict_for_result(stored)
    assert report.verdict == Verdict.VALID
    assert [s.signer.common_name for s in report.signatures] == ["Phạm Thị Dung"]
    assert report.signatures[0].level == "B-T"
    assert report.signatures[0].timestamp_time is not None
    (official,) = selectors.signature_records(stored)
    assert official.client_side
    assert official.certificate == sw.token_certificate
    assert ClientSigningSession.objects.get().state == ClientSigningSession.State.COMPLETED


def test_a_token_that_signs_a_prehashed_digest_works_too(token_world):
    sw = token_world
    request = services.start_client_signing(dossier_id=sw.dossier.pk, official=sw.world.leader)
    value = _token_key(sw.pki).sign(request.digest, padding.PKCS1v15(), utils.Prehashed(hashes.SHA256()))

    stored = services.complete_client_signing(
        session_id=request.session_id, official=sw.world.leader, signature_value=value
    )

    assert selectors.verdict_for_result(stored).verdict == Verdict.VALID


def test_a_wrong_signature_is_refused_and_the_session_cannot_be_replayed(token_world):
    sw = token_world
    request = services.start_client_signing(dossier_id=sw.dossier.pk, official=sw.world.leader)
    wrong_key = serialization.load_pem_private_key(sw.pki.key_pem("official"), password=None)
    value = wrong_key.sign(request.data_to_sign, padding.PKCS1v15(), hashes.SHA256())

    with pytest.raises(SignatureError):
        services.complete_client_signing(
            session_id=request.session_id, official=sw.world.leader, signature_value=value
        )
    good = _token_key(sw.pki).sign(request.data_to_sign, padding.PKCS1v15(), hashes.SHA256())
    with pytest.raises(SigningSessionInvalid):
        services.complete_client_signing(
            session_id=request.session_id, official=sw.world.leader, signature_value=good
        )
    assert latest_result(sw.dossier) == sw.result
    assert not SignatureRecord.objects.exists()


def test_sessions_expire_belong_to_their_official_and_follow_the_dossier(token_world):
    sw = token_world
    request = services.start_client_signing(dossier_id=sw.dossier.pk, official=sw.world.leader)
    value = _token_key(sw.pki).sign(request.data_to_sign, padding.PKCS1v15(), hashes.SHA256())

    with pytest.raises(services.PermissionDenied):
        services.complete_client_signing(
            session_id=request.session_id, official=sw.world.specialist, signature_value=value
        )
    with pytest.raises(SigningSessionInvalid):
        services.complete_client_signing(
            session_id="khong-phai-uuid", official=sw.world.leader, signature_value=value
        )

    ClientSigningSession.objects.update(expires_at=timezone.now())
    with pytest.raises(SigningSessionInvalid):
        services.complete_client_signing(
            session_id=request.session_id, official=sw.world.leader, signature_value=value
        )


def test_a_dossier_changed_meanwhile_needs_a_new_signature(token_world):
    from motcua.dossiers import services as dossier_services
    from motcua.signatures.testing.documents import result_pdf

    sw = token_world
    request = services.start_client_signing(dossier_id=sw.dossier.pk, official=sw.world.leader)
    dossier_services.attach_result(
        dossier_id=sw.dossier.pk,
        actor=sw.world.leader,
        content=result_pdf(number="124/QĐ-STP"),
        name="moi.pdf",
    )
    value = _token_key(sw.pki).sign(request.data_to_sign, padding.PKCS1v15(), hashes.SHA256())

    with pytest.raises(SigningSessionInvalid):
        services.complete_client_signing(
            session_id=request.session_id, official=sw.world.leader, signature_value=value
        )
