"""Issue 9 item 8: a send-back is a transfer in the data, but the history calls it a send-back."""

from __future__ import annotations

from motcua.dossiers import services
from motcua.dossiers.selectors import history
from motcua.dossiers.tests.factories import APPLICANT, FORM_DATA, SIGNING_STEP, build_world


def test_the_history_says_sent_back(db):
    world = build_world()
    dossier = services.register_at_counter(
        officer=world.intake,
        procedure_code=world.code,
        applicant=APPLICANT,
        form_data=FORM_DATA,
        papers=services.originals_on_paper(world.code),
    )
    services.transfer_dossier(dossier_id=dossier.pk, actor=world.intake, to_unit_id=world.unit_a.pk)
    services.transfer_dossier(
        dossier_id=dossier.pk, actor=world.specialist, to_unit_id=world.unit_a.pk, step=SIGNING_STEP
    )
    services.send_back_dossier(dossier_id=dossier.pk, actor=world.leader, reason="Bổ sung căn cứ pháp lý")

    labels = [e.label for e in history(dossier, applicant_view=False)]
    assert labels[-1] == "Trả lại bước trước"
    assert labels.count("Chuyển xử lý") == 2  # the two real hand-overs keep their name
