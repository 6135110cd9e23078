"""Who may read and act on a dossier, and how refusals look: 401, 403, or 404 that reveals nothing."""

from __future__ import annotations

from typing import Any

import pytest

from motcua.dossiers import services
from motcua.dossiers.models import Dossier

from .factories import Province
from .support import Clock, act, application, client_for, submit_online, vn


@pytest.fixture
def submitted(world: Province, clock: Clock) -> dict[str, Any]:
    """A dossier the citizen has just filed online (the submission response)."""
    response = submit_online(client_for(world.citizen), world)
    assert response.status_code == 201, response.json()
    return response.json()


def _unknown_code_body(client: Any) -> Any:
    return client.get("/api/v1/dossiers/H37.10-20250124-9999999/").json()


def test_a_citizen_cannot_read_another_citizens_dossier(world: Province, submitted: dict[str, Any]):
    stranger = client_for(world.other_citizen)

    response = stranger.get(f"/api/v1/dossiers/{submitted['code']}/")

    assert response.status_code == 404
    assert response.json() == _unknown_code_body(stranger)
    assert stranger.get("/api/v1/dossiers/").json()["count"] == 0


def test_an_officer_of_another_agency_can_neither_read_nor_act(world: Province, submitted: dict[str, Any]):
    outsider = client_for(world.other_intake)
    code = submitted["code"]

    read = outsider.get(f"/api/v1/dossiers/{code}/")
    receive = act(outsider, code, "receive")

    assert read.status_code == receive.status_code == 404
    assert read.json() == receive.json() == _unknown_code_body(outsider)
    assert Dossier.objects.get(code=code).state == "submitted"


def test_a_citizen_cannot_take_staff_actions_on_their_own_dossier(world: Province, submitted: dict[str, Any]):
    response = act(client_for(world.citizen), submitted["code"], "receive")

    assert response.status_code == 403
    assert response.json()["error"]["code"] == "permission_denied"
    assert response.json()["error"]["message"] == "Bạn không có quyền thực hiện thao tác này."


def test_an_intake_officer_cannot_resolve(world: Province, submitted: dict[str, Any], clock: Clock):
    intake = client_for(world.intake)
    code = submitted["code"]
    clock.set(vn(2025, 1, 24, 9))
    act(intake, code, "receive")
    act(intake, code, "transfer", {"to_unit": world.unit_a.pk})

    response = act(intake, code, "resolve", {"result_summary": "Tự phê duyệt."})

    assert response.status_code == 403
    assert Dossier.objects.get(code=code).state == "processing"


def test_staff_actions_without_login_are_401(world: Province, submitted: dict[str, Any]):
    response = act(client_for(), submitted["code"], "receive")

    assert response.status_code == 401
    assert response.json()["error"] == {
        "code": "not_authenticated",
        "message": "Vui lòng đăng nhập.",
        "details": {},
    }


def test_reading_dossiers_needs_a_login(world: Province, submitted: dict[str, Any]):
    anonymous = client_for()
    assert anonymous.get("/api/v1/dossiers/").status_code == 401
    assert anonymous.get(f"/api/v1/dossiers/{submitted['code']}/").status_code == 401


def test_staff_of_the_receiving_agency_see_the_dossier_with_its_secret(
    world: Province, submitted: dict[str, Any]
):
    for officer in (world.intake, world.specialist, world.leader, world.clerk):
        client = client_for(officer)
        detail = client.get(f"/api/v1/dossiers/{submitted['code']}/")
        listed = client.get("/api/v1/dossiers/").json()["results"]

        assert detail.status_code == 200
        assert detail.json()["lookup_secret"] == submitted["lookup_secret"]
        assert [row["code"] for row in listed] == [submitted["code"]]
        assert listed[0]["lookup_secret"] == submitted["lookup_secret"]


def test_the_owner_sees_the_dossier_without_its_secret(world: Province, submitted: dict[str, Any]):
    client = client_for(world.citizen)
    detail = client.get(f"/api/v1/dossiers/{submitted['code']}/").json()
    listed = client.get("/api/v1/dossiers/").json()["results"]

    assert detail["applicant"]["id_number"] == "037190004321"
    assert "lookup_secret" not in detail
    assert "lookup_secret" not in listed[0]


def test_tracking_with_the_right_secret_shows_progress_without_personal_data(
    world: Province, submitted: dict[str, Any], clock: Clock
):
    code = submitted["code"]
    clock.set(vn(2025, 1, 24, 9))
    act(client_for(world.intake), code, "receive")
    act(client_for(world.intake), code, "transfer", {"to_unit": world.unit_a.pk})

    response = client_for().get(
        f"/api/v1/dossiers/{code}/track", {"secret": submitted["lookup_secret"].lower()}
    )

    assert response.status_code == 200
    body = response.json()
    assert body["status_code"] == 4
    assert body["due_at"] == "2025-02-07T09:00:00+07:00"
    assert [e["kind"] for e in body["events"]] == ["submitted", "received"]
    for private in ("applicant", "form_data", "attachments", "lookup_secret"):
        assert private not in body


@pytest.mark.parametrize("query", [{"secret": "ABCDEF"}, {}, {"secret": "x" * 500}])
def test_tracking_with_a_wrong_or_missing_secret_reveals_nothing(
    world: Province, submitted: dict[str, Any], query
):
    anonymous = client_for()

    wrong = anonymous.get(f"/api/v1/dossiers/{submitted['code']}/track", query)
    unknown = anonymous.get(
        "/api/v1/dossiers/H37.10-20250124-9999999/track", {"secret": submitted["lookup_secret"]}
    )

    assert wrong.status_code == unknown.status_code == 404
    assert wrong.json() == unknown.json()
    assert wrong.json()["error"]["code"] == "not_found"


def test_only_intake_officers_register_dossiers_at_the_counter(world: Province, clock: Clock):
    papers = [
        {"document": p.required_document_id, "form": p.form, "copies": p.copies}
        for p in services.originals_on_paper(world.procedure_code)
    ]
    body = {
        **application(world),
        "channel": "counter",
        "note": "Công dân nộp trực tiếp.",
        "paper_documents": papers,
    }

    by_citizen = client_for(world.citizen).post("/api/v1/counter-dossiers/", body, format="json")
    by_specialist = client_for(world.specialist).post("/api/v1/counter-dossiers/", body, format="json")
    by_intake = client_for(world.intake).post("/api/v1/counter-dossiers/", body, format="json")

    assert by_citizen.status_code == by_specialist.status_code == 403
    assert by_intake.status_code == 201, by_intake.json()
    registered = by_intake.json()
    assert (registered["state"], registered["status_code"], registered["channel"]) == (
        "received",
        2,
        "counter",
    )
    assert registered["due_at"] == "2025-02-07T08:30:00+07:00"
    assert registered["lookup_secret"]
    assert Dossier.objects.count() == 1
