"""Every action × every person × every situation, through every door: allowed exactly where the rules
say, refused everywhere else, and nothing changed by a refusal; every file likewise.

The expectations below are written out by hand from the issue's rules ("who may act"), not computed
from `dossiers.actions.TABLE`: the first test holds the table to them, the others hold each door
(the API, the back office's pages, the citizen's portal) to the same cells.
"""

from __future__ import annotations

from contextlib import suppress
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from rest_framework.test import APIClient

from motcua.api.tests.support import client_for
from motcua.backoffice.tests.support import staff_login
from motcua.dossiers.actions import BY_API_SLUG, TABLE, Action
from motcua.dossiers.models import Dossier
from motcua.dossiers.permissions import allowed_actions
from motcua.dossiers.tests.factories import PDF_BYTES

from .matrix import NEEDS_FILE, ROLES, SITUATIONS, MatrixWorld, build, build_world, inputs

pytestmark = pytest.mark.django_db

A = Action
# What a holder of a processing step may do there (the appraisal step, and the signing step alike).
HOLDING = {
    A.FORWARD,
    A.TRANSFER,
    A.SEND_BACK,
    A.REQUEST_SUPPLEMENT,
    A.REQUEST_FINANCIAL_OBLIGATION,
    A.ATTACH_RESULT,
    A.APOLOGISE,
}
HEADING = {A.ASSIGN, A.STOP, A.APOLOGISE}  # the head of the unit holding it, or the director
WITHDRAW = {A.REQUEST_WITHDRAWAL}

