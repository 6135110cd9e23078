"""The citizen downloads the signed result and its page says whether the signatures are valid."""

import socket

import pytest

from motcua.demo.catalogue import load_agencies, load_catalogue
from motcua.demo.seed import ensure_agency_staff, ensure_demo_accounts, seed_dossiers
from motcua.dossiers import services
from motcua.dossiers.models import Dossier, ResultDocument


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.django_db
def test_returned_signed_result_shows_a_valid_verdict(settings, tmp_path, client):
    from motcua.signatures.demo import ensure_demo_pki

    settings.DEMO_MODE = True
    load_agencies()
    load_catalogue()
    users = ensure_demo_accounts()
    ensure_agency_staff()
    pki = ensure_demo_pki(tmp_path, port=_free_port())
    try:
        seed_dossiers(28, signed_results=2)
        result = ResultDocument.objects.filter(is_signed=True).order_by("id").first()
        dossier = Dossier.objects.get(pk=result.dossier_id)
        if dossier.state != "returned":
            services.return_result(dossier_id=dossier.pk, actor=_clerk(dossier))
        Dossier.objects.filter(pk=dossier.pk).update(owner=users["congdan"])
        client.force_login(users["congdan"])
        page = client.get(f"/ho-so/{dossier.code}/").content.decode()
        verdict = page.split('id="result-verdict"', 1)[1].split("</p>", 1)[0]
        assert 'class="badge badge-green"' in verdict
        assert "Chữ ký số trên văn bản kết quả" in verdict
        download = client.get(f"/ho-so/{dossier.code}/ket-qua/")
        assert download.status_code == 200
        assert b"".join(download.streaming_content).startswith(b"%PDF-")
    finally:
        pki.stop()


def _clerk(dossier):
    from motcua.agencies.models import Role, StaffRole

    return StaffRole.objects.filter(agency_id=dossier.receiving_agency_id, role=Role.CLERK).first().user
