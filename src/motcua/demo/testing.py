"""A fixture for tests that need the demo province with its PKI running (signed results)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest


@pytest.fixture
def demo_province_with_pki(settings: Any, tmp_path: Any, db: Any) -> Iterator[dict[str, Any]]:
    """The demo catalogue, accounts and per-agency staff, and a demo PKI on a free loopback port.

    Yields the demo accounts by username.
    """
    from motcua.demo.catalogue import load_agencies, load_catalogue
    from motcua.demo.seed import ensure_agency_staff, ensure_demo_accounts
    from motcua.signatures import conf
    from motcua.signatures.demo import ensure_demo_pki
    from motcua.signatures.testing.pki import free_port

    settings.DEMO_MODE = True
    load_agencies()
    load_catalogue()
    users = ensure_demo_accounts()
    ensure_agency_staff()
    # The demo PKI sets the TSA and key folder as run-time overrides: they end with the test.
    with conf.overrides_kept():
        pki = ensure_demo_pki(tmp_path, port=free_port())
        try:
            yield users
        finally:
            pki.stop()


JUDICIAL_RECORD = "2.000488"


def waiting_for_approval(users: dict[str, Any], n: int) -> list[Any]:
    """`n` judicial-record dossiers at the leader's step of the workflow, each with an unsigned result.

    `users` are the demo accounts (`demo_province_with_pki`); for tests, the approval benchmark and
    the demo (lanhdao's list of results to approve).
    """
    import random

    from motcua.catalog.selectors import current_version
    from motcua.demo.seed import sample_form_data
    from motcua.dossiers import services
    from motcua.dossiers.models import Dossier
    from motcua.dossiers.tests.factories import pdf
    from motcua.signatures.demo import demo_result_pdf

    applicant = {"name": "Lê Văn Tám", "id_number": "045190077777", "phone": "0912345678"}

    version = current_version(JUDICIAL_RECORD)
    dossiers = []
    for i in range(n):
        dossier = services.register_at_counter(
            officer=users["tiepnhan"],
            procedure_code=JUDICIAL_RECORD,
            papers=services.originals_on_paper(JUDICIAL_RECORD),
            applicant=applicant,
            # A seeded generator: the same form data on every run (not a secret).
            form_data=sample_form_data(random.Random(i), version.form_schema, applicant),  # noqa: S311
            documents=[(None, pdf())],
        )
        services.forward_dossier(dossier_id=dossier.pk, actor=users["tiepnhan"])
        dossier.refresh_from_db()
        services.attach_result(
            dossier_id=dossier.pk,
            actor=users["chuyenvien"],
            content=demo_result_pdf(dossier, users["lanhdao"]),
            name="ket-qua.pdf",
        )
        # The head of Phòng Hành chính tư pháp reviews it, then the director's step, who signs.
        services.forward_dossier(dossier_id=dossier.pk, actor=users["chuyenvien"])
        services.forward_dossier(dossier_id=dossier.pk, actor=users["truongphong"])
        dossiers.append(Dossier.objects.get(pk=dossier.pk))
    return dossiers
