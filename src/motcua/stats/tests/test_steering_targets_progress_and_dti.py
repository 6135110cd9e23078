"""The steering committee's targets: actuals from the platform's data, progress, rank and DTI points,
worked out by hand, and the page leaders read and print."""

from datetime import date
from decimal import Decimal

from motcua.agencies.models import Role
from motcua.backoffice.tests.support import staff_login
from motcua.dossiers import services
from motcua.dossiers.tests.factories import staff, vn
from motcua.stats.models import DtiAssessment, DtiCriterion, SteeringIndicator, SteeringTarget
from motcua.stats.steering import steering_board

from .test_api_report_equals_a_count_over_the_dossier_list import submit


def test_targets_progress_rank_and_dti(world, client):
    for day in (3, 4):  # two online dossiers received in March 2025
        d = submit(world, vn(2025, 3, day, 8, 0))
        services.receive_dossier(dossier_id=d.pk, actor=world.intake, at=vn(2025, 3, day, 8, 30))
    dept = world.department
    SteeringTarget.objects.create(agency=dept, year=2025, indicator=SteeringIndicator.ONLINE_SHARE, target=50)
    SteeringTarget.objects.create(
        agency=dept, year=2025, indicator=SteeringIndicator.END_TO_END_SHARE, target=20
    )
    SteeringTarget.objects.create(
        agency=dept, year=2025, indicator=SteeringIndicator.DOCUMENTS_EXCHANGED, target=10
    )
    SteeringTarget.objects.create(
        agency=world.other_department, year=2025, indicator=SteeringIndicator.ONLINE_SHARE, target=60
    )
    criterion = DtiCriterion.objects.create(
        code="CQS.1", group="Chính quyền số", name="Dịch vụ công trực tuyến", max_points=10
    )
    DtiAssessment.objects.create(
        agency=dept, year=2025, criterion=criterion, self_points=Decimal("8"), appraised_points=Decimal("7")
    )

    boards = steering_board(2025, upto=date(2025, 12, 31))
    mine = next(b for b in boards if b.agency == dept)
    lines = {line.indicator: line for line in mine.lines}
    # 2 of 2 received online: 100 % against 50 % → 200 %; the procedure is partial: 0 % end-to-end
    # against 20 % → 0 %; no e-document sent against 10 → 0 %. Mean, each capped at 100 %: 33.33 %.
    assert (lines["online_share"].actual, lines["online_share"].progress) == (100.0, 200.0)
    assert (lines["e2e_share"].actual, lines["e2e_share"].progress) == (0.0, 0.0)
    assert (lines["documents_exchanged"].actual, lines["documents_exchanged"].progress) == (0.0, 0.0)
    assert mine.progress == 33.33
    assert (mine.dti_max, mine.dti_self, mine.dti_appraised) == (10.0, 8.0, 7.0)
    other = next(b for b in boards if b.agency == world.other_department)
    assert other.progress is None  # no dossier: nothing to measure yet
    assert (mine.rank, other.rank) == (1, 2)

    leader = staff(dept, Role.LEADER)
    staff_login(client, leader)
    page = client.get("/can-bo/thong-ke/chi-tieu/?nam=2025")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Tỷ lệ hồ sơ trực tuyến (%)" in text
    assert "33,33 %" in text
    assert world.other_department.name not in text  # another agency's targets are not this leader's
