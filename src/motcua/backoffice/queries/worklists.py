"""The officers' worklists: which dossiers, filtered, sorted by urgency, paged by cursor."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from typing import Any

from django.db.models import Q, QuerySet

from motcua.accounts.models import display_name
from motcua.agencies.models import Role, Unit
from motcua.catalog.cache import cached
from motcua.catalog.models import Procedure, WorkflowStep
from motcua.core.prepared import with_ids
from motcua.core.time import VN_TZ
from motcua.dossiers.models import Dossier
from motcua.dossiers.search import applicant_matches
from motcua.dossiers.states import State

from .scope import StaffScope
from .urgency import Urgency, day_bounds, urgency_of


class Worklist(StrEnum):
    TO_RECEIVE = "to_receive"  # online submissions to check, withdrawal requests to decide
    TO_PROCESS = "to_process"  # received at my counter, or held by me / my unit
    TO_APPROVE = "to_approve"  # at a leader's step of the workflow, or given to me as leader
    TO_RETURN = "to_return"  # resolved, the result is waiting for the applicant
    WAITING = "waiting"  # waiting on the applicant: supplement or financial obligation
    AGENCY = "agency"  # everything the agency is handling (leaders, administrators)


R = Role


WORKLIST_ROLES: dict[Worklist, frozenset[str]] = {
    Worklist.TO_RECEIVE: frozenset({R.INTAKE_OFFICER}),
    Worklist.TO_PROCESS: frozenset({R.INTAKE_OFFICER, R.SPECIALIST, R.LEADER}),
    Worklist.TO_APPROVE: frozenset({R.LEADER}),
    Worklist.TO_RETURN: frozenset({R.INTAKE_OFFICER, R.CLERK}),
    Worklist.WAITING: frozenset({R.INTAKE_OFFICER, R.SPECIALIST, R.LEADER}),
    Worklist.AGENCY: frozenset({R.LEADER, R.ADMINISTRATOR}),
}


WAITING_STATES = (State.SUPPLEMENT_REQUESTED, State.FINANCIAL_OBLIGATION)


# The column each worklist is sorted on, most urgent first; the id breaks ties.
WORKLIST_SORT: dict[Worklist, str] = dict.fromkeys(Worklist, "due_at") | {Worklist.TO_RECEIVE: "submitted_at"}


def worklists_for(scope: StaffScope) -> list[Worklist]:
    return [w for w in Worklist if scope.roles & WORKLIST_ROLES[w]]


def _steps_where(scope: StaffScope, key: str, **conditions: Any) -> Q:
    """The dossier sits at one of the workflow steps matching `conditions`.

    The (version, position) pairs are read once (a small table) and written into the query as
    literals: the database then checks each row it walks in due-date order without a sub-query per
    row, and stops after a page of them.
    """
    if key not in scope.memo:
        by_position: dict[int, list[int]] = {}
        for version, position in WorkflowStep.objects.filter(**conditions).values_list(
            "version_id", "position"
        ):
            by_position.setdefault(position, []).append(version)
        scope.memo[key] = by_position
    condition = Q(pk__in=[])
    for position, versions in sorted(scope.memo[key].items()):
        condition |= Q(current_step=position, procedure_version_id__in=sorted(versions))
    return condition


def _leader_step(scope: StaffScope) -> Q:
    """At a step of its workflow that a leader does (reviewing, or signing)."""
    return _steps_where(scope, "leader_steps", role=R.LEADER)


def _signing_step(scope: StaffScope) -> Q:
    """At the step of its workflow where the result is approved and signed."""
    return _steps_where(scope, "signing_steps", signs_result=True)


# In the order of the partial index `dossier_active_agency_due`, so that the planner matches it.
ACTIVE_STATES = (
    State.RECEIVED,
    State.PROCESSING,
    State.SUPPLEMENT_REQUESTED,
    State.FINANCIAL_OBLIGATION,
    State.WITHDRAWAL_REQUESTED,
)


def worklist_branches(scope: StaffScope, worklist: Worklist) -> list[Q]:
    """The worklist as a union of disjoint simple conditions, each answered by one index in order.

    A page reads each branch's first keys and merges them, and a count adds the branches' counts,
    instead of asking the database for an OR that it can only answer by fetching every matching row.
    """
    if not scope.roles & WORKLIST_ROLES[worklist]:
        return []
    me, S = scope.user_id, State
    intake = scope.agencies(R.INTAKE_OFFICER)
    if worklist == Worklist.TO_RECEIVE:
        return [
            Q(state=state, receiving_agency_id__in=intake) for state in (S.SUBMITTED, S.WITHDRAWAL_REQUESTED)
        ]
    if worklist == Worklist.TO_PROCESS:
        given_to_me = Q(state=S.PROCESSING, assignee_id=me)
        if scope.has(R.LEADER):
            given_to_me &= ~_signing_step(scope)  # those wait in "to approve"
        branches = [Q(state=S.RECEIVED, assignee_id=me), given_to_me]
        if intake:
            branches.append(Q(state=S.RECEIVED, receiving_agency_id__in=intake) & ~Q(assignee_id=me))
        unassigned = Q(state=S.PROCESSING, assignee__isnull=True)
        if scope.has(R.SPECIALIST):
            # Unassigned in my unit, unless it waits at a leader's step (that is the leader's).
            branches.append(unassigned & scope.units_q(R.SPECIALIST) & ~_leader_step(scope))
        if scope.has(R.LEADER):
            # A leader's step that reviews before the signing step (a unit head's, say).
            branches.append(
                unassigned & scope.units_q(R.LEADER) & _leader_step(scope) & ~_signing_step(scope)
            )
        return branches
    if worklist == Worklist.TO_APPROVE:
        # Only at the signing step: approving elsewhere is not allowed (actions.Action.RESOLVE).
        at_my_step = Q(
            state=S.PROCESSING, current_agency_id__in=scope.agencies(R.LEADER), assignee__isnull=True
        )
        return [
            Q(state=S.PROCESSING, assignee_id=me) & _signing_step(scope),
            at_my_step & scope.units_q(R.LEADER) & _signing_step(scope),
        ]
    if worklist == Worklist.TO_RETURN:
        return [Q(state=S.RESOLVED, receiving_agency_id__in=scope.agencies(R.INTAKE_OFFICER, R.CLERK))]
    if worklist == Worklist.WAITING:
        waiting = Q(state__in=WAITING_STATES)
        not_mine = ~Q(assignee_id=me)
        branches = [waiting & Q(assignee_id=me)]
        if intake:
            branches.append(waiting & Q(receiving_agency_id__in=intake) & not_mine)
        if scope.has(R.SPECIALIST, R.LEADER):
            held = waiting & scope.units_q(R.SPECIALIST, R.LEADER) & not_mine
            branches.append(held & ~Q(receiving_agency_id__in=intake) if intake else held)
        return branches
    return [Q(state__in=ACTIVE_STATES, current_agency_id__in=scope.agencies(R.LEADER, R.ADMINISTRATOR))]


def worklist_queryset(scope: StaffScope, worklist: Worklist) -> QuerySet[Dossier]:
    """The dossiers of one worklist for this staff member, unordered and unfiltered otherwise."""
    branches = worklist_branches(scope, worklist)
    if not branches:
        return Dossier.objects.none()
    condition = branches[0]
    for branch in branches[1:]:
        condition |= branch
    return Dossier.objects.filter(condition)


@dataclass(frozen=True)
class WorklistFilters:
    procedure_id: int | None = None
    agency_id: int | None = None
    unit_id: int | None = None
    state: str | None = None
    assignee_id: int | None = None  # 0: nobody assigned yet
    urgency: str | None = None  # "overdue" or "today"
    submitted_from: date | None = None
    submitted_to: date | None = None
    search: str | None = None  # a name (accents optional), a phone or an ID number: dossiers.search


def _apply_filters(qs: QuerySet[Dossier], f: WorklistFilters, at: datetime) -> QuerySet[Dossier]:
    if f.procedure_id:
        qs = qs.filter(procedure_version__procedure_id=f.procedure_id)
    if f.agency_id:
        qs = qs.filter(current_agency_id=f.agency_id)
    if f.unit_id:
        qs = qs.filter(current_unit_id=f.unit_id)
    if f.state:
        qs = qs.filter(state=f.state)
    if f.assignee_id is not None:
        qs = qs.filter(assignee__isnull=True) if f.assignee_id == 0 else qs.filter(assignee_id=f.assignee_id)
    if f.urgency == "overdue":
        qs = qs.filter(paused_at__isnull=True, due_at__lt=at)
    elif f.urgency == "today":
        qs = qs.filter(paused_at__isnull=True, due_at__gte=at, due_at__lt=day_bounds(at)[1])
    if f.submitted_from:
        qs = qs.filter(submitted_at__gte=datetime.combine(f.submitted_from, time(0), tzinfo=VN_TZ))
    if f.submitted_to:
        end = datetime.combine(f.submitted_to, time(0), tzinfo=VN_TZ) + timedelta(days=1)
        qs = qs.filter(submitted_at__lt=end)
    # Inside each branch of the worklist: a search narrows what the officer sees, never widens it.
    found = applicant_matches(f.search)
    if found is not None:
        qs = qs.filter(found)
    return qs


@dataclass(frozen=True, slots=True)
class Named:
    name: str


@dataclass(frozen=True, slots=True)
class RowOfficer:
    display_name: str


@dataclass(frozen=True, slots=True)
class RowOrigin:
    """Where an inter-agency dossier came from (motcua.interagency)."""

    origin_organ_id: str
    origin_organ_name: str
    origin_code: str


@dataclass(frozen=True, slots=True)
class RowDossier:
    """What a worklist row shows of a dossier, and what its urgency needs, read as plain values.

    Building 50 dossiers with their version, agency, unit, officer and origin as model instances
    (some 250 objects) cost five times the statement that read them.
    """

    pk: int
    procedure_version_id: int
    current_agency_id: int
    current_unit_id: int | None
    assignee_id: int | None
    code: str
    version: int
    channel: str
    state: str
    applicant_name: str
    organisation_name: str
    submitted_at: datetime | None
    due_at: datetime | None
    appointment_at: datetime | None
    finished_at: datetime | None
    returned_at: datetime | None
    paused_at: datetime | None
    clock: dict[str, Any] | None
    current_step: int | None
    receiving_agency_id: int
    procedure_version: Named
    current_agency: Named
    current_unit: Named | None
    assignee: RowOfficer | None
    incoming: RowOrigin | None


@dataclass(frozen=True)
class WorklistRow:
    dossier: RowDossier
    urgency: Urgency
    step_name: str


@dataclass(frozen=True)
class WorklistPage:
    rows: list[WorklistRow]
    next_cursor: str | None
    previous_cursor: str | None
    total: int  # capped at `count_cap`
    total_capped: bool


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


_MICROSECOND = timedelta(microseconds=1)


def encode_cursor(value: datetime | None, pk: int) -> str:
    """'<microseconds since 1970>.<id>', exact (integer arithmetic, no float rounding); 'n' when empty."""
    return f"{'n' if value is None else (value - _EPOCH) // _MICROSECOND}.{pk}"


def decode_cursor(cursor: str | None) -> tuple[datetime | None, int] | None:
    """The (sort value, id) a page starts after or before; None for anything malformed."""
    if not cursor:
        return None
    try:
        raw_value, raw_pk = cursor.split(".", 1)
        pk = int(raw_pk)
        value = None if raw_value == "n" else _EPOCH + int(raw_value) * _MICROSECOND
    except (ValueError, OverflowError):
        return None
    return value, pk


# Worklists whose sort column can be empty (a dossier asked to supplement before it was received):
# those rows come last, after every dated one.
NULLABLE_SORT = frozenset({Worklist.WAITING, Worklist.AGENCY})


Key = tuple[datetime | None, int]


def _order(k: Key) -> tuple[int, datetime, int]:
    """Dated keys by date, then undated ones, ties by id: the order of every worklist."""
    return (0, k[0], k[1]) if k[0] is not None else (1, _EPOCH, k[1])


def _dated_after(key: str, value: datetime, pk: int) -> Q:
    # `key >= value` first, so that the database walks the index from there.
    return Q(**{f"{key}__gte": value}) & (Q(**{f"{key}__gt": value}) | Q(pk__gt=pk))


def _dated_before(key: str, value: datetime, pk: int) -> Q:
    return Q(**{f"{key}__lte": value}) & (Q(**{f"{key}__lt": value}) | Q(pk__lt=pk))


def _keys_forward(
    qs: QuerySet[Dossier], key: str, start: Key | None, limit: int, nullable: bool
) -> list[Key]:
    """(sort value, id) of the next `limit` rows after `start`: dated rows by date, then undated by id."""
    found: list[Key] = []
    dated = qs.filter(**{f"{key}__isnull": False})
    if start is None or start[0] is not None:
        if start is not None:
            dated = dated.filter(_dated_after(key, start[0], start[1]))  # type: ignore[arg-type]
        found = list(dated.order_by(key, "pk").values_list(key, "pk")[:limit])
    if nullable and len(found) < limit:
        undated = qs.filter(**{f"{key}__isnull": True})
        if start is not None and start[0] is None:
            undated = undated.filter(pk__gt=start[1])
        found += list(undated.order_by("pk").values_list(key, "pk")[: limit - len(found)])
    return found


def _keys_backward(qs: QuerySet[Dossier], key: str, start: Key, limit: int, nullable: bool) -> list[Key]:
    """The `limit` rows just before `start`, nearest first."""
    found: list[Key] = []
    if start[0] is None:
        if nullable:
            undated = qs.filter(**{f"{key}__isnull": True}, pk__lt=start[1])
            found = list(undated.order_by("-pk").values_list(key, "pk")[:limit])
        dated = qs.filter(**{f"{key}__isnull": False})
    else:
        dated = qs.filter(**{f"{key}__isnull": False}).filter(_dated_before(key, start[0], start[1]))
    if len(found) < limit:
        found += list(dated.order_by(f"-{key}", "-pk").values_list(key, "pk")[: limit - len(found)])
    return found


def worklist_page(
    scope: StaffScope,
    worklist: Worklist,
    filters: WorklistFilters | None = None,
    *,
    at: datetime,
    after: str | None = None,
    before: str | None = None,
    size: int = 50,
    count_cap: int = 1000,
    known_total: int | None = None,
) -> WorklistPage:
    """One page of a worklist, most urgent first, by keyset: page 1 000 costs what page 1 does.

    The page is found on the narrow (sort value, id) pairs first, which the indexes answer without
    touching the rows, branch by branch (`worklist_branches`), and merged; then the 50 rows are
    read with everything the list shows. Queries: one per branch for the keys (two where undated
    rows may follow), the rows, the capped count (unless `known_total` is given), the step names:
    the same number whatever `size` and however deep the page.
    """
    key = WORKLIST_SORT[worklist]
    nullable = worklist in NULLABLE_SORT
    chosen = filters or WorklistFilters()
    branches = [
        _apply_filters(Dossier.objects.filter(b), chosen, at) for b in worklist_branches(scope, worklist)
    ]
    start_after, start_before = decode_cursor(after), decode_cursor(before)
    if start_before is not None:
        found = [k for b in branches for k in _keys_backward(b, key, start_before, size + 1, nullable)]
        keys = sorted(set(found), key=_order, reverse=True)[: size + 1]
        has_previous, has_next = len(keys) > size, True
        keys = list(reversed(keys[:size]))
    else:
        found = [k for b in branches for k in _keys_forward(b, key, start_after, size + 1, nullable)]
        keys = sorted(set(found), key=_order)[: size + 1]
        has_previous, has_next = start_after is not None, len(keys) > size
        keys = keys[:size]
    by_pk = {d.pk: d for d in _rows([pk for _value, pk in keys], size)}
    dossiers = [by_pk[pk] for _value, pk in keys if pk in by_pk]
    total = _count(branches, count_cap) if known_total is None else known_total
    steps = _step_names({(d.procedure_version_id, d.current_step) for d in dossiers}, size)
    rows = [
        WorklistRow(d, urgency_of(d, at), steps.get((d.procedure_version_id, d.current_step), ""))
        for d in dossiers
    ]
    return WorklistPage(
        rows=rows,
        next_cursor=encode_cursor(*keys[-1]) if keys and has_next else None,
        previous_cursor=encode_cursor(*keys[0]) if keys and has_previous else None,
        total=total,
        total_capped=total >= count_cap,
    )


# What a row shows of the dossier's relations (LEFT JOINs), in `_row_dossier`'s order.
RELATED_COLUMNS = (
    "procedure_version__name",
    "current_agency__name",
    "current_unit__name",
    "assignee__username",
    "assignee__first_name",
    "assignee__last_name",
    "assignee__full_name",
    "incoming__origin_organ_id",
    "incoming__origin_organ_name",
    "incoming__origin_code",
)
_RELATIONS = ("procedure_version", "current_agency", "current_unit", "assignee", "incoming")
# The dossier's own columns are `RowDossier`'s other fields, by name and in order: a dossier has some
# 40 columns, and a row reads these and no more.
ROW_COLUMNS = (
    *(f.name for f in fields(RowDossier) if f.name not in _RELATIONS),
    *RELATED_COLUMNS,
)


_UNIT_ID, _ASSIGNEE_ID = ROW_COLUMNS.index("current_unit_id"), ROW_COLUMNS.index("assignee_id")


def _rows(ids: list[int], size: int) -> list[RowDossier]:
    """The page's dossiers by id, in one prepared statement of `size` ids (`core.prepared.with_ids`).

    Only what a row shows (the version's name, where the dossier is, who has it), as values.
    """

    def build(pks: list[int]) -> QuerySet[Any, Any]:
        return Dossier.objects.filter(pk__in=pks).values_list(*ROW_COLUMNS)

    return [_row_dossier(row) for row in with_ids(("worklist rows",), build, ids, size)]


def _row_dossier(row: tuple[Any, ...]) -> RowDossier:
    own = row[: -len(RELATED_COLUMNS)]
    (
        version_name,
        agency_name,
        unit_name,
        username,
        first_name,
        last_name,
        full_name,
        organ_id,
        organ_name,
        origin_code,
    ) = row[-len(RELATED_COLUMNS) :]
    has_unit, has_assignee = own[_UNIT_ID] is not None, own[_ASSIGNEE_ID] is not None
    relations = (
        Named(version_name),
        Named(agency_name),
        Named(unit_name) if has_unit else None,
        RowOfficer(display_name(full_name, first_name, last_name, username)) if has_assignee else None,
        RowOrigin(organ_id, organ_name, origin_code) if origin_code is not None else None,
    )
    values: list[Any] = [*own, *relations]  # the dataclass's fields, in its order
    return RowDossier(*values)


def _step_names(keys: set[tuple[int, int | None]], size: int) -> dict[tuple[int, int | None], str]:
    wanted = {(v, p) for v, p in keys if p is not None}
    if not wanted:
        return {}
    versions = sorted({v for v, _ in wanted})
    # A prepared read of the versions padded to the page's size (a page has no more versions than rows).
    rows = with_ids(
        ("worklist step names",),
        lambda ids: WorkflowStep.objects.filter(version_id__in=ids).values_list(
            "version_id", "position", "name"
        ),
        versions,
        max(size, len(versions)),
    )
    return {(v, p): f"{p}. {name}" for v, p, name in rows if (v, p) in wanted}


def _count(branches: list[QuerySet[Dossier]], cap: int) -> int:
    """Rows in the (disjoint) branches, counting no further than `cap`."""
    total = 0
    for branch in branches:
        if total >= cap:
            break
        total += branch.order_by()[: cap - total].count()
    return min(total, cap)


def worklist_counts(scope: StaffScope, at: datetime, cap: int = 1000) -> dict[Worklist, int]:
    """How many dossiers wait in each of the user's worklists (capped, so that it stays cheap)."""
    return {
        w: _count([Dossier.objects.filter(b) for b in worklist_branches(scope, w)], cap)
        for w in worklists_for(scope)
    }


def worklist_choices(scope: StaffScope) -> tuple[list[Procedure], list[Unit]]:
    """Procedures and units the filters of the user's worklists offer.

    The same for every officer of the same agencies and changed only with the catalogue or the
    agencies' units: kept under the catalogue's stamp (`catalog.cache`), which every such change
    bumps, instead of two queries (one a three-way join) on every page of every list.
    """
    agencies = frozenset(scope.agencies())
    return cached("worklist-choices", tuple(sorted(agencies)), lambda: _choices(agencies))


def _choices(agencies: frozenset[int]) -> tuple[list[Procedure], list[Unit]]:
    procedures = list(
        Procedure.objects.filter(
            Q(versions__receiving_agencies__in=agencies)
            | Q(versions__competent_agency_id__in=agencies)
            | Q(versions__workflow_steps__agency_id__in=agencies)
        )
        .distinct()
        .only("id", "code", "name")
        .order_by("name")
    )
    units = list(
        Unit.objects.filter(agency_id__in=agencies).select_related("agency").order_by("agency__code", "code")
    )
    return procedures, units
