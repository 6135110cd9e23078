"""Assignment by the leader, and the financial obligation that comes before the result."""

from __future__ import annotations

from .factories import Province
from .support import Clock, act, client_for, submit_online, vn


def _in_unit_a(world: Province, clock: Clock) -> str:
    code = submit_online(client_for(world.citizen), world).json()["code"]
    clock.set(vn(2025, 3, 3, 9))
    act(client_for(world.intake), code, "receive")
    act(client_for(world.intake), code, "transfer", {"to_unit": world.unit_a.pk})
    return code


def test_the_head_assigns_a_specialist(world: Province, clock: Clock):
    code = _in_unit_a(world, clock)

    # The leader of another unit does not head unit A; the director heads every unit.
    refused = act(client_for(world.leader), code, "assign", {"assignee": world.specialist.pk})
    assigned = act(
        client_for(world.director), code, "assign", {"assignee": world.specialist.pk, "note": "Xử lý gấp."}
    )

    assert refused.status_code == 403
    assert assigned.status_code == 200, assigned.json()
    assert assigned.json()["assignee_name"] == "Đỗ Thị Chuyên Viên"
    assert assigned.json()["state"] == "processing"
    assert assigned.json()["events"][-1]["kind"] == "assigned"
    hidden = client_for(world.citizen).get(f"/api/v1/dossiers/{code}/").json()
    assert "assigned" not in [e["kind"] for e in hidden["events"]]


def test_only_officers_of_the_holding_unit_can_be_assigned(world: Province, clock: Clock):
    code = _in_unit_a(world, clock)

    response = act(client_for(world.director), code, "assign", {"assignee": world.other_specialist.pk})

    assert response.status_code == 400
    assert response.json()["error"]["message"] == (
        "Cán bộ được giao không thuộc đơn vị nhận hồ sơ hoặc không có vai trò thực hiện bước này."
    )


def test_fees_are_requested_then_confirmed(world: Province, clock: Clock):
    code = _in_unit_a(world, clock)
    clock.set(vn(2025, 3, 4, 9))

    requested = act(
        client_for(world.specialist),
        code,
        "request-financial-obligation",
        {"amount": 200_000, "description": "Phí cung cấp thông tin lý lịch tư pháp"},
    )
    assert requested.status_code == 200, requested.json()
    assert (requested.json()["state"], requested.json()["status_code"]) == ("financial_obligation", 6)

    clock.set(vn(2025, 3, 4, 10))
    confirmed = act(
        client_for(world.intake), code, "confirm-financial-obligation", {"receipt_number": "BL-0042"}
    )

    assert confirmed.status_code == 200, confirmed.json()
    assert (confirmed.json()["state"], confirmed.json()["status_code"]) == ("processing", 4)


def test_a_transfer_to_a_unit_that_does_not_exist_is_404(world: Province, clock: Clock):
    code = _in_unit_a(world, clock)

    response = act(client_for(world.specialist), code, "transfer", {"to_unit": 2**62})

    assert response.status_code == 404
    assert response.json()["error"]["message"] == "Không tìm thấy đơn vị nhận hồ sơ."


def test_an_id_beyond_the_database_range_is_a_400(world: Province, clock: Clock):
    code = _in_unit_a(world, clock)

    response = act(client_for(world.specialist), code, "transfer", {"to_unit": 10**30})

    assert response.status_code == 400
    assert "to_unit" in response.json()["error"]["details"]["fields"]
