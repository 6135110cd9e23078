"""The back office's reads: who sees what in which worklist, in what order, page by page; urgency in
working time; the leader's counts; notices; Form 06 rows; workflow targets; allowed actions."""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from motcua.agencies.models import Role
from motcua.backoffice.queries import (
    Worklist,
    WorklistFilters,
    leader_overview,
    processing_control_rows,
    staff_notice_count,
    staff_notices,
    staff_scope,
    urgency_of,
    worklist_counts,
    worklist_page,
    worklist_queryset,
)
from motcua.dossiers import services
from motcua.dossiers.models import Dossier
from motcua.dossiers.permissions import Action, allowed_actions
from motcua.dossiers.selectors import next_step_target, send_back_target
from motcua.dossiers.tests.factories import (
    APPLICANT,
    FORM_DATA,
    approve,
    issue,
    mandatory_document_id,
    pdf,
    staff,
    to_signing_step,
    vn,
)


def _counter(world, at):  # type: ignore[no-untyped-def]
    return services.register_at_counter(
        officer=world.intake,
        procedure_code=world.code,
        papers=services.originals_on_paper(world.code),
        applicant=APPLICANT,
        form_data=FORM_DATA,
        at=at,
    )


def _online(world, at):  # type: ignore[no-untyped-def]
    return services.submit_dossier(
        procedure_code=world.code,
        applicant=APPLICANT,
        form_data=FORM_DATA,
        documents=[(mandatory_document_id(world), pdf())],
        at=at,
    )


def _codes(scope, worklist):  # type: ignore[no-untyped-def]
    return set(worklist_queryset(scope, worklist).values_list("code", flat=True))


def test_each_role_finds_its_dossiers_in_its_lists(world):
    submitted = _online(world, vn(2025, 3, 3, 8, 0))
    received = _counter(world, vn(2025, 3, 3, 9, 0))
    at_unit = _counter(world, vn(2025, 3, 3, 9, 5))
    services.transfer_dossier(
        dossier_id=at_unit.pk, actor=world.intake, to_unit_id=world.unit_a.pk, at=vn(2025, 3, 3, 10, 0)
    )
    at_leader = _counter(world, vn(2025, 3, 3, 9, 10))
    services.transfer_dossier(
        dossier_id=at_leader.pk, actor=world.intake, to_unit_id=world.unit_a.pk, step=4, at=vn(2025, 3, 3, 10)
    )
    waiting = _counter(world, vn(2025, 3, 3, 9, 15))
    services.request_supplement(
        dossier_id=waiting.pk, actor=world.intake, missing=["CCCD"], at=vn(2025, 3, 3, 10, 0)
    )
    resolved = _counter(world, vn(2025, 3, 3, 9, 20))
    to_signing_step(world, resolved.pk, at=vn(2025, 3, 3, 10, 0))
    approve(world, resolved.pk, at=vn(2025, 3, 4, 9))

    intake, specialist, leader = (staff_scope(u) for u in (world.intake, world.specialist, world.leader))
    assert _codes(intake, Worklist.TO_RECEIVE) == {submitted.code}
    assert _codes(intake, Worklist.TO_PROCESS) == {received.code, waiting.code} - {waiting.code}
    assert _codes(intake, Worklist.TO_RETURN) == {resolved.code}
    assert _codes(intake, Worklist.WAITING) == {waiting.code}
    # At the leader's step in the specialist's unit: the leader's list, not the specialist's.
    assert _codes(specialist, Worklist.TO_PROCESS) == {at_unit.code}
    assert _codes(leader, Worklist.TO_APPROVE) == {at_leader.code}
    assert _codes(leader, Worklist.AGENCY) == {received.code, at_unit.code, at_leader.code, waiting.code}
    assert _codes(staff_scope(world.clerk), Worklist.TO_RETURN) == {resolved.code}
    # The other department sees none of it, in any list.
    other = staff_scope(world.other_specialist)
    assert not any(_codes(other, w) for w in Worklist)
    # A specialist has no approval list, a citizen no list at all.
    assert Worklist.TO_APPROVE not in worklist_counts(specialist, vn(2025, 3, 5, 9))
    assert worklist_counts(staff_scope(world.citizen), vn(2025, 3, 5, 9)) == {}


