"""The agency seal's key on a PKCS#11 token (SoftHSM in CI): results are sealed without the key leaving it."""

from __future__ import annotations

from motcua.signatures import pdfsign, selectors, services
from motcua.signatures.keys import Pkcs11Key, pkcs11_signer
from motcua.signatures.models import Certificate
from motcua.signatures.testing.documents import result_pdf
from motcua.signatures.verification import Verdict, verify_pdf


def test_sign_a_pdf_with_the_key_on_the_token(pki, softhsm, signing):
    key = Pkcs11Key(softhsm.module, softhsm.token_label, softhsm.key_label, softhsm.pin_env)
    with pkcs11_signer(key, certificate=pki.cert("seal"), chain=pki.chain("seal")) as signer:
        signed = pdfsign.sign_pdf(
            result_pdf(), signer=signer, field_name="Seal", level="B-T", tsa=pdfsign.timestamper(pki.tsa_url)
        )

    report = verify_pdf(signed, trust_roots=signing.roots)
    assert report.verdict == Verdict.VALID
    assert report.signatures[0].signer.common_name == "Sở Tư pháp tỉnh Quảng Trị"


def test_the_clerk_seals_the_issued_result_with_the_key_on_the_token(signing_world, softhsm):
    sw = signing_world
    Certificate.objects.filter(pk=sw.seal.pk).delete()  # this department keeps its seal key on the HSM only
    on_token = services.import_certificate(
        actor=services.SYSTEM,
        data=sw.pki.cert_pem("seal") + sw.pki.cert_pem("ca"),
        kind=Certificate.Kind.AGENCY_SEAL,
        agency_id=sw.world.department.pk,
        pkcs11_module=softhsm.module,
        pkcs11_token_label=softhsm.token_label,
        pkcs11_key_label=softhsm.key_label,
        pin_env=softhsm.pin_env,
    )
    assert on_token.key_storage == Certificate.KeyStorage.PKCS11

    from motcua.documents.services import issue_result
    from motcua.dossiers import services as dossier_services
    from motcua.dossiers.selectors import latest_result

    signed = services.sign_result(dossier_id=sw.dossier.pk, leader=sw.world.leader)
    dossier_services.resolve_dossier(dossier_id=sw.dossier.pk, actor=sw.world.leader, result_summary="Đồng ý")
    issue_result(dossier_id=sw.dossier.pk, actor=sw.world.clerk)
    issued = latest_result(sw.dossier)

    assert selectors.verdict_for_result(issued).verdict == Verdict.VALID
    assert [r.certificate_id for r in selectors.signature_records(signed)] == [sw.personal.pk]
    assert [r.certificate_id for r in selectors.signature_records(issued)] == [on_token.pk]


def test_a_wrong_pin_is_a_clear_error(pki, softhsm, monkeypatch):
    import pytest

    from motcua.signatures.errors import KeyUnavailable

    monkeypatch.setenv("WRONG_PIN", "000000")
    key = Pkcs11Key(softhsm.module, softhsm.token_label, softhsm.key_label, "WRONG_PIN")
    with pytest.raises(KeyUnavailable), pkcs11_signer(key, certificate=pki.cert("seal")):
        pass
