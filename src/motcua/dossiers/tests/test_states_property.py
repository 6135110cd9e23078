"""Random sequences of actions never reach an illegal state, and replay gives back what is stored."""

from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from motcua.core.errors import DomainError
from motcua.documents.services import issue_result
from motcua.dossiers import services
from motcua.dossiers.deadlines import calendar_of
from motcua.dossiers.events import verify_chain
from motcua.dossiers.models import Dossier
from motcua.dossiers.selectors import replayed
from motcua.dossiers.states import State, is_allowed

from .factories import APPLICANT, FORM_DATA, mandatory_document_id, pdf, vn

ACTIONS = [
    "receive",
    "issue",
    "refuse",
    "request_supplement",
    "supplement",
    "transfer_a",
    "transfer_b",
    "transfer_other",
    "assign",
    "request_fin",
    "confirm_fin",
    "resolve",
    "return",
    "request_withdrawal",
    "accept_withdrawal",
    "reject_withdrawal",
    "stop",
    "apologise",
]


def _perform(world, dossier, action, at):
    w, d = world, dossier.pk
    calls = {
        "receive": lambda: services.receive_dossier(dossier_id=d, actor=w.intake, at=at),
        "refuse": lambda: services.refuse_dossier(
            dossier_id=d, actor=w.intake, reason="Sai thẩm quyền", at=at
        ),
        "request_supplement": lambda: services.request_supplement(
            dossier_id=d,
            actor=w.specialist if dossier.state == State.PROCESSING else w.intake,
            missing=["Bản sao CCCD"],
            at=at,
        ),
        "supplement": lambda: services.supplement_dossier(
            dossier_id=d, actor=w.citizen, documents=[(None, pdf())], at=at
        ),
        "transfer_a": lambda: services.transfer_dossier(
            dossier_id=d, actor=w.intake, to_unit_id=w.unit_a.pk, at=at
        ),
        "transfer_b": lambda: services.transfer_dossier(
            dossier_id=d, actor=w.specialist, to_unit_id=w.unit_b.pk, at=at
        ),
        "transfer_other": lambda: services.transfer_dossier(
            dossier_id=d, actor=w.specialist, to_unit_id=w.other_unit.pk, at=at
        ),
        "assign": lambda: services.assign_dossier(
            dossier_id=d, actor=w.leader, assignee_id=w.specialist.pk, at=at
        ),
        "request_fin": lambda: services.request_financial_obligation(
            dossier_id=d, actor=w.specialist, amount=200_000, description="Lệ phí", at=at
        ),
        "confirm_fin": lambda: services.confirm_financial_obligation(dossier_id=d, actor=w.specialist, at=at),
        "resolve": lambda: services.resolve_dossier(
            dossier_id=d, actor=w.leader, result_summary="Đồng ý", at=at
        ),
        "issue": lambda: issue_result(dossier_id=d, actor=w.clerk, at=at),
        "return": lambda: services.return_result(dossier_id=d, actor=w.clerk, at=at),
        "request_withdrawal": lambda: services.request_withdrawal(
            dossier_id=d, actor=w.citizen, reason="Không cần", at=at
        ),
        "accept_withdrawal": lambda: services.decide_withdrawal(
            dossier_id=d, actor=w.leader, accept=True, at=at
        ),
        "reject_withdrawal": lambda: services.decide_withdrawal(
            dossier_id=d, actor=w.leader, accept=False, at=at
        ),
        "stop": lambda: services.stop_dossier(
            dossier_id=d, actor=w.leader, reason="Không đủ điều kiện", at=at
        ),
        "apologise": lambda: services.apologise_and_extend(
            dossier_id=d,
            actor=w.leader,
            new_appointment=calendar_of(Dossier.objects.get(pk=d)).next_working_moment(
                at + timedelta(days=10)
            ),
            reason="Cần xác minh",
            at=at,
        ),
    }
    calls[action]()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    steps=st.lists(
        st.tuples(st.sampled_from(ACTIONS), st.integers(min_value=0, max_value=60 * 30)),
        min_size=1,
        max_size=14,
    ),
    pause_on_financial=st.booleans(),
)
def test_random_actions_keep_the_dossier_legal_and_replayable(world, steps, pause_on_financial):
    version = world.version
    version.pause_clock_on_financial_obligation = pause_on_financial
    version.save(update_fields=["pause_clock_on_financial_obligation"])
    at = vn(2025, 1, 20, 8, 0)
    dossier = services.submit_dossier(
        procedure_code=world.code,
        applicant=APPLICANT,
        form_data=FORM_DATA,
        owner=world.citizen,
        documents=[(mandatory_document_id(world), pdf())],
        at=at,
    )
    for action, minutes in steps:
        at += timedelta(minutes=minutes)
        before = Dossier.objects.get(pk=dossier.pk)
        try:
            _perform(world, before, action, at)
        except DomainError:
            after = Dossier.objects.get(pk=dossier.pk)
            assert (after.state, after.version) == (before.state, before.version), (
                "a refused action changed data"
            )
            continue
        after = Dossier.objects.get(pk=dossier.pk)
        assert after.state in State.values
        assert after.version == before.version + 1
        if after.state != before.state:
            assert is_allowed(before.state, after.state)
        if after.received_at is not None:
            assert after.due_at is not None

    dossier.refresh_from_db()
    assert verify_chain(dossier).ok
    snap = replayed(dossier)
    assert snap.state == dossier.state
    assert snap.received_at == dossier.received_at
    assert snap.due_at == dossier.due_at
    assert snap.appointment_at == dossier.appointment_at
    assert snap.finished_at == dossier.finished_at
    assert snap.step_due_at == dossier.step_due_at
    assert snap.paused_at == dossier.paused_at
    assert snap.current_agency_id == dossier.current_agency_id
    assert dossier.events.filter(kind="received").count() <= 1
