"""The worklist's filter choices are kept with the catalogue's cache, and change as soon as it does."""

from __future__ import annotations

from typing import Any

from motcua.agencies.models import Unit
from motcua.catalog.services import publish_procedure_version, upsert_sector

from .support import staff_login

URL = "/can-bo/danh-sach/toan-co-quan/"


def _options(client: Any) -> str:
    response = client.get(URL)
    assert response.status_code == 200
    return response.content.decode()


def test_a_new_procedure_and_a_renamed_unit_show_on_the_next_page(client, world):  # type: ignore[no-untyped-def]
    staff_login(client, world.leader)
    first = _options(client)
    assert "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam" in first
    assert "Thủ tục chứng thực bản sao mới" not in first
    assert "Thủ tục chứng thực bản sao mới" not in _options(client)  # kept, still the same

    publish_procedure_version(
        code="2.999001",
        sector=upsert_sector(code="CT", name="Chứng thực"),
        name="Thủ tục chứng thực bản sao mới",
        competent_agency=world.department,
        receiving_agencies=[world.department],
        processing_time=1,
    )
    Unit.objects.filter(pk=world.unit_b.pk).update(name="Phòng Bổ trợ tư pháp (đổi tên)")
    world.unit_b.refresh_from_db()
    world.unit_b.save()  # the admin's save: the signal every unit change sends

    after = _options(client)
    assert "Thủ tục chứng thực bản sao mới" in after
    assert "Phòng Bổ trợ tư pháp (đổi tên)" in after


def test_officers_of_another_agency_never_get_its_choices(client, world):  # type: ignore[no-untyped-def]
    staff_login(client, world.leader)
    _options(client)  # the leader's agency's choices are now kept
    page = _options(client)

    assert world.other_unit.name not in page
