"""The leader's approval signs the result with the leader's certificate and then the agency seal."""

from motcua.dossiers.models import Dossier
from motcua.dossiers.selectors import latest_result

from .support import staff_login


def test_approval_signs_the_result_in_the_leaders_name(demo_province_with_pki, client):
    from motcua.demo.testing import waiting_for_approval
    from motcua.signatures.selectors import verdict_for_result

    users = demo_province_with_pki
    leader = users["lanhdao"]
    # Received at the service centre, checked in Phòng Hồ sơ nghiệp vụ (Công an tỉnh), at the signing step.
    (dossier,) = waiting_for_approval(users, 1)

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
    assert len(report.signatures) == 1  # the leader's; the clerk seals it when issuing
