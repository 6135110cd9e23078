"""Random dossier histories for the property tests: legal event streams through the pure clock."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from hypothesis import strategies as st

from motcua.core.time import VN_TZ
from motcua.dossiers import clock

TERMS = clock.Terms(processing_time=3, processing_time_unit="day")
START = datetime(2026, 1, 5, 8, 0, tzinfo=VN_TZ)


class WallCalendar:
    """Every second is working time: enough for the arithmetic the statistics rely on."""

    def add(self, start: datetime, amount: int, unit: str, cut_off: time | None = None) -> datetime:
        return start + (timedelta(days=amount) if unit == "day" else timedelta(hours=amount))

    def add_seconds(self, start: datetime, seconds: int) -> datetime:
        return start + timedelta(seconds=seconds)

    def working_seconds_between(self, a: datetime, b: datetime) -> int:
        return int((b - a).total_seconds())

    def is_working_moment(self, moment: datetime) -> bool:
        return True

    def next_working_moment(self, moment: datetime) -> datetime:
        return moment


CALENDAR = WallCalendar()

# From each state, the events a history may take next: (kind, to_state or None for "resume").
MOVES: dict[str, list[tuple[str, str | None]]] = {
    "": [("submitted", "submitted"), ("received", "received")],
    "submitted": [
        ("received", "received"),
        ("refused", "refused"),
        ("supplement_requested", "supplement_requested"),
    ],
    "received": [
        ("transferred", "processing"),
        ("supplement_requested", "supplement_requested"),
        ("withdrawal_requested", "withdrawal_requested"),
        ("apologised", "received"),
    ],
    "processing": [
        ("transferred", "processing"),
        ("supplement_requested", "supplement_requested"),
        ("resolved", "resolved"),
        ("stopped", "stopped"),
        ("withdrawal_requested", "withdrawal_requested"),
        ("apologised", "processing"),
    ],
    "supplement_requested": [("supplemented", None), ("stopped", "stopped")],
    "withdrawal_requested": [("stopped", "stopped"), ("withdrawal_rejected", None)],
    "resolved": [("returned", "returned")],
}


@st.composite
def history(draw: st.DrawFn, max_events: int = 9) -> list[clock.Event]:
    """A legal history of one dossier: events with increasing times, the payloads the clock reads."""
    events: list[clock.Event] = []
    snap = clock.Snapshot()
    at = START + timedelta(hours=draw(st.integers(0, 24 * 20)))
    for _ in range(draw(st.integers(1, max_events))):
        moves = MOVES.get(snap.state)
        if not moves:
            break
        kind, to_state = draw(st.sampled_from(moves))
        payload: dict = {}
        if kind == "supplement_requested":
            payload = {"resume_state": "submitted" if snap.state == "submitted" else snap.state}
        if kind == "withdrawal_requested":
            payload = {"withdrawal_from": snap.state}
        if kind == "transferred":
            payload = {"to_agency_id": 1}
        if kind == "apologised":
            payload = {"new_appointment": (at + timedelta(days=2)).isoformat()}
        if to_state is None:
            to_state = snap.resume_state if kind == "supplemented" else snap.withdrawal_from
        event = clock.Event(kind, at, to_state, payload)
        snap = clock.apply_event(snap, event, TERMS, CALENDAR)
        events.append(event)
        at += timedelta(minutes=draw(st.integers(1, 60 * 24 * 3)))
    return events


def snapshots(events: list[clock.Event]) -> list[clock.Snapshot]:
    """The snapshot before the first event and after each one."""
    out = [clock.Snapshot()]
    for event in events:
        out.append(clock.apply_event(out[-1], event, TERMS, CALENDAR))
    return out
