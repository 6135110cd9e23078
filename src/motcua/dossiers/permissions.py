"""Who may do what to which dossier, evaluated from the table of actions (`actions.TABLE`).

`facts_for` reads, in a handful of small queries, everything the rules look at: the user's posts,
the dossier's position (agency, unit, step of its workflow, assignee), and what some actions
require (a result, a next step, someone to send back to). `decide` is a pure function of those
facts and one row of the table; `authorize` raises what a service should refuse with, and
`allowed_actions` is what pages and the API offer. Nothing else decides who may act.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from motcua.agencies.models import Role, StaffRole
from motcua.core.errors import DomainError, PermissionDenied
from motcua.core.prepared import Prepared

from .actions import (
    ACTIONS,
    REQUIREMENT_MESSAGES,
    TABLE,
    Action,
    ActionSpec,
    Party,
    Phase,
    Require,
)
from .errors import IllegalTransition
from .models import Dossier, DossierEvent, DossierHolder, ExemptionStatus, ResultDocument
from .states import State

R = Role
READING_ROLES = frozenset({R.INTAKE_OFFICER, R.SPECIALIST, R.LEADER, R.CLERK, R.ADMINISTRATOR})
PROCESSING_ROLES = frozenset({R.SPECIALIST, R.LEADER})

__all__ = [
    "Action",
    "Facts",
    "allowed_actions",
    "authorize",
    "can",
    "decide",
    "facts_for",
    "is_owner",
    "require_permission",
]


@dataclass(frozen=True)
class Post:
    """One StaffRole row: a role at an agency, in one of its units or agency-wide (unit None)."""

    agency_id: int
    unit_id: int | None
    role: str
    # The agency holds or held the dossier the posts were read for (`posts_on`): the post reads it.
    holds: bool = False


@dataclass(frozen=True)
class Step:
    """A step of the procedure's internal workflow."""

    position: int
    role: str
    unit_id: int | None
    signs_result: bool = False


@dataclass(frozen=True)
class Facts:
    """What the rules look at, read once (`facts_for`); plain data, so that the rules stay pure."""

    user_id: int | None
    posts: tuple[Post, ...]
    owner: bool
    state: str
    receiving_agency_id: int
    current_agency_id: int
    current_unit_id: int | None
    current_unit_is_one_stop: bool
    assignee_id: int | None
    step: Step | None  # the current step of the workflow (None: no workflow, or not on one)
    has_signing_step: bool  # the workflow names a step that signs the result
    withdrawal_from: str = ""
    has_due_date: bool = False
    # Read only when an action requires them (None: not read).
    has_result: bool | None = None
    has_next_step: bool | None = None
    # Someone other than the user handed the dossier to its current step, so it can go back.
    can_send_back: bool | None = None
    # The latest result carries the clerk's number (None: not read, or no result).
    result_issued: bool | None = None
    # The agency holding the dossier has an active clerk (None: not read; it is read only for a
    # leader there once the result is approved, the one case a rule looks at it).
    agency_has_clerk: bool | None = None
    # The applicant claimed a fee exemption that no officer has decided yet.
    exemption_claimed: bool = False


# --- the parties (pure) --------------------------------------------------------------------------


def at_intake(f: Facts) -> bool:
    """Not yet handed to a processing step: at the intake step, or still with the one-stop centre."""
    if f.state == State.SUBMITTED:
        return True
    if f.step is not None:
        return f.step.role == R.INTAKE_OFFICER
    return f.current_agency_id == f.receiving_agency_id and (
        f.current_unit_id is None or f.current_unit_is_one_stop
    )


def in_phase(phase: Phase, f: Facts) -> bool:
    if phase == Phase.ANY:
        return True
    intake = at_intake(f) or (f.state == State.WITHDRAWAL_REQUESTED and f.withdrawal_from == State.SUBMITTED)
    if phase == Phase.INTAKE:
        return intake
    if phase == Phase.PROCESSING:
        return not intake
    # SIGNING: the workflow's signing step; without one, any processing position (a leader signs).
    if f.has_signing_step:
        return f.step is not None and f.step.signs_result
    return not intake


