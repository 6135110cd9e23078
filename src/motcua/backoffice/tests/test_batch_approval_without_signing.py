"""Where signing is not set up (no timestamp authority), the batch approves and says the results
are not signed, as the approval of one dossier does; a dossier without a result is not approved."""

from __future__ import annotations

from motcua.dossiers.models import Dossier
from motcua.dossiers.selectors import latest_result
from motcua.dossiers.services import attach_result
from motcua.dossiers.tests.factories import pdf

from .support import approve_ticked, staff_login
from .test_batch_approval_refuses_per_dossier import at_leader_step


def test_approved_and_said_to_be_unsigned(client, world, clock, settings):
    settings.MOTCUA_SIGNATURE_TSA_URL = ""
    with_result, without = at_leader_step(world, 8, result=False), at_leader_step(world, 9, result=False)
    clock.set(2025, 3, 4, 9, 0)
    attach_result(
        dossier_id=with_result.pk, actor=world.leader, content=pdf("ket-qua.pdf").read(), name="ket-qua.pdf"
    )
    with_result.refresh_from_db()
    staff_login(client, world.leader)

    response = approve_ticked(client, [f"{d.code}:{d.version}" for d in (with_result, without)])

    assert response.status_code == 200
    text = response.content.decode()
    assert "Đã phê duyệt 1 hồ sơ" in text
    assert text.count("chưa ký số: ký số chưa được thiết lập") == 1
    assert "Chưa có văn bản kết quả" in text
    assert Dossier.objects.get(pk=with_result.pk).state == "resolved"
    assert Dossier.objects.get(pk=without.pk).state == "processing"
    assert not latest_result(with_result).is_signed
