"""A dossier from online submission to the returned result, through the services."""

from motcua.backoffice.queries import processing_control_rows
from motcua.dossiers import services
from motcua.dossiers.events import verify_chain
from motcua.dossiers.models import DossierEvent
from motcua.dossiers.selectors import replayed
from motcua.dossiers.states import State, national_code

from .factories import APPLICANT, FORM_DATA, PDF_BYTES, issue, mandatory_document_id, pdf, vn


def test_online_dossier_lives_from_submission_to_return(world):
    doc = mandatory_document_id(world)
    dossier = services.submit_dossier(
        procedure_code=world.code,
        applicant=APPLICANT,
        form_data=FORM_DATA,
        documents=[(doc, pdf())],
        owner=world.citizen,
        at=vn(2025, 3, 3, 8, 40),
    )
    assert dossier.state == State.SUBMITTED
    assert dossier.code.startswith(f"{world.department.code}-20250303-")
    assert len(dossier.lookup_secret) == 6

    services.receive_dossier(dossier_id=dossier.pk, actor=world.intake, at=vn(2025, 3, 3, 9, 0))
    dossier.refresh_from_db()
    # 5 working days of 8 hours from Monday 09:00: Monday 10 March 09:00.
    assert dossier.due_at == vn(2025, 3, 10, 9, 0)
    assert dossier.current_step == 1
    # The intake step has 4 working hours: 09:00-11:30, then 13:30-15:00.
    assert dossier.step_due_at == vn(2025, 3, 3, 15, 0)

    services.request_supplement(
        dossier_id=dossier.pk, actor=world.intake, missing=["Bản sao CCCD"], at=vn(2025, 3, 3, 10, 0)
    )
    services.supplement_dossier(
        dossier_id=dossier.pk,
        actor=world.citizen,
        documents=[(None, pdf("cccd.pdf"))],
        at=vn(2025, 3, 4, 10, 0),
    )
    dossier.refresh_from_db()
    assert dossier.state == State.RECEIVED
    # One working day (8 h) spent waiting for the applicant is added to the deadline.
    assert dossier.due_at == vn(2025, 3, 11, 9, 0)

    services.transfer_dossier(
        dossier_id=dossier.pk,
        actor=world.intake,
        to_unit_id=world.unit_a.pk,
        to_assignee_id=world.specialist.pk,
        at=vn(2025, 3, 4, 10, 30),
    )
    services.forward_dossier(dossier_id=dossier.pk, actor=world.specialist, at=vn(2025, 3, 6, 10, 0))
    services.attach_result(
        dossier_id=dossier.pk,
        actor=world.specialist_b,
        content=PDF_BYTES,
        name="phieu-ly-lich-tu-phap.pdf",
        at=vn(2025, 3, 10, 15, 0),
    )
    services.forward_dossier(
        dossier_id=dossier.pk,
        actor=world.specialist_b,
        to_assignee_id=world.leader.pk,
        at=vn(2025, 3, 10, 16, 0),
    )
    services.resolve_dossier(
        dossier_id=dossier.pk, actor=world.leader, result_summary="Cấp Phiếu số 1", at=vn(2025, 3, 11, 8, 0)
    )
    issue(world, dossier.pk, at=vn(2025, 3, 11, 9, 0))
    services.return_result(
        dossier_id=dossier.pk, actor=world.intake, method="counter", at=vn(2025, 3, 11, 9, 30)
    )
    dossier.refresh_from_db()

    assert dossier.state == State.RETURNED
    assert national_code(dossier.state) == 10
    assert dossier.finished_at == vn(2025, 3, 11, 8, 0)
    assert dossier.returned_at == vn(2025, 3, 11, 9, 30)
    assert [e.kind for e in dossier.events.order_by("seq")] == [
        "submitted",
        "received",
        "supplement_requested",
        "supplemented",
        "transferred",
        "transferred",
        "result_attached",
        "transferred",
        "resolved",
        "result_attached",  # the clerk's numbered, issued copy
        "returned",
    ]
    assert dossier.attachments.count() == 2
    assert verify_chain(dossier).ok
    stored = replayed(dossier)
    assert (stored.state, stored.due_at, stored.finished_at) == (
        dossier.state,
        dossier.due_at,
        dossier.finished_at,
    )

    rows = processing_control_rows(dossier)
    # Three unit-to-unit hand-overs, then the result back to the one-stop unit and to the applicant.
    assert len(rows) == 5
    rows = rows[:3]
    assert [(r.giver_unit, r.receiver_unit) for r in rows] == [
        ("Văn phòng Sở (Một cửa)", "Phòng Hành chính tư pháp"),
        ("Phòng Hành chính tư pháp", "Phòng Bổ trợ tư pháp"),
        ("Phòng Bổ trợ tư pháp", "Phòng Hành chính tư pháp"),
    ]
    # Intake step: 3 h were left at the pause (Mon 10:00), so due Tue 15:00; handed over Tue 10:30, early.
    # Appraisal had 2 days from Tue 10:30: due Thu 10:30, handed over Thu 10:00, early.
    # Verification had 2 days from Thu 10:00: due Mon 10:00, handed over Mon 16:00, late.
    assert [r.timeliness for r in rows] == ["early", "early", "late"]
    assert (
        DossierEvent.objects.filter(dossier=dossier).count() == dossier.version == 11
    )  # with the clerk's issue


def test_counter_registration_is_received_at_once(world):
    dossier = services.register_at_counter(
        officer=world.intake,
        procedure_code=world.code,
        applicant=APPLICANT,
        form_data=FORM_DATA,
        documents=[(mandatory_document_id(world), pdf("scan.pdf"))],
        channel="counter",
        at=vn(2025, 3, 3, 14, 0),
    )
    assert dossier.state == State.RECEIVED
    assert dossier.received_at == vn(2025, 3, 3, 14, 0)
    assert [e.kind for e in dossier.events.order_by("seq")] == ["submitted", "received"]
    assert dossier.attachments.get().original_name == "scan.pdf"


def test_inter_agency_transfer_gives_the_other_agency_the_dossier(world):
    dossier = services.register_at_counter(
        officer=world.intake,
        procedure_code=world.code,
        papers=services.originals_on_paper(world.code),
        applicant=APPLICANT,
        form_data=FORM_DATA,
        at=vn(2025, 3, 3, 14, 0),
    )
    services.transfer_dossier(
        dossier_id=dossier.pk,
        actor=world.intake,
        to_unit_id=world.other_unit.pk,
        to_assignee_id=world.other_specialist.pk,
        at=vn(2025, 3, 4, 9, 0),
    )
    dossier.refresh_from_db()
    assert dossier.current_agency == world.other_department
    assert dossier.assignee == world.other_specialist
    services.transfer_dossier(
        dossier_id=dossier.pk,
        actor=world.other_specialist,
        to_unit_id=world.unit_a.pk,
        at=vn(2025, 3, 5, 9, 0),
    )
    dossier.refresh_from_db()
    assert dossier.current_agency == world.department
