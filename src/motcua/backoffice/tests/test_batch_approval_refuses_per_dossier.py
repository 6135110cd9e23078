"""A batch approval refuses dossier by dossier: one changed since the list was shown is not approved
(conflict) while the others are; a code of another agency's dossier reads like a missing one and
nothing happens to it."""

from __future__ import annotations

import re

import pytest

from motcua.dossiers import services
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.factories import PDF_BYTES, build_world, vn

from .support import approve_ticked, at_counter, staff_login


def at_leader_step(world, hour, *, result=True):  # type: ignore[no-untyped-def]
    """A dossier at the signing step; with `result`, the specialist attached the result first."""
    dossier = at_counter(world, vn(2025, 3, 3, hour, 0))
    services.transfer_dossier(
        dossier_id=dossier.pk, actor=world.intake, to_unit_id=world.unit_a.pk, at=vn(2025, 3, 3, hour, 10)
    )
    if result:
        services.attach_result(
            dossier_id=dossier.pk,
            actor=world.specialist,
            content=PDF_BYTES,
            name="ket-qua.pdf",
            at=vn(2025, 3, 3, hour, 15),
        )
    services.transfer_dossier(
        dossier_id=dossier.pk,
        actor=world.specialist,
        to_unit_id=world.unit_a.pk,
        step=4,
        at=vn(2025, 3, 3, hour, 20),
    )
    return Dossier.objects.get(pk=dossier.pk)


@pytest.fixture
def three(world, clock):  # type: ignore[no-untyped-def]
    dossiers = [at_leader_step(world, hour) for hour in (8, 9, 10)]
    clock.set(2025, 3, 4, 9, 0)
    return dossiers


def _rows(html: str) -> dict[str, str]:
    """Outcome row text by dossier code."""
    rows = re.findall(r'<tr class="batch-outcome[^"]*" data-code="([^"]+)">(.*?)</tr>', html, re.S)
    return {code: re.sub(r"<[^>]+>|\s+", " ", body) for code, body in rows}


def test_a_dossier_changed_since_the_list_was_shown_is_refused_the_others_approved(client, world, three):
    staff_login(client, world.leader)
    listing = client.get("/can-bo/danh-sach/cho-phe-duyet/").content.decode()
    shown = dict(v.rsplit(":", 1) for v in re.findall(r'name="ho-so" value="([^"]+)"', listing))
    assert set(shown) == {d.code for d in three}
    first, changed, last = three
    # Meanwhile the unit head gives the second dossier to himself: a new version.
    services.assign_dossier(dossier_id=changed.pk, actor=world.leader, assignee_id=world.leader.pk)

    response = approve_ticked(client, [f"{d.code}:{shown[d.code]}" for d in three])

    assert response.status_code == 200
    rows = _rows(response.content.decode())
    assert list(rows) == [first.code, changed.code, last.code]
    assert "✓" in rows[first.code]
    assert "✓" in rows[last.code]
    assert "✗" in rows[changed.code]
    assert "người khác cập nhật" in rows[changed.code]
    assert "Đã phê duyệt 2 hồ sơ" in response.content.decode()
    after = {d.pk: d for d in Dossier.objects.filter(pk__in=[d.pk for d in three])}
    assert after[first.pk].state == after[last.pk].state == "resolved"
    assert after[changed.pk].state == "processing"
    assert after[changed.pk].version == changed.version + 1  # the assignment only


def test_another_agencys_dossier_is_refused_like_a_missing_one(client, world, three):
    elsewhere = build_world()
    theirs = at_leader_step(elsewhere, 11)
    staff_login(client, world.leader)

    unknown = "H00-20250303-9999999"
    ticks = [f"{theirs.code}:{theirs.version}", f"{three[0].code}:{three[0].version}", f"{unknown}:1"]
    response = approve_ticked(client, ticks)

    assert response.status_code == 200
    rows = _rows(response.content.decode())
    assert "Không tìm thấy hồ sơ" in rows[theirs.code]
    assert rows[theirs.code].replace(theirs.code, "") == rows["H00-20250303-9999999"].replace(
        "H00-20250303-9999999", ""
    )
    assert theirs.applicant_name not in response.content.decode()
    assert f'href="/can-bo/ho-so/{theirs.code}/"' not in response.content.decode()
    untouched = Dossier.objects.get(pk=theirs.pk)
    assert (untouched.state, untouched.version) == ("processing", theirs.version)
    assert Dossier.objects.get(pk=three[0].pk).state == "resolved"


def test_a_tick_without_the_version_shown_is_not_approved(client, world, three):
    staff_login(client, world.leader)
    response = approve_ticked(client, [three[0].code])
    assert "Thiếu phiên bản" in _rows(response.content.decode())[three[0].code]
    assert Dossier.objects.get(pk=three[0].pk).state == "processing"
