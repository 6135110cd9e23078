"""The list's rows, built from `values()` without DRF's fields, are what DossierSummarySerializer gives.

The OpenAPI schema documents the list's rows with `DossierSummarySerializer`; the list builds them
faster by hand (`serializers.summary_rows`). Both are held equal here on dossiers that differ in
every way a row can: empty and filled dates, with and without a unit and a step, read by staff of
the holding agency (the lookup secret shown) and by someone else (not shown).
"""

from __future__ import annotations

from datetime import timedelta

from motcua.dossiers import services
from motcua.dossiers.models import Dossier

from ..serializers import SUMMARY_COLUMNS, DossierSummarySerializer, summary_rows
from .factories import Province
from .support import application, client_for, pdf, vn


def _varied(world: Province) -> list[Dossier]:
    def submit() -> Dossier:
        return services.submit_dossier(
            procedure_code=world.procedure_code,
            applicant=application(world)["applicant"],
            form_data=application(world)["form_data"],
            owner=world.citizen,
            documents=[(world.mandatory_document.pk, pdf())],
        )

    waiting = submit()  # not received: no due moment
    Dossier.objects.filter(pk=waiting.pk).update(current_unit=None, current_step=None)
    received = submit()
    services.receive_dossier(dossier_id=received.pk, actor=world.intake)
    moved = submit()
    services.receive_dossier(dossier_id=moved.pk, actor=world.intake)
    services.transfer_dossier(dossier_id=moved.pk, actor=world.intake, to_unit_id=world.unit_a.pk)
    Dossier.objects.filter(pk=moved.pk).update(
        appointment_at=vn(2025, 2, 3, 9, 15),
        applicant_name='Nguyễn "Văn" <A> & B',
    )
    Dossier.objects.filter(pk=received.pk).update(finished_at=vn(2025, 1, 30, 16, 0) + timedelta(seconds=7))
    return list(Dossier.objects.filter(pk__in=[waiting.pk, received.pk, moved.pk]).order_by("-pk"))


def test_rows_from_values_equal_the_serializer(world: Province):
    dossiers = _varied(world)
    rows = list(
        Dossier.objects.filter(pk__in=[d.pk for d in dossiers]).order_by("-pk").values(*SUMMARY_COLUMNS)
    )
    for staff in ({world.department.pk}, set(), {world.other_department.pk}):
        expected = DossierSummarySerializer(dossiers, many=True, context={"staff_agency_ids": staff}).data
        built = summary_rows(rows, staff_agency_ids=staff)
        assert built == [dict(row) for row in expected]
        assert [list(row) for row in built] == [list(row) for row in expected]  # same keys in the same order
    assert any(row["current_unit"] is None for row in built)
    assert any(row["current_unit"] is not None for row in built)
    assert any(row["due_at"] is None for row in built)


def test_the_list_shows_the_secret_to_holding_staff_only(world: Province):
    _varied(world)
    by_staff = client_for(world.intake).get("/api/v1/dossiers/").json()["results"]
    by_owner = client_for(world.citizen).get("/api/v1/dossiers/").json()["results"]
    assert len(by_staff) == len(by_owner) == 3
    assert all("lookup_secret" in row for row in by_staff)
    assert not any("lookup_secret" in row for row in by_owner)
