"""Each printed form fits its page, and the Decree 30 header's two columns never run into each other.

With realistic long names (a province's People's Committee above a service centre) the issuing body on
the left must wrap inside its column instead of running into the national title ("TỈNHCỘNG").
Set MOTCUA_SCREENSHOTS to a directory to get each form as PDF and PNG (pdftoppm) to look at.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from motcua.dossiers import services
from motcua.dossiers.tests.factories import approve, issue, mandatory_document_id, pdf, vn

from .support import at_counter, online, staff_login

NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
LONG_ADDRESS = "Số 125 đường Hùng Vương, khu phố 4, phường Đông Hà, tỉnh Quảng Trị"


def _keep(name: str, content: bytes) -> None:
    """Under MOTCUA_SCREENSHOTS, the PDF and its pages as PNG, for a person to look at."""
    folder = os.environ.get("MOTCUA_SCREENSHOTS")
    if not folder:
        return
    target = Path(folder) / "forms"
    target.mkdir(parents=True, exist_ok=True)
    (target / f"{name}.pdf").write_bytes(content)
    subprocess.run(
        ["/usr/bin/pdftoppm", "-png", "-r", "60", str(target / f"{name}.pdf"), str(target / name)],
        check=True,
    )


def _header_lines(content: bytes) -> list[str]:
    """The first lines of page 1, as a reader (and a screen reader) gets them."""
    text = PdfReader(io.BytesIO(content)).pages[0].extract_text()
    return [line.strip() for line in text.splitlines()[:12]]


def check_one_page_and_clean_header(name: str, content: bytes, pages: int = 1) -> None:
    _keep(name, content)
    reader = PdfReader(io.BytesIO(content))
    assert len(reader.pages) == pages, f"{name}: {len(reader.pages)} pages"
    lines = _header_lines(content)
    header = "\n".join(lines)
    assert "TỈNHCỘNG" not in header, header
    # The national title comes out whole, never glued to a word of the issuing body's column.
    assert NATIONAL_TITLE in header, header
    for line in lines:
        assert not re.search(r"\wCỘNG HÒA", line), line


@pytest.fixture
def staff(client, world, clock):  # type: ignore[no-untyped-def]
    world.province.name = "Ủy ban nhân dân tỉnh Quảng Trị"
    world.province.save()
    world.department.name = "Trung tâm Phục vụ hành chính công tỉnh"
    world.department.save()
    world.one_stop.name = "Bộ phận tiếp nhận và trả kết quả"
    world.one_stop.save()
    return staff_login(client, world.leader)


def _get(client, dossier, number):  # type: ignore[no-untyped-def]
    response = client.get(f"/can-bo/ho-so/{dossier.code}/mau-{number}.pdf")
    assert response.status_code == 200, response.content[:300]
    return response.content


def test_form_01_fits_one_page_and_lists_one_line_per_document(staff, world, clock):
    dossier = online(world, vn(2025, 3, 3, 8, 0), address=LONG_ADDRESS)
    services.request_supplement(
        dossier_id=dossier.pk,
        actor=world.intake,
        documents=[mandatory_document_id(world)],
        reason="Bản quét tờ khai bị mờ",
        at=vn(2025, 3, 3, 8, 30),
    )
    services.supplement_dossier(
        dossier_id=dossier.pk,
        actor=world.citizen,
        documents=[(mandatory_document_id(world), pdf("to-khai-ro.pdf"))],
        at=vn(2025, 3, 3, 8, 45),
    )
    services.receive_dossier(dossier_id=dossier.pk, actor=world.intake, at=vn(2025, 3, 3, 9, 0))
    content = _get(staff, dossier, "01")
    check_one_page_and_clean_header("mau-01", content)
    text = re.sub(r"\s+", " ", PdfReader(io.BytesIO(content)).pages[0].extract_text())
    assert text.count("Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp") == 1
    assert f"Địa chỉ: {LONG_ADDRESS}" in text


def test_forms_02_to_07_fit_their_page(staff, world, clock):
    first = online(world, vn(2025, 3, 3, 8, 0))
    services.request_supplement(
        dossier_id=first.pk,
        actor=world.intake,
        missing=["Bản sao Căn cước công dân", "Giấy ủy quyền có chứng thực"],
        reason="Hồ sơ chưa đủ thành phần",
        at=vn(2025, 3, 3, 9, 0),
    )
    check_one_page_and_clean_header("mau-02", _get(staff, first, "02"))

    second = online(world, vn(2025, 3, 3, 8, 10))
    services.refuse_dossier(
        dossier_id=second.pk,
        actor=world.intake,
        reason="Thủ tục không thuộc thẩm quyền của cơ quan tiếp nhận",
        at=vn(2025, 3, 3, 9, 10),
    )
    check_one_page_and_clean_header("mau-03", _get(staff, second, "03"))

    third = at_counter(world, vn(2025, 3, 3, 9, 0))
    services.apologise_and_extend(
        dossier_id=third.pk,
        actor=world.intake,
        new_appointment=vn(2025, 3, 14, 16, 0),
        reason="Cần xác minh thêm với Công an tỉnh",
        at=vn(2025, 3, 11, 9, 0),
    )
    check_one_page_and_clean_header("mau-04", _get(staff, third, "04"))

    fourth = at_counter(world, vn(2025, 3, 3, 9, 30))
    services.transfer_dossier(
        dossier_id=fourth.pk, actor=world.intake, to_unit_id=world.unit_a.pk, at=vn(2025, 3, 3, 10, 0)
    )
    services.stop_dossier(
        dossier_id=fourth.pk,
        actor=world.leader,
        reason="Người nộp không đủ điều kiện theo quy định",
        at=vn(2025, 3, 4, 10, 0),
    )
    check_one_page_and_clean_header("mau-05", _get(staff, fourth, "05"))

    fifth = at_counter(world, vn(2025, 3, 3, 10, 0))
    services.transfer_dossier(
        dossier_id=fifth.pk,
        actor=world.intake,
        to_unit_id=world.unit_a.pk,
        to_assignee_id=world.specialist.pk,
        at=vn(2025, 3, 3, 11, 0),
    )
    services.transfer_dossier(
        dossier_id=fifth.pk, actor=world.specialist, to_unit_id=world.unit_b.pk, at=vn(2025, 3, 5, 10, 0)
    )
    services.transfer_dossier(
        dossier_id=fifth.pk,
        actor=world.specialist_b,
        to_unit_id=world.unit_a.pk,
        to_assignee_id=world.leader.pk,
        at=vn(2025, 3, 7, 16, 0),
    )
    approve(world, fifth.pk, at=vn(2025, 3, 10, 8, 0))
    issue(world, fifth.pk, at=vn(2025, 3, 10, 9, 0))
    services.return_result(dossier_id=fifth.pk, actor=world.intake, at=vn(2025, 3, 10, 10, 0))
    check_one_page_and_clean_header("mau-06", _get(staff, fifth, "06"))

    clock.at = vn(2025, 3, 31, 9, 0) + timedelta(hours=1)
    register = staff.get(
        f"/can-bo/so-theo-doi/pdf/?co-quan={world.department.pk}&tu=2025-03-01&den=2025-03-31"
    )
    assert register.status_code == 200
    check_one_page_and_clean_header("mau-07", register.content)
