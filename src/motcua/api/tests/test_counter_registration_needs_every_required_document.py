"""The API's counter registration obeys the counter's rule: each required document scanned or on paper."""

from __future__ import annotations

from motcua.catalog.models import Procedure
from motcua.dossiers.models import Dossier, PaperDocument

from .factories import Province
from .support import Clock, application, client_for


def _mandatory(world: Province) -> list[int]:
    version = Procedure.objects.get(code=world.procedure_code).current_version
    return list(version.required_documents.filter(is_mandatory=True).values_list("pk", flat=True))


def test_nothing_scanned_nothing_on_paper_is_refused(world: Province, clock: Clock):
    body = {**application(world), "channel": "counter"}
    response = client_for(world.intake).post("/api/v1/counter-dossiers/", body, format="json")
    assert response.status_code == 400, response.json()
    fields = response.json()["error"]["details"]["fields"]
    for pk in _mandatory(world):
        assert "bản quét hoặc ghi nhận bản giấy" in fields[f"documents.{pk}"]
    assert Dossier.objects.count() == 0


def test_papers_recorded_through_the_api(world: Province, clock: Clock):
    papers = [{"document": pk, "form": "certified_copy", "copies": 2} for pk in _mandatory(world)]
    body = {**application(world), "channel": "counter", "paper_documents": papers}
    response = client_for(world.intake).post("/api/v1/counter-dossiers/", body, format="json")
    assert response.status_code == 201, response.json()
    recorded = PaperDocument.objects.filter(dossier__code=response.json()["code"])
    assert sorted(recorded.values_list("required_document_id", "form", "copies")) == sorted(
        (pk, "certified_copy", 2) for pk in _mandatory(world)
    )


def test_a_paper_of_another_procedure_or_zero_copies_is_refused(world: Province, clock: Clock):
    (first, *_rest) = _mandatory(world)
    for paper in (
        {"document": 999_999, "form": "original"},
        {"document": first, "form": "original", "copies": 0},
    ):
        body = {**application(world), "channel": "counter", "paper_documents": [paper]}
        response = client_for(world.intake).post("/api/v1/counter-dossiers/", body, format="json")
        assert response.status_code == 400, response.json()
    assert Dossier.objects.count() == 0
