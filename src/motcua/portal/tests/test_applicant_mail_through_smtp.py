"""The applicant hears of every change they must know about, by e-mail through a real SMTP server.

The mails are sent by the task queue (the immediate backend here) after each commit.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.accounts.models import User
from motcua.core.time import local
from motcua.dossiers import services
from motcua.dossiers.deadlines import calendar_of

from .helpers import submit
from .support import PDF, approve_judicial, officers

pytestmark = pytest.mark.django_db(transaction=True)


def test_received_supplement_apology_result_and_return(judicial, client, mailbox, settings):
    settings.MOTCUA_TRACKING_URL = "https://dichvucong.quangtri.gov.vn/tra-cuu/"
    user = User.objects.create_user("mai", password="x", full_name="Phạm Thị Mai")
    client.force_login(user)
    dossier = submit(client, user)  # applicant e-mail from the form: mai@example.vn
    staff = officers()
    services.receive_dossier(dossier_id=dossier.pk, actor=staff.intake)
    services.request_supplement(
        dossier_id=dossier.pk, actor=staff.intake, missing=["Bản sao giấy khai sinh"], reason="Còn thiếu"
    )
    services.supplement_dossier(
        dossier_id=dossier.pk,
        actor=user,
        documents=[(None, SimpleUploadedFile("ks.pdf", PDF))],
    )
    services.transfer_dossier(dossier_id=dossier.pk, actor=staff.intake, to_unit_id=staff.processing_unit.pk)
    dossier.refresh_from_db()
    # Three days later, moved onto working time: an appointment is a legal moment.
    new_date = calendar_of(dossier).next_working_moment(dossier.due_at + timedelta(days=3))
    services.apologise_and_extend(
        dossier_id=dossier.pk, actor=staff.specialist, new_appointment=new_date, reason="Chờ xác minh"
    )
    services.attach_result(dossier_id=dossier.pk, actor=staff.specialist, content=PDF, name="kq.pdf")
    approve_judicial(staff, dossier.pk)
    services.return_result(dossier_id=dossier.pk, actor=staff.intake, method="electronic")

    mailbox.wait_for(6)
    code = dossier.code
    assert mailbox.subjects == [
        f"Đã nhận hồ sơ trực tuyến {code}",
        f"Hồ sơ {code} đã được tiếp nhận",
        f"Hồ sơ {code} cần bổ sung giấy tờ",
        f"Xin lỗi về việc chậm trả kết quả hồ sơ {code}",
        f"Hồ sơ {code} đã có kết quả",
        f"Hồ sơ {code} đã trả kết quả",
    ]
    assert {m["to"] for m in mailbox.messages} == {"mai@example.vn"}
    assert dossier.lookup_secret in mailbox.body(0)
    assert "Ngày hẹn trả kết quả:" in mailbox.body(1)
    assert "  - Bản sao giấy khai sinh" in mailbox.body(2)
    assert "Lý do: Còn thiếu" in mailbox.body(2)
    assert "Lý do: Chờ xác minh" in mailbox.body(3)
    assert f"Ngày hẹn trả kết quả mới: {local(new_date):%H giờ %M, ngày %d/%m/%Y}" in mailbox.body(3)
    assert "tải văn bản kết quả trên Cổng Dịch vụ công" in mailbox.body(5)
    assert "https://dichvucong.quangtri.gov.vn/tra-cuu/" in mailbox.body(5)


def test_no_mail_without_an_address(judicial, client, mailbox):
    user = User.objects.create_user("an", password="x", full_name="Lê Văn An")
    client.force_login(user)
    from .helpers import ready_draft

    draft = ready_draft(client, user)
    draft.applicant = {**draft.applicant, "email": ""}
    draft.save()
    client.post(f"/nop-ho-so/{draft.pk}/xem-lai/", {"declaration": "1"})
    assert mailbox.messages == []
