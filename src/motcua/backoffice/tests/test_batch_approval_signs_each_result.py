"""From the "Chờ phê duyệt" list the leader ticks three dossiers and approves them in one go: each
result is signed by the leader and sealed by the background job, exactly as the approval of one
dossier does."""

import re

from motcua.demo.testing import waiting_for_approval
from motcua.dossiers.selectors import latest_result

from .support import approve_ticked, staff_login


def test_three_ticked_dossiers_are_approved_and_signed(demo_province_with_pki, client):
    from motcua.signatures.models import SignatureRecord
    from motcua.signatures.selectors import verdict_for_result

    users = demo_province_with_pki
    dossiers = waiting_for_approval(users, 3)
    staff_login(client, users["lanhdao"])

    listing = client.get("/can-bo/danh-sach/cho-phe-duyet/").content.decode()
    ticks = re.findall(r'name="ho-so" value="([^"]+)" form="batch-approval"', listing)
    assert {f"{d.code}:{d.version}" for d in dossiers} <= set(ticks)
    assert "Phê duyệt và ký số các hồ sơ đã chọn" in listing
    for d in dossiers:
        assert f"Chọn hồ sơ {d.code}" in listing

    response = approve_ticked(client, [f"{d.code}:{d.version}" for d in dossiers])

    assert response.status_code == 200
    text = response.content.decode()
    assert "Đã phê duyệt 3 hồ sơ" in text
    assert text.count("Đã phê duyệt và ký số") == 3
    for dossier in dossiers:
        dossier.refresh_from_db()
        assert dossier.state == "resolved"
        result = latest_result(dossier)
        assert result.is_signed
        report = verdict_for_result(result)
        assert report.verdict == "valid"
        assert len(report.signatures) == 1  # the leader's; the clerk seals it when issuing
        assert SignatureRecord.objects.filter(result__dossier=dossier).count() == 1