def _posted_here(post: Post, f: Facts) -> bool:
    """A post at the current agency, in the current unit or agency-wide."""
    return post.agency_id == f.current_agency_id and (
        post.unit_id is None or post.unit_id == f.current_unit_id
    )


def holder_roles(f: Facts) -> frozenset[str]:
    """The roles that act at the dossier's current position."""
    if f.step is not None:
        return frozenset({f.step.role})
    return frozenset({R.INTAKE_OFFICER}) if at_intake(f) else PROCESSING_ROLES


def is_step_holder(f: Facts) -> bool:
    if f.user_id is None:
        return False
    if f.assignee_id is not None:
        # Given to a person: that person acts, while they still serve at the agency holding it.
        return f.user_id == f.assignee_id and any(p.agency_id == f.current_agency_id for p in f.posts)
    roles = holder_roles(f)
    # Without a signing step, only a leader signs (see in_phase); everyone else acts as the step says.
    return any(_posted_here(p, f) and p.role in roles for p in f.posts)


def is_unit_head(f: Facts) -> bool:
    return any(_posted_here(p, f) and p.role == R.LEADER for p in f.posts)


def is_party(party: Party, f: Facts) -> bool:
    if party == Party.OWNER:
        return f.owner
    if party == Party.RECEIVING_INTAKE:
        return any(p.agency_id == f.receiving_agency_id and p.role == R.INTAKE_OFFICER for p in f.posts)
    if party == Party.RECEIVING_RETURN:
        return any(
            p.agency_id == f.receiving_agency_id and p.role in (R.INTAKE_OFFICER, R.CLERK) for p in f.posts
        )
    if party == Party.STEP_HOLDER:
        return is_step_holder(f)
    if party == Party.UNIT_HEAD:
        return is_unit_head(f)
    if party == Party.AGENCY_CLERK:
        return any(p.agency_id == f.current_agency_id and p.role == R.CLERK for p in f.posts)
    if party == Party.LEADER_WITHOUT_CLERK:
        return f.agency_has_clerk is False and is_unit_head(f)
    raise ValueError(party)


def _signs(f: Facts) -> bool:
    """At a signing position, the step holder signs; without a signing step, a leader does."""
    if f.has_signing_step:
        return is_step_holder(f)
    if f.assignee_id is not None:
        return is_step_holder(f) and any(_posted_here(p, f) and p.role == R.LEADER for p in f.posts)
    return is_unit_head(f)


def holds(requirement: Require, f: Facts) -> bool:
    if requirement == Require.RESULT:
        return bool(f.has_result)
    if requirement == Require.NEXT_STEP:
        return bool(f.has_next_step)
    if requirement == Require.PREVIOUS_HOLDER:
        return bool(f.can_send_back)
    if requirement == Require.DUE_DATE:
        return f.has_due_date
    if requirement == Require.UNISSUED_RESULT:
        return f.result_issued is False
    if requirement == Require.ISSUED_RESULT:
        return bool(f.result_issued)
    if requirement == Require.EXEMPTION_CLAIMED:
        return f.exemption_claimed
    raise ValueError(requirement)


@dataclass(frozen=True)
class Verdict:
    ok: bool
    refusal: str = ""  # "forbidden", "state" or "requirement"
    requirement: Require | None = None


ALLOWED = Verdict(True)
FORBIDDEN = Verdict(False, "forbidden")


def decide(spec: ActionSpec, f: Facts) -> Verdict:
    """May the user of `f` take `spec`'s action now? Pure.

    Someone with no tie to the agencies holding the dossier now is forbidden (403). For the others,
    an action the dossier's state does not allow is refused as such (409); then someone who is not
    the party the table names for this state and phase is forbidden (403); then the action's
    requirements (409).
    """
    if not f.owner and not any(p.agency_id in (f.receiving_agency_id, f.current_agency_id) for p in f.posts):
        return FORBIDDEN  # no tie to the agencies that hold it now (a former holder, a stranger)
    if f.state not in spec.states:
        return Verdict(False, "state")
    if not any(
        f.state in rule.states
        and is_party(rule.party, f)
        and in_phase(rule.phase, f)
        and (rule.phase != Phase.SIGNING or _signs(f))
        for rule in spec.rules
    ):
        return FORBIDDEN
    for requirement in spec.requires:
        if not holds(requirement, f):
            return Verdict(False, "requirement", requirement)
    return ALLOWED


