"""Reads of dossiers for pages and the API, with visibility rules applied."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from typing import Any

from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.db.models.lookups import In

from motcua.agencies.models import Role, StaffRole, Unit
from motcua.agencies.selectors import staff_agency_ids
from motcua.catalog.models import Procedure, WorkflowStep
from motcua.core.errors import NotFound
from motcua.core.time import VN_TZ, local

from . import clock
from .codes import secrets_match
from .models import Dossier, DossierEvent, DossierHolder, ResultDocument
from .permissions import Action, can
from .states import State

Kind = DossierEvent.Kind

# What the applicant sees of the history: not internal hand-overs and assignments.
APPLICANT_VISIBLE_EVENTS = frozenset(
    {
        Kind.SUBMITTED,
        Kind.RECEIVED,
        Kind.REFUSED,
        Kind.SUPPLEMENT_REQUESTED,
        Kind.SUPPLEMENTED,
        Kind.FINANCIAL_OBLIGATION_REQUESTED,
        Kind.FINANCIAL_OBLIGATION_FULFILLED,
        Kind.RESOLVED,
        Kind.RETURNED,
        Kind.WITHDRAWAL_REQUESTED,
        Kind.WITHDRAWAL_REJECTED,
        Kind.OWNER_LINKED,
        Kind.STOPPED,
        Kind.APOLOGISED,
    }
)


def _base() -> QuerySet[Dossier]:
    return Dossier.objects.select_related(
        "procedure_version__procedure", "receiving_agency", "current_agency", "current_unit", "assignee"
    )


class _InArray(In):
    """`pk IN (sub-query)`, written `pk = ANY(ARRAY(sub-query))` on PostgreSQL.

    Under an OR, PostgreSQL answers `IN (sub-query)` by testing every row of the table against the
    sub-query's result; an array read once is looked up in the primary key instead, and that index
    scan combines with those of the other conditions (BitmapOr). Figures in `visible_dossiers`.
    """

    def get_rhs_op(self, connection: Any, rhs: str) -> str:
        if connection.vendor == "postgresql" and not self.rhs_is_direct_value():
            return f"= ANY(ARRAY{rhs})"
        return super().get_rhs_op(connection, rhs)


def visible_dossiers(user: Any) -> QuerySet[Dossier]:
    """Dossiers the user may read: their own, and those an agency where they are staff holds or held.

    One query, each condition answered by an index. The receiving and current agencies are holders
    too, but their own columns find those dossiers cheaply; `DossierHolder` adds the ones handed on.
    Measured on PostgreSQL 15 with a million dossiers, for an agency that holds or held 47 000 of
    them: a page and its count take about 1.5 times what the query without former holders took (on
    40 000 rows); `pk IN (sub-query)` under the OR, or a UNION of ids, took 3 to 5 times.
    """
    if not getattr(user, "is_authenticated", False):
        return Dossier.objects.none()
    agencies = staff_agency_ids(user)
    condition = Q(owner=user)
    if agencies:
        held = DossierHolder.objects.filter(agency_id__in=agencies).values("dossier_id")
        condition |= (
            Q(receiving_agency_id__in=agencies)
            | Q(current_agency_id__in=agencies)
            | Q(_InArray(F("pk"), held))
        )
    return _base().filter(condition).order_by("-submitted_at", "-id")


NOT_FOUND = "Không tìm thấy hồ sơ."


def dossier_for(user: Any, code: str) -> Dossier:
    """The dossier with `code` if the user may read it; otherwise NotFound, never a hint it exists."""
    dossier = _base().filter(code=code).first()
    if dossier is None or not can(user, Action.VIEW, dossier):
        raise NotFound(NOT_FOUND)
    return dossier


def dossiers_for(user: Any, codes: list[str]) -> dict[str, Dossier]:
    """Those of `codes` the user may read, by code, in one query; the others are simply absent."""
    return {d.code: d for d in visible_dossiers(user).filter(code__in=codes).order_by()}


def dossier_by_secret(code: str, secret: str) -> Dossier:
    """Anonymous tracking: the code and the lookup secret printed on the receipt."""
    dossier = _base().filter(code=code).first()
    if dossier is None or not secrets_match(secret, dossier.lookup_secret):
        raise NotFound("Mã hồ sơ hoặc mã tra cứu không đúng.")
    return dossier


def history(dossier: Dossier, *, applicant_view: bool) -> list[DossierEvent]:
    events = DossierEvent.objects.filter(dossier=dossier).select_related("actor").order_by("seq")
    if applicant_view:
        events = events.filter(kind__in=APPLICANT_VISIBLE_EVENTS)
    return list(events)


def with_history(queryset: QuerySet[Dossier]) -> QuerySet[Dossier]:
    return queryset.prefetch_related(
        Prefetch("events", queryset=DossierEvent.objects.order_by("seq")), "attachments"
    )


def replayed(dossier: Dossier) -> clock.Snapshot:
    """Recompute the snapshot from the stored events, for audits and tests."""
    from .services import calendar_of, terms_for

    events = [
        clock.Event(e.kind, e.at, e.to_state, e.payload)
        for e in DossierEvent.objects.filter(dossier=dossier).order_by("seq")
    ]
    return clock.replay(events, terms_for(dossier.procedure_version), calendar_of(dossier))


def latest_result(dossier: Dossier) -> ResultDocument | None:
    return ResultDocument.objects.filter(dossier=dossier).order_by("-id").first()


def applicant_may_download_result(dossier: Dossier) -> bool:
    """The applicant gets the result once it has been returned."""
    return dossier.state == State.RETURNED


# --- back office: who a staff member is, their worklists, urgency, the leader's overview --------


@dataclass(frozen=True)
class StaffPost:
    """One StaffRole row: a role at an agency, optionally limited to one of its units."""

    agency_id: int
    unit_id: int | None
    role: str


@dataclass(frozen=True)
class StaffScope:
    """Everything the worklists need to know about a staff member, read in one query."""

    user_id: int | None
    posts: tuple[StaffPost, ...]
    memo: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)  # per request

    @property
    def roles(self) -> set[str]:
        return {p.role for p in self.posts}

    def has(self, *roles: str) -> bool:
        return any(p.role in roles for p in self.posts)

    def agencies(self, *roles: str) -> set[int]:
        return {p.agency_id for p in self.posts if not roles or p.role in roles}

    def units_q(self, *roles: str) -> Q:
        """Dossiers held by the user's units for `roles`; an agency-wide post covers every unit."""
        condition = Q(pk__in=[])
        for post in self.posts:
            if post.role not in roles:
                continue
            if post.unit_id is None:
                condition |= Q(current_agency_id=post.agency_id)
            else:
                condition |= Q(current_unit_id=post.unit_id)
        return condition


