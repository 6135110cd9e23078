"""The leader's approval signs the result with the leader's certificate; the clerk numbers it and adds
the agency seal when issuing (Decree 30 Art. 14-16). Each signed PDF is verified before it is stored
as the new version that the applicant downloads."""

from __future__ import annotations

import io

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader

from motcua.core.errors import PermissionDenied
from motcua.dossiers.selectors import latest_result
from motcua.signatures import selectors, services
from motcua.signatures.errors import (
    AlreadySigned,
    CertificateNotUsable,
    NoResultDocument,
    NoSigningCertificate,
    NotAllowedToSign,
    SignedDocumentRejected,
)
from motcua.signatures.models import Certificate, SignatureRecord
from motcua.signatures.verification import Verdict

from .conftest import PASSPHRASE, PASSPHRASE_ENV


def _fields(content: bytes) -> list[str]:
    return [s.field_name for s in PdfFileReader(io.BytesIO(content)).embedded_regular_signatures]


def _approve_and_issue(sw, **signing):
    from motcua.documents.services import issue_result
    from motcua.dossiers import services as dossier_services

    signed = services.sign_result(dossier_id=sw.dossier.pk, leader=sw.world.leader, **signing)
    dossier_services.resolve_dossier(dossier_id=sw.dossier.pk, actor=sw.world.leader, result_summary="Đồng ý")
    issue_result(dossier_id=sw.dossier.pk, actor=sw.world.clerk)
    return signed, latest_result(sw.dossier)


def test_the_official_signs_then_the_clerk_seals_when_issuing(signing_world):
    sw = signing_world
    stored, issued = _approve_and_issue(sw)

    assert stored.is_signed
    assert stored.pk != sw.result.pk
    assert stored.name == "quyet-dinh-da-ky-so.pdf"
    content = stored.file.open("rb").read()
    assert content.startswith(sw.result.file.open("rb").read())  # incremental: the original is kept
    assert _fields(content) == ["ChuKyNguoiCoThamQuyen"]  # no seal before the number
    assert [(r.purpose, r.certificate_id, r.level) for r in selectors.signature_records(stored)] == [
        (SignatureRecord.Purpose.RESULT_OFFICIAL, sw.personal.pk, "B-T"),
    ]
    issued_content = issued.file.open("rb").read()
    assert issued_content.startswith(content)  # the leader's signed bytes, untouched
    assert _fields(issued_content)[0] == "ChuKyNguoiCoThamQuyen"
    assert [(r.purpose, r.certificate_id) for r in selectors.signature_records(issued)] == [
        (SignatureRecord.Purpose.RESULT_SEAL, sw.seal.pk),
    ]
    report = selectors.verdict_for_result(issued)
    assert report.verdict == Verdict.VALID
    assert [s.signer.common_name for s in report.signatures] == ["Nguyễn Văn An", "Sở Tư pháp tỉnh Quảng Trị"]
    assert report.signatures[0].modification == "form_filling"  # the seal came after: permitted


def test_results_to_archive_are_signed_b_lta(signing_world):
    _stored, issued = _approve_and_issue(signing_world, level="B-LTA")

    report = selectors.verdict_for_result(issued)
    assert report.verdict == Verdict.VALID
    assert [s.level for s in report.signatures] == ["B-LTA", "B-LTA"]
    assert report.document_timestamps == 1


def test_only_a_leader_with_a_signing_rule_signs(signing_world):
    sw = signing_world
    with pytest.raises(PermissionDenied):
        services.sign_result(dossier_id=sw.dossier.pk, leader=sw.world.intake)
    sw.rule.is_active = False
    sw.rule.save()
    with pytest.raises(NotAllowedToSign):
        services.sign_result(dossier_id=sw.dossier.pk, leader=sw.world.leader)
    assert latest_result(sw.dossier) == sw.result


def test_a_revoked_or_missing_certificate_cannot_sign(signing_world):
    sw = signing_world
    services.suspend_certificate(actor=services.SYSTEM, certificate_id=sw.seal.pk, reason="Kiểm tra thiết bị")
    with pytest.raises(NoSigningCertificate):
        services.sign_result(dossier_id=sw.dossier.pk, leader=sw.world.leader)
    services.reinstate_certificate(actor=services.SYSTEM, certificate_id=sw.seal.pk)
    services.revoke_certificate(actor=services.SYSTEM, certificate_id=sw.personal.pk, reason="Mất thiết bị")
    with pytest.raises(NoSigningCertificate):
        services.sign_result(dossier_id=sw.dossier.pk, leader=sw.world.leader)
    assert latest_result(sw.dossier) == sw.result


