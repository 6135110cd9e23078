"""The public catalogue (home and search, procedure pages, the API's list and detail) is read from the
cache once warm: no query at all for an anonymous visitor; and any change of the catalogue, through
any door (the admin's save, the publishing service, the agencies), shows on the next request
(catalog.cache; issue 12, item 4)."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from motcua.agencies.models import Agency
from motcua.catalog.models import Procedure
from motcua.catalog.services import refresh_search_text
from motcua.core.testing import cache_on_redis, forget_keys
from motcua.web import pagecache

from .support import JUDICIAL_RECORD

PAGES = [
    "/",
    "/?q=ly+lich+tu+phap",
    "/?q=ly+lihc+tu+phap",  # a typo: the forgiving search
    f"/thu-tuc/{JUDICIAL_RECORD}/",
    "/api/v1/procedures/",
    "/api/v1/procedures/?q=ly+lich",
    f"/api/v1/procedures/{JUDICIAL_RECORD}/",
]


def _without_csrf(html: str) -> str:
    return re.sub(r"[A-Za-z0-9]{64}", "…", html)


def _text(response) -> str:  # type: ignore[no-untyped-def]
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("path", PAGES)
def test_a_warm_page_costs_no_query(judicial, path):
    visitor = Client()
    first = _text(visitor.get(path))

    with CaptureQueriesContext(connection) as queries:
        again = _text(Client().get(path))

    statements = [q["sql"] for q in queries.captured_queries]
    if path.startswith("/api/v1/procedures/?") or path == "/api/v1/procedures/":
        # The search's rate limit is a counter row every web process shares (api.throttles): its
        # few statements are the whole cost, none reads the catalogue.
        assert len(statements) <= 6
        assert not [sql for sql in statements if "catalog_" in sql or "agencies_" in sql]
    else:
        assert statements == []
    assert _without_csrf(again) == _without_csrf(first)  # the same page, each with its own token


@pytest.fixture(params=["each process's memory", "Redis"])
def cache(request, settings):  # type: ignore[no-untyped-def]
    """The default cache, and on Redis the process's watch of the stamp (core.shared_redis)."""
    if request.param == "Redis":
        url = request.getfixturevalue("redis_url")
        prefix = cache_on_redis(settings, url)
        pagecache.STORE.clear()
        yield
        pagecache.STORE.clear()
        forget_keys(url, f"{prefix}:*")
    else:
        yield


def test_a_change_through_any_door_shows_at_once(cache, judicial):
    visitor = Client()
    procedure = Procedure.objects.select_related("current_version__competent_agency").get(
        code=JUDICIAL_RECORD
    )
    for path in PAGES[:2] + PAGES[3:]:
        assert "Cấp Phiếu lý lịch tư pháp" in _text(visitor.get(path))

    # The admin's door: models saved (the list shows the procedure's name, its page the version's).
    procedure.name = "Cấp Phiếu lý lịch tư pháp (đã sửa tên)"
    procedure.save()
    version = procedure.current_version
    version.name = procedure.name
    version.save()
    refresh_search_text(procedure)  # a queryset update(): the service bumps the stamp itself
    for path in (
        f"/thu-tuc/{JUDICIAL_RECORD}/",
        "/",
        "/api/v1/procedures/",
        f"/api/v1/procedures/{JUDICIAL_RECORD}/",
    ):
        assert "(đã sửa tên)" in _text(visitor.get(path)), path
    assert "(đã sửa tên)" in _text(visitor.get("/?q=da+sua+ten"))

    # The agencies: the competent agency's name on the procedure page and in the API.
    agency = Agency.objects.get(pk=procedure.current_version.competent_agency_id)
    agency.name = "Công an tỉnh Quảng Trị (tên mới)"
    agency.save()
    assert "(tên mới)" in _text(visitor.get(f"/thu-tuc/{JUDICIAL_RECORD}/"))
    assert "(tên mới)" in _text(visitor.get(f"/api/v1/procedures/{JUDICIAL_RECORD}/"))

    # Withdrawn from the catalogue: gone from the list and the page at once.
    procedure.is_active = False
    procedure.save(update_fields=["is_active"])
    assert visitor.get(f"/thu-tuc/{JUDICIAL_RECORD}/").status_code == 404
    assert visitor.get(f"/api/v1/procedures/{JUDICIAL_RECORD}/").status_code == 404
    assert JUDICIAL_RECORD not in _text(visitor.get("/api/v1/procedures/"))
