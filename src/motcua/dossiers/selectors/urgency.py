"""How urgent a dossier is, in working time on the receiving agency's calendar.

Read by the officers' worklists and by the applicant's "Hồ sơ của tôi" alike: one rule for overdue.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any, Protocol

from motcua.core.time import VN_TZ, local
from motcua.dossiers import clock
from motcua.dossiers.models import Dossier
from motcua.dossiers.states import State


def day_bounds(at: datetime) -> tuple[datetime, datetime]:
    """Midnight to midnight of `at`'s day in Vietnam."""
    start = datetime.combine(local(at).date(), time(0), tzinfo=VN_TZ)
    return start, start + timedelta(days=1)


@dataclass(frozen=True)
class Urgency:
    """How urgent a dossier is for the officer, in working time on the receiving agency's calendar."""

    level: str  # "overdue", "today", "soon" (within one working day), "normal", "paused", "finished",
    # "closed" (refused or stopped), "none" (no due moment yet)
    seconds: int | None = None  # working seconds left; negative when overdue
    target: datetime | None = None
    timeliness: str = ""  # when finished: "early", "on_time" or "late" (dossiers.clock.timeliness)

    @property
    def is_urgent(self) -> bool:
        return self.level in ("overdue", "today")


class DueFacts(Protocol):
    """What urgency reads of a dossier: a `Dossier`, or a worklist's row of values."""

    @property
    def state(self) -> str: ...
    @property
    def due_at(self) -> datetime | None: ...
    @property
    def finished_at(self) -> datetime | None: ...
    @property
    def returned_at(self) -> datetime | None: ...
    @property
    def paused_at(self) -> datetime | None: ...
    @property
    def clock(self) -> Any: ...
    @property
    def receiving_agency_id(self) -> Any: ...


def urgency_of(dossier: DueFacts | Dossier, at: datetime) -> Urgency:
    """Overdue, due today, or the working time left before the due moment (never the apology's date)."""
    from motcua.workcalendar.selectors import calendar_for

    due = dossier.due_at
    if dossier.state in (State.REFUSED, State.STOPPED):
        return Urgency("closed")  # ended without a result: no deadline left to meet
    finished = dossier.finished_at or dossier.returned_at
    if dossier.state in (State.RESOLVED, State.RETURNED) and finished is not None:
        # The clock stopped when processing finished: say how it ended, as the official reports do.
        return Urgency("finished", target=due, timeliness=clock.timeliness(finished, due))
    if due is None:
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