def test_a_certificate_revoked_by_its_ca_is_caught_before_storing(signing_world, tmp_path):
    """The register still says "active", but OCSP says revoked: the check after signing refuses it."""
    sw = signing_world
    services.revoke_certificate(actor=services.SYSTEM, certificate_id=sw.personal.pk, reason="Thay chứng thư")
    services.import_certificate(
        actor=services.SYSTEM,
        data=sw.pki.pkcs12("official-revoked", PASSPHRASE.encode(), tmp_path).read_bytes(),
        kind=Certificate.Kind.PERSONAL,
        user_id=sw.world.leader.pk,
        passphrase_env=PASSPHRASE_ENV,
    )
    with pytest.raises(SignedDocumentRejected) as caught:
        services.sign_result(dossier_id=sw.dossier.pk, leader=sw.world.leader)
    assert "thu hồi" in caught.value.message
    assert latest_result(sw.dossier) == sw.result
    assert not SignatureRecord.objects.exists()


def test_an_expired_certificate_is_not_usable(signing_world, tmp_path):
    sw = signing_world
    services.revoke_certificate(actor=services.SYSTEM, certificate_id=sw.personal.pk, reason="Thay chứng thư")
    expired = services.import_certificate(
        actor=services.SYSTEM,
        data=sw.pki.pkcs12("official-expired", PASSPHRASE.encode(), tmp_path).read_bytes(),
        kind=Certificate.Kind.PERSONAL,
        user_id=sw.world.leader.pk,
        passphrase_env=PASSPHRASE_ENV,
    )
    with pytest.raises(NoSigningCertificate):
        services.sign_result(dossier_id=sw.dossier.pk, leader=sw.world.leader)
    with pytest.raises(CertificateNotUsable):
        services._require_usable(expired)


def test_a_signed_result_is_not_signed_twice(signing_world):
    sw = signing_world
    services.sign_result(dossier_id=sw.dossier.pk, leader=sw.world.leader)
    with pytest.raises(AlreadySigned):
        services.sign_result(dossier_id=sw.dossier.pk, leader=sw.world.leader)


def test_no_result_no_signature(signing_world):
    from motcua.dossiers import services as dossier_services
    from motcua.dossiers.tests.factories import APPLICANT, FORM_DATA

    sw = signing_world
    other = dossier_services.register_at_counter(
        officer=sw.world.intake,
        procedure_code=sw.world.code,
        papers=dossier_services.originals_on_paper(sw.world.code),
        applicant=APPLICANT,
        form_data=FORM_DATA,
    )
    # At the signing step, with nothing to sign.
    dossier_services.transfer_dossier(
        dossier_id=other.pk, actor=sw.world.intake, to_unit_id=sw.world.unit_a.pk, step=4
    )
    with pytest.raises(NoResultDocument):
        services.sign_result(dossier_id=other.pk, leader=sw.world.leader)


def test_a_result_without_a_marked_signature_space_gets_the_whole_block(signing_world):
    """Title, image and name are drawn at the bottom right of the last page, the seal over the image."""
    from motcua.dossiers import services as dossier_services
    from motcua.signatures import pdfsign
    from motcua.signatures.testing.documents import result_pdf

    sw = signing_world
    dossier_services.attach_result(
        dossier_id=sw.dossier.pk, actor=sw.world.leader, content=result_pdf(anchors=False), name="kq.pdf"
    )
    stored = services.sign_result(dossier_id=sw.dossier.pk, leader=sw.world.leader)

    content = stored.file.open("rb").read()
    assert selectors.verdict_for_result(stored).verdict == Verdict.VALID
    width, _height = pdfsign.page_size(content)
    reader = PdfFileReader(io.BytesIO(content))
    official = next(s for s in reader.embedded_regular_signatures if s.field_name == "ChuKyNguoiCoThamQuyen")
    x1, y1, x2, _y2 = (float(v) for v in official.sig_field["/Rect"])
    assert x2 <= width
    assert x1 > width / 2
    assert y1 < 200  # near the bottom
