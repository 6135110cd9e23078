"""The dossier's detail, built without DRF's fields, is what DossierDetailSerializer gives.

The OpenAPI schema documents the detail with `DossierDetailSerializer`; `dossier_response` builds
the answer faster by hand (`serializers.detail_data`). Both are held equal here for a dossier read
by staff of the holding agency (whole history, every result, the lookup secret), by its applicant
(the applicant's history, no secret, the result only once returned) and for the submitter's own
answer (the secret shown), with attachments, results, an assignee, a unit and empty dates.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import RequestFactory

from motcua.core.time import now
from motcua.dossiers import services
from motcua.dossiers.models import Dossier, ResultDocument
from motcua.dossiers.permissions import allowed_actions, posts_on, reads
from motcua.dossiers.selectors import applicant_events, attachment_rows, detail_events, history, reading_for

from ..serializers import ATTACHMENT_COLUMNS, DossierDetailSerializer, detail_data
from ..views.dossiers import visible_results
from .factories import Province
from .support import application, pdf


def _dossier(world: Province, *, moved: bool) -> Dossier:
    dossier = services.submit_dossier(
        procedure_code=world.procedure_code,
        applicant=application(world)["applicant"],
        form_data=application(world)["form_data"],
        owner=world.citizen,
        documents=[(world.mandatory_document.pk, pdf()), (None, pdf())],
    )
    if moved:
        services.receive_dossier(dossier_id=dossier.pk, actor=world.intake)
        services.transfer_dossier(dossier_id=dossier.pk, actor=world.intake, to_unit_id=world.unit_a.pk)
        Dossier.objects.filter(pk=dossier.pk).update(assignee=world.intake)
        fresh = Dossier.objects.get(pk=dossier.pk)
        for name in ("first.pdf", "second.pdf"):
            ResultDocument.objects.create(
                dossier=fresh,
                file=f"results/{name}",
                name=name,
                size=10,
                sha256="a" * 64,
                event_seq=1,
                created_at=now(),
            )
    return dossier


def _both(user: Any, code: str, *, show_secret: bool = False) -> tuple[dict[str, Any], dict[str, Any]]:
    request = RequestFactory().get(f"/api/v1/dossiers/{code}/")
    dossier = reading_for(user, code).dossier
    posts = posts_on(user, dossier)
    staff = reads(posts)
    results = list(ResultDocument.objects.filter(dossier=dossier).order_by("-id"))
    visible = results if staff else visible_results(dossier, staff=False, results=results)
    allowed = allowed_actions(user, dossier, posts=posts, results=results)
    staff_ids = {dossier.receiving_agency_id, dossier.current_agency_id} if staff else set()
    expected = DossierDetailSerializer(
        dossier,
        context={
            "events": history(dossier, applicant_view=not staff),
            "staff_agency_ids": staff_ids,
            "show_secret": show_secret,
            "allowed_actions": allowed,
            "results": visible,
            "request": request,
        },
    ).data
    events = detail_events(dossier)
    built = detail_data(
        dossier,
        events=events if staff else applicant_events(events),
        attachments=attachment_rows(dossier, ATTACHMENT_COLUMNS),
        results=visible,
        allowed_actions=allowed_actions(user, dossier, posts=posts, results=results, events=events),
        staff_agency_ids=staff_ids,
        show_secret=show_secret,
        request=request,
    )
    return built, dict(expected)


@pytest.mark.parametrize("moved", [False, True])
def test_the_built_detail_equals_the_serializer(world: Province, moved: bool):
    code = _dossier(world, moved=moved).code
    readers = [world.intake, world.citizen] + ([world.specialist] if moved else [])
    for reader in readers:
        for show_secret in (False, True):
            built, expected = _both(reader, code, show_secret=show_secret)
            assert built == expected, reader
            assert list(built) == list(expected)  # same keys in the same order
    staff_view, _ = _both(world.intake, code)
    applicant_view, _ = _both(world.citizen, code)
    assert "lookup_secret" in staff_view
    assert "lookup_secret" not in applicant_view
    assert len(staff_view["attachments"]) == 2
    if moved:
        assert staff_view["assignee_name"]
        assert staff_view["current_unit"] is not None
        assert len(staff_view["results"]) == 2
        assert applicant_view["results"] == []
        assert len(applicant_view["events"]) < len(staff_view["events"])
    assert staff_view["allowed_actions"]