# --- reading the facts ---------------------------------------------------------------------------


def posts_of(user: Any) -> tuple[Post, ...]:
    if not getattr(user, "is_authenticated", False):
        return ()
    rows = StaffRole.objects.filter(user=user).values_list("agency_id", "unit_id", "role")
    return tuple(Post(a, u, r) for a, u, r in rows)


def _posts_with_holding(user_id: int, dossier_id: int) -> QuerySet[Any]:
    held = DossierHolder.objects.filter(dossier_id=dossier_id, agency_id=OuterRef("agency_id"))
    return (
        StaffRole.objects.filter(user_id=user_id)
        .annotate(holds=Exists(held))
        .values_list("agency_id", "unit_id", "role", "holds")
    )


# Read on every request that reads a dossier: prepared (`core.prepared`); `posts_from` makes the
# rows Posts, for a caller that sends it with other reads.
POSTS_ON_ROWS: Prepared[tuple[int, int | None, str, bool]] = Prepared(
    _posts_with_holding, user_id=int, dossier_id=int
)


def posts_on(user: Any, dossier: Dossier) -> tuple[Post, ...]:
    """The user's posts, each saying whether its agency holds or held `dossier`: one query."""
    if not getattr(user, "is_authenticated", False):
        return ()
    return posts_from(dossier, POSTS_ON_ROWS.all(user_id=user.pk, dossier_id=dossier.pk))


def posts_from(dossier: Dossier, rows: list[tuple[int, int | None, str, bool]]) -> tuple[Post, ...]:
    holding = {dossier.receiving_agency_id, dossier.current_agency_id}
    return tuple(Post(a, u, r, bool(h) or a in holding) for a, u, r, h in rows)


def reads(posts: tuple[Post, ...]) -> bool:
    """Staff read every dossier an agency of theirs holds or held (to answer for it, count it)."""
    return any(p.holds and p.role in READING_ROLES for p in posts)


def may_act_at_all(user: Any, dossier: Dossier, posts: tuple[Post, ...]) -> bool:
    """Only the owner and staff of the receiving or current agency can be a party to any action."""
    return is_owner(user, dossier) or any(
        p.agency_id in (dossier.receiving_agency_id, dossier.current_agency_id) for p in posts
    )


def _steps(version_id: int) -> QuerySet[Any]:
    from motcua.catalog.models import WorkflowStep

    return (
        WorkflowStep.objects.filter(version_id=version_id)
        .order_by("position")
        .values_list("position", "role", "unit_id", "signs_result")
    )


# The workflow's steps as rows (`workflow_of` makes them Steps): a read that others send together.
WORKFLOW_ROWS: Prepared[tuple[int, str, int | None, bool]] = Prepared(_steps, version_id=int)


def workflow_of(version_id: int) -> list[Step]:
    return steps_of(WORKFLOW_ROWS.all(version_id=version_id))


def steps_of(rows: list[tuple[int, str, int | None, bool]]) -> list[Step]:
    return [Step(*row) for row in rows]


def handed_in(dossier: Dossier, events: list[DossierEvent] | None = None) -> DossierEvent | None:
    """The hand-over that brought the dossier forward to its current step.

    A send-back is no such hand-over: after a leader sends a dossier back, "back" from the
    specialist's step is still the step before it, not the leader's step it came back from.
    `events`, the dossier's whole history in order when the caller read it already, is searched
    instead of asking the database.
    """
    transfers: Any
    if events is not None:
        transfers = [e for e in reversed(events) if e.kind == DossierEvent.Kind.TRANSFERRED]
    else:
        transfers = (
            DossierEvent.objects.filter(dossier=dossier, kind=DossierEvent.Kind.TRANSFERRED)
            .order_by("-seq")
            .only("actor_id", "payload")
        )
    for event in transfers:
        payload = event.payload or {}
        if payload.get("action") == DossierEvent.SENT_BACK or payload.get("step") != dossier.current_step:
            continue
        return event
    return None