def test_given_to_me_is_mine_even_outside_my_unit(world):
    # A specialist posted agency-wide may be given a dossier in any unit of the agency.
    roaming = staff(world.department, Role.SPECIALIST)
    dossier = _counter(world, vn(2025, 3, 3, 9, 0))
    services.transfer_dossier(
        dossier_id=dossier.pk,
        actor=world.intake,
        to_unit_id=world.unit_b.pk,
        to_assignee_id=roaming.pk,
        at=vn(2025, 3, 3, 10, 0),
    )
    assert _codes(staff_scope(roaming), Worklist.TO_PROCESS) == {dossier.code}
    assert _codes(staff_scope(world.specialist_b), Worklist.TO_PROCESS) == set()


def test_most_urgent_first_and_urgency_in_working_time(world):
    late = _counter(world, vn(2025, 3, 3, 9, 0))  # due Mon 10 Mar 09:00
    today = _counter(world, vn(2025, 3, 5, 14, 0))  # due Wed 12 Mar 14:00
    later = _counter(world, vn(2025, 3, 7, 9, 0))  # due Fri 14 Mar 09:00
    at = vn(2025, 3, 12, 9, 0)
    page = worklist_page(staff_scope(world.intake), Worklist.TO_PROCESS, at=at)
    assert [r.dossier.code for r in page.rows] == [late.code, today.code, later.code]
    levels = [(r.urgency.level, r.urgency.seconds) for r in page.rows]
    # Late since Mon 09:00: 6.5 h on Monday, 8 h on Tuesday, 1.5 h on Wednesday morning.
    assert levels[0] == ("overdue", -16 * 3600)
    # Due today at 14:00: 07:30... from 09:00 to 11:30 and 13:30 to 14:00, three working hours left.
    assert levels[1] == ("today", 3 * 3600)
    assert levels[2][0] == "normal"
    assert page.total == 3
    # An apology moves the appointment, never the due moment that decides urgency.
    services.apologise_and_extend(
        dossier_id=late.pk,
        actor=world.intake,
        new_appointment=vn(2025, 3, 20, 16),
        reason="Chờ xác minh",
        at=at,
    )
    late.refresh_from_db()
    assert urgency_of(late, at).level == "overdue"


def test_filters(world):
    first = _counter(world, vn(2025, 3, 3, 9, 0))
    second = _counter(world, vn(2025, 3, 10, 9, 0))
    services.transfer_dossier(
        dossier_id=second.pk, actor=world.intake, to_unit_id=world.unit_a.pk, at=vn(2025, 3, 10, 10)
    )
    leader, at = staff_scope(world.leader), vn(2025, 3, 11, 9, 0)

    def codes(**filters):  # type: ignore[no-untyped-def]
        page = worklist_page(leader, Worklist.AGENCY, WorklistFilters(**filters), at=at)
        return [r.dossier.code for r in page.rows]

    assert codes() == [first.code, second.code]
    assert codes(unit_id=world.unit_a.pk) == [second.code]
    assert codes(state="received") == [first.code]
    assert codes(urgency="overdue") == [first.code]
    assert codes(submitted_from=vn(2025, 3, 5).date()) == [second.code]
    assert codes(submitted_to=vn(2025, 3, 5).date()) == [first.code]
    assert codes(procedure_id=world.version.procedure_id + 1000) == []
    assert codes(assignee_id=0) == [first.code, second.code]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(size=st.integers(min_value=1, max_value=4), data=st.data())
