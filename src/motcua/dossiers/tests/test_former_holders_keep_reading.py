"""An agency that handed a dossier on to another agency keeps reading it, and only reading it.

The dossier goes from the receiving department (A) to another department (B) and on to a third
agency (C); agency D never holds it. B's officers still find it (to answer the applicant, print
their part of Form 06, count it) but may do nothing else to it, and their worklists forget it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pytest

from motcua.accounts.models import User
from motcua.agencies.models import Agency, Role, StaffRole, Unit
from motcua.backoffice.queries import Worklist, staff_scope, worklist_queryset
from motcua.core.errors import NotFound, PermissionDenied
from motcua.dossiers import services
from motcua.dossiers.models import Dossier, DossierHolder
from motcua.dossiers.permissions import Action, allowed_actions, can
from motcua.dossiers.selectors import dossier_for, visible_dossiers

from .factories import (
    APPLICANT,
    FORM_DATA,
    PDF_BYTES,
    AgencyFactory,
    UnitFactory,
    World,
    mandatory_document_id,
    pdf,
    staff,
    vn,
)

HANDED_TO_B = vn(2025, 3, 4, 9, 0)
HANDED_TO_C = vn(2025, 3, 5, 9, 0)


@dataclass
class Chain:
    world: World
    third: Agency  # C: holds the dossier now
    third_unit: Unit
    third_leader: User
    third_specialist: User  # holds the step the dossier is at (a specialist's step)
    stranger: User  # an officer of D, which never held it
    b_officer: User  # every role at B, so that no refusal is only for want of a role
    dossier: Dossier


def _every_role(agency: Agency, unit: Unit) -> User:
    user = staff(agency, Role.INTAKE_OFFICER)
    for role in (Role.SPECIALIST, Role.LEADER, Role.CLERK, Role.ADMINISTRATOR):
        StaffRole.objects.create(
            user=user, agency=agency, unit=unit if role != Role.CLERK else None, role=role
        )
    return user


def _register(world: World, at: datetime) -> Dossier:
    return services.register_at_counter(
        officer=world.intake,
        procedure_code=world.code,
        papers=services.originals_on_paper(world.code),
        applicant=APPLICANT,
        form_data=FORM_DATA,
        at=at,
    )


def _hand_on(world: World, dossier: Dossier, third_unit: Unit) -> Dossier:
    """A -> B -> C, each hand-over by an officer of the agency holding it."""
    services.transfer_dossier(
        dossier_id=dossier.pk,
        actor=world.intake,
        to_unit_id=world.other_unit.pk,
        to_assignee_id=world.other_specialist.pk,
        at=HANDED_TO_B,
    )
    services.transfer_dossier(
        dossier_id=dossier.pk, actor=world.other_specialist, to_unit_id=third_unit.pk, at=HANDED_TO_C
    )
    return Dossier.objects.get(pk=dossier.pk)


@pytest.fixture
def chain(world: World) -> Chain:
    third = AgencyFactory(parent=world.province, name="Sở Tài chính")
    third_unit = UnitFactory(agency=third, code="QLG", name="Phòng Quản lý giá")
    stranger_agency = AgencyFactory(parent=world.province, name="Sở Y tế")
    dossier = _hand_on(world, _register(world, vn(2025, 3, 3, 9, 0)), third_unit)
    return Chain(
        world=world,
        third=third,
        third_unit=third_unit,
        third_leader=staff(third, Role.LEADER, third_unit),
        third_specialist=staff(third, Role.SPECIALIST, third_unit),
        stranger=_every_role(stranger_agency, UnitFactory(agency=stranger_agency)),
        b_officer=_every_role(world.other_department, world.other_unit),
        dossier=dossier,
    )


def test_every_agency_that_held_it_is_recorded_from_the_moment_it_got_it(chain: Chain):
    w = chain.world
    held = dict(DossierHolder.objects.filter(dossier=chain.dossier).values_list("agency_id", "since"))
    assert held == {
        w.department.pk: vn(2025, 3, 3, 9, 0),
        w.other_department.pk: HANDED_TO_B,
        chain.third.pk: HANDED_TO_C,
    }
    # A hand-over inside the agency that holds it makes no new holder.
    services.transfer_dossier(
        dossier_id=chain.dossier.pk,
        actor=chain.third_specialist,
        to_unit_id=chain.third_unit.pk,
        at=HANDED_TO_C,
    )
    assert DossierHolder.objects.filter(dossier=chain.dossier).count() == 3


def test_an_online_submission_makes_the_receiving_agency_a_holder(world: World):
    dossier = services.submit_dossier(
        procedure_code=world.code,
        applicant=APPLICANT,
        form_data=FORM_DATA,
        documents=[(mandatory_document_id(world), pdf())],
        at=vn(2025, 3, 3, 8, 0),
    )
    assert list(DossierHolder.objects.filter(dossier=dossier).values_list("agency_id", "since")) == [
        (world.department.pk, vn(2025, 3, 3, 8, 0))
    ]


@pytest.mark.parametrize("who", ["b_officer", "other_specialist", "other_intake"])
def test_the_agency_that_handed_it_on_still_reads_it(chain: Chain, who: str):
    officer = getattr(chain, who, None) or getattr(chain.world, who)
    assert list(visible_dossiers(officer)) == [chain.dossier]
    assert dossier_for(officer, chain.dossier.code) == chain.dossier
    assert can(officer, Action.VIEW, chain.dossier)
    assert allowed_actions(officer, chain.dossier) == {Action.VIEW}


@pytest.mark.parametrize("action", [a for a in Action if a != Action.VIEW])
def test_it_may_not_act_on_it_any_more(chain: Chain, action: Action):
    assert not can(chain.b_officer, action, chain.dossier)


def _attempts(chain: Chain) -> dict[str, Any]:
    d, w, at = chain.dossier, chain.world, vn(2025, 3, 6, 9, 0)
    common = {"dossier_id": d.pk, "at": at}
    return {
        "transfer": lambda u: services.transfer_dossier(**common, actor=u, to_unit_id=w.other_unit.pk),
        "request_supplement": lambda u: services.request_supplement(**common, actor=u, missing=["CCCD"]),
        "resolve": lambda u: services.resolve_dossier(**common, actor=u, result_summary="Đồng ý"),
        "assign": lambda u: services.assign_dossier(**common, actor=u, assignee_id=u.pk),
        "stop": lambda u: services.stop_dossier(**common, actor=u, reason="Không đủ điều kiện"),
        "financial_obligation": lambda u: services.request_financial_obligation(
            **common, actor=u, amount=200_000, description="Lệ phí"
        ),
        "apologise": lambda u: services.apologise_and_extend(
            **common, actor=u, new_appointment=vn(2025, 3, 20, 9), reason="Chờ xác minh"
        ),
        "attach_result": lambda u: services.attach_result(
            **common, actor=u, content=PDF_BYTES, name="kq.pdf"
        ),
        "return_result": lambda u: services.return_result(**common, actor=u),
    }


@pytest.mark.parametrize(
    "attempt",
    [
        "transfer",
        "request_supplement",
        "resolve",
        "assign",
        "stop",
        "financial_obligation",
        "apologise",
        "attach_result",
        "return_result",
    ],
)
def test_every_service_refuses_the_former_holder(chain: Chain, attempt: str):
    before = Dossier.objects.get(pk=chain.dossier.pk)
    with pytest.raises(PermissionDenied):
        _attempts(chain)[attempt](chain.b_officer)
    after = Dossier.objects.get(pk=chain.dossier.pk)
    assert (after.version, after.state, after.current_agency_id) == (
        before.version,
        "processing",
        chain.third.pk,
    )
    assert DossierHolder.objects.filter(dossier=chain.dossier).count() == 3


def test_the_agency_holding_it_now_still_acts(chain: Chain):
    # The dossier waits at a specialist's step of C: C's specialist acts on it, C's leader assigns it,
    # and nobody approves it here, the workflow's signing step being elsewhere.
    assert {Action.ATTACH_RESULT, Action.FORWARD, Action.TRANSFER} <= allowed_actions(
        chain.third_specialist, chain.dossier
    )
    assert Action.ASSIGN in allowed_actions(chain.third_leader, chain.dossier)
    assert not can(chain.third_leader, Action.RESOLVE, chain.dossier)
    services.attach_result(
        dossier_id=chain.dossier.pk,
        actor=chain.third_specialist,
        content=PDF_BYTES,
        name="kq.pdf",
        at=vn(2025, 3, 6),
    )


def test_an_agency_that_never_held_it_sees_nothing(chain: Chain):
    assert list(visible_dossiers(chain.stranger)) == []
    with pytest.raises(NotFound):
        dossier_for(chain.stranger, chain.dossier.code)
    assert allowed_actions(chain.stranger, chain.dossier) == frozenset()


def test_worklists_are_only_about_what_the_agency_must_act_on_now(chain: Chain):
    for officer in (chain.b_officer, chain.world.other_specialist, chain.world.other_intake):
        scope = staff_scope(officer)
        assert not any(worklist_queryset(scope, w).exists() for w in Worklist), officer
    assert worklist_queryset(staff_scope(chain.third_leader), Worklist.AGENCY).get() == chain.dossier


def test_reading_rights_cost_one_query(chain: Chain, django_assert_num_queries: Any):
    with django_assert_num_queries(1):
        assert can(chain.b_officer, Action.VIEW, chain.dossier)
    with django_assert_num_queries(1):
        assert allowed_actions(chain.b_officer, chain.dossier) == {Action.VIEW}


def _grow(chain: Chain, size: int) -> None:
    """Copies of the handed-on dossier, with the same holders, until there are `size`."""
    have = Dossier.objects.filter(code__startswith=chain.dossier.code).count()
    holders = list(DossierHolder.objects.filter(dossier=chain.dossier))
    for i in range(have, size):
        copy = Dossier.objects.get(pk=chain.dossier.pk)
        copy.pk = None
        copy.code = f"{chain.dossier.code}-{i:03d}"
        copy.save()
        DossierHolder.objects.bulk_create(
            DossierHolder(dossier=copy, agency_id=h.agency_id, since=h.since) for h in holders
        )


def test_the_list_costs_the_same_queries_for_one_dossier_as_for_many(
    chain: Chain, django_assert_num_queries: Any
):
    def listing() -> list[tuple[Any, ...]]:
        return [
            (
                d.procedure_version.procedure.name,
                d.receiving_agency.name,
                d.current_agency.name,
                d.current_unit and d.current_unit.name,
                d.assignee and d.assignee.display_name,
            )
            for d in visible_dossiers(chain.world.other_specialist)
        ]

    # The user's agencies, then the dossiers with everything a list shows.
    with django_assert_num_queries(2):
        assert len(listing()) == 1
    _grow(chain, 30)
    with django_assert_num_queries(2):
        assert len(listing()) == 30
