"""What one dossier adds to the daily summary table, and Form 06 from the table's sums (pure, no ORM).

A dossier's contribution is a function of its snapshot (`dossiers.clock.Snapshot`) alone: the
counters it adds, each on a local day. The table is the sum of every dossier's contribution, so an
event changes it by `contribution(after) - contribution(before)`, and a rebuild sums the
contributions of the cached snapshots: the two cannot disagree.

Counters (one row per agency, procedure, sector, channel and local day):

- ``received``: received (the legal clock started) on the day; ``received_e2e`` and
  ``received_partial`` split the online ones by the procedure's online level;
- ``ended``: a received dossier ended on the day (resolved, stopped or withdrawn): Decision 766's
  end moment, priority 9 (resolved) before 10 (returned), so a returned dossier ended when resolved;
- ``resolved_early`` / ``resolved_on_time`` / ``resolved_late`` (+ ``late_with_apology``): resolved on
  the day, classed against the due moment, which already leaves out the time spent waiting for
  the applicant (the clock pauses); more than one supplement request makes it late (766 rule 2.1);
- ``stopped``, ``withdrawn``: ended without a result on the day; ``refused``: not accepted (no reception);
- ``due``: the dossier's current due moment falls on the day; ``settled``: the day
  max(due day, end day) of an ended dossier. A dossier is overdue at the end of day T when its due
  day is <= T and it has not ended by T, so overdue(T) = sum(due, <= T) - sum(settled, <= T);
- ``resolved_minutes``: minutes from reception to resolution (Σ for index 2.2, average time).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from motcua.core.time import local
from motcua.dossiers.clock import Snapshot, timeliness

COUNTERS: tuple[str, ...] = (
    "received",
    "received_e2e",
    "received_partial",
    "ended",
    "resolved_early",
    "resolved_on_time",
    "resolved_late",
    "late_with_apology",
    "stopped",
    "withdrawn",
    "refused",
    "due",
    "settled",
    "resolved_minutes",
)

RESOLVED_STATES = frozenset({"resolved", "returned"})


@dataclass(frozen=True)
class Key:
    """Where a dossier's figures are filed (the day is added per counter)."""

    agency_id: int
    procedure_id: int
    sector_id: int | None
    channel: str


def day_of(moment: datetime) -> date:
    """The local (Asia/Ho_Chi_Minh) day of a moment."""
    return local(moment).date()


def resolution(snap: Snapshot) -> str:
    """'early', 'on_time' or 'late' for a resolved dossier (Decision 766 index 2.1)."""
    if snap.supplement_count > 1:
        return "late"
    assert snap.finished_at is not None
    return timeliness(snap.finished_at, snap.due_at)


