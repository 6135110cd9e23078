"""The clerk finds the approved results to number and issue on the desk (Văn thư); the menu link is
shown to clerks and leaders only."""

from __future__ import annotations

import re

import pytest

from motcua.backoffice.tests.support import staff_login
from motcua.documents.services import issue_result
from motcua.dossiers import services
from motcua.dossiers.tests.factories import APPLICANT, FORM_DATA, approve, to_signing_step, vn

MENU_LINK = re.compile(r'<a href="/can-bo/van-thu/"[^>]*>Văn thư</a>')


@pytest.fixture
def approved(world):
    dossier = services.register_at_counter(
        officer=world.intake,
        procedure_code=world.code,
        applicant=APPLICANT,
        form_data=FORM_DATA,
        owner=world.citizen,
        at=vn(2026, 3, 2, 9, 0),
        papers=services.originals_on_paper(world.code),
    )
    to_signing_step(world, dossier.pk, at=vn(2026, 3, 2, 10, 0))
    approve(world, dossier.pk, at=vn(2026, 3, 3, 10, 0))
    dossier.refresh_from_db()
    return dossier


def test_the_desk_lists_an_approved_result_until_it_is_issued(client, world, approved):
    staff_login(client, world.clerk)
    page = client.get("/can-bo/van-thu/").content.decode()
    assert "Kết quả chờ cấp số, ban hành" in page
    assert approved.code in page
    issue_result(dossier_id=approved.pk, actor=world.clerk, at=vn(2026, 3, 3, 14, 0))
    page = client.get("/can-bo/van-thu/").content.decode()
    assert approved.code not in page


def test_another_agencys_clerk_does_not_see_it(client, world, approved):
    from motcua.agencies.models import Role
    from motcua.dossiers.tests.factories import staff

    stranger = staff(world.other_department, Role.CLERK)
    staff_login(client, stranger)
    assert approved.code not in client.get("/can-bo/van-thu/").content.decode()


@pytest.mark.parametrize(("who", "shown"), [("clerk", True), ("leader", True), ("specialist", False)])
def test_the_menu_link_is_for_clerks_and_leaders(client, world, who, shown):
    staff_login(client, getattr(world, who))
    home = client.get("/can-bo/danh-sach/can-xu-ly/", follow=True).content.decode()
    assert bool(MENU_LINK.search(home)) is shown
