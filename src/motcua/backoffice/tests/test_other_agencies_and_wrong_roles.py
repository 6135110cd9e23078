"""Another agency's officer sees nothing (404, even by guessing URLs); a wrong role acts on nothing (403)."""

from __future__ import annotations

import pytest

from motcua.dossiers import services
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.factories import PDF_BYTES, approve, to_signing_step, vn

from .support import at_counter, online, staff_login


@pytest.fixture
def received(world, clock):  # type: ignore[no-untyped-def]
    clock.set(2025, 3, 3, 9, 0)
    return at_counter(world, vn(2025, 3, 3, 9, 0))


def _urls(dossier) -> list[str]:  # type: ignore[no-untyped-def]
    code = dossier.code
    attachment = dossier.attachments.first()
    return [
        f"/can-bo/ho-so/{code}/",
        f"/can-bo/ho-so/{code}/phieu-kiem-soat/",
        f"/can-bo/ho-so/{code}/mau-01.pdf",
        f"/can-bo/ho-so/{code}/mau-06.pdf",
        f"/can-bo/ho-so/{code}/tep/{attachment.pk}/",
        f"/can-bo/tim/?ma={code}",
    ]


def test_another_agency_gets_404_on_every_page_and_file(client, world, received):
    staff_login(client, world.other_intake)
    for url in _urls(received):
        response = client.get(url)
        assert response.status_code == 404, url
        assert received.applicant_name not in response.content.decode()
    # The same answer as for a code that does not exist: nothing tells the dossier is there.
    assert client.get("/can-bo/ho-so/H00-20250303-9999999/").status_code == 404
    for slug in ("cho-tiep-nhan", "can-xu-ly", "cho-cong-dan", "tra-ket-qua"):
        assert received.code not in client.get(f"/can-bo/danh-sach/{slug}/").content.decode()


def test_another_agency_cannot_act_by_posting(client, world, received):
    staff_login(client, world.other_specialist)
    for action in ("chuyen-buoc", "chuyen", "tu-choi", "dung", "phe-duyet"):
        response = client.post(
            f"/can-bo/ho-so/{received.code}/thao-tac/{action}/",
            {"version": received.version, "reason": "x", "to_unit": world.other_unit.pk},
        )
        assert response.status_code == 404, action
    assert Dossier.objects.get(pk=received.pk).version == received.version


def test_the_own_agency_sees_it(client, world, received):
    staff_login(client, world.specialist)
    for url in _urls(received):
        assert client.get(url).status_code in (200, 302), url


# (action slug, the officer who tries it, POST data, the state the dossier must be in)
WRONG_ROLE = [
    ("tiep-nhan", "specialist", {}, "submitted"),
    ("tu-choi", "leader", {"reason": "Không thuộc thẩm quyền"}, "submitted"),
    ("phe-duyet", "specialist", {"result_summary": "Đồng ý"}, "processing"),
    ("phe-duyet", "intake", {"result_summary": "Đồng ý"}, "processing"),
    ("dung", "specialist", {"reason": "Không đủ điều kiện"}, "processing"),
    ("phan-cong", "specialist", {"assignee": "specialist"}, "processing"),
    ("chuyen-buoc", "clerk", {}, "processing"),
    ("nghia-vu-tai-chinh", "intake", {"amount": "200000", "description": "Lệ phí"}, "processing"),
    ("tra-ket-qua", "specialist", {"method": "counter"}, "resolved"),
    ("de-xuat-ket-qua", "clerk", {"mode": "generate", "text": "Đồng ý"}, "processing"),
]


def _in_state(world, state):  # type: ignore[no-untyped-def]
    if state == "submitted":
        return online(world, vn(2025, 3, 3, 8, 0))
    dossier = at_counter(world, vn(2025, 3, 3, 9, 0))
    services.transfer_dossier(
        dossier_id=dossier.pk, actor=world.intake, to_unit_id=world.unit_a.pk, at=vn(2025, 3, 3, 10, 0)
    )
    if state == "resolved":
        to_signing_step(world, dossier.pk, by=world.specialist, at=vn(2025, 3, 4, 8, 0))
        approve(world, dossier.pk, at=vn(2025, 3, 4, 9, 0))
    return Dossier.objects.get(pk=dossier.pk)


@pytest.mark.parametrize(("action", "who", "data", "state"), WRONG_ROLE)
def test_every_action_is_refused_without_the_right_role(client, world, clock, action, who, data, state):
    clock.set(2025, 3, 5, 9, 0)
    dossier = _in_state(world, state)
    data = {k: (getattr(world, v).pk if v in ("specialist",) else v) for k, v in data.items()}
    staff_login(client, getattr(world, who))
    response = client.post(
        f"/can-bo/ho-so/{dossier.code}/thao-tac/{action}/", {"version": dossier.version, **data}
    )
    assert response.status_code == 403, response.content.decode()[:500]
    assert "Bạn không có quyền" in response.content.decode()
    after = Dossier.objects.get(pk=dossier.pk)
    assert (after.state, after.version) == (dossier.state, dossier.version)


def test_pages_hide_what_the_role_cannot_do(client, world, clock):
    clock.set(2025, 3, 5, 9, 0)
    dossier = _in_state(world, "processing")
    staff_login(client, world.clerk)
    page = client.get(f"/can-bo/ho-so/{dossier.code}/").content.decode()
    assert "thao-tac/phe-duyet/" not in page
    assert "thao-tac/chuyen-buoc/" not in page
    # At the appraisal step the leader approves nothing yet; at the signing step, with a result, they do.
    staff_login(client, world.leader)
    page = client.get(f"/can-bo/ho-so/{dossier.code}/").content.decode()
    assert "thao-tac/phe-duyet/" not in page
    to_signing_step(world, dossier.pk, by=world.specialist, at=vn(2025, 3, 5, 9, 0))
    services.attach_result(
        dossier_id=dossier.pk, actor=world.leader, content=PDF_BYTES, name="kq.pdf", at=vn(2025, 3, 5, 9, 0)
    )
    page = client.get(f"/can-bo/ho-so/{dossier.code}/").content.decode()
    assert "thao-tac/phe-duyet/" in page


def test_worklists_and_leader_view_are_refused_to_roles_without_them(client, world):
    staff_login(client, world.clerk)
    assert client.get("/can-bo/danh-sach/cho-phe-duyet/").status_code == 403
    assert client.get("/can-bo/dieu-hanh/").status_code == 403
    assert client.get("/can-bo/tiep-nhan/").status_code == 403
    assert client.get("/can-bo/danh-sach/khong-co/").status_code == 404