def can_send_back(dossier: Dossier, user_id: int | None, events: list[DossierEvent] | None = None) -> bool:
    """The dossier came forward to its current step from another step, handed on by someone else."""
    event = handed_in(dossier, events)
    if event is None or not (event.payload or {}).get("from_agency_id"):
        return False
    return event.actor_id is None or event.actor_id != user_id


def facts_for(
    user: Any,
    dossier: Dossier,
    *,
    needs: frozenset[Require] = frozenset(Require),
    posts: tuple[Post, ...] | None = None,
    results: list[ResultDocument] | None = None,
    events: list[DossierEvent] | None = None,
    steps: list[Step] | None = None,
) -> Facts:
    """The facts the rules need about `user` and `dossier`; requirements outside `needs` are not read.

    `posts` (from `posts_on`), `results` (the dossier's results, newest first), `events` (its whole
    history in order) and `steps` (its procedure's workflow), when the caller has read them already,
    are used instead of asking the database again.
    """
    steps = workflow_of(dossier.procedure_version_id) if steps is None else steps
    by_position = {s.position: s for s in steps}
    step = by_position.get(dossier.current_step) if dossier.current_step is not None else None
    later = [s for s in steps if dossier.current_step is None or s.position > dossier.current_step]
    unit = dossier.current_unit if dossier.current_unit_id else None
    user_id = user.pk if getattr(user, "is_authenticated", False) else None
    posts = posts_of(user) if posts is None else posts
    has_result: bool | None = None
    if Require.RESULT in needs:
        has_result = (
            bool(results) if results is not None else ResultDocument.objects.filter(dossier=dossier).exists()
        )
    issued_needed = bool(needs & {Require.ISSUED_RESULT, Require.UNISSUED_RESULT})
    leads_a_resolved_dossier = dossier.state == State.RESOLVED and any(
        p.agency_id == dossier.current_agency_id and p.role == R.LEADER for p in posts
    )
    return Facts(
        user_id=user_id,
        posts=posts,
        owner=user_id is not None and dossier.owner_id == user_id,
        state=dossier.state,
        receiving_agency_id=dossier.receiving_agency_id,
        current_agency_id=dossier.current_agency_id,
        current_unit_id=dossier.current_unit_id,
        current_unit_is_one_stop=bool(unit and unit.is_one_stop),
        assignee_id=dossier.assignee_id,
        step=step,
        has_signing_step=any(s.signs_result for s in steps),
        withdrawal_from=(dossier.clock or {}).get("withdrawal_from", ""),
        has_due_date=dossier.due_at is not None,
        has_result=has_result,
        has_next_step=bool(later) if Require.NEXT_STEP in needs else None,
        can_send_back=can_send_back(dossier, user_id, events) if Require.PREVIOUS_HOLDER in needs else None,
        result_issued=result_issued(dossier, results) if issued_needed else None,
        agency_has_clerk=agency_has_clerk(dossier.current_agency_id) if leads_a_resolved_dossier else None,
        exemption_claimed=dossier.fee_exemption_status == ExemptionStatus.CLAIMED,
    )


def agency_has_clerk(agency_id: int) -> bool:
    """Whether an active account holds the clerk's role at the agency."""
    return StaffRole.objects.filter(agency_id=agency_id, role=R.CLERK, user__is_active=True).exists()


def result_issued(dossier: Dossier, results: list[ResultDocument] | None = None) -> bool | None:
    """Whether the latest result was numbered by the clerk; None when there is no result."""
    if results is not None:
        return bool(results[0].notation) if results else None
    notation = (
        ResultDocument.objects.filter(dossier=dossier).order_by("-id").values_list("notation", flat=True)
    )
    latest = notation.first()
    return None if latest is None else bool(latest)


# --- what services, pages and the API use --------------------------------------------------------