# situation -> person -> the actions they may take; anyone not named may take none.
EXPECTED: dict[str, dict[str, set[Action]]] = {
    "submitted": {
        "owner": WITHDRAW,
        # The counter takes the fees with the papers (`record_payment`), before or at reception.
        "intake": {A.RECEIVE, A.REFUSE, A.REQUEST_SUPPLEMENT, A.REQUEST_WITHDRAWAL, A.RECORD_PAYMENT},
    },
    # The applicant claimed a fee exemption: whoever holds the dossier checks the proof.
    "exemption_claimed": {
        "owner": WITHDRAW,
        "intake": {
            A.RECEIVE,
            A.REFUSE,
            A.REQUEST_SUPPLEMENT,
            A.REQUEST_WITHDRAWAL,
            A.RECORD_PAYMENT,
            A.DECIDE_EXEMPTION,
        },
    },
    "exemption_at_specialist": {
        "owner": WITHDRAW,
        "intake": WITHDRAW,
        "specialist_a": HOLDING | {A.DECIDE_EXEMPTION},
        "colleague_a": HOLDING | {A.DECIDE_EXEMPTION},
        "unit_head": HEADING,
        "director": HEADING,
    },
    "withdrawal_at_intake": {
        "intake": {A.DECIDE_WITHDRAWAL},  # asked before anyone received it: the counter decides
    },
    "received": {
        "owner": WITHDRAW,
        # At the intake step the counter holds it (no processing yet, nothing to send back).
        "intake": {
            A.FORWARD,
            A.TRANSFER,
            A.REQUEST_SUPPLEMENT,
            A.REQUEST_FINANCIAL_OBLIGATION,
            A.APOLOGISE,
            A.REQUEST_WITHDRAWAL,
            A.RECORD_PAYMENT,
        },
        "centre_leader": {A.ASSIGN, A.APOLOGISE},
    },
    "at_specialist": {
        "owner": WITHDRAW,
        "intake": WITHDRAW,  # the counter records the applicant's request, and does no more
        "specialist_a": HOLDING,
        "colleague_a": HOLDING,  # given to the unit, not to a person: its specialists act
        "unit_head": HEADING,
        "director": HEADING,
    },
    "assigned_specialist": {
        "owner": WITHDRAW,
        "intake": WITHDRAW,
        "specialist_a": HOLDING,  # given to a person: that person acts, the colleague does not
        "unit_head": HEADING,
        "director": HEADING,
    },
    "supplement_requested": {
        "owner": {A.SUPPLEMENT, A.REQUEST_WITHDRAWAL},
        "intake": {A.SUPPLEMENT, A.REQUEST_WITHDRAWAL},
        "specialist_a": {A.APOLOGISE},
        "colleague_a": {A.APOLOGISE},
        "unit_head": {A.STOP, A.APOLOGISE},
        "director": {A.STOP, A.APOLOGISE},
    },
    "financial_obligation": {
        "owner": WITHDRAW,
        "intake": {A.CONFIRM_FINANCIAL_OBLIGATION, A.REQUEST_WITHDRAWAL},  # paid at the counter
        "specialist_a": {A.CONFIRM_FINANCIAL_OBLIGATION, A.ATTACH_RESULT, A.APOLOGISE},
        "colleague_a": {A.CONFIRM_FINANCIAL_OBLIGATION, A.ATTACH_RESULT, A.APOLOGISE},
        "unit_head": {A.STOP, A.APOLOGISE},
        "director": {A.STOP, A.APOLOGISE},
    },
    "withdrawal_in_processing": {
        "specialist_a": {A.APOLOGISE},
        "colleague_a": {A.APOLOGISE},
        # Past intake, the head of the unit holding it decides, not the counter.
        "unit_head": {A.DECIDE_WITHDRAWAL, A.APOLOGISE},
        "director": {A.DECIDE_WITHDRAWAL, A.APOLOGISE},
    },
    "at_unit_head": {
        "owner": WITHDRAW,
        "intake": WITHDRAW,
        # Reviewing before the director: forward, send back, assign, stop; no approval here.
        "unit_head": HOLDING | HEADING,
        "director": HOLDING | HEADING,
    },
    "signing_without_result": {
        "owner": WITHDRAW,
        "intake": WITHDRAW,
        # The signing step, but nothing to approve yet; and no step after it.
        "director": (HOLDING - {A.FORWARD}) | HEADING,
    },
    "at_signing": {
        "owner": WITHDRAW,
        "intake": WITHDRAW,
        "director": (HOLDING - {A.FORWARD}) | HEADING | {A.RESOLVE},
    },
    # Approved: the department's clerk numbers, dates and issues it; nobody returns it before that.
    "resolved": {
        "department_clerk": {A.ISSUE_RESULT},
    },
    "issued": {
        "intake": {A.RETURN_RESULT},
        "clerk": {A.RETURN_RESULT},
    },
    "returned": {},
}
# Who reads the dossier (and its attachments): the applicant, and staff of every agency that holds or
# held it: the centre from the start, the department once the dossier has reached it.
CENTRE = {"intake", "clerk", "centre_leader"}
DEPARTMENT = {
    "specialist_a",
    "colleague_a",
    "specialist_b",
    "unit_head",
    "director",
    "administrator",
    "department_clerk",
}
AT_THE_CENTRE_ONLY = {"submitted", "withdrawal_at_intake", "received", "exemption_claimed"}


def staff_readers(situation: str) -> set[str]:
    return CENTRE if situation in AT_THE_CENTRE_ONLY else CENTRE | DEPARTMENT


def readers(situation: str) -> set[str]:
    return {"owner"} | staff_readers(situation)


def expected(situation: str, role: str) -> set[Action]:
    return set(EXPECTED[situation].get(role, set()))


@pytest.fixture
def world() -> MatrixWorld:
    return build_world()


@pytest.mark.parametrize("situation", SITUATIONS)
def test_the_table_gives_each_person_exactly_their_actions(world, situation):
    dossier = build(world, situation)
    for role in ROLES:
        user = world.user(role)
        allowed = allowed_actions(user, dossier) - {A.VIEW} if user else set()
        assert allowed == expected(situation, role), (situation, role)


class Rollback(Exception):
    """Undo an allowed action once its door has answered, so the next cell starts from the same state."""


def _snapshot(dossier: Dossier) -> tuple[Any, ...]:
    fresh = Dossier.objects.get(pk=dossier.pk)
    return (fresh.version, fresh.state, fresh.last_event_hash, fresh.current_unit_id, fresh.assignee_id)