def staff_scope(user: Any) -> StaffScope:
    if not getattr(user, "is_authenticated", False):
        return StaffScope(None, ())
    rows = StaffRole.objects.filter(user=user).values_list("agency_id", "unit_id", "role")
    return StaffScope(user.pk, tuple(StaffPost(a, u, r) for a, u, r in rows))


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
    Worklist.TO_PROCESS: frozenset({R.INTAKE_OFFICER, R.SPECIALIST}),
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


def _leader_step(scope: StaffScope) -> Q:
    """The dossier sits at a step of its workflow that a leader does.

    The (version, position) pairs of leader steps are read once (a small table) and written into the
    query as literals: the database then checks each row it walks in due-date order without a
    sub-query per row, and stops after a page of them.
    """
    if "leader_steps" not in scope.memo:
        by_position: dict[int, list[int]] = {}
        for version, position in WorkflowStep.objects.filter(role=R.LEADER).values_list(
            "version_id", "position"
        ):
            by_position.setdefault(position, []).append(version)
        scope.memo["leader_steps"] = by_position
    condition = Q(pk__in=[])
    for position, versions in sorted(scope.memo["leader_steps"].items()):
        condition |= Q(current_step=position, procedure_version_id__in=sorted(versions))
    return condition


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
        branches = [Q(state=S.RECEIVED, assignee_id=me), Q(state=S.PROCESSING, assignee_id=me)]
        if intake:
            branches.append(Q(state=S.RECEIVED, receiving_agency_id__in=intake) & ~Q(assignee_id=me))
        if scope.has(R.SPECIALIST):
            # Unassigned in my unit, unless it waits at a leader's step (that is the leader's list).
            unassigned = Q(state=S.PROCESSING, assignee__isnull=True) & scope.units_q(R.SPECIALIST)
            branches.append(unassigned & ~_leader_step(scope))
        return branches
    if worklist == Worklist.TO_APPROVE:
        # Given to me: wherever it is (only staff of the holding agency can be given a dossier).
        at_my_step = Q(
            state=S.PROCESSING, current_agency_id__in=scope.agencies(R.LEADER), assignee__isnull=True
        )
        return [
            Q(state=S.PROCESSING, assignee_id=me),
            at_my_step & scope.units_q(R.LEADER) & _leader_step(scope),
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


def day_bounds(at: datetime) -> tuple[datetime, datetime]:
    """Midnight to midnight of `at`'s day in Vietnam."""
    start = datetime.combine(local(at).date(), time(0), tzinfo=VN_TZ)
    return start, start + timedelta(days=1)


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
    return qs


@dataclass(frozen=True)
class Urgency:
    """How urgent a dossier is for the officer, in working time on the receiving agency's calendar."""

    level: str  # "overdue", "today", "soon" (within one working day), "normal", "paused", "none"
    seconds: int | None = None  # working seconds left; negative when overdue
    target: datetime | None = None

    @property
    def is_urgent(self) -> bool:
        return self.level in ("overdue", "today")


def urgency_of(dossier: Dossier, at: datetime) -> Urgency:
    """Overdue, due today, or the working time left before the due moment (never the apology's date)."""
    from motcua.workcalendar.selectors import calendar_for

    due = dossier.due_at
    if due is None or dossier.state in (State.REFUSED, State.STOPPED, State.RETURNED):
        return Urgency("none")
    if dossier.paused_at is not None:
        return Urgency("paused", (dossier.clock or {}).get("remaining_seconds"), due)
    calendar = calendar_for(dossier.receiving_agency_id)
    if due <= at:
        return Urgency("overdue", -calendar.working_seconds_between(due, at), due)
    left = calendar.working_seconds_between(at, due)
    if due < day_bounds(at)[1]:
        return Urgency("today", left, due)
    return Urgency("soon" if left <= calendar.day_seconds else "normal", left, due)


@dataclass(frozen=True)
class WorklistRow:
    dossier: Dossier
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
    by_pk = {
        d.pk: d
        for d in Dossier.objects.filter(pk__in=[pk for _value, pk in keys])
        .select_related(
            "procedure_version__procedure", "receiving_agency", "current_agency", "current_unit", "assignee"
        )
        .defer("form_data")
    }
    dossiers = [by_pk[pk] for _value, pk in keys if pk in by_pk]
    total = _count(branches, count_cap) if known_total is None else known_total
    steps = _step_names({(d.procedure_version_id, d.current_step) for d in dossiers})
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


def _step_names(keys: set[tuple[int, int | None]]) -> dict[tuple[int, int | None], str]:
    wanted = {(v, p) for v, p in keys if p is not None}
    if not wanted:
        return {}
    rows = WorkflowStep.objects.filter(version_id__in={v for v, _ in wanted}).values_list(
        "version_id", "position", "name"
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
    """Procedures and units the filters of the user's worklists offer."""
    agencies = scope.agencies()
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


@dataclass
class Load:
    """Counts of one unit or officer in the leader's overview."""

    key: int | None
    name: str
    active: int = 0
    due_today: int = 0
    overdue: int = 0
    waiting: int = 0


@dataclass(frozen=True)
class Overview:
    agency_id: int
    total: Load
    units: list[Load]
    officers: list[Load]


def leader_overview(agency_id: int, at: datetime) -> Overview:
    """Dossiers the agency handles, by unit and officer: in progress, due today, overdue, waiting.

    One grouped query over the agency's active dossiers, then two small lookups for names.
    """
    from motcua.accounts.models import User

    running = Q(paused_at__isnull=True) & ~Q(state__in=WAITING_STATES)
    end_of_day = day_bounds(at)[1]
    rows = (
        Dossier.objects.filter(current_agency_id=agency_id, state__in=ACTIVE_STATES)
        .values("current_unit_id", "assignee_id")
        .annotate(
            active=Count("pk"),
            overdue=Count("pk", filter=running & Q(due_at__lt=at)),
            due_today=Count("pk", filter=running & Q(due_at__gte=at, due_at__lt=end_of_day)),
            waiting=Count("pk", filter=Q(state__in=WAITING_STATES)),
        )
        .order_by()
    )
    total = Load(None, "")
    units: dict[int | None, Load] = {}
    officers: dict[int | None, Load] = {}
    for row in rows:
        for bucket in (
            total,
            units.setdefault(row["current_unit_id"], Load(row["current_unit_id"], "")),
            officers.setdefault(row["assignee_id"], Load(row["assignee_id"], "")),
        ):
            bucket.active += row["active"]
            bucket.overdue += row["overdue"]
            bucket.due_today += row["due_today"]
            bucket.waiting += row["waiting"]
    unit_names = dict(Unit.objects.filter(pk__in=[k for k in units if k]).values_list("pk", "name"))
    people = {u.pk: u.display_name for u in User.objects.filter(pk__in=[k for k in officers if k])}
    for key, load in units.items():
        load.name = unit_names.get(key, "") if key else "(chưa có đơn vị)"
    for key, load in officers.items():
        load.name = people.get(key, "") if key else "(chưa phân công)"

    def order(loads: dict[int | None, Load]) -> list[Load]:
        return sorted(loads.values(), key=lambda x: (-x.overdue, -x.due_today, -x.active, x.name))

    return Overview(agency_id, total, order(units), order(officers))


# --- back office: notifications to staff ----------------------------------------------------------


@dataclass(frozen=True)
class StaffNotice:
    kind: str  # "assigned", "overdue", "due_today"
    at: datetime  # when it happened or became urgent
    dossier: Dossier
    by: str = ""
    is_new: bool = False


ACTIVE_FOR_OFFICER = (State.RECEIVED, State.PROCESSING)
_ASSIGNMENT_KINDS = (Kind.ASSIGNED, Kind.TRANSFERRED)


def _to_me(user_id: int) -> Q:
    return Q(payload__assignee_id=user_id) | Q(payload__to_assignee_id=user_id)


def _urgent_q(at: datetime) -> Q:
    return Q(state__in=ACTIVE_FOR_OFFICER, paused_at__isnull=True, due_at__lt=day_bounds(at)[1])


def _given_to_me(user: Any, *, after: datetime) -> QuerySet[DossierEvent]:
    """Hand-overs and assignments to me, by someone else, of dossiers I still hold."""
    return (
        DossierEvent.objects.filter(
            dossier__assignee_id=user.pk,
            dossier__state__in=ACTIVE_FOR_OFFICER,
            kind__in=_ASSIGNMENT_KINDS,
            at__gt=after,
        )
        .filter(_to_me(user.pk))
        .exclude(actor_id=user.pk)
    )


def staff_notice_count(user: Any, *, since: datetime | None, at: datetime) -> int:
    """New since `since`: dossiers given to me, and mine that became overdue or due today. Two queries."""
    since = since or at - timedelta(days=7)
    assigned = _given_to_me(user, after=since).count()
    start_of_day, end_of_day = day_bounds(at)
    became = Q(due_at__gt=since, due_at__lte=at)
    if since < start_of_day:
        became |= Q(due_at__gt=at, due_at__lt=end_of_day)
    urgent = Dossier.objects.filter(_urgent_q(at), became, assignee_id=user.pk).count()
    return assigned + urgent


def staff_notices(user: Any, *, since: datetime | None, at: datetime, limit: int = 100) -> list[StaffNotice]:
    """What was given to me in the last days and what of mine is urgent now, newest first."""
    since = since or at - timedelta(days=7)
    window = min(since, at - timedelta(days=7))
    start_of_day = day_bounds(at)[0]
    notices: list[StaffNotice] = []
    events = (
        _given_to_me(user, after=window).select_related("dossier__procedure_version").order_by("-at")[:limit]
    )
    for event in events:
        notices.append(StaffNotice("assigned", event.at, event.dossier, event.actor_name, event.at > since))
    urgent = (
        Dossier.objects.filter(_urgent_q(at), assignee_id=user.pk)
        .select_related("procedure_version")
        .order_by("due_at")[:limit]
    )
    for dossier in urgent:
        due = dossier.due_at
        assert due is not None  # filtered on due_at
        if due <= at:
            notices.append(StaffNotice("overdue", due, dossier, is_new=due > since))
        else:
            notices.append(StaffNotice("due_today", start_of_day, dossier, is_new=start_of_day > since))
    return sorted(notices, key=lambda n: n.at, reverse=True)


# --- back office: the processing control form in full, workflow targets, the register -------------


@dataclass(frozen=True)
class ControlRow:
    """One hand-over on Form 06: who gave it, who received it, when, and whether it was on time."""

    seq: int
    at: datetime
    step: int | None
    step_name: str
    giver_unit: str
    giver_name: str
    receiver_unit: str
    receiver_name: str
    due_at: datetime | None
    timeliness: str | None  # "early", "on_time", "late"; None where the form marks nothing
    note: str


def processing_control_rows(dossier: Dossier) -> list[ControlRow]:
    """Every hand-over of the dossier (Form 06 of Circular 03/2025), in order.

    Unit-to-unit hand-overs come from the transfer events, marked early, on time or late against
    the giving step's due moment as recorded at the hand-over; the result going back to the
    one-stop unit is marked against the dossier's (original) due moment; the hand-over to the
    applicant closes the form.
    """
    from motcua.accounts.models import User

    kinds = (Kind.TRANSFERRED, Kind.RESOLVED, Kind.RETURNED)
    events = list(DossierEvent.objects.filter(dossier=dossier, kind__in=kinds).order_by("seq"))
    unit_ids = {e.payload.get(k) for e in events for k in ("from_unit_id", "to_unit_id")} - {None}
    user_ids = {e.payload.get("to_assignee_id") for e in events} - {None}
    units = dict(Unit.objects.filter(pk__in=unit_ids).values_list("pk", "name"))
    people = {u.pk: u.display_name for u in User.objects.filter(pk__in=user_ids)}
    step_names = dict(
        WorkflowStep.objects.filter(version_id=dossier.procedure_version_id).values_list("position", "name")
    )
    one_stop = (
        Unit.objects.filter(agency_id=dossier.receiving_agency_id, is_one_stop=True)
        .values_list("name", flat=True)
        .first()
    ) or "Bộ phận tiếp nhận và trả kết quả"
    rows: list[ControlRow] = []
    holder_unit = one_stop
    for event in events:
        p = event.payload
        if event.kind == Kind.TRANSFERRED:
            due = p.get("from_step_due_at")
            rows.append(
                ControlRow(
                    seq=event.seq,
                    at=event.at,
                    step=p.get("from_step"),
                    step_name=step_names.get(p.get("from_step"), ""),
                    giver_unit=units.get(p.get("from_unit_id"), ""),
                    giver_name=event.actor_name,
                    receiver_unit=units.get(p.get("to_unit_id"), ""),
                    receiver_name=people.get(p.get("to_assignee_id"), ""),
                    due_at=datetime.fromisoformat(due) if due else None,
                    timeliness=p.get("timeliness", "on_time"),
                    note=event.note,
                )
            )
            holder_unit = units.get(p.get("to_unit_id"), "")
        elif event.kind == Kind.RESOLVED:
            rows.append(
                ControlRow(
                    seq=event.seq,
                    at=event.at,
                    step=None,
                    step_name="Trả kết quả giải quyết về Bộ phận Một cửa",
                    giver_unit=holder_unit,
                    giver_name=event.actor_name,
                    receiver_unit=one_stop,
                    receiver_name="",
                    due_at=dossier.due_at,
                    timeliness=clock.timeliness(event.at, dossier.due_at),
                    note=event.note,
                )
            )
        else:
            rows.append(
                ControlRow(
                    seq=event.seq,
                    at=event.at,
                    step=None,
                    step_name="Trả kết quả cho tổ chức, cá nhân",
                    giver_unit=one_stop,
                    giver_name=event.actor_name,
                    receiver_unit="Tổ chức, cá nhân",
                    receiver_name=dossier.applicant_name,
                    due_at=None,
                    timeliness=None,
                    note=event.note,
                )
            )
    return rows


def latest_event(dossier: Dossier, *kinds: str) -> DossierEvent | None:
    return DossierEvent.objects.filter(dossier=dossier, kind__in=kinds).order_by("-seq").first()


@dataclass(frozen=True)
class StepTarget:
    """Where forwarding or sending back would take the dossier."""

    step: int | None
    step_name: str
    role: str
    unit: Unit | None
    assignee_id: int | None = None
    assignee_name: str = ""


def _unit_for(agency_id: int) -> Unit | None:
    units = Unit.objects.filter(agency_id=agency_id).select_related("agency").order_by("is_one_stop", "code")
    return units.first()


def next_step_target(dossier: Dossier) -> StepTarget | None:
    """The next step of the procedure's internal workflow and the unit that does it, if any."""
    steps = list(
        WorkflowStep.objects.filter(version_id=dossier.procedure_version_id)
        .select_related("unit__agency")
        .order_by("position")
    )
    later = [s for s in steps if dossier.current_step is None or s.position > dossier.current_step]
    if not later:
        return None
    step = later[0]
    unit = step.unit or _unit_for(step.agency_id or dossier.receiving_agency_id)
    return StepTarget(step.position, step.name, step.role, unit)


def send_back_target(dossier: Dossier) -> StepTarget | None:
    """Back to the officer and step that handed the dossier to its current step (a leader's 'send back')."""
    from motcua.accounts.models import User

    event = latest_event(dossier, Kind.TRANSFERRED)
    if event is None or not event.payload.get("from_unit_id"):
        return None
    p = event.payload
    unit = Unit.objects.select_related("agency").filter(pk=p["from_unit_id"]).first()
    if unit is None:
        return None
    actor = User.objects.filter(pk=event.actor_id).first() if event.actor_id else None
    if actor is not None and not StaffRole.objects.filter(user=actor, agency_id=unit.agency_id).exists():
        actor = None
    step = p.get("from_step")
    name = WorkflowStep.objects.filter(version_id=dossier.procedure_version_id, position=step).first()
    return StepTarget(
        step,
        name.name if name else "",
        name.role if name else "",
        unit,
        actor.pk if actor else None,
        actor.display_name if actor else "",
    )


def officers_of(agency_id: int, unit_id: int | None = None) -> list[Any]:
    """Staff who can be given a dossier at an agency (in a unit, or posted agency-wide)."""
    from motcua.accounts.models import User

    posts = StaffRole.objects.filter(agency_id=agency_id).exclude(role=R.ADMINISTRATOR)
    if unit_id is not None:
        posts = posts.filter(Q(unit_id=unit_id) | Q(unit__isnull=True))
    return list(
        User.objects.filter(pk__in=posts.values("user_id"), is_active=True).order_by("full_name", "pk")
    )


def transfer_destinations() -> list[Unit]:
    """Every unit of every active agency, for hand-overs inside the agency and across agencies."""
    return list(
        Unit.objects.filter(agency__is_active=True).select_related("agency").order_by("agency__code", "code")
    )


def register_rows(agency_id: int, start: datetime, end: datetime, limit: int | None = None) -> list[Dossier]:
    """The dossier register (Sổ theo dõi hồ sơ, Form 07): dossiers the agency received in [start, end)."""
    qs = (
        Dossier.objects.filter(receiving_agency_id=agency_id, received_at__gte=start, received_at__lt=end)
        .select_related("procedure_version", "current_agency")
        .defer("form_data", "clock")
        .order_by("received_at", "pk")
    )
    return list(qs[:limit] if limit else qs)


def officers_by_agency(agency_ids: set[int]) -> dict[int, list[Any]]:
    """Staff of several agencies at once (one query), for reassigning from a list."""
    found: dict[int, dict[int, Any]] = {}
    if not agency_ids:
        return {}
    posts = (
        StaffRole.objects.filter(agency_id__in=agency_ids, user__is_active=True)
        .exclude(role=R.ADMINISTRATOR)
        .select_related("user")
        .order_by("user__full_name", "user_id")
    )
    for post in posts:
        found.setdefault(post.agency_id, {})[post.user_id] = post.user
    return {agency: list(users.values()) for agency, users in found.items()}


def allowed_actions(user: Any, dossier: Dossier) -> frozenset[Action]:
    """The actions the user may take on the dossier now: their roles, and what its state allows.

    Mirrors the checks the services make, so that pages offer only what will succeed (the
    services still check again, under the row lock).
    """
    from .permissions import APPLICANT_ACTIONS, STAFF_ROLES, is_owner, roles_on
    from .services import RESULT_STATES
    from .states import TERMINAL, is_allowed

    S, A = State, Action
    state = dossier.state
    by_state = {
        A.VIEW: True,
        A.RECEIVE: state == S.SUBMITTED,
        A.REGISTER: False,
        A.REFUSE: state == S.SUBMITTED,
        A.REQUEST_SUPPLEMENT: state in (S.SUBMITTED, S.RECEIVED, S.PROCESSING),
        A.SUPPLEMENT: state == S.SUPPLEMENT_REQUESTED,
        A.TRANSFER: state in (S.RECEIVED, S.PROCESSING),
        A.ASSIGN: state in (S.RECEIVED, S.PROCESSING),
        A.REQUEST_FINANCIAL_OBLIGATION: is_allowed(state, S.FINANCIAL_OBLIGATION),
        A.CONFIRM_FINANCIAL_OBLIGATION: state == S.FINANCIAL_OBLIGATION,
        A.RESOLVE: is_allowed(state, S.RESOLVED),
        A.RETURN_RESULT: state == S.RESOLVED,
        A.REQUEST_WITHDRAWAL: is_allowed(state, S.WITHDRAWAL_REQUESTED),
        A.DECIDE_WITHDRAWAL: state == S.WITHDRAWAL_REQUESTED,
        A.STOP: is_allowed(state, S.STOPPED),
        A.APOLOGISE: state not in TERMINAL
        and state not in (S.SUBMITTED, S.RESOLVED)
        and dossier.due_at is not None,
        A.ATTACH_RESULT: state in RESULT_STATES,
    }
    acting, reading = roles_on(user, dossier)
    owner = is_owner(user, dossier)
    return frozenset(
        action
        for action, possible in by_state.items()
        if possible
        and (
            (reading if action == A.VIEW else acting) & STAFF_ROLES[action]
            or (owner and action in APPLICANT_ACTIONS)
        )
    )
