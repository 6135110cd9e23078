"""At the counter every required document is scanned or recorded as received on paper; Form 01 lists them.

The page (this module), the API (api/tests) and the service share one rule (dossiers.services.papers).
"""

from __future__ import annotations

from motcua.dossiers.models import Dossier, PaperDocument
from motcua.dossiers.tests.factories import APPLICANT, mandatory_document_id, vn

from .support import pdf_text, staff_login


def _body(world, **extra):  # type: ignore[no-untyped-def]
    return {
        "channel": "counter",
        "kind": "citizen",
        **{k: v for k, v in APPLICANT.items() if k != "kind"},
        "form-ho_ten": "Trần Thị Hoa",
        "form-ngay_sinh": "17/05/1990",
        "form-so_luong": "1",
        **extra,
    }


def _url(client, world):  # type: ignore[no-untyped-def]
    from django.urls import reverse

    return reverse("backoffice:register_dossier", args=[world.code])


def test_no_scan_and_no_paper_is_refused_in_place(client, world, clock):
    staff_login(client, world.intake)
    response = client.post(_url(client, world), _body(world))
    assert response.status_code == 400
    page = response.content.decode()
    assert "Chưa có bản quét hoặc ghi nhận bản giấy của thành phần bắt buộc" in page
    assert "Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp" in page
    assert Dossier.objects.count() == 0


def test_paper_received_is_recorded_and_listed_on_form_01(client, world, clock):
    clock.set(2025, 3, 3, 9, 0)
    staff_login(client, world.intake)
    doc = mandatory_document_id(world)
    response = client.post(
        _url(client, world), _body(world, **{f"paper__{doc}": "certified_copy", f"copies__{doc}": "2"})
    )
    assert response.status_code == 302, response.content.decode()[:800]
    dossier = Dossier.objects.get()
    assert list(PaperDocument.objects.values_list("required_document_id", "form", "copies")) == [
        (doc, "certified_copy", 2)
    ]
    text = pdf_text(client.get(f"/can-bo/ho-so/{dossier.code}/mau-01.pdf").content)
    assert "Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp Bản sao có chứng thực 02" in text
    assert dossier.received_at == vn(2025, 3, 3, 9, 0)


def test_zero_copies_is_an_error_on_the_field(client, world, clock):
    staff_login(client, world.intake)
    doc = mandatory_document_id(world)
    response = client.post(
        _url(client, world), _body(world, **{f"paper__{doc}": "original", f"copies__{doc}": "0"})
    )
    assert response.status_code == 400
    assert Dossier.objects.count() == 0