def contribution(snap: Snapshot, *, online_level: str = "partial", channel: str = "counter") -> Counter:
    """{(day, counter): amount} that a dossier in state `snap` adds to the table."""
    out: Counter = Counter()
    if snap.received_at is None:
        if snap.state == "refused" and snap.finished_at is not None:
            out[(day_of(snap.finished_at), "refused")] += 1
        return out
    received = day_of(snap.received_at)
    out[(received, "received")] += 1
    if channel == "online":
        if online_level == "end_to_end":
            out[(received, "received_e2e")] += 1
        else:
            out[(received, "received_partial")] += 1
    due = day_of(snap.due_at) if snap.due_at is not None else None
    if due is not None:
        out[(due, "due")] += 1
    if snap.finished_at is None:
        return out
    ended = day_of(snap.finished_at)
    out[(ended, "ended")] += 1
    if due is not None:
        out[(max(due, ended), "settled")] += 1
    if snap.state in RESOLVED_STATES:
        kind = resolution(snap)
        out[(ended, f"resolved_{kind}")] += 1
        if kind == "late" and snap.apology_count:
            out[(ended, "late_with_apology")] += 1
        minutes = int((snap.finished_at - snap.received_at).total_seconds() // 60)
        out[(ended, "resolved_minutes")] += minutes
    elif snap.withdrawal_from:
        out[(ended, "withdrawn")] += 1
    else:
        out[(ended, "stopped")] += 1
    return out


def difference(before: Counter, after: Counter) -> dict[tuple[date, str], int]:
    """after - before, zeros left out (Counter subtraction would drop negatives)."""
    keys = set(before) | set(after)
    return {k: after.get(k, 0) - before.get(k, 0) for k in keys if after.get(k, 0) != before.get(k, 0)}


# --- Running balances ------------------------------------------------------------------------------

# The two history-wide quantities of Form 06, as signed counter sums: a dossier is open at the end of
# day T when received(<= T) - ended(<= T) counts it, overdue when due(<= T) - settled(<= T) does.
BALANCES: dict[str, tuple[tuple[str, int], ...]] = {
    "open": (("received", 1), ("ended", -1)),
    "overdue": (("due", 1), ("settled", -1)),
}


def balance_changes(delta: Mapping[tuple[date, str], int]) -> dict[date, tuple[int, int]]:
    """{first day of month: (open, overdue)} that a change of the daily counters adds to the running
    balances of that month and of every later month; months whose change is (0, 0) left out."""
    out: dict[date, list[int]] = {}
    for (day, counter), amount in delta.items():
        for i, terms in enumerate(BALANCES.values()):
            for name, sign in terms:
                if name == counter:
                    out.setdefault(day.replace(day=1), [0, 0])[i] += sign * amount
    return {m: (v[0], v[1]) for m, v in sorted(out.items()) if v != [0, 0]}


# --- Form 06 from sums ---------------------------------------------------------------------------

# The sums a selector reads from the tables for one group and one period [start, end], with
# T = min(end, today) for overdue (the three balances come from the running balances):
SUMS: tuple[str, ...] = (
    "open_before",  # received - ended, day < start
    "received_in",  # received, start <= day <= end
    "received_online_in",
    "received_e2e_in",
    "received_partial_in",
    "received_postal_in",
    "resolved_early_in",
    "resolved_on_time_in",
    "resolved_late_in",
    "late_with_apology_in",
    "stopped_in",
    "withdrawn_in",
    "refused_in",
    "open_upto",  # received - ended, day <= end
    "overdue_upto",  # due - settled, day <= T
    "resolved_minutes_in",
)

FORM06_COLUMNS: tuple[str, ...] = (
    "received_total",
    "received_online",
    "received_direct",
    "carried_over",
    "resolved_total",
    "resolved_early",
    "resolved_on_time",
    "resolved_late",
    "pending_total",
    "pending_on_time",
    "pending_overdue",
)
WIDE_COLUMNS: tuple[str, ...] = (
    "received_new",
    "received_online_e2e",
    "received_online_partial",
    "received_postal",
    "received_counter",
    "resolved_late_with_apology",
    "resolved_late_without_apology",
    "not_accepted",
    "stopped",
    "withdrawn",
    "on_time_rate",
    "average_minutes",
)


def rate(numerator: float, denominator: float) -> float | None:
    """A percentage rounded to 2 decimals; None (shown N/A) when the denominator is 0."""
    if not denominator:
        return None
    return round(numerator * 100 / denominator, 2)


def form06(sums: Mapping[str, Any]) -> dict[str, Any]:
    """Form 06/VPCP/KSTT columns (3)-(13) and the wider 2026 columns from one group's sums."""
    s = {k: int(sums.get(k) or 0) for k in SUMS}
    carried = s["open_before"]
    online = s["received_online_in"]
    direct = s["received_in"] - online  # at the counter or by post
    resolved = s["resolved_early_in"] + s["resolved_on_time_in"] + s["resolved_late_in"]
    pending = s["open_upto"]
    overdue = s["overdue_upto"]
    return {
        "received_total": s["received_in"] + carried,
        "received_online": online,
        "received_direct": direct,
        "carried_over": carried,
        "resolved_total": resolved,
        "resolved_early": s["resolved_early_in"],
        "resolved_on_time": s["resolved_on_time_in"],
        "resolved_late": s["resolved_late_in"],
        "pending_total": pending,
        "pending_on_time": pending - overdue,
        "pending_overdue": overdue,
        "received_new": s["received_in"],
        "received_online_e2e": s["received_e2e_in"],
        "received_online_partial": s["received_partial_in"],
        "received_postal": s["received_postal_in"],
        "received_counter": direct - s["received_postal_in"],
        "resolved_late_with_apology": s["late_with_apology_in"],
        "resolved_late_without_apology": s["resolved_late_in"] - s["late_with_apology_in"],
        "not_accepted": s["refused_in"],
        "stopped": s["stopped_in"],
        "withdrawn": s["withdrawn_in"],
        "on_time_rate": rate(s["resolved_early_in"] + s["resolved_on_time_in"], resolved),
        "average_minutes": round(s["resolved_minutes_in"] / resolved, 2) if resolved else None,
    }


def add_rows(rows: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """The total row: counts added, rates recomputed from the added counts."""
    total: dict[str, Any] = {c: sum(int(r[c]) for r in rows) for c in (*FORM06_COLUMNS, *WIDE_COLUMNS[:-2])}
    resolved = total["resolved_total"]
    total["on_time_rate"] = rate(total["resolved_early"] + total["resolved_on_time"], resolved)
    minutes = sum((r["average_minutes"] or 0) * r["resolved_total"] for r in rows)
    total["average_minutes"] = round(minutes / resolved, 2) if resolved else None
    return total
