"""Leader approves → the agency's clerk numbers, dates and issues → the result is returned; not before."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from motcua.core.errors import PermissionDenied
from motcua.documents.models import OutgoingDocument
from motcua.documents.services import issue_result, result_for_signing
from motcua.dossiers import services
from motcua.dossiers.actions import Action
from motcua.dossiers.permissions import RequirementUnmet, allowed_actions
from motcua.dossiers.selectors import latest_result
from motcua.dossiers.tests.factories import APPLICANT, FORM_DATA, approve, to_signing_step, vn


@pytest.fixture
def approved(world):
    world.leader.full_name = "Lê Thị Minh Châu"
    world.leader.save()
    dossier = services.register_at_counter(
        officer=world.intake,
        procedure_code=world.code,
        applicant=APPLICANT,
        form_data=FORM_DATA,
        owner=world.citizen,
        at=vn(2026, 3, 2, 9, 0),
        papers=services.originals_on_paper(world.code),
    )
    to_signing_step(world, dossier.pk, at=vn(2026, 3, 2, 10, 0))
    summary = "Đồng ý cấp Phiếu lý lịch tư pháp số 1."
    dossier.refresh_from_db()
    laid_out = result_for_signing(dossier, signer=world.leader, summary=summary)
    services.attach_result(
        dossier_id=dossier.pk,
        actor=world.leader,
        content=laid_out,
        name="ket-qua.pdf",
        at=vn(2026, 3, 3, 9, 0),
    )
    approve(world, dossier.pk, at=vn(2026, 3, 3, 10, 0), summary=summary, attach=False)
    dossier.refresh_from_db()
    return dossier


def pdf_text(content: bytes) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=content, capture_output=True, check=True
    ).stdout.decode()


def test_a_result_without_a_number_cannot_be_returned(world, approved):
    assert Action.RETURN_RESULT not in allowed_actions(world.intake, approved)
    with pytest.raises(RequirementUnmet, match="chưa có số"):
        services.return_result(dossier_id=approved.pk, actor=world.intake)


def test_the_clerk_numbers_and_issues_then_the_counter_returns(world, approved):
    assert Action.ISSUE_RESULT in allowed_actions(world.clerk, approved)
    issue_result(dossier_id=approved.pk, actor=world.clerk, at=vn(2026, 3, 3, 14, 0))
    result = latest_result(approved)
    assert result.notation == "01/QĐ-STP"
    assert result.issued_on.isoformat() == "2026-03-03"
    line = OutgoingDocument.objects.get(result=result)
    assert (line.number, line.notation, line.signer_name) == (1, "01/QĐ-STP", "Lê Thị Minh Châu")
    assert line.issue_due_on.isoformat() == "2026-03-04"
    content = result.file.read()
    if os.environ.get("MOTCUA_SCREENSHOTS"):  # to render with pdftoppm and look at
        Path(os.environ["MOTCUA_SCREENSHOTS"], "issued-result.pdf").write_bytes(content)
    text = pdf_text(content)
    assert "Số: 01/QĐ-STP" in text
    assert "ngày 03 tháng 03 năm 2026" in text
    assert "QUYẾT ĐỊNH" in text
    assert "DỰ THẢO" not in text
    assert "Dự thảo" not in text
    assert "VĂN BẢN" not in text
    assert "……" not in text
    assert "NGƯỜI CÓ THẨM QUYỀN" not in text.upper()
    assert text.count("Lê Thị Minh Châu") == 1
    assert world.leader.username not in text
    approved.refresh_from_db()
    assert Action.ISSUE_RESULT not in allowed_actions(world.clerk, approved)
    assert Action.RETURN_RESULT in allowed_actions(world.intake, approved)
    services.return_result(dossier_id=approved.pk, actor=world.intake, at=vn(2026, 3, 3, 15, 0))


def test_only_a_clerk_of_the_approving_agency_issues(world, approved):
    from motcua.agencies.models import Role
    from motcua.dossiers.tests.factories import staff

    stranger = staff(world.other_department, Role.CLERK)
    for someone in (world.intake, world.specialist, world.leader, stranger):
        with pytest.raises(PermissionDenied):
            issue_result(dossier_id=approved.pk, actor=someone)
    issue_result(dossier_id=approved.pk, actor=world.clerk)
    with pytest.raises(RequirementUnmet):
        issue_result(dossier_id=approved.pk, actor=world.clerk)
