"""Form 06 by sector and by procedure, through the API, on the leaders' page and in both exports: the
same period's figures, one row per sector or procedure, and the same totals as by agency."""

import io

from openpyxl import load_workbook

from motcua.agencies.models import Role
from motcua.api.tests.support import client_for
from motcua.backoffice.tests.support import printed_text, staff_login
from motcua.catalog.models import Procedure
from motcua.dossiers.tests.factories import staff

from .test_leaders_dashboard_shows_and_exports_the_figures import QUERY, _two_dossiers

PERIOD = "from=2025-03-01&to=2025-03-31"


def test_the_api_groups_by_sector_and_by_procedure_with_the_same_totals(world):
    _two_dossiers(world)
    procedure = Procedure.objects.select_related("sector").get(code=world.code)
    leader = client_for(staff(world.department, Role.LEADER))

    by_agency = leader.get(f"/api/v1/reports/form-06?{PERIOD}").json()
    by_sector = leader.get(f"/api/v1/reports/form-06?{PERIOD}&by=sector").json()
    by_procedure = leader.get(f"/api/v1/reports/form-06?{PERIOD}&by=procedure").json()

    [sector_row] = by_sector["rows"]
    assert sector_row["sector"] == {"code": procedure.sector.code, "name": procedure.sector.name}
    assert "agency" not in sector_row
    [procedure_row] = by_procedure["rows"]
    assert procedure_row["procedure"] == {"code": procedure.code, "name": procedure.name}
    assert by_agency["total"]["received_total"] == 2
    assert by_sector["total"] == by_agency["total"] == by_procedure["total"]
    assert leader.get(f"/api/v1/reports/form-06?{PERIOD}&by=unit").status_code == 400


def test_the_page_and_both_exports_follow_the_chosen_grouping(world, client):
    _two_dossiers(world)
    procedure = Procedure.objects.select_related("sector").get(code=world.code)
    staff_login(client, staff(world.department, Role.LEADER))

    page = client.get("/can-bo/thong-ke/" + QUERY + "&theo=thu-tuc").content.decode()
    assert f'<th scope="row">{procedure.name}</th>' in page
    assert '<option value="thu-tuc" selected>' in page
    assert '<th scope="col">Thủ tục</th>' in page
    assert "theo=thu-tuc" in page  # the export links keep the grouping

    sheet = client.get("/can-bo/thong-ke/bieu-06.xlsx" + QUERY + "&theo=linh-vuc")
    assert "theo-linh-vuc" in sheet["Content-Disposition"]
    rows = list(load_workbook(io.BytesIO(sheet.getvalue())).active.iter_rows(values_only=True))
    assert any(r[1] == procedure.sector.name for r in rows)
    assert any(r[1] == "Lĩnh vực (2)" for r in rows)
    assert not any(r[1] == world.department.name for r in rows)

    pdf = client.get("/can-bo/thong-ke/bieu-06.pdf" + QUERY + "&theo=thu-tuc")
    printed = " ".join(printed_text(pdf.getvalue()).split())
    assert " ".join(procedure.name.split()[:5]) in printed  # the cell wraps the rest of the name
    assert world.department.name not in printed
