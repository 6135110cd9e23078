"""The confirmation of an online submission fits one page, its header columns apart."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from motcua.dossiers import services
from motcua.dossiers.tests.factories import APPLICANT, FORM_DATA, build_world, mandatory_document_id, pdf, vn

pytestmark = pytest.mark.django_db


def test_confirmation_is_one_page(client):
    world = build_world()
    world.province.name = "Ủy ban nhân dân tỉnh Quảng Trị"
    world.province.save()
    dossier = services.submit_dossier(
        procedure_code=world.code,
        applicant={
            **APPLICANT,
            "address": "Số 125 đường Hùng Vương, khu phố 4, phường Đông Hà, tỉnh Quảng Trị",
        },
        form_data=FORM_DATA,
        documents=[(mandatory_document_id(world), pdf("to-khai.pdf")), (None, pdf("giay-uy-quyen.pdf"))],
        owner=world.citizen,
        at=vn(2025, 3, 3, 8, 0),
    )
    client.force_login(world.citizen)
    content = client.get(f"/ho-so/{dossier.code}/giay-xac-nhan.pdf").content
    reader = PdfReader(io.BytesIO(content))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert "TỈNHCỘNG" not in text.upper().replace(" ", "")
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text.upper()
