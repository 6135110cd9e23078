"""The leaders' statistics page (/can-bo/thong-ke/): figures, charts, scorecard, exports, drill-down."""

import io

from openpyxl import load_workbook

from motcua.agencies.models import Role
from motcua.backoffice.tests.support import printed_text, staff_login
from motcua.dossiers import services
from motcua.dossiers.tests.factories import staff, vn

from .test_api_report_equals_a_count_over_the_dossier_list import resolve, submit

QUERY = "?tu=01/03/2025&den=31/03/2025"


def _two_dossiers(world):
    early, late = (submit(world, vn(2025, 3, day, 8, 0)) for day in (3, 4))
    for d, day in ((early, 3), (late, 4)):
        services.receive_dossier(dossier_id=d.pk, actor=world.intake, at=vn(2025, 3, day, 8, 30))
    resolve(world, early, 6)
    return early, late


def test_leader_reads_figures_charts_and_scorecard(world, client):
    early, late = _two_dossiers(world)
    leader = staff(world.department, Role.LEADER)
    staff_login(client, leader)
    page = client.get("/can-bo/thong-ke/" + QUERY)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Biểu 06/VPCP/KSTT" in text
    assert '<svg class="chart" role="img"' in text
    assert world.department.name in text
    assert "100,0 %" in text  # the on-time rate of the one resolved dossier (it was early)

    drill = client.get(f"/can-bo/thong-ke/chi-so/2.1/{world.department.code}/" + QUERY)
    assert drill.status_code == 200
    assert early.code in drill.content.decode()
    assert late.code not in drill.content.decode()  # still open: not in the denominator of 2.1

    sheet = client.get("/can-bo/thong-ke/bieu-06.xlsx" + QUERY)
    assert sheet.status_code == 200
    rows = list(load_workbook(io.BytesIO(sheet.getvalue())).active.iter_rows(values_only=True))
    assert any(r[1] == world.department.name for r in rows)

    pdf = client.get("/can-bo/thong-ke/bieu-06.pdf" + QUERY)
    assert pdf.status_code == 200
    printed = printed_text(pdf.getvalue())
    assert "Biểu số 06/VPCP/KSTT" in printed
    assert world.department.name in printed


def test_a_specialist_and_another_agency_see_nothing(world, client):
    _two_dossiers(world)
    staff_login(client, world.specialist)
    assert client.get("/can-bo/thong-ke/").status_code == 403
    other_leader = staff(world.other_department, Role.LEADER)
    client.logout()
    staff_login(client, other_leader)
    assert client.get(f"/can-bo/thong-ke/chi-so/2.1/{world.department.code}/").status_code == 403
    page = client.get("/can-bo/thong-ke/" + QUERY).content.decode()
    assert world.department.name not in page
