"""The API's dossier list: newest first, signed keyset cursors both ways, filters, no count unless asked."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from motcua.core.time import now
from motcua.dossiers import services
from motcua.dossiers.models import Dossier, DossierHolder

from .factories import Province
from .support import application, client_for, pdf, vn

URL = "/api/v1/dossiers/"


def _file(world: Province, count: int) -> list[Dossier]:
    """One dossier through the service, then copies of its row and holder (a list test reads only)."""
    first = services.submit_dossier(
        procedure_code=world.procedure_code,
        applicant=application(world)["applicant"],
        form_data=application(world)["form_data"],
        owner=world.citizen,
        documents=[(world.mandatory_document.pk, pdf())],
    )
    filed = [first]
    for index in range(1, count):
        copy = Dossier.objects.get(pk=first.pk)
        copy.pk, copy.code = None, f"{first.code[:-4]}9{index:03d}"
        copy.save(force_insert=True)
        DossierHolder.objects.create(dossier=copy, agency_id=copy.receiving_agency_id, since=now())
        filed.append(copy)
    return filed


@pytest.fixture
def twelve(world: Province) -> list[str]:
    """Twelve dossiers at the department, newest first, as the list shows them."""
    filed = _file(world, 12)
    return [d.code for d in sorted(filed, key=lambda d: d.pk, reverse=True)]


def _walk(client: Any, url: str, key: str, params: dict[str, Any]) -> list[list[str]]:
    pages = []
    response = client.get(url, params)
    while True:
        assert response.status_code == 200, response.content
        body = response.json()
        pages.append([row["code"] for row in body["results"]])
        if not body[key]:
            return pages
        response = client.get(body[key])


def test_pages_forward_and_back_cover_the_list_once_newest_first(world: Province, twelve: list[str]):
    client = client_for(world.intake)

    forward = _walk(client, URL, "next", {"page_size": 5})
    assert forward == [twelve[:5], twelve[5:10], twelve[10:]]

    last = client.get(URL, {"page_size": 5})
    for _ in range(2):
        last = client.get(last.json()["next"])
    backward = [[row["code"] for row in last.json()["results"]]]
    response = client.get(last.json()["previous"])
    while True:
        backward.append([row["code"] for row in response.json()["results"]])
        if not response.json()["previous"]:
            break
        response = client.get(response.json()["previous"])
    assert backward == [twelve[10:], twelve[5:10], twelve[:5]]


def test_there_is_no_count_unless_asked_or_the_list_fits_on_one_page(world: Province, twelve: list[str]):
    client = client_for(world.intake)

    assert client.get(URL, {"page_size": 5}).json()["count"] is None
    assert client.get(URL, {"page_size": 5, "count": "exact"}).json()["count"] == 12
    assert client.get(URL, {"page_size": 50}).json()["count"] == 12


@pytest.mark.parametrize(
    "cursor",
    ["abc", "WyJhIiwgNV0:forged", "x" * 500],
)
def test_a_cursor_not_made_by_the_server_is_a_400(world: Province, twelve: list[str], cursor: str):
    response = client_for(world.intake).get(URL, {"cursor": cursor})

    assert response.status_code == 400
    assert "cursor" in response.json()["error"]["details"]["fields"]


def test_an_altered_cursor_is_a_400(world: Province, twelve: list[str]):
    client = client_for(world.intake)
    cursor = parse_qs(urlparse(client.get(URL, {"page_size": 5}).json()["next"]).query)["cursor"][0]
    value, stamp = cursor.split(":", 1)
    altered = ("B" if value[0] != "B" else "C") + value[1:] + ":" + stamp

    assert client.get(URL, {"cursor": altered}).status_code == 400


def test_page_numbers_are_refused_with_a_pointer_to_the_cursor(world: Province, twelve: list[str]):
    response = client_for(world.intake).get(URL, {"page": 2})

    assert response.status_code == 400
    assert "con trỏ" in response.json()["error"]["details"]["fields"]["page"]


def test_filters_by_state_unit_received_dates_and_due_status(world: Province, twelve: list[str]):
    at = now()
    codes = twelve
    Dossier.objects.filter(code__in=codes[:6]).update(
        state="processing", received_at=vn(2026, 3, 2, 9), current_unit=world.unit_a, paused_at=None
    )
    Dossier.objects.filter(code__in=codes[:2]).update(due_at=at - timedelta(hours=3))  # overdue
    Dossier.objects.filter(code__in=codes[2:4]).update(due_at=at + timedelta(days=30))  # on time
    Dossier.objects.filter(code=codes[4]).update(due_at=at - timedelta(hours=1), paused_at=at)  # paused
    Dossier.objects.filter(code=codes[5]).update(received_at=vn(2026, 3, 5, 23, 30))
    client = client_for(world.intake)

    def listed(**params: Any) -> list[str]:
        response = client.get(URL, params)
        assert response.status_code == 200, response.content
        return [row["code"] for row in response.json()["results"]]

    assert listed(state="processing") == codes[:6]
    assert listed(unit=world.unit_a.pk) == codes[:6]
    assert listed(unit=world.unit_b.pk) == []
    assert listed(due_status="overdue") == codes[:2]
    assert listed(due_status="on_time") == codes[2:4]
    assert listed(received_from="2026-03-05", received_to="2026-03-05") == [codes[5]]
    assert listed(received_from="2026-03-01", received_to="2026-03-04") == codes[:5]
    assert listed(procedure=world.procedure_code, state="submitted") == codes[6:]
    assert client.get(URL, {"received_from": "2026-03-05", "received_to": "2026-03-01"}).status_code == 400
    assert client.get(URL, {"due_status": "late"}).status_code == 400


def test_a_former_holder_and_the_owner_see_each_dossier_once(world: Province, twelve: list[str]):
    handed_on = Dossier.objects.get(code=twelve[0])
    Dossier.objects.filter(pk=handed_on.pk).update(current_agency=world.other_department)
    DossierHolder.objects.create(dossier=handed_on, agency=world.other_department, since=now())

    assert [r["code"] for r in client_for(world.other_intake).get(URL).json()["results"]] == [twelve[0]]
    assert [r["code"] for r in client_for(world.intake).get(URL).json()["results"]] == twelve
    assert [r["code"] for r in client_for(world.citizen).get(URL).json()["results"]] == twelve
    assert client_for(world.other_citizen).get(URL).json() == {
        "next": None,
        "previous": None,
        "count": 0,
        "results": [],
    }


def test_a_deep_page_costs_the_queries_of_the_first(world: Province, twelve: list[str]):
    client = client_for(world.intake)
    first = client.get(URL, {"page_size": 3})
    third = client.get(client.get(first.json()["next"]).json()["next"])

    def queries(url: str, params: dict[str, Any] | None = None) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url, params).status_code == 200
        return len(captured)

    assert queries(URL, {"page_size": 3}) == queries(third.json()["next"])
