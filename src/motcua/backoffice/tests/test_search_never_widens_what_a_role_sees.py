"""A search narrows an officer's lists and never shows what the role could not see without it: the
same applicant at another department's counter stays out of every list of this one's officers."""

from __future__ import annotations

import pytest

from motcua.backoffice.queries import WorklistFilters, staff_scope, worklist_page, worklists_for
from motcua.dossiers import services
from motcua.dossiers.tests.factories import build_world

from .support import at_counter, online, staff_login

pytestmark = pytest.mark.django_db

SAME_PERSON = {"name": "Nguyễn Thị Hoa", "phone": "0912345678", "id_number": "045190001234"}
SEARCHES = ["nguyen thi hoa", "0912345678", "045190001234"]


def _spread(world, at):  # type: ignore[no-untyped-def]
    """The same applicant's dossiers in several states of one department."""
    online(world, at, **SAME_PERSON)
    held = at_counter(world, at, **SAME_PERSON)
    services.transfer_dossier(dossier_id=held.pk, actor=world.intake, to_unit_id=world.unit_a.pk, at=at)
    waiting = at_counter(world, at, **SAME_PERSON)
    services.request_supplement(dossier_id=waiting.pk, actor=world.intake, missing=["Bản sao CCCD"], at=at)
    at_counter(world, at, **SAME_PERSON)


@pytest.mark.parametrize("role", ["intake", "specialist", "specialist_b", "leader", "clerk"])
def test_every_list_with_a_search_is_inside_the_same_list_without(world, clock, role):
    at = clock.set(2025, 3, 3, 9, 0)
    elsewhere = build_world()
    _spread(world, at)
    _spread(elsewhere, at)
    officer = getattr(world, role)
    scope = staff_scope(officer)
    theirs = set()
    for worklist in worklists_for(scope):
        seen = {r.dossier.pk for r in worklist_page(scope, worklist, at=at, size=200).rows}
        theirs |= seen
        for search in SEARCHES:
            found = worklist_page(scope, worklist, WorklistFilters(search=search), at=at, size=200)
            assert {r.dossier.pk for r in found.rows} <= seen, (worklist, search)
            assert all(r.dossier.receiving_agency_id == world.department.pk for r in found.rows)
    if role in ("intake", "specialist", "leader"):
        assert theirs, "the comparison means something: this role has dossiers in its lists"


def test_the_page_shows_none_of_another_departments_dossiers(client, world, clock):
    at = clock.set(2025, 3, 3, 9, 0)
    elsewhere = build_world()
    mine = at_counter(world, at, **SAME_PERSON)
    theirs = at_counter(elsewhere, at, **SAME_PERSON)
    staff_login(client, world.intake)
    for search in SEARCHES:
        html = client.get("/can-bo/danh-sach/can-xu-ly/", {"tim": search}).content.decode()
        assert mine.code in html
        assert theirs.code not in html
