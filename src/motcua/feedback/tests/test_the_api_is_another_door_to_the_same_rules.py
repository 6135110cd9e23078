"""/api/v1/feedback/: the list and one feedback for those who may read it, and one endpoint per row
of the table, through the same services: 404 for an unreadable feedback, 403 for a non-party,
409 in the wrong state; anyone reads a published answer, without the sender."""

from __future__ import annotations

import pytest

from motcua.api.tests.support import client_for, staff_session

from .. import services
from .factories import file

pytestmark = pytest.mark.django_db


def test_officer_and_citizen_through_the_api(world):
    feedback = file(world)
    officer = staff_session(client_for(), world.specialist)
    listing = officer.get("/api/v1/feedback/").json()
    assert [row["code"] for row in listing["results"]] == [feedback.code]
    assert client_for(world.other_specialist).get(f"/api/v1/feedback/{feedback.code}/").status_code in (
        401,
        403,
        404,
    )
    detail = officer.get(f"/api/v1/feedback/{feedback.code}/").json()
    assert set(detail["allowed_actions"]) == {"accept", "refuse", "link"}
    assert (
        officer.post(f"/api/v1/feedback/{feedback.code}/answer", {"answer": "x"}, format="json").status_code
        == 409
    )
    assert officer.post(f"/api/v1/feedback/{feedback.code}/accept", {}, format="json").status_code == 200
    answered = officer.post(
        f"/api/v1/feedback/{feedback.code}/answer", {"answer": "Đã xử lý."}, format="json"
    )
    assert answered.status_code == 200
    assert answered.json()["state"] == "answered"
    assert officer.post(f"/api/v1/feedback/{feedback.code}/publish", {}, format="json").status_code == 403
    services.approve_publication(feedback_id=feedback.pk, actor=world.leader)
    public = client_for().get(f"/api/v1/feedback/{feedback.code}/").json()
    assert public["answer"] == "Đã xử lý."
    assert "consent_to_publish" not in public
    assert "allowed_actions" not in public
    citizen = client_for(world.citizen)
    rated = citizen.post(f"/api/v1/feedback/{feedback.code}/rate", {"score": 3}, format="json")
    assert rated.status_code == 200, rated.json()
    assert rated.json()["rating"] == 3
    assert (
        citizen.post(f"/api/v1/feedback/{feedback.code}/rate", {"score": 9}, format="json").status_code == 400
    )


def test_unpublished_feedback_is_a_404_for_others(world):
    feedback = file(world)
    assert client_for().get(f"/api/v1/feedback/{feedback.code}/").status_code == 404
    assert client_for(world.other_specialist).get("/api/v1/feedback/").json().get("results") in ([], None)


def test_a_citizen_files_through_the_api_within_the_same_limits(world, settings):
    settings.MOTCUA_FEEDBACK_PER_ACCOUNT_DAY = 1
    citizen = client_for(world.citizen)
    body = {
        "subject": "conduct",
        "agency": world.other_department.code,
        "title": "<b>Thái độ</b>",
        "content": "Cán bộ không hướng dẫn.",
    }
    filed = citizen.post("/api/v1/feedback/", body, format="json")
    assert filed.status_code == 201, filed.json()
    assert filed.json()["state"] == "received"
    assert filed.json()["title"] == "<b>Thái độ</b>"  # data, escaped by whoever shows it
    again = citizen.post("/api/v1/feedback/", body, format="json")
    assert again.status_code == 429
    assert "Retry-After" in again
    assert client_for().post("/api/v1/feedback/", body, format="json").status_code == 401
    wrong = client_for(world.citizen).post("/api/v1/feedback/", {**body, "agency": "H99"}, format="json")
    assert wrong.status_code == 400  # checked before the limit is counted
