"""The time limits of feedback handling (Decision 766, index 5.2), counted in working days.

Pure: the calendar is given (`workcalendar.engine.WorkCalendar` of the responsible agency).

- From receipt: accept or refuse within 2 working days, ask for more information within 5, answer
  within 15.
- While the citizen is asked for more information the handling clock stops; the working time that
  was left at the request counts again from the citizen's reply (a feedback already late stays late).
- Once answered, with the citizen's consent, the answer is published within 2 working days.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

DECIDE_DAYS = 2
ASK_INFO_DAYS = 5
HANDLE_DAYS = 15
PUBLISH_DAYS = 2


class Calendar(Protocol):
    day_seconds: int

    def add(self, start: datetime, amount: int, unit: str) -> datetime: ...

    def add_seconds(self, start: datetime, seconds: int) -> datetime: ...

    def next_working_moment(self, moment: datetime) -> datetime: ...

    def working_seconds_between(self, a: datetime, b: datetime) -> int: ...


@dataclass(frozen=True)
class Deadlines:
    decide_due: datetime
    info_due: datetime
    handle_due: datetime


def on_receipt(cal: Calendar, received_at: datetime) -> Deadlines:
    """The three due moments that start when the feedback is received."""
    return Deadlines(
        decide_due=cal.add(received_at, DECIDE_DAYS, "day"),
        info_due=cal.add(received_at, ASK_INFO_DAYS, "day"),
        handle_due=cal.add(received_at, HANDLE_DAYS, "day"),
    )


def resume_after_info(
    cal: Calendar, *, handle_due: datetime, asked_at: datetime, replied_at: datetime
) -> datetime:
    """The handling due moment once the citizen has replied: the time left at the request, again."""
    left = cal.working_seconds_between(asked_at, handle_due)
    if left <= 0:
        return handle_due
    # Working time is counted in whole seconds: never let the rounding move the due moment earlier.
    return max(handle_due, cal.add_seconds(cal.next_working_moment(replied_at), left))


def publish_due(cal: Calendar, answered_at: datetime) -> datetime:
    return cal.add(answered_at, PUBLISH_DAYS, "day")


def on_time(done_at: datetime, due: datetime | None) -> bool:
    return due is None or done_at <= due
