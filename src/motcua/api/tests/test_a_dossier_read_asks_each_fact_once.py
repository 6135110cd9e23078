"""Reading one dossier by code asks the database each fact once: who the reader is on it, its results;
on PostgreSQL in three round trips (the token, the dossier, then the rest sent together)."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .factories import Province
from .support import client_for, submit_online


def _read(client: Any, code: str) -> tuple[dict[str, Any], list[str]]:
    client.get(f"/api/v1/dossiers/{code}/")  # the first use of a token records it; measure steady state
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/api/v1/dossiers/{code}/")
    assert response.status_code == 200
    return response.json(), [q["sql"] for q in queries.captured_queries]


def test_an_officer_reads_a_dossier_with_one_query_per_fact(world: Province):
    code = submit_online(client_for(world.citizen), world).json()["code"]

    body, queries = _read(client_for(world.intake), code)

    assert "receive" in {a["action"] for a in body["allowed_actions"]}
    assert body["lookup_secret"]
    staff_roles = [q for q in queries if 'FROM "agencies_staffrole" WHERE' in q and "api_apitoken" not in q]
    results = [q for q in queries if 'FROM "dossiers_resultdocument"' in q]
    assert len(staff_roles) == 1, staff_roles  # the reader's posts on it: visibility, staff view, actions
    assert len(results) == 1, results
    history = [q for q in queries if 'FROM "dossiers_dossierevent"' in q]
    assert len(history) == 1, history  # the answer's history and the send-back rule's transfers
    # token, dossier, the reader's posts, results, history, workflow, attachments (before: a
    # visibility test, a staff test, a results test, the latest result's number and the transfers
    # besides: 13)
    assert len(queries) == 7, "\n".join(queries)


def test_the_applicant_reads_the_same_way(world: Province):
    code = submit_online(client_for(world.citizen), world).json()["code"]

    body, queries = _read(client_for(world.citizen), code)

    assert "lookup_secret" not in body
    assert len([q for q in queries if 'FROM "dossiers_resultdocument"' in q]) == 1
    assert len([q for q in queries if 'FROM "dossiers_dossierevent"' in q]) == 1


@pytest.mark.postgres
def test_an_officer_reads_a_dossier_in_three_round_trips(world: Province):
    code = submit_online(client_for(world.citizen), world).json()["code"]
    client = client_for(world.intake)
    client.get(f"/api/v1/dossiers/{code}/")
    trips: list[Any] = []  # one entry per round trip: a statement alone, or a pipeline of several

    def each_statement(execute: Any, sql: str, params: Any, many: bool, context: dict[str, Any]) -> Any:
        pipeline = getattr(context["connection"].connection, "_pipeline", None)
        if pipeline is None or not trips or trips[-1] is not pipeline:
            trips.append(pipeline if pipeline is not None else sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(each_statement), CaptureQueriesContext(connection) as queries:
        assert client.get(f"/api/v1/dossiers/{code}/").status_code == 200
    assert len(queries) == 7
    assert len(trips) == 3, trips
