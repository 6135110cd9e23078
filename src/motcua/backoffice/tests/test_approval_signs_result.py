"""The leader's approval signs the result with the leader's certificate and then the agency seal."""

import random

from motcua.agencies.models import Unit
from motcua.catalog.selectors import current_version
from motcua.demo.seed import sample_form_data
from motcua.dossiers import services
from motcua.dossiers.models import Dossier
from motcua.dossiers.selectors import latest_result
from motcua.dossiers.tests.factories import pdf

from .support import staff_login

APPLICANT = {"name": "Lê Văn Tám", "id_number": "045190077777", "phone": "0912345678"}


def test_approval_signs_and_seals_the_result(demo_province_with_pki, client):
    from motcua.signatures.demo import demo_result_pdf
    from motcua.signatures.selectors import verdict_for_result

    users = demo_province_with_pki
    leader = users["lanhdao"]
    dossier = services.register_at_counter(
        officer=users["tiepnhan"],
        procedure_code="2.000488",
        applicant=APPLICANT,
        form_data=sample_form_data(random.Random(1), current_version("2.000488").form_schema, APPLICANT),
        documents=[(None, pdf())],
    )
    unit = Unit.objects.filter(agency__code="H50.02", is_one_stop=False).order_by("code").first()
    services.transfer_dossier(dossier_id=dossier.pk, actor=users["tiepnhan"], to_unit_id=unit.pk)
    dossier.refresh_from_db()
    services.attach_result(
        dossier_id=dossier.pk,
        actor=users["chuyenvien"],
        content=demo_result_pdf(dossier, leader),
        name="ket-qua.pdf",
    )
    dossier.refresh_from_db()

    staff_login(client, leader)
    response = client.post(
        f"/can-bo/ho-so/{dossier.code}/thao-tac/phe-duyet/",
        {"version": dossier.version, "result_summary": "Cấp Phiếu lý lịch tư pháp số 1"},
    )
    assert response.status_code == 302
    dossier = Dossier.objects.get(pk=dossier.pk)
    assert dossier.state == "resolved"
    result = latest_result(dossier)
    assert result.is_signed
    report = verdict_for_result(result)
    assert report.verdict == "valid"
    assert len(report.signatures) == 2
