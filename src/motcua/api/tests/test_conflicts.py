"""Two officers on one dossier: the stale one gets 409; actions the state forbids get 409 too."""

from __future__ import annotations

import pytest

from motcua.dossiers.models import Dossier

from .factories import Province
from .support import Clock, act, client_for, submit_online, vn


@pytest.fixture
def received(world: Province, clock: Clock) -> dict:
    code = submit_online(client_for(world.citizen), world).json()["code"]
    clock.set(vn(2025, 1, 24, 9))
    return act(client_for(world.intake), code, "receive").json()


@pytest.mark.parametrize("how", ["body", "if-match"])
def test_a_stale_expected_version_is_refused_and_changes_nothing(world: Province, received: dict, how: str):
    code, seen = received["code"], received["version"]
    first = act(
        client_for(world.intake), code, "transfer", {"to_unit": world.unit_a.pk, "expected_version": seen}
    )
    assert first.status_code == 200

    late: dict = {"to_unit": world.unit_b.pk}
    headers = {}
    if how == "body":
        late["expected_version"] = seen
    else:
        headers["HTTP_IF_MATCH"] = f'"{seen}"'
    response = act(client_for(world.specialist), code, "transfer", late, **headers)

    assert response.status_code == 409
    error = response.json()["error"]
    assert error["code"] == "stale_dossier"
    assert error["message"] == "Hồ sơ vừa được người khác cập nhật. Vui lòng tải lại và thử lại."
    assert error["details"] == {"current_version": seen + 1}
    dossier = Dossier.objects.get(code=code)
    assert (dossier.version, dossier.current_unit_id) == (seen + 1, world.unit_a.pk)


def test_the_current_version_is_accepted_and_echoed_as_etag(world: Province, received: dict):
    response = act(
        client_for(world.intake),
        received["code"],
        "transfer",
        {"to_unit": world.unit_a.pk},
        HTTP_IF_MATCH=f'W/"{received["version"]}"',
    )

    assert response.status_code == 200
    assert response["ETag"] == f'"{received["version"] + 1}"'


def test_a_malformed_if_match_is_a_validation_error(world: Province, received: dict):
    response = act(
        client_for(world.intake),
        received["code"],
        "transfer",
        {"to_unit": world.unit_a.pk},
        HTTP_IF_MATCH='"ba"',
    )
    assert response.status_code == 400
    assert "If-Match" in response.json()["error"]["details"]["fields"]


def test_an_action_the_state_does_not_allow_is_an_illegal_transition(world: Province, received: dict):
    response = act(client_for(world.intake), received["code"], "receive")

    assert response.status_code == 409
    error = response.json()["error"]
    assert error["code"] == "illegal_transition"
    assert (
        error["message"]
        == "Không thể thực hiện thao tác 'Tiếp nhận hồ sơ' khi hồ sơ đang ở trạng thái 'Được tiếp nhận'."
    )
    assert error["details"]["state"] == "received"


def test_resolving_a_dossier_nobody_received_is_an_illegal_transition(world: Province, clock: Clock):
    code = submit_online(client_for(world.citizen), world).json()["code"]

    response = act(client_for(world.leader), code, "resolve", {"result_summary": "Đồng ý."})

    assert response.status_code == 409
    assert response.json()["error"]["code"] == "illegal_transition"
    assert "Mới đăng ký" in response.json()["error"]["message"]
    assert Dossier.objects.get(code=code).state == "submitted"
