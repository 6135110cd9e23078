"""The steering committee's yearly review: per agency targets against actuals, progress, rank, last
year's progress, the monthly online share and the DTI criteria, printed as an A4 PDF."""

import os
from datetime import date
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from pypdf import PdfReader

from motcua.agencies.models import Role
from motcua.backoffice.tests.support import staff_login
from motcua.core import time as core_time
from motcua.dossiers import services
from motcua.dossiers.tests.factories import staff, vn
from motcua.stats.models import DtiAssessment, DtiCriterion, SteeringIndicator, SteeringTarget
from motcua.stats.steering import yearly_review

from .test_api_report_equals_a_count_over_the_dossier_list import submit


def _year_2025(world):
    for day in (3, 4):  # two online dossiers received in March 2025
        d = submit(world, vn(2025, 3, day, 8, 0))
        services.receive_dossier(dossier_id=d.pk, actor=world.intake, at=vn(2025, 3, day, 8, 30))
    dept = world.department
    for indicator, target in (
        (SteeringIndicator.ONLINE_SHARE, 50),
        (SteeringIndicator.END_TO_END_SHARE, 20),
        (SteeringIndicator.SIGNED_RESULTS, 80),
    ):
        SteeringTarget.objects.create(agency=dept, year=2025, indicator=indicator, target=target)
    SteeringTarget.objects.create(agency=dept, year=2024, indicator=SteeringIndicator.ONLINE_SHARE, target=40)
    SteeringTarget.objects.create(
        agency=world.other_department, year=2025, indicator=SteeringIndicator.ONLINE_SHARE, target=60
    )
    first = DtiCriterion.objects.create(
        code="CQS.1", group="Chính quyền số", name="Dịch vụ công trực tuyến toàn trình", max_points=10
    )
    second = DtiCriterion.objects.create(
        code="CQS.2", group="Chính quyền số", name="Văn bản điện tử gửi nhận liên thông", max_points=5
    )
    DtiAssessment.objects.create(
        agency=dept,
        year=2025,
        criterion=first,
        self_points=Decimal("8"),
        appraised_points=Decimal("7.5"),
        evidence="Báo cáo số 12/BC-STP ngày 05/12/2025",
    )
    DtiAssessment.objects.create(agency=dept, year=2025, criterion=second, self_points=Decimal("4"))
    return dept


def test_yearly_review_figures(world):
    dept = _year_2025(world)
    review = yearly_review(2025, upto=date(2025, 12, 31))
    mine = next(b for b in review.boards if b.agency == dept)
    # 2025: online 100 % of 50 → 200 % (capped 100); end-to-end 0 % of 20 → 0; signed results: nothing
    # resolved yet → N/A (left out). Mean of 100 and 0: 50 %. 2024: no dossier → N/A.
    assert mine.progress == 50.0
    assert review.previous[dept.pk] is None
    assert review.months[dept.pk][2] == 100.0  # March
    assert review.months[dept.pk][0] is None  # January: nothing received
    assert [a.criterion.code for a in mine.dti] == ["CQS.1", "CQS.2"]
    assert (mine.dti_max, mine.dti_self, mine.dti_appraised) == (15.0, 12.0, 7.5)
    assert (mine.rank, next(b for b in review.boards if b.agency == world.other_department).rank) == (1, 2)


def test_yearly_review_pdf_from_the_targets_page(world, client, monkeypatch):
    monkeypatch.setattr(core_time, "now", lambda: vn(2025, 12, 20, 9, 0))
    _year_2025(world)
    leader = staff(world.province, Role.LEADER)  # the province's leaders read every agency
    staff_login(client, leader)
    page = client.get("/can-bo/thong-ke/chi-tieu/?nam=2025")
    assert "/can-bo/thong-ke/chi-tieu/bao-cao-nam.pdf?nam=2025" in page.content.decode()

    response = client.get("/can-bo/thong-ke/chi-tieu/bao-cao-nam.pdf?nam=2025")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    pdf = response.getvalue() if hasattr(response, "getvalue") else b"".join(response.streaming_content)
    if folder := os.environ.get("MOTCUA_SCREENSHOTS"):
        Path(folder, "steering-review-2025.pdf").write_bytes(pdf)
    reader = PdfReader(__import__("io").BytesIO(pdf))
    box = reader.pages[0].mediabox
    assert (round(float(box.width) * 25.4 / 72), round(float(box.height) * 25.4 / 72)) == (210, 297)  # A4
    text = " ".join(p.extract_text() for p in reader.pages)
    assert "BÁO CÁO ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN CHỈ TIÊU NĂM 2025" in text.upper()
    assert f"ỦY BAN NHÂN DÂN {settings.MOTCUA_PROVINCE_NAME}".upper() in text  # the issuing body's superior
    for expected in (world.department.name, world.other_department.name, "50,00 %", "CQS.1", "7,5"):
        assert expected in text


def test_yearly_review_is_for_leaders(world, client):
    staff_login(client, staff(world.department, Role.SPECIALIST))
    response = client.get("/can-bo/thong-ke/chi-tieu/bao-cao-nam.pdf?nam=2025")
    assert response.status_code == 403
