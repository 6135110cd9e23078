"""Every list answers in a fixed number of queries, whatever the page size."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from motcua.dossiers import services

from .factories import AgencyFactory, Province, UnitFactory
from .support import application, client_for, pdf


def _file(world: Province, count: int, owner: Any) -> None:
    for _ in range(count):
        services.submit_dossier(
            procedure_code=world.procedure_code,
            applicant=application(world)["applicant"],
            form_data=application(world)["form_data"],
            owner=owner,
            documents=[(world.mandatory_document.pk, pdf())],
        )


def _count_queries(client: Any, url: str, page_size: int) -> int:
    client.get(url)  # the first use of a token records it; measure steady state
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, {"page_size": page_size})
    assert response.status_code == 200
    assert len(response.json()["results"]) == page_size
    return len(queries)


@pytest.mark.parametrize("who", ["citizen", "intake"])
def test_dossier_list_queries_are_fixed(world: Province, who: str):
    _file(world, 30, world.citizen)
    client = client_for(getattr(world, who))

    assert _count_queries(client, "/api/v1/dossiers/", 3) == _count_queries(client, "/api/v1/dossiers/", 30)


def test_dossier_list_pins_the_query_count(world: Province, django_assert_num_queries):
    _file(world, 3, world.citizen)
    client = client_for(world.intake)
    client.get("/api/v1/dossiers/")

    # token, staff agencies (visibility and which rows show the secret), the officer's own dossiers'
    # ids, the agency's held ids (keyset), the page's rows; no count: the page holds the whole list
    with django_assert_num_queries(5):
        assert client.get("/api/v1/dossiers/").json()["count"] == 3


def test_agency_list_queries_are_fixed(db):
    for index in range(30):
        agency = AgencyFactory(code=f"H37.{index + 500}", name=f"UBND xã số {index}")
        UnitFactory(agency=agency, code="MC", is_one_stop=True)
        UnitFactory(agency=agency, code="VHXH")
    client = client_for()

    assert _count_queries(client, "/api/v1/agencies/", 3) == _count_queries(client, "/api/v1/agencies/", 30)
