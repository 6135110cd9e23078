"""Through the API an applicant claims a fee exemption with the submission (`fee_exemption`, an id the
procedure's detail lists), the same check as on the portal refuses one of another procedure, and the
officer decides it with `decide-exemption`, a row of the table of actions like any other."""

from __future__ import annotations

from typing import Any

import pytest

from motcua.catalog.models import Fee, FeeExemption
from motcua.dossiers.models import Dossier, DossierEvent, ExemptionStatus
from motcua.payments import selectors

from .support import act, application, client_for, multipart, pdf

pytestmark = pytest.mark.django_db


def _exemption(world: Any) -> FeeExemption:
    version = world.procedure
    standard = version.fees.get(standard=True)  # 200.000 đ
    reduced = Fee.objects.create(
        version=version, name="Mức giảm", amount=50_000, kind=standard.kind, standard=False
    )
    return FeeExemption.objects.create(version=version, description="Hộ nghèo", reduced_fee=reduced)


def _submit(world: Any, **overrides: Any) -> Any:
    files = {f"document_{world.mandatory_document.pk}": pdf()}
    body = multipart(application(world, **overrides), files)
    return client_for(world.citizen).post("/api/v1/dossiers/", body, format="multipart")


def test_the_procedure_lists_its_exemptions(world):
    exemption = _exemption(world)
    detail = client_for().get(f"/api/v1/procedures/{world.procedure_code}/").json()
    assert {"id": exemption.pk, "description": "Hộ nghèo", "reduced_fee": exemption.reduced_fee_id} in detail[
        "fee_exemptions"
    ]


def test_a_claim_comes_with_the_submission_and_is_decided_by_the_counter(world):
    exemption = _exemption(world)
    response = _submit(world, fee_exemption=exemption.pk)
    assert response.status_code == 201, response.json()
    dossier = Dossier.objects.get(code=response.json()["code"])
    assert (dossier.fee_exemption, dossier.fee_exemption_status) == (exemption, ExemptionStatus.CLAIMED)
    assert selectors.outstanding(dossier) == 50_000
    submitted = dossier.events.get(kind=DossierEvent.Kind.SUBMITTED)
    assert submitted.payload["fee_exemption"]["id"] == exemption.pk

    # The applicant may not decide their own claim; rejecting needs a reason.
    assert (
        act(client_for(world.citizen), dossier.code, "decide-exemption", {"accept": True}).status_code == 403
    )
    intake = client_for(world.intake)
    assert act(intake, dossier.code, "decide-exemption", {"accept": False}).status_code == 400
    answer = act(
        intake, dossier.code, "decide-exemption", {"accept": False, "reason": "Không có sổ hộ nghèo."}
    )
    assert answer.status_code == 200, answer.json()
    dossier.refresh_from_db()
    assert dossier.fee_exemption_status == ExemptionStatus.REJECTED
    assert selectors.outstanding(dossier) == 200_000
    # Decided once: nothing left to decide.
    assert act(intake, dossier.code, "decide-exemption", {"accept": True}).status_code == 409


def test_an_exemption_of_another_procedure_is_refused(world):
    from motcua.catalog.services import publish_procedure_version, upsert_sector

    _exemption(world)
    other = publish_procedure_version(
        code="9.999999",
        name="Thủ tục khác",
        sector=upsert_sector(code="XD", name="Xây dựng"),
        competent_agency=world.other_department,
        receiving_agencies=[world.other_department],
        processing_time=5,
    )
    elsewhere = FeeExemption.objects.create(version=other, description="Không liên quan")
    response = _submit(world, fee_exemption=elsewhere.pk)
    assert response.status_code == 400, response.json()
    assert "fee_exemption" in response.json()["error"]["details"]["fields"]
    assert not Dossier.objects.exists()
