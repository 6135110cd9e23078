"""A whole life through the API: online submission over Tết 2025 to the returned result."""

from __future__ import annotations

import pytest

from motcua.dossiers.events import verify_chain
from motcua.dossiers.models import Dossier

from .factories import Province
from .support import Clock, act, application, client_for, multipart, pdf, submit_online, vn

APPLICANT_EVENTS = ["submitted", "received", "supplement_requested", "supplemented", "resolved", "returned"]
ALL_EVENTS = [
    "submitted",
    "received",
    "supplement_requested",
    "supplemented",
    "transferred",
    "result_attached",
    "transferred",
    "resolved",
    "result_attached",  # the clerk's numbered, sealed copy
    "returned",
]


@pytest.mark.parametrize("inter_agency", [False, True], ids=["within-department", "inter-agency"])
def test_online_dossier_from_submission_to_returned_result(world: Province, clock: Clock, inter_agency: bool):
    citizen, intake, specialist = (
        client_for(world.citizen),
        client_for(world.intake),
        client_for(world.specialist),
    )
    leader = client_for(world.other_leader if inter_agency else world.leader)
    second_unit = world.other_unit if inter_agency else world.unit_b
    codes = []

    # Friday 24 January 2025, 08:30: the citizen applies online with the signed form as PDF.
    submitted = submit_online(citizen, world)
    assert submitted.status_code == 201, submitted.json()
    dossier = submitted.json()
    code = dossier["code"]
    codes.append(dossier["status_code"])
    assert dossier["lookup_secret"]
    assert dossier["attachments"][0]["content_type"] == "application/pdf"
    assert dossier["due_at"] is None

    # 09:00: the one-stop officer receives it; five working days run over the Tết holiday.
    clock.set(vn(2025, 1, 24, 9))
    received = act(intake, code, "receive", {"note": "Hồ sơ đủ thành phần."})
    assert received.status_code == 200, received.json()
    codes.append(received.json()["status_code"])
    assert received.json()["received_at"] == "2025-01-24T09:00:00+07:00"
    assert received.json()["due_at"] == "2025-02-07T09:00:00+07:00"

    # 10:00: one paper turns out to be missing; the clock stops.
    clock.set(vn(2025, 1, 24, 10))
    asked = act(
        intake,
        code,
        "request-supplement",
        {"missing": ["Văn bản ủy quyền có chứng thực"], "reason": "Người nộp là người được ủy quyền."},
    )
    assert asked.status_code == 200, asked.json()
    codes.append(asked.json()["status_code"])
    assert asked.json()["paused_at"] == "2025-01-24T10:00:00+07:00"

    # Monday 3 February, 09:00: the citizen sends the authorisation; the clock resumes with 7 h lost.
    clock.set(vn(2025, 2, 3, 9))
    files = {f"document_{world.optional_document.pk}": pdf("uy-quyen.pdf")}
    supplemented = citizen.post(
        f"/api/v1/dossiers/{code}/supplement",
        multipart({"note": "Bổ sung văn bản ủy quyền."}, files),
        format="multipart",
    )
    assert supplemented.status_code == 200, supplemented.json()
    codes.append(supplemented.json()["status_code"])
    assert supplemented.json()["due_at"] == "2025-02-10T08:00:00+07:00"
    assert len(supplemented.json()["attachments"]) == 2

    # 09:30: the officer hands it to unit A (step 2).
    clock.set(vn(2025, 2, 3, 9, 30))
    version = supplemented.json()["version"]
    to_a = act(
        intake,
        code,
        "transfer",
        {"to_unit": world.unit_a.pk, "expected_version": version, "note": "Chuyển thẩm định."},
    )
    assert to_a.status_code == 200, to_a.json()
    codes.append(to_a.json()["status_code"])
    assert to_a.json()["current_unit"]["code"] == "HCTP"
    assert to_a.json()["current_step"] == 2
    assert to_a.json()["step_due_at"] == "2025-02-05T09:30:00+07:00"

    # Tuesday 4 February, 09:00: the specialist drafts the result...
    clock.set(vn(2025, 2, 4, 9))
    drafted = specialist.post(
        f"/api/v1/dossiers/{code}/attach-result",
        multipart({}, {"file": pdf("ket-qua.pdf")}),
        format="multipart",
        HTTP_IF_MATCH=f'"{to_a.json()["version"]}"',
    )
    assert drafted.status_code == 200, drafted.json()
    assert [(r["name"], r["is_signed"]) for r in drafted.json()["results"]] == [("ket-qua.pdf", False)]

    # 10:00: ... and sends it on to the signing step, within the department or to another one.
    clock.set(vn(2025, 2, 4, 10))
    to_b = act(
        specialist,
        code,
        "transfer",
        {"to_unit": second_unit.pk, "step": 3, "note": "Trình phê duyệt."},
        HTTP_IF_MATCH=f'"{drafted.json()["version"]}"',
    )
    assert to_b.status_code == 200, to_b.json()
    codes.append(to_b.json()["status_code"])
    assert to_b.json()["current_agency"]["code"] == second_unit.agency.code
    assert to_b.json()["current_unit"]["id"] == second_unit.pk

    # Wednesday 5 February: the leader of the holding unit approves the result.
    clock.set(vn(2025, 2, 5, 10))
    resolved = act(leader, code, "resolve", {"result_summary": "Cấp Phiếu lý lịch tư pháp số 123/2025."})
    assert resolved.status_code == 200, resolved.json()
    codes.append(resolved.json()["status_code"])
    assert resolved.json()["finished_at"] == "2025-02-05T10:00:00+07:00"

    # 11:00: the clerk of the approving agency numbers, seals and issues it (Decree 30); the other
    # department has no clerk, so there its leader does.
    clock.set(vn(2025, 2, 5, 11))
    issuer = leader if inter_agency else client_for(world.clerk)
    issued = act(issuer, code, "issue-result", {})
    assert issued.status_code == 200, issued.json()

    # 14:00: the one-stop officer of the receiving department hands over the result.
    clock.set(vn(2025, 2, 5, 14))
    returned = act(intake, code, "return", {"method": "counter"})
    assert returned.status_code == 200, returned.json()
    codes.append(returned.json()["status_code"])
    assert returned.json()["state"] == "returned"
    assert returned.json()["state_label"] == "Đã trả kết quả"
    assert returned.json()["returned_at"] == "2025-02-05T14:00:00+07:00"
    assert returned.json()["due_at"] == "2025-02-10T08:00:00+07:00"

    assert codes == [1, 2, 5, 2, 4, 4, 9, 10]

    staff_view = client_for(world.clerk).get(f"/api/v1/dossiers/{code}/").json()
    assert [e["kind"] for e in staff_view["events"]] == ALL_EVENTS
    assert [e["seq"] for e in staff_view["events"]] == list(range(1, 11))
    assert staff_view["events"][1]["actor_name"] == "Phạm Văn Tiếp Nhận"
    assert staff_view["events"][1]["kind_label"] == "Tiếp nhận hồ sơ"
    assert staff_view["lookup_secret"] == dossier["lookup_secret"]

    own_view = citizen.get(f"/api/v1/dossiers/{code}/").json()
    assert [e["kind"] for e in own_view["events"]] == APPLICANT_EVENTS
    assert "lookup_secret" not in own_view
    assert own_view["events"][2]["note"] == "Người nộp là người được ủy quyền."
    # The returned result, downloadable by its applicant.
    [result] = own_view["results"]
    download = citizen.get(result["download_url"])
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert own_view["allowed_actions"] == []

    report = verify_chain(Dossier.objects.get(code=code))
    assert report.ok, report
    assert report.checked == 10


def test_the_receipt_view_of_a_fresh_submission_shows_the_applicant_events_only(world: Province):
    response = submit_online(client_for(), world)

    assert response.status_code == 201
    body = response.json()
    assert body["state"] == "submitted"
    assert body["status_code"] == 1
    assert body["state_label"] == "Mới đăng ký"
    assert body["channel"] == "online"
    assert [e["kind"] for e in body["events"]] == ["submitted"]
    assert Dossier.objects.get(code=body["code"]).owner is None


def test_a_repeated_submission_with_the_same_idempotency_key_creates_one_dossier(world: Province):
    client = client_for(world.citizen)
    headers = {"HTTP_IDEMPOTENCY_KEY": "c1b7e6f0-2b1a-4c7e-9a55-000000000001"}

    def send():  # type: ignore[no-untyped-def]
        files = {f"document_{world.mandatory_document.pk}": pdf()}
        return client.post(
            "/api/v1/dossiers/", multipart(application(world), files), format="multipart", **headers
        )

    one, two = send(), send()

    assert one.status_code == two.status_code == 201
    assert one.json()["code"] == two.json()["code"]
    assert Dossier.objects.count() == 1
