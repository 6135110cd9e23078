"""The applicant is told by e-mail, after commit, through the task queue."""

from django.core import mail

from motcua.dossiers import services

from .factories import APPLICANT, FORM_DATA, mandatory_document_id, pdf, vn


def test_reception_and_supplement_request_are_mailed(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        dossier = services.submit_dossier(
            procedure_code=world.code,
            applicant=APPLICANT,
            form_data=FORM_DATA,
            documents=[(mandatory_document_id(world), pdf())],
            at=vn(2025, 3, 3, 8, 0),
        )
    with django_capture_on_commit_callbacks(execute=True):
        services.receive_dossier(dossier_id=dossier.pk, actor=world.intake, at=vn(2025, 3, 3, 9, 0))
    with django_capture_on_commit_callbacks(execute=True):
        services.request_supplement(
            dossier_id=dossier.pk,
            actor=world.intake,
            at=vn(2025, 3, 3, 10, 0),
            missing=["Bản sao căn cước"],
            reason="Bản chụp bị mờ",
        )
    subjects = [m.subject for m in mail.outbox]
    assert subjects == [
        f"Đã nhận hồ sơ trực tuyến {dossier.code}",
        f"Hồ sơ {dossier.code} đã được tiếp nhận",
        f"Hồ sơ {dossier.code} cần bổ sung giấy tờ",
    ]
    assert mail.outbox[1].to == ["hoa@example.vn"]
    assert "10 giờ 00" not in mail.outbox[1].body
    assert "Ngày hẹn trả kết quả: 09 giờ 00, ngày 10/03/2025" in mail.outbox[1].body
    assert "  - Bản sao căn cước" in mail.outbox[2].body


def test_mail_waits_for_the_commit(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.register_at_counter(
            officer=world.intake,
            procedure_code=world.code,
            papers=services.originals_on_paper(world.code),
            applicant=APPLICANT,
            form_data=FORM_DATA,
            at=vn(2025, 3, 3, 9, 0),
        )
    assert len(callbacks) == 1  # queued for after commit, not sent inside the transaction
    assert mail.outbox == []
