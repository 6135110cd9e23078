"""After a leader sends a dossier back, "back" from the specialist's step is still the step before
it (the one-stop centre), never the leader's step it came back from, nor the specialist himself."""

from __future__ import annotations

import pytest

from motcua.dossiers import services
from motcua.dossiers.permissions import Action, allowed_actions
from motcua.dossiers.selectors import send_back_target
from motcua.dossiers.tests.factories import APPLICANT, FORM_DATA, mandatory_document_id, pdf, vn

pytestmark = pytest.mark.django_db


def test_back_from_a_sent_back_dossier_is_the_step_before(world):
    dossier = services.submit_dossier(
        procedure_code=world.code,
        applicant=APPLICANT,
        form_data=FORM_DATA,
        documents=[(mandatory_document_id(world), pdf())],
        owner=world.citizen,
        at=vn(2025, 3, 3, 8, 0),
    )
    services.receive_dossier(dossier_id=dossier.pk, actor=world.intake, at=vn(2025, 3, 3, 9, 0))
    services.transfer_dossier(
        dossier_id=dossier.pk, actor=world.intake, to_unit_id=world.unit_a.pk, at=vn(2025, 3, 3, 10, 0)
    )
    services.transfer_dossier(
        dossier_id=dossier.pk, actor=world.specialist, to_unit_id=world.unit_a.pk, step=4, at=vn(2025, 3, 4)
    )
    services.send_back_dossier(
        dossier_id=dossier.pk, actor=world.leader, reason="Bổ sung ý kiến.", at=vn(2025, 3, 4, 14)
    )
    dossier.refresh_from_db()
    assert dossier.current_step == 2

    back = send_back_target(dossier)

    assert back is not None
    assert back.step != 4  # not forward to the leader's step it came back from
    assert back.assignee_id != world.specialist.pk
    assert (back.agency, back.assignee_id) == (world.department, world.intake.pk)
    assert Action.SEND_BACK in allowed_actions(world.specialist, dossier)
