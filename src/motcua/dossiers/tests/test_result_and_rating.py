"""The result PDF is versioned, and the applicant rates the service once."""

import pytest

from motcua.core.errors import Conflict, PermissionDenied, ValidationFailed
from motcua.dossiers import services
from motcua.dossiers.errors import IllegalTransition, UnacceptableUpload
from motcua.dossiers.events import verify_chain
from motcua.dossiers.selectors import applicant_may_download_result, latest_result

from .factories import APPLICANT, FORM_DATA, PDF_BYTES, approve, issue, to_signing_step, vn


@pytest.fixture
def processing(world):
    dossier = services.register_at_counter(
        officer=world.intake,
        procedure_code=world.code,
        papers=services.originals_on_paper(world.code),
        applicant=APPLICANT,
        form_data=FORM_DATA,
        owner=world.citizen,
        at=vn(2025, 3, 3, 9, 0),
    )
    services.transfer_dossier(
        dossier_id=dossier.pk, actor=world.intake, to_unit_id=world.unit_a.pk, at=vn(2025, 3, 3, 10, 0)
    )
    return dossier


def test_results_are_versioned_never_overwritten(world, processing):
    draft = services.attach_result(
        dossier_id=processing.pk,
        actor=world.specialist,
        content=PDF_BYTES,
        name="ket-qua.pdf",
        at=vn(2025, 3, 4, 9, 0),
    )
    to_signing_step(world, processing.pk, by=world.specialist, at=vn(2025, 3, 4, 9, 30))
    # Signing stores a new version before the approval (signatures.approval.approve).
    signed = services.store_signed_result(
        dossier_id=processing.pk,
        actor=world.leader,
        content=PDF_BYTES + b"%sig\n",
        name="ket-qua-da-ky.pdf",
        at=vn(2025, 3, 4, 10, 0),
    )
    services.resolve_dossier(
        dossier_id=processing.pk, actor=world.leader, result_summary="Đồng ý", at=vn(2025, 3, 4, 10, 5)
    )
    processing.refresh_from_db()
    assert latest_result(processing) == signed
    assert draft.file.read() == PDF_BYTES
    assert signed.is_signed
    assert not draft.is_signed
    assert verify_chain(processing).ok
    assert not applicant_may_download_result(processing)
    issue(world, processing.pk, at=vn(2025, 3, 4, 10, 30))
    services.return_result(
        dossier_id=processing.pk, actor=world.clerk, method="electronic", at=vn(2025, 3, 4, 11)
    )
    processing.refresh_from_db()
    assert applicant_may_download_result(processing)


def test_result_must_be_a_pdf_and_come_from_a_processing_officer(world, processing):
    with pytest.raises(UnacceptableUpload):
        services.attach_result(
            dossier_id=processing.pk, actor=world.specialist, content=b"<html>", name="x.pdf"
        )
    with pytest.raises(PermissionDenied):
        services.attach_result(dossier_id=processing.pk, actor=world.intake, content=PDF_BYTES, name="x.pdf")
    with pytest.raises(PermissionDenied):
        services.attach_result(
            dossier_id=processing.pk, actor=world.other_specialist, content=PDF_BYTES, name="x.pdf"
        )


def test_rating_once_after_the_end(world, processing):
    with pytest.raises(ValidationFailed):
        services.rate_dossier(dossier_id=processing.pk, actor=world.citizen, score=3)
    to_signing_step(world, processing.pk, by=world.specialist, at=vn(2025, 3, 4, 9, 0))
    approve(world, processing.pk, at=vn(2025, 3, 4, 10, 0))
    issue(world, processing.pk, at=vn(2025, 3, 4, 10, 30))
    services.return_result(dossier_id=processing.pk, actor=world.clerk, at=vn(2025, 3, 4, 11, 0))
    with pytest.raises(PermissionDenied):
        services.rate_dossier(dossier_id=processing.pk, actor=world.intake, score=1)
    rating = services.rate_dossier(
        dossier_id=processing.pk, actor=world.citizen, score=3, comment="Nhanh, chu đáo"
    )
    assert rating.get_score_display() == "Rất hài lòng"
    with pytest.raises(Conflict):
        services.rate_dossier(dossier_id=processing.pk, secret=processing.lookup_secret, score=1)


def test_anonymous_rating_with_the_lookup_secret(world):
    dossier = services.register_at_counter(
        officer=world.intake,
        procedure_code=world.code,
        papers=services.originals_on_paper(world.code),
        applicant=APPLICANT,
        form_data=FORM_DATA,
        at=vn(2025, 3, 3, 9, 0),
    )
    services.request_withdrawal(
        dossier_id=dossier.pk, actor=world.intake, reason="Công dân rút", at=vn(2025, 3, 3, 9, 30)
    )
    # Asked while still at the intake step: the receiving centre's intake officers decide.
    services.decide_withdrawal(
        dossier_id=dossier.pk, actor=world.intake, accept=True, at=vn(2025, 3, 3, 10, 0)
    )
    with pytest.raises(PermissionDenied):
        services.rate_dossier(dossier_id=dossier.pk, secret="WRONG1", score=2)
    assert services.rate_dossier(dossier_id=dossier.pk, secret=dossier.lookup_secret, score=2).score == 2


def test_no_result_after_return(world, processing):
    to_signing_step(world, processing.pk, by=world.specialist, at=vn(2025, 3, 4, 9, 0))
    approve(world, processing.pk, at=vn(2025, 3, 4, 10, 0))
    issue(world, processing.pk, at=vn(2025, 3, 4, 10, 30))
    services.return_result(dossier_id=processing.pk, actor=world.clerk, at=vn(2025, 3, 4, 11, 0))
    with pytest.raises(IllegalTransition):
        services.attach_result(dossier_id=processing.pk, actor=world.leader, content=PDF_BYTES, name="x.pdf")