def test_paging_forward_and_back_visits_every_row_once(world, size, data):
    """Keyset pages, with rows that have no due moment yet (asked to supplement before receipt)."""
    leader = staff_scope(world.leader)
    if not Dossier.objects.exists():
        base = vn(2025, 3, 3, 8, 0)
        for i in range(5):
            _counter(world, base + timedelta(minutes=i))  # some share a due moment at the minute
            _counter(world, base + timedelta(minutes=i))
        for i in range(3):
            dossier = _online(world, base + timedelta(minutes=10 + i))
            services.request_supplement(
                dossier_id=dossier.pk, actor=world.intake, missing=["CCCD"], at=base + timedelta(minutes=20)
            )
    at = vn(2025, 3, 4, 9, 0)
    everything = [r.dossier.pk for r in worklist_page(leader, Worklist.WAITING, at=at, size=100).rows]
    everything_agency = [r.dossier.pk for r in worklist_page(leader, Worklist.AGENCY, at=at, size=100).rows]
    assert len(everything_agency) == Dossier.objects.exclude(state="submitted").count()
    for worklist, expected in ((Worklist.AGENCY, everything_agency), (Worklist.WAITING, everything)):
        seen, pages, after = [], [], None
        while True:
            page = worklist_page(leader, worklist, at=at, size=size, after=after)
            pages.append(page)
            seen += [r.dossier.pk for r in page.rows]
            if not page.next_cursor:
                break
            after = page.next_cursor
        assert seen == expected
        # And back from the last page to the first.
        back, before = [r.dossier.pk for r in pages[-1].rows], pages[-1].previous_cursor
        while before:
            page = worklist_page(leader, worklist, at=at, size=size, before=before)
            back = [r.dossier.pk for r in page.rows] + back
            before = page.previous_cursor
        assert back == expected
    assert data is not None


def test_a_malformed_cursor_is_the_first_page(world):
    _counter(world, vn(2025, 3, 3, 9, 0))
    scope = staff_scope(world.leader)
    for cursor in ("", "abc", "1.2.3", "n.x", "99999999999999999999999999.1"):
        page = worklist_page(scope, Worklist.AGENCY, at=vn(2025, 3, 4), after=cursor)
        assert len(page.rows) == 1


def test_leader_overview_counts_by_unit_and_officer(world):
    at = vn(2025, 3, 12, 9, 0)
    overdue = _counter(world, vn(2025, 3, 3, 9, 0))
    services.transfer_dossier(
        dossier_id=overdue.pk,
        actor=world.intake,
        to_unit_id=world.unit_a.pk,
        to_assignee_id=world.specialist.pk,
        at=vn(2025, 3, 3, 10, 0),
    )
    _counter(world, vn(2025, 3, 5, 14, 0))  # due today, at the one-stop unit
    waiting = _counter(world, vn(2025, 3, 7, 9, 0))
    services.request_supplement(
        dossier_id=waiting.pk, actor=world.intake, missing=["x"], at=vn(2025, 3, 7, 10)
    )
    overview = leader_overview(world.department.pk, at)
    assert (
        overview.total.active,
        overview.total.overdue,
        overview.total.due_today,
        overview.total.waiting,
    ) == (
        3,
        1,
        1,
        1,
    )
    by_unit = {load.name: (load.active, load.overdue, load.due_today) for load in overview.units}
    assert by_unit == {"Phòng Hành chính tư pháp": (1, 1, 0), "Văn phòng Sở (Một cửa)": (2, 0, 1)}
    by_officer = {load.name: load.overdue for load in overview.officers}
    assert by_officer == {world.specialist.display_name: 1, "(chưa phân công)": 0}
    assert overview.officers[0].name == world.specialist.display_name  # most overdue first


def test_notices_of_what_was_given_to_me_and_became_urgent(world):
    dossier = _counter(world, vn(2025, 3, 3, 9, 0))
    services.transfer_dossier(
        dossier_id=dossier.pk,
        actor=world.intake,
        to_unit_id=world.unit_a.pk,
        to_assignee_id=world.specialist.pk,
        at=vn(2025, 3, 3, 10, 0),
    )
    monday = vn(2025, 3, 3, 12, 0)
    assert staff_notice_count(world.specialist, since=vn(2025, 3, 3, 8, 0), at=monday) == 1
    assert [n.kind for n in staff_notices(world.specialist, since=None, at=monday)] == ["assigned"]
    assert staff_notice_count(world.specialist, since=monday, at=monday) == 0
    # Due Mon 10 Mar 09:00: on that morning it is due today, afterwards overdue.
    morning = vn(2025, 3, 10, 7, 0)
    assert staff_notice_count(world.specialist, since=monday, at=morning) == 1
    assert next(n.kind for n in staff_notices(world.specialist, since=monday, at=morning)) == "due_today"
    evening = vn(2025, 3, 10, 18, 0)
    notices = staff_notices(world.specialist, since=morning, at=evening)
    # The hand-over of a week ago has dropped out of the list; the lateness is new.
    assert [(n.kind, n.is_new) for n in notices] == [("overdue", True)]
    # What I handed to myself is not news to me.
    assert staff_notice_count(world.intake, since=vn(2025, 3, 3, 8), at=monday) == 0


