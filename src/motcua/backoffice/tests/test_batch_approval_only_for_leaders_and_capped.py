"""Only a leader approves in a batch, at most MAX_BATCH dossiers a submission; the worklist offers
the checkboxes to the leader only."""

from __future__ import annotations

from motcua.dossiers.models import Dossier
from motcua.signatures.approval import MAX_BATCH

from .support import BATCH_URL as URL
from .support import staff_login
from .test_batch_approval_refuses_per_dossier import at_leader_step


def test_a_specialist_is_refused_and_nothing_is_approved(client, world, clock):
    dossier = at_leader_step(world, 8)
    staff_login(client, world.specialist)

    response = client.post(URL, {"ho-so": [f"{dossier.code}:{dossier.version}"]})

    assert response.status_code == 403
    assert "Chỉ lãnh đạo" in response.content.decode()
    assert Dossier.objects.get(pk=dossier.pk).state == "processing"
    assert 'form="batch-approval"' not in client.get("/can-bo/danh-sach/can-xu-ly/").content.decode()


def test_the_leader_gets_a_labelled_checkbox_per_row_and_select_all(client, world, clock):
    dossier = at_leader_step(world, 8)
    staff_login(client, world.leader)

    html = client.get("/can-bo/danh-sach/cho-phe-duyet/").content.decode()

    assert f'value="{dossier.code}:{dossier.version}" form="batch-approval"' in html
    assert f'<label class="visually-hidden" for="pick-{dossier.pk}">Chọn hồ sơ {dossier.code}</label>' in html
    assert 'data-select-all="batch-approval"' in html
    assert "Chọn tất cả hồ sơ trên trang này" in html
    assert 'action="/can-bo/danh-sach/cho-phe-duyet/phe-duyet/"' in html
    assert "data-once" in html
    assert "csrfmiddlewaretoken" in html
    assert "Đang phê duyệt và ký…" in html
    # The agency's list (also a leader's) has no batch approval.
    assert 'form="batch-approval"' not in client.get("/can-bo/danh-sach/toan-co-quan/").content.decode()


def test_more_than_the_cap_is_refused_as_a_whole(client, world, clock):
    dossier = at_leader_step(world, 8)
    staff_login(client, world.leader)
    ticks = [f"{dossier.code}:{dossier.version}"] + [f"H00-20250303-{i:07d}:1" for i in range(MAX_BATCH)]

    response = client.post(URL, {"ho-so": ticks})

    assert response.status_code == 400
    assert f"tối đa {MAX_BATCH} hồ sơ" in response.content.decode()
    assert Dossier.objects.get(pk=dossier.pk).state == "processing"


def test_nothing_ticked_is_a_plain_message(client, world, clock):
    staff_login(client, world.leader)
    response = client.post(URL, {})
    assert response.status_code == 400
    assert "chưa chọn hồ sơ nào" in response.content.decode()


def test_a_get_is_not_an_approval(client, world, clock):
    staff_login(client, world.leader)
    assert client.get(URL).status_code == 405