def _api_call(client: APIClient, w: MatrixWorld, dossier: Dossier, slug: str) -> Any:
    body = inputs(w, dossier, slug)
    url = f"/api/v1/dossiers/{dossier.code}/{slug}"
    if slug in NEEDS_FILE:
        import json

        upload = SimpleUploadedFile("giay-to.pdf", PDF_BYTES, content_type="application/pdf")
        return client.post(url, {"payload": json.dumps(body), NEEDS_FILE[slug]: upload}, format="multipart")
    return client.post(url, body, format="json")


# Each door walks every cell once per `make test`, in one pass: the API's in the PostgreSQL pass (its
# statements prepared on the server, its rows locked), the back office's pages in the SQLite pass.
# Both doors call the same services; run alone, each runs on any engine (docs/benchmarks.md, "The
# suite's seventh round").


@pytest.mark.postgres_pass
@pytest.mark.long
@pytest.mark.parametrize("situation", SITUATIONS)
def test_the_api_obeys_every_cell(world, situation):
    dossier = build(world, situation)
    before = _snapshot(dossier)
    for role in ROLES:
        user = world.user(role)
        client = client_for(user)
        if role in readers(situation):
            # The detail says what the caller may do: the same cells.
            detail = client.get(f"/api/v1/dossiers/{dossier.code}/").json()
            offered = {BY_API_SLUG[a["action"]].action for a in detail["allowed_actions"]}
            assert offered == expected(situation, role), (situation, role)
        for spec in TABLE:
            allowed = spec.action in expected(situation, role)
            with suppress(Rollback), transaction.atomic():
                response = _api_call(client, world, dossier, spec.api_slug)
                cell = (situation, role, spec.api_slug, response.status_code)
                if allowed:
                    assert response.status_code == 200, (cell, response.json())
                    raise Rollback
                if user is None:
                    assert response.status_code == 401, cell
                elif role in readers(situation):
                    assert response.status_code in (403, 409), (cell, response.json())
                else:
                    assert response.status_code == 404, cell  # not even a hint that it exists
            assert _snapshot(dossier) == before, (situation, role, spec.api_slug)


# --- the back office's pages ---------------------------------------------------------------------

PAGE_FILES = {Action.SUPPLEMENT: "doc__other", Action.ATTACH_RESULT: "file"}


def _page_data(w: MatrixWorld, dossier: Dossier, action: Action) -> dict[str, Any]:
    spec = next(s for s in TABLE if s.action == action)
    body = inputs(w, dossier, spec.api_slug)
    data: dict[str, Any] = {"version": dossier.version}
    for key, value in body.items():
        if isinstance(value, bool):
            data[key] = "1" if value else "0"
        elif isinstance(value, list):
            data[key] = "\n".join(value)
        elif key == "new_appointment":
            from datetime import datetime

            data[key] = datetime.fromisoformat(value).strftime("%d/%m/%Y %H:%M")
        else:
            data[key] = value
    if action == Action.ATTACH_RESULT:
        data["mode"] = "upload"
    if action in PAGE_FILES:
        data[PAGE_FILES[action]] = SimpleUploadedFile(
            "giay-to.pdf", PDF_BYTES, content_type="application/pdf"
        )
    return data


@pytest.mark.sqlite_pass  # the API's door runs in the PostgreSQL pass (above)
@pytest.mark.long
@pytest.mark.parametrize("situation", SITUATIONS)
def test_the_back_office_pages_obey_every_cell(client, world, situation):
    dossier = build(world, situation)
    before = _snapshot(dossier)
    for role in sorted(CENTRE | DEPARTMENT | {"outsider"}):
        staff_login(client, world.user(role))
        page = client.get(f"/can-bo/ho-so/{dossier.code}/")
        mine = expected(situation, role)
        reads = role in staff_readers(situation)
        if not reads:
            assert page.status_code == 404
        else:
            html = page.content.decode()
            offered = {spec.action for spec in TABLE if f"thao-tac/{spec.page_slug}/" in html}
            assert offered == mine, (situation, role)
        for spec in TABLE:
            with suppress(Rollback), transaction.atomic():
                response = client.post(
                    f"/can-bo/ho-so/{dossier.code}/thao-tac/{spec.page_slug}/",
                    _page_data(world, dossier, spec.action),
                )
                cell = (situation, role, spec.page_slug, response.status_code)
                if spec.action in mine:
                    assert response.status_code == 302, (cell, response.content.decode()[-3000:])
                    raise Rollback
                assert response.status_code in ((403, 409) if reads else (404,)), cell
            assert _snapshot(dossier) == before, (situation, role, spec.page_slug)


