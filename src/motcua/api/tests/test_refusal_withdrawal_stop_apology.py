"""Endings without a result, and the apology that moves the appointment but not the legal due date."""

from __future__ import annotations

from typing import Any

import pytest

from .factories import Province
from .support import Clock, act, client_for, submit_online, vn


def _processing(world: Province, clock: Clock) -> str:
    """A dossier received on Friday 24 January 2025 at 09:00 and handed to unit A; its code."""
    code = submit_online(client_for(world.citizen), world).json()["code"]
    intake = client_for(world.intake)
    clock.set(vn(2025, 1, 24, 9))
    assert act(intake, code, "receive").status_code == 200
    clock.set(vn(2025, 1, 24, 9, 30))
    moved = act(intake, code, "transfer", {"to_unit": world.unit_a.pk})
    assert moved.json()["state"] == "processing", moved.json()
    return code


def _state(body: dict[str, Any]) -> tuple[str, int]:
    return body["state"], body["status_code"]


def test_intake_refuses_a_submitted_dossier_with_a_reason_the_applicant_reads(world: Province, clock: Clock):
    code = submit_online(client_for(world.citizen), world).json()["code"]
    clock.advance(minutes=20)

    refused = act(
        client_for(world.intake), code, "refuse", {"reason": "Thủ tục không thuộc thẩm quyền của Sở."}
    )

    assert refused.status_code == 200, refused.json()
    assert _state(refused.json()) == ("refused", 3)
    assert refused.json()["finished_at"] == "2025-01-24T08:50:00+07:00"
    seen = client_for(world.citizen).get(f"/api/v1/dossiers/{code}/").json()
    assert seen["events"][-1]["kind"] == "refused"
    assert seen["events"][-1]["note"] == "Thủ tục không thuộc thẩm quyền của Sở."


def test_refusal_needs_a_reason(world: Province, clock: Clock):
    code = submit_online(client_for(world.citizen), world).json()["code"]

    response = act(client_for(world.intake), code, "refuse", {"reason": ""})

    assert response.status_code == 400
    assert "reason" in response.json()["error"]["details"]["fields"]


def test_accepted_withdrawal_stops_the_dossier(world: Province, clock: Clock):
    code = _processing(world, clock)
    clock.set(vn(2025, 2, 3, 8))
    asked = act(client_for(world.citizen), code, "request-withdrawal", {"reason": "Tôi không còn nhu cầu."})
    assert _state(asked.json()) == ("withdrawal_requested", 7)

    clock.set(vn(2025, 2, 3, 9))
    # Past intake, the receiving centre no longer decides; the head of the unit holding it does.
    refused = act(client_for(world.intake), code, "decide-withdrawal", {"accept": True, "note": "Đồng ý."})
    assert refused.status_code == 403
    decided = act(client_for(world.director), code, "decide-withdrawal", {"accept": True, "note": "Đồng ý."})

    assert decided.status_code == 200, decided.json()
    assert _state(decided.json()) == ("stopped", 8)
    assert decided.json()["finished_at"] == "2025-02-03T09:00:00+07:00"


def test_rejected_withdrawal_puts_the_dossier_back_where_it_was(world: Province, clock: Clock):
    code = _processing(world, clock)
    clock.set(vn(2025, 2, 3, 8))
    act(client_for(world.citizen), code, "request-withdrawal", {"reason": "Muốn nộp lại sau."})

    clock.set(vn(2025, 2, 3, 9))
    decided = act(
        client_for(world.director),
        code,
        "decide-withdrawal",
        {"accept": False, "note": "Hồ sơ đã thẩm định xong, không thể rút."},
    )

    assert decided.status_code == 200, decided.json()
    assert _state(decided.json()) == ("processing", 4)
    assert decided.json()["events"][-1]["kind"] == "withdrawal_rejected"


def test_leader_stops_processing_with_a_reason(world: Province, clock: Clock):
    code = _processing(world, clock)
    clock.set(vn(2025, 2, 4, 10))

    stopped = act(
        client_for(world.director),
        code,
        "stop",
        {"reason": "Người yêu cầu không đủ điều kiện theo quy định."},
    )

    assert stopped.status_code == 200, stopped.json()
    assert _state(stopped.json()) == ("stopped", 8)
    assert stopped.json()["events"][-1]["note"] == "Người yêu cầu không đủ điều kiện theo quy định."
    after = act(client_for(world.director), code, "resolve", {"result_summary": "Cấp phiếu."})
    assert after.status_code == 409


def test_apology_sets_a_new_appointment_and_keeps_the_legal_due_date(world: Province, clock: Clock):
    code = _processing(world, clock)
    clock.set(vn(2025, 2, 7, 10))  # an hour past the due moment

    apology = act(
        client_for(world.specialist),
        code,
        "apologise",
        {
            "new_appointment": "2025-02-12T16:00",
            "reason": "Chờ kết quả xác minh của cơ quan công an.",
        },
    )

    assert apology.status_code == 200, apology.json()
    body = apology.json()
    assert _state(body) == ("processing", 4)
    assert body["due_at"] == "2025-02-07T09:00:00+07:00"
    assert body["appointment_at"] == "2025-02-12T16:00:00+07:00"
    assert body["apology_count"] == 1
    seen = client_for(world.citizen).get(f"/api/v1/dossiers/{code}/").json()
    assert seen["events"][-1]["kind"] == "apologised"
    assert seen["appointment_at"] == "2025-02-12T16:00:00+07:00"


@pytest.mark.parametrize("new_appointment", ["2025-02-05T16:00", "ngày mai"])
def test_an_apology_needs_a_later_well_formed_appointment(
    world: Province, clock: Clock, new_appointment: str
):
    code = _processing(world, clock)
    clock.set(vn(2025, 2, 4, 10))

    response = act(
        client_for(world.specialist),
        code,
        "apologise",
        {"new_appointment": new_appointment, "reason": "Chậm do thiếu cán bộ."},
    )

    assert response.status_code == 400
    assert response.json()["error"]["message"]
