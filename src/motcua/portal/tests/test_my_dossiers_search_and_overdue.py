"""Issue 9 item 8: "Hồ sơ của tôi" flags an overdue dossier with the date it fell due (the officers'
rule, `urgency_of`), and finds the citizen's own dossiers by name, phone or ID number, never another's."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from motcua.dossiers import services
from motcua.dossiers.tests.factories import (
    APPLICANT,
    FORM_DATA,
    UserFactory,
    build_world,
    mandatory_document_id,
    pdf,
    vn,
)
from motcua.web.templatetags.motcua import vn_datetime

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):  # type: ignore[no-untyped-def]
    return build_world()


@pytest.fixture
def clock(monkeypatch):  # type: ignore[no-untyped-def]
    moments = {"now": vn(2025, 3, 3, 8, 0)}
    monkeypatch.setattr("motcua.core.time.now", lambda: moments["now"])
    return moments


def _submit(world, owner, at, **applicant):  # type: ignore[no-untyped-def]
    return services.submit_dossier(
        procedure_code=world.code,
        applicant={**APPLICANT, **applicant},
        form_data=FORM_DATA,
        documents=[(mandatory_document_id(world), pdf())],
        owner=owner,
        at=at,
    )


def _receive(world, dossier, at):  # type: ignore[no-untyped-def]
    services.receive_dossier(dossier_id=dossier.pk, actor=world.intake, at=at)


def test_an_overdue_dossier_is_flagged_with_its_due_date(client, world, clock):
    late = _submit(world, world.citizen, vn(2025, 3, 3, 8, 0), name="Trần Thị Hoa")
    _receive(world, late, vn(2025, 3, 3, 8, 30))
    client.force_login(world.citizen)
    assert "Quá hạn" not in client.get("/ho-so/").content.decode()

    clock["now"] = vn(2025, 3, 24, 9, 0)  # well past five working days
    late.refresh_from_db()
    html = client.get("/ho-so/").content.decode()
    assert "overdue-mark" in html
    assert f"Quá hạn giải quyết từ {late.due_at.astimezone(vn(2025, 1, 1).tzinfo):%d/%m/%Y}" in html


def test_the_search_finds_only_the_citizens_own_dossiers(client, world, clock):
    at = vn(2025, 3, 3, 8, 0)
    mine = _submit(world, world.citizen, at, name="Nguyễn Văn Đức", phone="0912345000")
    also_mine = _submit(world, world.citizen, at, name="Trần Thị Hoa", phone="0987654321")
    stranger = UserFactory(full_name="Nguyễn Văn Đức")
    theirs = _submit(world, stranger, at, name="Nguyễn Văn Đức", phone="0912345000")
    client.force_login(world.citizen)
    for search in ("nguyen van duc", "0912.345.000", "+84 912 345 000"):
        html = client.get("/ho-so/", {"tim": search}).content.decode()
        assert mine.code in html
        assert also_mine.code not in html
        assert theirs.code not in html
    html = client.get("/ho-so/", {"tim": "le van tam"}).content.decode()
    assert "Không có hồ sơ nào của bạn khớp với nội dung tìm kiếm." in html


def test_the_list_with_a_search_costs_the_same_for_2_or_12_dossiers(client, world, clock):
    client.force_login(world.citizen)
    counts = []
    for n in (2, 12):
        while world.citizen.dossiers.count() < n:
            d = _submit(world, world.citizen, vn(2025, 3, 3, 8, 0), name="Nguyễn Văn Đức")
            _receive(world, d, vn(2025, 3, 3, 8, 30))
        clock["now"] = vn(2025, 3, 24, 9, 0)
        client.get("/ho-so/", {"tim": "van duc"})  # warm the calendar cache
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/ho-so/", {"tim": "van duc"})
        assert response.content.decode().count("overdue-mark") == n
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_the_tracking_page_and_the_dossier_page_say_it_too(client, world, clock):
    late = _submit(world, world.citizen, vn(2025, 3, 3, 8, 0))
    _receive(world, late, vn(2025, 3, 3, 8, 30))
    clock["now"] = vn(2025, 3, 24, 9, 0)
    late.refresh_from_db()
    tracked = client.get("/tra-cuu/", {"ma": late.code, "ma-tra-cuu": late.lookup_secret}, follow=True)
    client.force_login(world.citizen)
    own = client.get(f"/ho-so/{late.code}/")
    for response in (tracked, own):
        html = response.content.decode()
        assert response.status_code == 200
        assert "overdue-mark" in html
        assert f"<strong>{vn_datetime(late.due_at)}</strong>" in html  # the date it fell due, marked
