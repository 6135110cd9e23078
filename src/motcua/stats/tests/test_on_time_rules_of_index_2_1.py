"""Decision 766 index 2.1 on hand-made histories (integration reference B5.1), values worked out by hand.

The calendar here counts every hour, so the arithmetic can be followed on paper: received Monday
5 January 2026 08:00 with a limit of 4 days → due Friday 9 January 08:00.
"""

from datetime import timedelta

from motcua.dossiers import clock
from motcua.stats.figures import contribution, resolution

from .streams import CALENDAR, START, TERMS

LIMIT = clock.Terms(processing_time=4, processing_time_unit="day")


def run(*steps):
    snap = clock.Snapshot()
    for kind, hours, to_state, payload in steps:
        snap = clock.apply_event(
            snap, clock.Event(kind, START + timedelta(hours=hours), to_state, payload), LIMIT, CALENDAR
        )
    return snap


RECEIVED = ("received", 0, "received", {})


def test_time_waiting_for_the_applicant_does_not_count():
    # Asked Tuesday 08:00 (24 h in), supplied Thursday 08:00 (48 h later): due moves to Sunday 08:00.
    snap = run(
        RECEIVED,
        ("supplement_requested", 24, "supplement_requested", {"resume_state": "received"}),
        ("supplemented", 72, "received", {}),
        ("resolved", 24 * 5 + 7, "resolved", {}),  # Saturday 15:00: after the first due, before the moved one
    )
    assert snap.due_at == START + timedelta(days=6)
    assert resolution(snap) == "early"


def test_finishing_at_the_due_moment_is_on_time_and_after_it_late():
    assert resolution(run(RECEIVED, ("resolved", 96, "resolved", {}))) == "on_time"
    assert resolution(run(RECEIVED, ("resolved", 97, "resolved", {}))) == "late"


def test_more_than_one_supplement_request_makes_a_dossier_late():
    ask = ("supplement_requested", 1, "supplement_requested", {"resume_state": "received"})
    snap = run(
        RECEIVED,
        ask,
        ("supplemented", 2, "received", {}),
        (ask[0], 3, ask[2], ask[3]),
        ("supplemented", 4, "received", {}),
        ("resolved", 5, "resolved", {}),  # long before the due moment
    )
    assert resolution(snap) == "late"


def test_returned_dossier_ends_when_it_was_resolved_not_when_returned():
    snap = run(RECEIVED, ("resolved", 82, "resolved", {}), ("returned", 200, "returned", {}))
    added = contribution(snap)
    assert added[(START.date() + timedelta(days=3), "resolved_early")] == 1  # Thursday 18:00
    assert not any(counter == "resolved_late" for _, counter in added)


def test_an_open_dossier_past_its_due_day_counts_overdue():
    snap = run(RECEIVED)
    added = contribution(snap)
    # due Friday; not ended: nothing settles it, so from Friday on it is overdue.
    assert added[(START.date() + timedelta(days=4), "due")] == 1
    assert not any(counter == "settled" for _, counter in added)
    assert TERMS.processing_time == 3  # (the random streams use a shorter limit)
