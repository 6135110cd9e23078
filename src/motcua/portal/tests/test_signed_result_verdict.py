"""The citizen downloads the signed result and its page says whether the signatures are valid."""

from motcua.agencies.models import Role, StaffRole
from motcua.demo.seed import seed_dossiers
from motcua.documents.services import issue_result
from motcua.dossiers import services
from motcua.dossiers.models import Dossier, ResultDocument


def test_returned_signed_result_shows_a_valid_verdict(demo_province_with_pki, client):
    users = demo_province_with_pki
    seed_dossiers(28, signed_results=2)
    result = ResultDocument.objects.filter(is_signed=True).order_by("id").first()
    dossier = Dossier.objects.get(pk=result.dossier_id)
    if dossier.state != "returned":
        issuer = StaffRole.objects.filter(agency_id=dossier.current_agency_id, role=Role.CLERK).first().user
        issue_result(dossier_id=dossier.pk, actor=issuer)
        clerk = StaffRole.objects.filter(agency_id=dossier.receiving_agency_id, role=Role.CLERK).first().user
        services.return_result(dossier_id=dossier.pk, actor=clerk)
    Dossier.objects.filter(pk=dossier.pk).update(owner=users["congdan"])
    client.force_login(users["congdan"])

    page = client.get(f"/ho-so/{dossier.code}/").content.decode()
    verdict = page.split('id="result-verdict"', 1)[1].split("</p>", 1)[0]
    assert 'class="badge badge-green"' in verdict
    assert "Chữ ký số trên văn bản kết quả" in verdict
    download = client.get(f"/ho-so/{dossier.code}/ket-qua/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF-")
