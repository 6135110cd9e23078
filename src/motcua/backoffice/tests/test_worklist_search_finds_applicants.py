"""Issue 9 item 8: officers find a dossier in their worklists by the applicant's name typed without
accents, by a phone number however it is written, or by the exact ID number."""

from __future__ import annotations

import pytest

from motcua.backoffice.queries import Worklist, WorklistFilters, staff_scope, worklist_page

from .support import at_counter, staff_login
from .test_worklist_query_count import _forget_counts, _grow

# An intake officer's "cần xử lý": three branches, each read for its keys and counted (the search makes
# the tab's kept count useless for this list).
SEARCH_PINNED = 26

pytestmark = pytest.mark.django_db


def _codes(world, search, at):  # type: ignore[no-untyped-def]
    page = worklist_page(
        staff_scope(world.intake), Worklist.TO_PROCESS, WorklistFilters(search=search), at=at
    )
    return {row.dossier.code for row in page.rows}


@pytest.mark.parametrize(
    "search",
    [
        "nguyen van duc",
        "NGUYỄN văn Đức",
        "  van   duc ",
        "Đức",
        "0912 345 000",
        "0912.345.000",
        "+84 912 345 000",
        "045190009999",
    ],
)
def test_the_applicant_is_found_by_name_phone_or_id(world, clock, search):
    at = clock.set(2025, 3, 3, 9, 0)
    wanted = at_counter(world, at, name="Nguyễn Văn Đức", phone="0912 345 000", id_number="045190009999")
    at_counter(world, at, name="Trần Thị Hoa", phone="0987654321", id_number="045190001234")
    assert _codes(world, search, at) == {wanted.code}


@pytest.mark.parametrize("search", ["nguyen van an", "0912345001", "04519000999", "45190009999", "Đức Anh"])
def test_near_misses_find_nothing(world, clock, search):
    at = clock.set(2025, 3, 3, 9, 0)
    at_counter(world, at, name="Nguyễn Văn Đức", phone="0912345000", id_number="045190009999")
    assert _codes(world, search, at) == set()


def test_the_page_keeps_the_search_in_its_box_and_its_links(client, world, clock):
    at = clock.set(2025, 3, 3, 9, 0)
    found = at_counter(world, at, name="Lê Thị Ngọc Ánh")
    other = at_counter(world, at, name="Phạm Minh Tuấn")
    staff_login(client, world.intake)
    response = client.get("/can-bo/danh-sach/can-xu-ly/", {"tim": "le thi ngoc anh"})
    html = response.content.decode()
    assert response.status_code == 200
    assert found.code in html
    assert other.code not in html
    assert 'value="le thi ngoc anh"' in html
    assert "Họ tên (gõ không dấu cũng được), số điện thoại hoặc số định danh." in html


def test_a_searched_list_costs_the_same_for_5_or_50_rows(client, world, clock, django_assert_num_queries):
    """Pinned: as the list without a search (test_worklist_query_count), plus the count of what the
    search finds (one capped count per branch, instead of the tab's count kept in the session)."""
    at = clock.set(2025, 3, 3, 9, 0)
    first = at_counter(world, at, name="Nguyễn Văn Đức", phone="0912345000")
    at_counter(world, at, name="Trần Thị Hoa")
    staff_login(client, world.intake)
    url = "/can-bo/danh-sach/can-xu-ly/"
    for size in (5, 50):
        _grow(first, size)
        client.get(url, {"tim": "van duc"})  # warm the calendar cache
        _forget_counts(client)
        with django_assert_num_queries(SEARCH_PINNED):
            response = client.get(url, {"tim": "van duc"})
        assert response.content.decode().count("data-row-link") == size