def test_control_rows_name_giver_receiver_and_mark_every_hand_over(world):
    dossier = _counter(world, vn(2025, 3, 3, 9, 0))
    services.transfer_dossier(
        dossier_id=dossier.pk,
        actor=world.intake,
        to_unit_id=world.unit_a.pk,
        to_assignee_id=world.specialist.pk,
        at=vn(2025, 3, 3, 10, 0),
    )
    services.transfer_dossier(
        dossier_id=dossier.pk, actor=world.specialist, to_unit_id=world.unit_b.pk, at=vn(2025, 3, 5, 10, 0)
    )
    services.transfer_dossier(
        dossier_id=dossier.pk, actor=world.specialist_b, to_unit_id=world.unit_a.pk, at=vn(2025, 3, 7, 16, 0)
    )
    approve(world, dossier.pk, at=vn(2025, 3, 11, 8, 0))
    issue(world, dossier.pk, at=vn(2025, 3, 11, 8, 30))
    services.return_result(dossier_id=dossier.pk, actor=world.clerk, at=vn(2025, 3, 11, 9, 0))
    dossier.refresh_from_db()
    rows = processing_control_rows(dossier)
    assert [(r.giver_unit, r.receiver_unit, r.timeliness) for r in rows] == [
        ("Văn phòng Sở (Một cửa)", "Phòng Hành chính tư pháp", "early"),
        ("Phòng Hành chính tư pháp", "Phòng Bổ trợ tư pháp", "on_time"),
        ("Phòng Bổ trợ tư pháp", "Phòng Hành chính tư pháp", "late"),
        ("Phòng Hành chính tư pháp", "Văn phòng Sở (Một cửa)", "late"),  # due Mon 10 Mar 09:00
        ("Văn phòng Sở (Một cửa)", "Tổ chức, cá nhân", None),
    ]
    assert rows[0].receiver_name == world.specialist.display_name
    assert rows[1].giver_name == world.specialist.display_name
    assert [r.step_name for r in rows[:3]] == ["Tiếp nhận hồ sơ", "Thẩm định", "Xác minh"]


def test_forward_and_send_back_targets(world):
    dossier = _counter(world, vn(2025, 3, 3, 9, 0))
    target = next_step_target(dossier)
    assert (target.step, target.unit, target.role) == (2, world.unit_a, "specialist")
    assert send_back_target(dossier) is None
    services.transfer_dossier(
        dossier_id=dossier.pk, actor=world.intake, to_unit_id=world.unit_a.pk, at=vn(2025, 3, 3, 10, 0)
    )
    services.transfer_dossier(
        dossier_id=dossier.pk, actor=world.specialist, to_unit_id=world.unit_a.pk, step=4, at=vn(2025, 3, 4)
    )
    dossier.refresh_from_db()
    assert next_step_target(dossier) is None
    back = send_back_target(dossier)
    assert (back.step, back.unit, back.assignee_id) == (2, world.unit_a, world.specialist.pk)


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        # The counter also takes the fee at intake (offered until paid; nothing owed is a 409).
        (
            "intake",
            {
                Action.RECEIVE,
                Action.REFUSE,
                Action.REQUEST_SUPPLEMENT,
                Action.REQUEST_WITHDRAWAL,
                Action.RECORD_PAYMENT,
            },
        ),
        # At intake only the receiving centre's intake officers act.
        ("specialist", set()),
        ("leader", set()),
        ("other_intake", set()),
    ],
)
def test_allowed_actions_on_a_submitted_dossier(world, who, expected):
    dossier = _online(world, vn(2025, 3, 3, 8, 0))
    assert allowed_actions(getattr(world, who), dossier) - {Action.VIEW} == expected
