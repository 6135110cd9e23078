"""Dossiers taken through the services to a given point, for the sync tests."""

from __future__ import annotations

from motcua.dossiers import services
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.factories import (
    World,
    approve,
    issue,
    pdf,
    submitted,
    to_signing_step,
    vn,
)


def received(world: World) -> Dossier:
    dossier = submitted(world)
    services.receive_dossier(dossier_id=dossier.pk, actor=world.intake, at=vn(2025, 3, 3, 9, 0))
    return Dossier.objects.get(pk=dossier.pk)


def returned(world: World) -> Dossier:
    dossier = received(world)
    services.request_supplement(
        dossier_id=dossier.pk, actor=world.intake, missing=["Bản sao CCCD"], at=vn(2025, 3, 3, 10, 0)
    )
    services.supplement_dossier(
        dossier_id=dossier.pk,
        actor=world.citizen,
        documents=[(None, pdf("cccd.pdf"))],
        at=vn(2025, 3, 4, 10, 0),
    )
    to_signing_step(world, dossier.pk, at=vn(2025, 3, 4, 10, 30))
    approve(world, dossier.pk, at=vn(2025, 3, 5, 9, 0))
    issue(world, dossier.pk, at=vn(2025, 3, 5, 10, 0))
    services.return_result(
        dossier_id=dossier.pk, actor=world.clerk, method="counter", at=vn(2025, 3, 5, 11, 0)
    )
    return Dossier.objects.get(pk=dossier.pk)