# --- the citizen's portal ------------------------------------------------------------------------

PORTAL = {
    Action.SUPPLEMENT: ("bo-sung", lambda: {"doc-other": _pdf(), "note": "Bổ sung"}),
    Action.REQUEST_WITHDRAWAL: ("rut-ho-so", lambda: {"reason": "Không còn nhu cầu."}),
}


def _pdf() -> SimpleUploadedFile:
    return SimpleUploadedFile("giay-to.pdf", PDF_BYTES, content_type="application/pdf")


@pytest.mark.parametrize("situation", SITUATIONS)
def test_the_portal_obeys_the_citizens_cells(client, world, situation):
    dossier = build(world, situation)
    before = _snapshot(dossier)
    for role in ("owner", "other_citizen"):
        client.force_login(world.user(role))
        page = client.get(f"/ho-so/{dossier.code}/")
        assert page.status_code == (200 if role == "owner" else 404)
        for action, (path, data) in PORTAL.items():
            allowed = action in expected(situation, role)
            if role == "owner":
                assert (f'action="/ho-so/{dossier.code}/{path}/"' in page.content.decode()) == allowed, (
                    situation,
                    action,
                )
            with suppress(Rollback), transaction.atomic():
                body = {**data(), "version": dossier.version}
                response = client.post(f"/ho-so/{dossier.code}/{path}/", body)
                state = Dossier.objects.get(pk=dossier.pk).state
                if allowed:
                    assert response.status_code == 302, (situation, role, action)
                    assert state != dossier.state, (situation, role, action)
                    raise Rollback
                assert response.status_code in (302, 400, 404), (situation, role, action)
            assert _snapshot(dossier) == before, (situation, role, action)


# --- every file ----------------------------------------------------------------------------------


@pytest.mark.parametrize("situation", ["submitted", "at_unit_head", "resolved", "issued", "returned"])
def test_every_file_download_obeys_who_reads(client, world, situation):
    dossier = build(world, situation)
    attachment = dossier.attachments.get()
    result = dossier.results.order_by("-id").first()
    for role in ROLES:
        user = world.user(role)
        api = client_for(user)
        reads = role in readers(situation)
        code = api.get(f"/api/v1/dossiers/{dossier.code}/attachments/{attachment.pk}").status_code
        assert code == (200 if reads else 401 if user is None else 404), (situation, role, "attachment")
        if result is not None:
            # Staff read every version; the applicant gets the result once it is returned.
            gets_result = role in staff_readers(situation) or (role == "owner" and situation == "returned")
            code = api.get(f"/api/v1/dossiers/{dossier.code}/results/{result.pk}").status_code
            assert code == (200 if gets_result else 401 if user is None else 404), (situation, role, "result")
            if user is not None:
                client.force_login(user)
                portal = client.get(f"/ho-so/{dossier.code}/ket-qua/").status_code
                assert (portal == 200) == (role == "owner" and situation == "returned"), (situation, role)
        if role in CENTRE | DEPARTMENT | {"outsider"}:
            staff_login(client, user)
            page = client.get(f"/can-bo/ho-so/{dossier.code}/tep/{attachment.pk}/").status_code
            assert page == (200 if reads else 404), (situation, role, "back-office attachment")
            if result is not None:
                page = client.get(f"/can-bo/ho-so/{dossier.code}/ket-qua/{result.pk}/").status_code
                assert page == (200 if reads else 404), (situation, role, "back-office result")


def test_every_action_of_the_table_is_in_the_matrix():
    assert {spec.action for spec in TABLE} == {BY_API_SLUG[s].action for s in BY_API_SLUG}
    used = {a for cells in EXPECTED.values() for actions in cells.values() for a in actions}
    assert used == {spec.action for spec in TABLE}  # each action is allowed to someone somewhere
