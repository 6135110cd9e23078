"""An agency without a clerk does not block its returns: its leader numbers and issues the result.

Declared once in the table of actions (ISSUE_RESULT, party LEADER_WITHOUT_CLERK); while an active
clerk serves at the agency, the clerk alone issues.
"""

from __future__ import annotations

import pytest

from motcua.agencies.models import Role, StaffRole
from motcua.core.errors import PermissionDenied
from motcua.documents.models import OutgoingDocument
from motcua.documents.services import issue_result, register_outgoing
from motcua.dossiers import services
from motcua.dossiers.actions import Action
from motcua.dossiers.models import Dossier
from motcua.dossiers.permissions import allowed_actions
from motcua.dossiers.selectors import latest_result
from motcua.dossiers.states import State
from motcua.dossiers.tests.factories import APPLICANT, FORM_DATA, approve, to_signing_step, vn


@pytest.fixture
def approved(world) -> Dossier:
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
    approve(world, dossier.pk, at=vn(2026, 3, 3, 10, 0), summary="Đồng ý cấp Phiếu lý lịch tư pháp số 1.")
    dossier.refresh_from_db()
    return dossier


def test_with_a_clerk_the_leader_does_not_issue(world, approved):
    assert Action.ISSUE_RESULT in allowed_actions(world.clerk, approved)
    assert Action.ISSUE_RESULT not in allowed_actions(world.leader, approved)
    with pytest.raises(PermissionDenied):
        issue_result(dossier_id=approved.pk, actor=world.leader, at=vn(2026, 3, 3, 14, 0))


def test_without_a_clerk_the_leader_issues_and_the_counter_returns(world, approved):
    StaffRole.objects.filter(agency=approved.current_agency, role=Role.CLERK).delete()
    assert Action.ISSUE_RESULT in allowed_actions(world.leader, approved)
    # Only a leader of the agency: not its specialists, nor the counter.
    assert Action.ISSUE_RESULT not in allowed_actions(world.specialist, approved)
    assert Action.ISSUE_RESULT not in allowed_actions(world.intake, approved)

    issue_result(dossier_id=approved.pk, actor=world.leader, at=vn(2026, 3, 3, 14, 0))

    result = latest_result(approved)
    assert result is not None
    assert result.notation == "01/QĐ-STP"
    assert OutgoingDocument.objects.get(result=result).number == 1
    services.return_result(dossier_id=approved.pk, actor=world.intake, method="counter")
    approved.refresh_from_db()
    assert approved.state == State.RETURNED


def test_a_clerk_whose_account_is_disabled_does_not_count(world, approved):
    world.clerk.is_active = False
    world.clerk.save(update_fields=["is_active"])
    assert Action.ISSUE_RESULT in allowed_actions(world.leader, approved)


def test_the_register_itself_stays_the_clerks(world, approved):
    """Standing in covers a dossier's result only; the outgoing register's other entries need the clerk."""
    StaffRole.objects.filter(agency=approved.current_agency, role=Role.CLERK).delete()
    with pytest.raises(PermissionDenied):
        register_outgoing(
            actor=world.leader,
            agency_id=approved.current_agency_id,
            kind="reply",
            subject="Về việc thử",
            signer_name="Lê Văn A",
            signer_position="GIÁM ĐỐC",
            signed_on=vn(2026, 3, 3, 9, 0).date(),
        )