class RequirementUnmet(DomainError):
    code = "requirement_unmet"
    http_status = 409


def authorize(user: Any, action: Action, dossier: Dossier) -> None:
    """Refuse unless the table lets `user` take `action` on `dossier` now (call under the row lock)."""
    spec = ACTIONS[action]
    verdict = decide(spec, facts_for(user, dossier, needs=frozenset(spec.requires)))
    if verdict.ok:
        return
    if verdict.refusal == "state":
        raise IllegalTransition(dossier.state, str(spec.label))
    if verdict.refusal == "requirement" and verdict.requirement is not None:
        raise RequirementUnmet(
            str(REQUIREMENT_MESSAGES[verdict.requirement]), requirement=verdict.requirement
        )
    raise PermissionDenied(action=str(action))


def allowed_actions(
    user: Any,
    dossier: Dossier,
    *,
    posts: tuple[Post, ...] | None = None,
    results: list[ResultDocument] | None = None,
    events: list[DossierEvent] | None = None,
    steps: list[Step] | None = None,
) -> frozenset[Action]:
    """The actions `user` may take on `dossier` now; VIEW when they may read it.

    One query for someone who can only read (or not even that); four more for a possible actor.
    A caller that read `posts_on(user, dossier)`, the dossier's results (newest first), its whole
    history (in order) or its workflow already passes them, and they are not read again.
    """
    posts = posts_on(user, dossier) if posts is None else posts
    found: set[Action] = set()
    if is_owner(user, dossier) or reads(posts):
        found.add(Action.VIEW)
    if may_act_at_all(user, dossier, posts):
        facts = facts_for(user, dossier, posts=posts, results=results, events=events, steps=steps)
        found |= {spec.action for spec in TABLE if decide(spec, facts).ok}
    return frozenset(found)


def is_owner(user: Any, dossier: Dossier) -> bool:
    return bool(getattr(user, "is_authenticated", False) and dossier.owner_id == user.pk)


def reading_agencies(dossier: Dossier) -> Q:
    held = DossierHolder.objects.filter(dossier_id=dossier.pk).values("agency_id")
    return Q(agency_id__in={dossier.receiving_agency_id, dossier.current_agency_id}) | Q(agency_id__in=held)


def can_view(user: Any, dossier: Dossier) -> bool:
    """The applicant, and staff of every agency that holds or held the dossier (to answer for it)."""
    if is_owner(user, dossier):
        return True
    if not getattr(user, "is_authenticated", False):
        return False
    return (
        StaffRole.objects.filter(user=user, role__in=READING_ROLES).filter(reading_agencies(dossier)).exists()
    )


def is_staff_reader(user: Any, dossier: Dossier) -> bool:
    """Staff who read the dossier as staff (everything, not the applicant's view)."""
    return bool(getattr(user, "is_authenticated", False)) and (
        StaffRole.objects.filter(user=user, role__in=READING_ROLES).filter(reading_agencies(dossier)).exists()
    )


def can(user: Any, action: Action, dossier: Dossier) -> bool:
    if action == Action.VIEW:
        return can_view(user, dossier)
    spec = ACTIONS.get(action)
    if spec is None:  # not an action on an existing dossier (registering one at the counter)
        return False
    return decide(spec, facts_for(user, dossier, needs=frozenset(spec.requires))).ok


def require_permission(user: Any, action: Action, dossier: Dossier) -> None:
    """`authorize`, for reading too."""
    if action == Action.VIEW:
        if not can_view(user, dossier):
            raise PermissionDenied(action=str(action))
        return
    authorize(user, action, dossier)


def may_register_at(user: Any, agency_id: int) -> bool:
    """Counter registration: an intake officer of the receiving agency."""
    return (
        bool(getattr(user, "is_authenticated", False))
        and StaffRole.objects.filter(user=user, agency_id=agency_id, role=R.INTAKE_OFFICER).exists()
    )


def require_registration(user: Any, agency_id: int) -> None:
    if not may_register_at(user, agency_id):
        raise PermissionDenied(action=str(Action.REGISTER))
