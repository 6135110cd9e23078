"""The clerk registers an incoming paper document, the leader fills the handling slip; the registers
show them, and export as PDF and xlsx; a stranger reads nothing."""

from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import load_workbook

from motcua.backoffice.tests.support import staff_login
from motcua.documents import signals
from motcua.documents.models import IncomingDocument
from motcua.documents.services import register_incoming


def test_incoming_through_pages_and_exports(client, world, django_capture_on_commit_callbacks):
    seen: list[str] = []
    signals.incoming_registered.connect(lambda **kw: seen.append("03"), weak=False, dispatch_uid="t03")
    staff_login(client, world.clerk)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/can-bo/van-thu/van-ban-den/vao-so/",
            {
                "co-quan": world.department.pk,
                "author": "UBND tỉnh",
                "notation": "125/UBND-KSTT",
                "document_date": "02/03/2026",
                "type_name": "Công văn",
                "subject": "V/v đẩy mạnh dịch vụ công trực tuyến",
            },
        )
    assert response.status_code == 302
    document = IncomingDocument.objects.get()
    assert document.arrival_number == 1
    # Electronic documents share the sequence; a duplicate DocumentId makes one record.
    with django_capture_on_commit_callbacks(execute=True):
        electronic = register_incoming(
            actor=None,
            agency_id=world.department.pk,
            author="Bộ Tư pháp",
            notation="45/QĐ-BTP",
            document_date=date(2026, 3, 1),
            type_name="Quyết định",
            subject="Công bố TTHC",
            channel="electronic",
            exchange_document_id="000.00.00.G22,2026/03/01,45/QĐ-BTP",
        )
    again = register_incoming(
        actor=None,
        agency_id=world.department.pk,
        author="Bộ Tư pháp",
        notation="45/QĐ-BTP",
        document_date=date(2026, 3, 1),
        type_name="Quyết định",
        subject="Công bố TTHC",
        channel="electronic",
        exchange_document_id="000.00.00.G22,2026/03/01,45/QĐ-BTP",
    )
    assert electronic.pk == again.pk
    assert electronic.arrival_number == 2
    assert seen == ["03", "03"]
    year = document.register.year
    page = client.get(f"/can-bo/van-thu/so/van-ban-den/?nam={year}&q=KSTT").content.decode()
    assert "125/UBND-KSTT" in page
    assert "45/QĐ-BTP" not in page
    staff_login(client, world.leader)
    response = client.post(
        f"/can-bo/van-thu/van-ban-den/{document.pk}/",
        {
            "buoc": "chi-dao",
            "lead_unit": world.unit_a.pk,
            "supporting_units": [world.unit_b.pk],
            "deadline": "2099-01-02",
        },
    )
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.lead_unit == world.unit_a
    slip = client.get(f"/can-bo/van-thu/van-ban-den/{document.pk}/").content.decode()
    assert "Phiếu giải quyết văn bản đến" in slip
    assert world.unit_b.name in slip
    xlsx = client.get(f"/can-bo/van-thu/so/theo-doi/?nam={year}&xuat=xlsx")
    sheet = load_workbook(
        io.BytesIO(b"".join(xlsx.streaming_content) if xlsx.streaming else xlsx.content)
    ).active
    assert sheet["A5"].value == 1
    pdf = client.get(f"/can-bo/van-thu/so/van-ban-den/?nam={year}&xuat=pdf")
    body = b"".join(pdf.streaming_content) if pdf.streaming else pdf.content
    assert body.startswith(b"%PDF")


@pytest.mark.parametrize("who", ["specialist", "other_intake"])
def test_others_do_not_read_the_registers(client, world, who):
    staff_login(client, getattr(world, who))
    assert client.get("/can-bo/van-thu/so/van-ban-di/").status_code in (400, 403)
