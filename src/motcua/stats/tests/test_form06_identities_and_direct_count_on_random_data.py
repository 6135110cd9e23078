"""Form 06 from the table's sums keeps its arithmetic identities and equals a direct count of the dossiers."""

from collections import Counter
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from motcua.stats.figures import contribution, day_of, form06, resolution

from .streams import history, snapshots

DAY0 = date(2026, 1, 1)


def sums_from_table(table: Counter, channels: dict, start: date, end: date, today: date) -> dict:
    """What selectors._sums computes in SQL, over an in-memory table {(dossier, day, counter): n}."""
    t = min(end, today)
    s: Counter = Counter()
    for (i, day, counter), n in table.items():
        sign = {"received": 1, "ended": -1, "due": 1, "settled": -1}.get(counter, 0)
        if day < start and counter in ("received", "ended"):
            s["open_before"] += sign * n
        if start <= day <= end:
            s[f"{counter}_in"] += n
            if counter == "received" and channels[i] == "online":
                s["received_online_in"] += n
            if counter == "received" and channels[i] == "postal":
                s["received_postal_in"] += n
            if counter in ("received_e2e", "received_partial"):
                s[f"{counter}_in"] += 0
        if day <= end and counter in ("received", "ended"):
            s["open_upto"] += sign * n
        if day <= t and counter in ("due", "settled"):
            s["overdue_upto"] += sign * n
    return s


def direct_count(snaps: list, start: date, end: date, today: date) -> dict:
    """Domain reference §12.4, dossier by dossier, on local days."""
    t = min(end, today)
    c: Counter = Counter()
    for s in snaps:
        if s.received_at is None:
            continue
        received, ended = day_of(s.received_at), (day_of(s.finished_at) if s.finished_at else None)
        if received < start and (ended is None or ended >= start):
            c["carried_over"] += 1
        if start <= received <= end:
            c["received_new"] += 1
        if ended is not None and start <= ended <= end and s.state in ("resolved", "returned"):
            c["resolved_total"] += 1
            c[f"resolved_{resolution(s)}"] += 1
        if received <= end and (ended is None or ended > end):
            c["pending_total"] += 1
            if day_of(s.due_at) <= t and (ended is None or ended > t):
                c["pending_overdue"] += 1
    return c


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(history(), st.sampled_from(["counter", "online", "postal"])), min_size=1, max_size=15),
    st.integers(0, 40),
    st.integers(0, 40),
    st.integers(0, 60),
)
def test_form06_identities_and_counts(dossiers, first, length, today_offset):
    start, end = DAY0 + timedelta(days=first), DAY0 + timedelta(days=first + length)
    today = DAY0 + timedelta(days=today_offset)
    table: Counter = Counter()
    channels, finals = {}, []
    for i, (events, channel) in enumerate(dossiers):
        final = snapshots(events)[-1]
        finals.append(final)
        channels[i] = channel
        for (day, counter), n in contribution(final, channel=channel).items():
            table[(i, day, counter)] += n
    # Nothing has happened after today (events are never in the future).
    last = max((e.at for events, _ in dossiers for e in events), default=None)
    if last is not None:
        today = max(today, day_of(last))
    row = form06(sums_from_table(table, channels, start, end, today))

    # Form 06's identities (integration reference B5).
    assert row["received_total"] == row["received_online"] + row["received_direct"] + row["carried_over"]
    assert row["resolved_total"] == row["resolved_early"] + row["resolved_on_time"] + row["resolved_late"]
    assert row["pending_total"] == row["pending_on_time"] + row["pending_overdue"]
    assert (
        row["received_total"]
        == row["resolved_total"] + row["pending_total"] + row["stopped"] + row["withdrawn"]
    )
    assert row["received_direct"] == row["received_counter"] + row["received_postal"]
    assert all(
        row[k] >= 0 for k in row if k not in ("on_time_rate", "average_minutes") and row[k] is not None
    )

    # And the same figures counted dossier by dossier.
    direct = direct_count(finals, start, end, today)
    for column in (
        "carried_over",
        "received_new",
        "resolved_total",
        "resolved_early",
        "resolved_on_time",
        "resolved_late",
        "pending_total",
        "pending_overdue",
    ):
        assert row[column] == direct[column], column
