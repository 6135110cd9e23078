"""Property: whatever the officers and the applicant do, the body and progress rows of the dossier
validate against the reference's field list and pass the checks before sending, after every step."""

from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from motcua.core.errors import DomainError
from motcua.dossiers import services
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.factories import (
    APPLICANT,
    FORM_DATA,
    approve,
    mandatory_document_id,
    pdf,
    to_signing_step,
    vn,
)
from motcua.dossiers.tests.test_states_property import ACTIONS, _perform
from motcua.dvcqg import body as bodies
from motcua.dvcqg import checks, fields
from motcua.dvcqg.services import paper_result

LAYOUTS = sorted(fields.DATE_PATTERNS)
# The dossier tests' actions, and the way to a result: the signing step, then approval with a result.
STEPS = [*ACTIONS, "to_signing", "approve"]
# Each example first walks part of the way to the end (so that late states are reached as often as
# early ones), then takes random steps.
PATH = ["receive", "to_signing", "approve", "issue", "return"]
# A way to each of the ten national states, so that each is checked whatever the random draw.
TO_STATE = {
    "1": [],
    "2": ["receive"],
    "3": ["refuse"],
    "4": ["receive", "transfer_a"],
    "5": ["request_supplement"],
    "6": ["receive", "transfer_a", "request_fin"],
    "7": ["request_withdrawal"],
    "8": ["receive", "transfer_a", "stop"],
    "9": ["receive", "to_signing", "approve"],
    "10": PATH,
}


def _act(world, dossier, action, at):  # type: ignore[no-untyped-def]
    if action == "to_signing":
        to_signing_step(world, dossier.pk, at=at, by=dossier.assignee or world.intake)
    elif action == "approve":
        approve(world, dossier.pk, at=at)
    else:
        _perform(world, dossier, action, at)


def _assert_valid(dossier_id: int, layout: str) -> str:
    dossier = bodies.load(dossier_id)
    body = bodies.build(dossier, date_format=layout)
    assert fields.problems(body, date_format=layout) == []
    checks.check(body, date_format=layout, paper_result=paper_result(dossier))
    for row in bodies.progress_rows(dossier, date_format=layout):
        assert fields.progress_problems(row, date_format=layout) == []
    assert body["TrangThaiHoSo"] in {str(n) for n in range(1, 11)}
    return body["TrangThaiHoSo"]


@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    walked=st.integers(min_value=0, max_value=len(PATH)),
    steps=st.lists(
        st.tuples(st.sampled_from(STEPS), st.integers(min_value=0, max_value=60 * 30)),
        min_size=1,
        max_size=14,
    ),
    channel=st.sampled_from(["online", "counter", "postal"]),
    layout=st.sampled_from(LAYOUTS),
)
def test_the_sync_body_of_any_reachable_state_validates(world, walked, steps, channel, layout):
    at = vn(2025, 1, 20, 8, 0)
    if channel == "online":
        dossier = services.submit_dossier(
            procedure_code=world.code,
            applicant=APPLICANT,
            form_data=FORM_DATA,
            owner=world.citizen,
            documents=[(mandatory_document_id(world), pdf())],
            at=at,
        )
    else:
        dossier = services.register_at_counter(
            officer=world.intake,
            procedure_code=world.code,
            applicant=APPLICANT,
            form_data=FORM_DATA,
            documents=[(mandatory_document_id(world), pdf())],
            channel=channel,
            at=at,
        )
    _assert_valid(dossier.pk, layout)
    for action, minutes in [(a, 30) for a in PATH[:walked]] + steps:
        at += timedelta(minutes=minutes)
        try:
            _act(world, Dossier.objects.get(pk=dossier.pk), action, at)
        except DomainError:
            continue
        _assert_valid(dossier.pk, layout)


@pytest.mark.parametrize("state", sorted(TO_STATE, key=int))
def test_the_sync_body_of_each_national_state_validates(world, state):
    dossier = services.submit_dossier(
        procedure_code=world.code,
        applicant=APPLICANT,
        form_data=FORM_DATA,
        owner=world.citizen,
        documents=[(mandatory_document_id(world), pdf())],
        at=vn(2025, 1, 20, 8, 0),
    )
    at = vn(2025, 1, 20, 9, 0)
    for action in TO_STATE[state]:
        _act(world, Dossier.objects.get(pk=dossier.pk), action, at)
        at += timedelta(minutes=30)
    assert _assert_valid(dossier.pk, "yyyyMMddHHmmss") == state
