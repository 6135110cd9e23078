"""Every action of the dossier page, through the pages, as the officer would do it."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.agencies.models import Role
from motcua.dossiers.models import Dossier, ResultDocument
from motcua.dossiers.tests.factories import PDF_BYTES, staff, vn

from .support import at_counter, online, pdf_text, staff_login


def act(client, dossier, action, **data):  # type: ignore[no-untyped-def]
    dossier.refresh_from_db()
    data.setdefault("version", dossier.version)
    return client.post(f"/can-bo/ho-so/{dossier.code}/thao-tac/{action}/", data)


def _pdf() -> SimpleUploadedFile:
    return SimpleUploadedFile("quyet-dinh.pdf", PDF_BYTES, content_type="application/pdf")


@pytest.fixture
def counter_dossier(world, clock):  # type: ignore[no-untyped-def]
    clock.set(2025, 3, 3, 9, 0)
    return at_counter(world, clock.at)


def test_intake_receives_an_online_dossier_and_is_offered_form_01(client, world, clock):
    dossier = online(world, vn(2025, 3, 3, 8, 0))
    clock.set(2025, 3, 3, 8, 30)
    staff_login(client, world.intake)
    response = act(client, dossier, "tiep-nhan", note="Đủ thành phần")
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.state == "received"
    assert dossier.due_at == vn(2025, 3, 10, 8, 30)
    page = client.get(response["Location"]).content.decode()
    assert "Đã tiếp nhận hồ sơ" in page
    assert f"/can-bo/ho-so/{dossier.code}/mau-01.pdf" in page
    assert "data-print-now" in page


def test_supplement_request_lists_exactly_what_is_missing(client, world, clock):
    dossier = online(world, vn(2025, 3, 3, 8, 0))
    clock.set(2025, 3, 3, 8, 30)
    staff_login(client, world.intake)
    authorisation = world.version.required_documents.get(is_mandatory=False)
    response = act(
        client,
        dossier,
        "yeu-cau-bo-sung",
        documents=[authorisation.pk],
        missing="Bản sao CCCD còn hiệu lực\n\n  Ảnh 4x6 chụp trong 6 tháng  ",
        reason="Thiếu giấy tờ",
    )
    assert response.status_code == 302
    event = Dossier.objects.get(pk=dossier.pk).events.latest("seq")
    assert event.payload["missing"] == [
        "Giấy ủy quyền (bản chính)",
        "Bản sao CCCD còn hiệu lực",
        "Ảnh 4x6 chụp trong 6 tháng",
    ]
    text = pdf_text(client.get(f"/can-bo/ho-so/{dossier.code}/mau-02.pdf").content)
    assert "Bản sao CCCD còn hiệu lực" in text
    assert "Giấy ủy quyền (bản chính)" in text
    # Nothing chosen: a clear error, and the dossier stays as it was.
    other = online(world, vn(2025, 3, 3, 8, 5))
    response = act(client, other, "yeu-cau-bo-sung", missing="", reason="")
    assert response.status_code == 400
    assert "ít nhất một giấy tờ" in response.content.decode()
    assert Dossier.objects.get(pk=other.pk).state == "submitted"


def test_refusal_needs_a_reason(client, world, clock):
    dossier = online(world, vn(2025, 3, 3, 8, 0))
    staff_login(client, world.intake)
    assert act(client, dossier, "tu-choi", reason="").status_code == 400
    assert act(client, dossier, "tu-choi", reason="Không thuộc thẩm quyền giải quyết").status_code == 302
    assert Dossier.objects.get(pk=dossier.pk).state == "refused"


def test_forward_along_the_workflow_then_propose_approve_and_return(client, world, counter_dossier, clock):
    d = counter_dossier
    staff_login(client, world.intake)
    clock.set(2025, 3, 3, 10, 0)
    assert act(client, d, "chuyen-buoc", to_assignee=world.specialist.pk).status_code == 302
    d.refresh_from_db()
    assert (d.current_unit, d.current_step, d.assignee) == (world.unit_a, 2, world.specialist)

    staff_login(client, world.specialist)
    clock.set(2025, 3, 4, 10, 0)
    assert act(client, d, "chuyen-buoc").status_code == 302
    d.refresh_from_db()
    assert (d.current_unit, d.current_step) == (world.unit_b, 3)

    # Step 3 belongs to unit B: its specialist proposes the result, not unit A's.
    clock.set(2025, 3, 5, 10, 0)
    assert act(client, d, "de-xuat-ket-qua", mode="upload", file=_pdf()).status_code == 403
    staff_login(client, world.specialist_b)
    response = act(
        client,
        d,
        "de-xuat-ket-qua",
        mode="generate",
        title="Về việc cấp Phiếu lý lịch tư pháp số 01",
        text="Cấp Phiếu lý lịch tư pháp số 1 cho bà Trần Thị Hoa.\nPhiếu có giá trị theo quy định.",
        forward="1",
    )
    assert response.status_code == 302, response.content.decode()[:800]
    d.refresh_from_db()
    assert (d.current_unit, d.current_step, d.state) == (world.unit_a, 4, "processing")
    result = ResultDocument.objects.get(dossier=d)
    text = pdf_text(result.file.open("rb").read())
    assert "Cấp Phiếu lý lịch tư pháp số 1 cho bà Trần Thị Hoa." in text
    assert d.code in text

    staff_login(client, world.leader)
    approvals = client.get("/can-bo/danh-sach/cho-phe-duyet/").content.decode()
    assert d.code in approvals
    clock.set(2025, 3, 5, 14, 0)
    assert act(client, d, "phe-duyet", result_summary="Đồng ý cấp Phiếu").status_code == 302
    assert Dossier.objects.get(pk=d.pk).state == "resolved"

    staff_login(client, world.clerk)
    assert d.code in client.get("/can-bo/danh-sach/tra-ket-qua/").content.decode()
    # Not returned before the agency's clerk numbers and issues it (issue 10): then it may be.
    clock.set(2025, 3, 6, 8, 30)
    assert act(client, d, "tra-ket-qua", method="postal", note="Vận đơn EMS 123").status_code == 409
    assert act(client, d, "ban-hanh").status_code == 302
    assert ResultDocument.objects.filter(dossier=d).latest("id").notation.startswith("01/")
    clock.set(2025, 3, 6, 9, 0)
    assert act(client, d, "tra-ket-qua", method="postal", note="Vận đơn EMS 123").status_code == 302
    d.refresh_from_db()
    assert d.state == "returned"
    assert d.events.latest("seq").payload == {"method": "postal"}


def test_upload_a_result_and_the_leader_sends_it_back(client, world, counter_dossier, clock):
    d = counter_dossier
    staff_login(client, world.intake)
    clock.set(2025, 3, 3, 10, 0)
    act(client, d, "chuyen-buoc")
    staff_login(client, world.specialist)
    clock.set(2025, 3, 4, 9, 0)
    upload = SimpleUploadedFile("quyet-dinh.pdf", PDF_BYTES, content_type="application/pdf")
    response = act(client, d, "de-xuat-ket-qua", mode="upload", file=upload)
    assert response.status_code == 302
    d.refresh_from_db()
    # Not forwarded (no box ticked): still at the appraisal step, with the uploaded result.
    assert (d.current_step, ResultDocument.objects.get(dossier=d).name) == (2, "quyet-dinh.pdf")
    not_a_pdf = SimpleUploadedFile("quyet-dinh.pdf", b"GIF89a....", content_type="application/pdf")
    response = act(client, d, "de-xuat-ket-qua", mode="upload", file=not_a_pdf)
    assert response.status_code == 400
    assert "phải là tệp PDF" in response.content.decode()
    act(client, d, "chuyen", to_unit=world.unit_a.pk, step=4, note="Trình ký")

    staff_login(client, world.leader)
    clock.set(2025, 3, 4, 10, 0)
    assert act(client, d, "tra-lai", reason="Bổ sung căn cứ pháp lý").status_code == 302
    d.refresh_from_db()
    assert (d.current_unit, d.assignee, d.current_step) == (world.unit_a, world.specialist, 2)
    assert d.events.latest("seq").note == "Bổ sung căn cứ pháp lý"


def test_transfer_to_another_agency_and_back(client, world, counter_dossier, clock):
    d = counter_dossier
    staff_login(client, world.intake)
    clock.set(2025, 3, 3, 10, 0)
    response = act(
        client,
        d,
        "chuyen",
        to_unit=world.other_unit.pk,
        to_assignee=world.other_specialist.pk,
        note="Liên thông",
    )
    assert response.status_code == 302
    d.refresh_from_db()
    assert d.current_agency == world.other_department
    staff_login(client, world.other_specialist)
    assert d.code in client.get("/can-bo/danh-sach/can-xu-ly/").content.decode()
    clock.set(2025, 3, 4, 10, 0)
    assert act(client, d, "chuyen", to_unit=world.unit_a.pk).status_code == 302
    # Handed back: the other agency no longer holds it. It still reads the dossier and prints its
    # part of Form 06, but is offered no action, refused any it posts, and has nothing in its lists.
    page = client.get(f"/can-bo/ho-so/{d.code}/")
    assert page.status_code == 200
    assert d.applicant_name in page.content.decode()
    assert "thao-tac/" not in page.content.decode()
    assert client.get(f"/can-bo/ho-so/{d.code}/phieu-kiem-soat/").status_code == 200
    refused = act(client, d, "chuyen", to_unit=world.other_unit.pk)
    assert refused.status_code == 403
    assert "Bạn không có quyền" in refused.content.decode()
    assert Dossier.objects.get(pk=d.pk).current_agency == world.department
    assert d.code not in client.get("/can-bo/danh-sach/can-xu-ly/").content.decode()


def test_two_officers_at_once_only_one_wins(client, world, counter_dossier, clock):
    d = counter_dossier
    seen = d.version
    staff_login(client, world.intake)
    clock.set(2025, 3, 3, 10, 0)
    assert act(client, d, "chuyen-buoc", version=seen).status_code == 302
    staff_login(client, world.specialist)
    response = act(client, d, "yeu-cau-bo-sung", version=seen, missing="Bản sao CCCD")
    assert response.status_code == 409
    page = response.content.decode()
    assert "xung đột dữ liệu" in page
    assert "CHƯA được thực hiện" in page
    assert Dossier.objects.get(pk=d.pk).state == "processing"
    # A form without the version is treated the same way: reload first.
    response = client.post(f"/can-bo/ho-so/{d.code}/thao-tac/dung/", {"reason": "x"})
    assert response.status_code == 409


def test_financial_obligation_asked_and_confirmed(client, world, counter_dossier, clock):
    d = counter_dossier
    staff_login(client, world.intake)
    clock.set(2025, 3, 3, 10, 0)
    act(client, d, "chuyen-buoc")
    staff_login(client, world.specialist)
    assert act(client, d, "nghia-vu-tai-chinh", amount="abc", description="Lệ phí").status_code == 400
    assert act(client, d, "nghia-vu-tai-chinh", amount="200000", description="Lệ phí").status_code == 302
    assert d.code in client.get("/can-bo/danh-sach/cho-cong-dan/").content.decode()
    assert act(client, d, "xac-nhan-nghia-vu", receipt_number="BL-0001").status_code == 302
    assert Dossier.objects.get(pk=d.pk).state == "processing"


def test_counter_takes_the_supplement_and_the_clock_resumes(client, world, counter_dossier, clock):
    d = counter_dossier
    staff_login(client, world.intake)
    clock.set(2025, 3, 3, 10, 0)
    act(client, d, "yeu-cau-bo-sung", missing="Bản sao CCCD")
    clock.set(2025, 3, 4, 10, 0)
    upload = SimpleUploadedFile("cccd.pdf", PDF_BYTES, content_type="application/pdf")
    assert act(client, d, "nhan-bo-sung", doc__other=upload).status_code == 302
    d.refresh_from_db()
    assert d.state == "received"
    assert d.attachments.count() == 2
    assert d.due_at == vn(2025, 3, 11, 9, 0)  # a working day waited for the applicant is added


def test_withdrawal_is_recorded_and_decided_then_form_05(client, world, counter_dossier, clock):
    d = counter_dossier
    staff_login(client, world.intake)
    clock.set(2025, 3, 3, 10, 0)
    assert act(client, d, "rut-ho-so", reason="Không còn nhu cầu").status_code == 302
    assert act(client, d, "quyet-dinh-rut", accept="1", note="Đồng ý").status_code == 302
    d.refresh_from_db()
    assert d.state == "stopped"
    text = pdf_text(client.get(f"/can-bo/ho-so/{d.code}/mau-05.pdf").content)
    assert "theo đề nghị rút hồ sơ của Ông/Bà" in text


def test_the_unit_head_reassigns_from_the_agency_list_inline(client, world, counter_dossier, clock):
    d = counter_dossier
    colleague = staff(world.department, Role.SPECIALIST, world.unit_a)
    staff_login(client, world.intake)
    act(client, d, "chuyen-buoc", to_assignee=world.specialist.pk)
    d.refresh_from_db()
    staff_login(client, world.leader)  # the head of unit A, where the dossier now is
    response = client.post(
        f"/can-bo/ho-so/{d.code}/thao-tac/phan-cong/",
        {"version": d.version, "assignee": colleague.pk, "from": "list"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert "Đã giao cho" in response.content.decode()
    assert Dossier.objects.get(pk=d.pk).assignee == colleague
    stale = client.post(
        f"/can-bo/ho-so/{d.code}/thao-tac/phan-cong/",
        {"version": d.version, "assignee": world.specialist.pk, "from": "list"},
        HTTP_HX_REQUEST="true",
    )
    assert stale.status_code == 409
    assert "người khác cập nhật" in stale.content.decode()
