"""The back office's dossier page reads the history, the results and the reader's posts once, and
hands them to everything that needs them (the allowed actions, Form 06's rows, the printable forms);
a refused action's page does the same after the refusal."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from motcua.backoffice.tests.support import staff_login
from motcua.dossiers.actions import TABLE, Action
from motcua.tests.matrix import build, build_world
from motcua.tests.test_authorisation_matrix import _page_data

pytestmark = pytest.mark.django_db

# Session, account, TOTP device and posts (the staff gate), the dossier and the reader's posts on it,
# its history, results, steps, attachments, Form 06's names, fees and the national sync rows. The unit
# head, who may act, also gets the action forms: the next step and the send-back target with their
# agency, unit and officer, and the officers to assign (13 more). The header's counts are kept per
# session.
PAGE_STATEMENTS = {"specialist_a": 18, "unit_head": 31}


def _reads(queries: list[dict[str, Any]], table: str) -> int:
    """Statements that read rows of `table` (the ORM selects the main table's columns first)."""
    return sum(1 for q in queries if q["sql"].startswith(f'SELECT "{table}".'))


@pytest.mark.parametrize("role", sorted(PAGE_STATEMENTS))
def test_the_page_reads_each_fact_once(client: Any, role: str) -> None:
    world = build_world()
    dossier = build(world, "at_unit_head")
    staff_login(client, world.user(role))
    client.get(f"/can-bo/ho-so/{dossier.code}/")  # the header's counts, kept for a minute per session

    with CaptureQueriesContext(connection) as page:
        response = client.get(f"/can-bo/ho-so/{dossier.code}/")

    assert response.status_code == 200
    queries = page.captured_queries
    assert _reads(queries, "dossiers_dossierevent") == 1  # the history, for every part of the page
    assert _reads(queries, "dossiers_resultdocument") == 1
    assert _reads(queries, "dossiers_dossier") == 1
    assert len(queries) == PAGE_STATEMENTS[role], "\n".join(q["sql"][:160] for q in queries)


def test_a_refused_action_reads_the_dossier_again_and_each_fact_once(client: Any) -> None:
    world = build_world()
    dossier = build(world, "at_unit_head")
    staff_login(client, world.user("specialist_a"))
    forward = next(spec for spec in TABLE if spec.action == Action.FORWARD)
    client.get(f"/can-bo/ho-so/{dossier.code}/")

    with CaptureQueriesContext(connection) as refused:
        response = client.post(
            f"/can-bo/ho-so/{dossier.code}/thao-tac/{forward.page_slug}/",
            _page_data(world, dossier, Action.FORWARD),
        )

    assert response.status_code == 403
    assert "Bạn không có quyền thực hiện thao tác này" in response.content.decode()
    queries = refused.captured_queries
    # Before the action, under its lock, and fresh for the page after the refusal.
    assert _reads(queries, "dossiers_dossier") == 3
    assert _reads(queries, "dossiers_dossierevent") == 1
    assert len(queries) == 28, "\n".join(q["sql"][:160] for q in queries)
