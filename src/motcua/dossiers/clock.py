"""The dossier's state and deadlines, derived from its events (pure functions, no ORM).

`apply_event` is the only place where the meaning of an event for state and deadlines is
defined; services use it to update the cached columns, and `replay` folds it over the whole
history, so the two can never disagree.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field, fields, replace
from datetime import datetime, time
from typing import Any, Protocol

from .states import State

K_SUBMITTED = "submitted"
K_RECEIVED = "received"
K_REFUSED = "refused"
K_SUPPLEMENT_REQUESTED = "supplement_requested"
K_SUPPLEMENTED = "supplemented"
K_TRANSFERRED = "transferred"
K_ASSIGNED = "assigned"
K_FIN_REQUESTED = "financial_obligation_requested"
K_FIN_FULFILLED = "financial_obligation_fulfilled"
K_RESOLVED = "resolved"
K_RETURNED = "returned"
K_WITHDRAWAL_REQUESTED = "withdrawal_requested"
K_WITHDRAWAL_REJECTED = "withdrawal_rejected"
K_STOPPED = "stopped"
K_APOLOGISED = "apologised"
K_RESULT_ATTACHED = "result_attached"
K_PEER_STATUS = "peer_status"
K_OWNER_LINKED = "owner_linked"
K_FEE_PAID = "fee_paid"
K_EXEMPTION_CONFIRMED = "exemption_confirmed"
K_EXEMPTION_REJECTED = "exemption_rejected"


class Calendar(Protocol):
    def add(self, start: datetime, amount: int, unit: str, cut_off: time | None = None) -> datetime: ...

    def add_seconds(self, start: datetime, seconds: int) -> datetime: ...

    def working_seconds_between(self, a: datetime, b: datetime) -> int: ...

    def is_working_moment(self, moment: datetime) -> bool: ...

    def next_working_moment(self, moment: datetime) -> datetime: ...


@dataclass(frozen=True)
class StepTerms:
    position: int
    allotted_time: int
    allotted_unit: str


@dataclass(frozen=True)
class Terms:
    """What the procedure version says about time."""

    processing_time: int
    processing_time_unit: str
    cut_off: time | None = None
    pause_on_financial_obligation: bool = False
    steps: tuple[StepTerms, ...] = ()

    def step(self, position: int | None) -> StepTerms | None:
        return next((s for s in self.steps if s.position == position), None)


@dataclass(frozen=True)
class Event:
    kind: str
    at: datetime
    to_state: str
    payload: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Snapshot:
    state: str = ""
    submitted_at: datetime | None = None
    received_at: datetime | None = None
    due_at: datetime | None = None
    appointment_at: datetime | None = None
    finished_at: datetime | None = None
    returned_at: datetime | None = None
    paused_at: datetime | None = None
    # Signed working seconds left at the pause (negative: already late when paused).
    remaining_seconds: int | None = None
    step_remaining_seconds: int | None = None
    resume_state: str = ""
    withdrawal_from: str = ""
    current_agency_id: int | None = None
    current_unit_id: int | None = None
    assignee_id: int | None = None
    current_step: int | None = None
    step_started_at: datetime | None = None
    step_due_at: datetime | None = None
    supplement_count: int = 0
    apology_count: int = 0
    last_event_at: datetime | None = None


def _signed_remaining(cal: Calendar, at: datetime, due: datetime | None) -> int | None:
    if due is None:
        return None
    if at <= due:
        return cal.working_seconds_between(at, due)
    return -cal.working_seconds_between(due, at)


def _resumed_due(
    cal: Calendar, at: datetime, old_due: datetime | None, remaining: int | None
) -> datetime | None:
    if old_due is None or remaining is None:
        return old_due
    if remaining < 0:
        return old_due  # already late when paused: the pause cannot make it on time again
    return cal.add_seconds(at, remaining)


def _pause(snap: Snapshot, cal: Calendar, at: datetime) -> Snapshot:
    if snap.received_at is None or snap.paused_at is not None:
        return snap
    return replace(
        snap,
        paused_at=at,
        remaining_seconds=_signed_remaining(cal, at, snap.due_at),
        step_remaining_seconds=_signed_remaining(cal, at, snap.step_due_at),
    )


def _resume(snap: Snapshot, cal: Calendar, at: datetime) -> Snapshot:
    if snap.paused_at is None:
        return snap
    return replace(
        snap,
        paused_at=None,
        due_at=_resumed_due(cal, at, snap.due_at, snap.remaining_seconds),
        step_due_at=_resumed_due(cal, at, snap.step_due_at, snap.step_remaining_seconds),
        remaining_seconds=None,
        step_remaining_seconds=None,
    )


def _enter_step(snap: Snapshot, terms: Terms, cal: Calendar, at: datetime, position: int | None) -> Snapshot:
    step = terms.step(position)
    step_due = cal.add(at, step.allotted_time, step.allotted_unit) if step else None
    return replace(snap, current_step=position, step_started_at=at, step_due_at=step_due)


def apply_event(snap: Snapshot, event: Event, terms: Terms, cal: Calendar) -> Snapshot:
    """The snapshot after `event`. Legality is checked by the services before the event exists."""
    at, payload = event.at, event.payload
    snap = replace(snap, state=event.to_state, last_event_at=at)
    kind = event.kind
    if kind == K_SUBMITTED:
        return replace(
            snap,
            submitted_at=at,
            current_agency_id=payload.get("agency_id"),
            current_unit_id=payload.get("unit_id"),
        )
    if kind == K_RECEIVED:
        # An inter-agency dossier received from another instance carries its share of the time: the
        # due moment the handing agency gave this one (motcua.interagency); else the procedure's.
        due = (
            datetime.fromisoformat(payload["due_at"])
            if payload.get("due_at")
            else cal.add(at, terms.processing_time, terms.processing_time_unit, terms.cut_off)
        )
        snap = replace(snap, received_at=at, due_at=due, current_unit_id=payload.get("unit_id"))
        first = terms.steps[0].position if terms.steps else None
        return _enter_step(snap, terms, cal, at, first)
    if kind in (K_REFUSED, K_STOPPED):
        return replace(snap, finished_at=snap.finished_at or at, paused_at=None)
    if kind == K_SUPPLEMENT_REQUESTED:
        snap = replace(snap, resume_state=payload["resume_state"], supplement_count=snap.supplement_count + 1)
        return _pause(snap, cal, at)
    if kind == K_SUPPLEMENTED:
        return _resume(replace(snap, resume_state=""), cal, at)
    if kind == K_TRANSFERRED:
        snap = replace(
            snap,
            current_agency_id=payload["to_agency_id"],
            current_unit_id=payload.get("to_unit_id"),
            assignee_id=payload.get("to_assignee_id"),
        )
        return _enter_step(snap, terms, cal, at, payload.get("step"))
    if kind == K_ASSIGNED:
        return replace(snap, assignee_id=payload.get("assignee_id"))
    if kind == K_FIN_REQUESTED:
        return _pause(snap, cal, at) if terms.pause_on_financial_obligation else snap
    if kind == K_FIN_FULFILLED:
        return _resume(snap, cal, at)
    if kind == K_RESOLVED:
        snap = _resume(snap, cal, at)
        return replace(snap, finished_at=at)
    if kind == K_RETURNED:
        return replace(snap, returned_at=at)
    if kind == K_WITHDRAWAL_REQUESTED:
        return replace(snap, withdrawal_from=payload["withdrawal_from"])
    if kind == K_WITHDRAWAL_REJECTED:
        return replace(snap, withdrawal_from="")
    if kind == K_APOLOGISED:
        return replace(
            snap,
            appointment_at=datetime.fromisoformat(payload["new_appointment"]),
            apology_count=snap.apology_count + 1,
        )
    if kind in (
        K_RESULT_ATTACHED,
        K_OWNER_LINKED,
        K_FEE_PAID,
        K_EXEMPTION_CONFIRMED,
        K_EXEMPTION_REJECTED,
        K_PEER_STATUS,
    ):
        return snap
    raise ValueError(f"unknown event kind {kind!r}")


def replay(events: Iterable[Event], terms: Terms, cal: Calendar) -> Snapshot:
    snap = Snapshot()
    for event in events:
        snap = apply_event(snap, event, terms, cal)
    return snap


def timeliness(done_at: datetime, due_at: datetime | None) -> str:
    """'early', 'on_time' or 'late' for a step or a dossier finished at `done_at`.

    Finishing within the same minute as the due moment counts as on time.
    """
    if due_at is None:
        return "on_time"
    delta = (done_at - due_at).total_seconds()
    if delta < -60:
        return "early"
    if delta > 60:
        return "late"
    return "on_time"


SNAPSHOT_COLUMNS: Sequence[str] = (
    "state",
    "submitted_at",
    "received_at",
    "due_at",
    "appointment_at",
    "finished_at",
    "returned_at",
    "paused_at",
    "current_agency_id",
    "current_unit_id",
    "assignee_id",
    "current_step",
    "step_due_at",
    "supplement_count",
    "apology_count",
)
EXTRA_FIELDS: Sequence[str] = (
    "remaining_seconds",
    "step_remaining_seconds",
    "resume_state",
    "withdrawal_from",
    "step_started_at",
    "last_event_at",
)

# --- the snapshot as the dossier row caches it ----------------------------------------------------


def snapshot_of(dossier: Any) -> Snapshot:
    """The snapshot cached on a dossier row (its columns, the rest in its `clock` JSON)."""
    values: dict[str, Any] = {name: getattr(dossier, name) for name in SNAPSHOT_COLUMNS}
    extra = dossier.clock or {}
    for name in EXTRA_FIELDS:
        value = extra.get(name)
        if name in ("step_started_at", "last_event_at") and value:
            value = datetime.fromisoformat(value)
        values[name] = value if value is not None else _DEFAULTS[name]
    return Snapshot(**values)


def store_snapshot(dossier: Any, snap: Snapshot) -> None:
    """Write `snap` onto the dossier row (the caller saves it)."""
    data = asdict(snap)
    for name in SNAPSHOT_COLUMNS:
        setattr(dossier, name, data[name])
    dossier.clock = {
        name: (data[name].isoformat() if isinstance(data[name], datetime) else data[name])
        for name in EXTRA_FIELDS
    }


_DEFAULTS: dict[str, Any] = {f.name: f.default for f in fields(Snapshot)}

__all__ = [
    "Event",
    "Snapshot",
    "State",
    "StepTerms",
    "Terms",
    "apply_event",
    "replay",
    "snapshot_of",
    "store_snapshot",
    "timeliness",
]
