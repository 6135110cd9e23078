"""With its demo PKI, the demo's results are really signed and verify as valid."""

import socket

import pytest

from motcua.demo.catalogue import load_agencies, load_catalogue
from motcua.demo.seed import ensure_agency_staff, ensure_demo_accounts, seed_dossiers
from motcua.dossiers.models import ResultDocument


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.django_db
def test_demo_results_are_signed_and_valid(settings, tmp_path):
    from motcua.signatures.demo import ensure_demo_pki
    from motcua.signatures.selectors import verdict_for_result

    settings.DEMO_MODE = True
    load_agencies()
    load_catalogue()
    ensure_demo_accounts()
    ensure_agency_staff()
    pki = ensure_demo_pki(tmp_path, port=_free_port())
    try:
        seed_dossiers(28, signed_results=2)
        signed = list(ResultDocument.objects.filter(is_signed=True))
        assert len(signed) == 2
        for result in signed:
            assert verdict_for_result(result).verdict == "valid"
    finally:
        pki.stop()
