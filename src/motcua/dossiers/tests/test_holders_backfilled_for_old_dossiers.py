"""Dossiers from before `DossierHolder` get their holders from what they already record.

The migration's back-fill reads the receiving agency, the transfer events' payloads and the current
agency; it is called here directly, on dossiers whose holder rows are taken away first.
"""

from __future__ import annotations

import importlib
from typing import Any

import pytest
from django.apps import apps

from motcua.dossiers import services
from motcua.dossiers.models import Dossier, DossierEvent, DossierHolder

from .factories import APPLICANT, FORM_DATA, AgencyFactory, UnitFactory, World, mandatory_document_id, pdf, vn

migration = importlib.import_module("motcua.dossiers.migrations.0004_dossierholder")


def _holders() -> set[tuple[int, int, Any]]:
    return set(DossierHolder.objects.values_list("dossier_id", "agency_id", "since"))


def _counter(world: World, at: Any) -> Dossier:
    return services.register_at_counter(
        officer=world.intake,
        procedure_code=world.code,
        papers=services.originals_on_paper(world.code),
        applicant=APPLICANT,
        form_data=FORM_DATA,
        at=at,
    )


@pytest.fixture
def old_dossiers(world: World) -> dict[str, Any]:
    """An online submission, a dossier kept in the department, one handed A -> B -> C, one A -> B -> A."""
    third = AgencyFactory(parent=world.province)
    third_unit = UnitFactory(agency=third)
    online = services.submit_dossier(
        procedure_code=world.code,
        applicant=APPLICANT,
        form_data=FORM_DATA,
        documents=[(mandatory_document_id(world), pdf())],
        at=vn(2025, 3, 3, 8, 0),
    )
    inside = _counter(world, vn(2025, 3, 3, 9, 0))
    services.transfer_dossier(
        dossier_id=inside.pk, actor=world.intake, to_unit_id=world.unit_a.pk, at=vn(2025, 3, 3, 10)
    )
    onward = _counter(world, vn(2025, 3, 3, 9, 30))
    back = _counter(world, vn(2025, 3, 3, 9, 45))
    for dossier in (onward, back):
        services.transfer_dossier(
            dossier_id=dossier.pk,
            actor=world.intake,
            to_unit_id=world.other_unit.pk,
            to_assignee_id=world.other_specialist.pk,
            at=vn(2025, 3, 4, 9, 0),
        )
    services.transfer_dossier(
        dossier_id=onward.pk, actor=world.other_specialist, to_unit_id=third_unit.pk, at=vn(2025, 3, 5, 9)
    )
    services.transfer_dossier(
        dossier_id=back.pk, actor=world.other_specialist, to_unit_id=world.unit_a.pk, at=vn(2025, 3, 5, 10)
    )
    return {"online": online, "inside": inside, "onward": onward, "back": back, "third": third}


def test_the_backfill_finds_the_holders_the_services_record(world: World, old_dossiers: dict[str, Any]):
    d = old_dossiers
    recorded = _holders()
    A, B, C = world.department.pk, world.other_department.pk, d["third"].pk
    assert recorded == {
        (d["online"].pk, A, vn(2025, 3, 3, 8, 0)),
        (d["inside"].pk, A, vn(2025, 3, 3, 9, 0)),
        (d["onward"].pk, A, vn(2025, 3, 3, 9, 30)),
        (d["onward"].pk, B, vn(2025, 3, 4, 9, 0)),
        (d["onward"].pk, C, vn(2025, 3, 5, 9, 0)),
        (d["back"].pk, A, vn(2025, 3, 3, 9, 45)),
        (d["back"].pk, B, vn(2025, 3, 4, 9, 0)),
    }
    DossierHolder.objects.all().delete()

    migration.backfill_holders(apps, None)

    assert _holders() == recorded


def test_the_backfill_works_batch_by_batch_and_twice(
    world: World, old_dossiers: dict[str, Any], monkeypatch: pytest.MonkeyPatch
):
    recorded = _holders()
    DossierHolder.objects.all().delete()
    monkeypatch.setattr(migration, "BATCH", 1)

    migration.backfill_holders(apps, None)
    migration.backfill_holders(apps, None)

    assert _holders() == recorded
    assert DossierHolder.objects.count() == len(recorded)


def test_rows_already_there_stay_and_a_bare_current_agency_still_counts(
    world: World, old_dossiers: dict[str, Any]
):
    onward = old_dossiers["onward"]
    kept = DossierHolder.objects.get(dossier=onward, agency=world.other_department)
    DossierHolder.objects.exclude(pk=kept.pk).delete()
    # A transfer recorded before its payload named the agencies: only the columns are left to go by.
    DossierEvent.objects.filter(dossier=onward, kind="transferred").update(payload={})

    migration.backfill_holders(apps, None)

    assert set(DossierHolder.objects.filter(dossier=onward).values_list("agency_id", "since")) == {
        (world.department.pk, onward.submitted_at),
        (world.other_department.pk, kept.since),
        (old_dossiers["third"].pk, onward.submitted_at),
    }
