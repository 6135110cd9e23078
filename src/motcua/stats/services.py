"""Writes to the summary tables: the change one dossier event makes, and the rebuild."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db import connection
from django.db.models import Q

from motcua.catalog.models import ProcedureVersion
from motcua.core.time import VN_TZ
from motcua.dossiers.clock import Snapshot, snapshot_of
from motcua.dossiers.models import Dossier

from .figures import BALANCES, COUNTERS, Key, balance_changes, contribution, difference
from .models import DailyFigures, MonthlyBalance, MonthlyFigures, YearlyFigures
from .periods import month_of, year_of

Delta = dict[tuple[date, str], int]


def key_of(dossier: Dossier) -> tuple[Key, str]:
    """The dossier's key in the table and its procedure's online level (one small query, or none when
    the dossier holds its version and procedure, as a submission's does)."""
    if Dossier.procedure_version.is_cached(dossier):  # type: ignore[attr-defined]
        version = dossier.procedure_version
        if ProcedureVersion.procedure.is_cached(version):  # type: ignore[attr-defined]
            key = Key(
                version.competent_agency_id,
                version.procedure_id,
                version.procedure.sector_id or 0,
                dossier.channel,
            )
            return key, version.online_level
    agency_id, procedure_id, sector_id, level = ProcedureVersion.objects.filter(
        pk=dossier.procedure_version_id
    ).values_list("competent_agency_id", "procedure_id", "procedure__sector_id", "online_level")[0]
    return Key(agency_id, procedure_id, sector_id or 0, dossier.channel), level


def on_dossier_event(
    sender: Any, *, dossier: Dossier, before: Snapshot, after: Snapshot, **kwargs: Any
) -> None:
    """Receiver of `dossiers.signals.dossier_event_recorded`: inside the event's transaction."""
    record_change(dossier, before, after)


def record_change(dossier: Dossier, before: Snapshot, after: Snapshot) -> None:
    """Add contribution(after) - contribution(before) of the dossier to the table."""
    key, level = key_of(dossier)
    delta = difference(
        contribution(before, online_level=level, channel=key.channel),
        contribution(after, online_level=level, channel=key.channel),
    )
    if delta:
        _upsert({key: delta})


def _upsert(deltas: dict[Key, Delta], *, derived: bool = True) -> None:
    """Add the deltas to the daily, monthly and yearly tables, with INSERT … ON CONFLICT (SQLite,
    PostgreSQL); the yearly rows and the running balances too, unless `derived` is False (the
    rebuild recomputes those from the monthly table once at the end)."""
    daily: dict[tuple[Key, date], dict[str, int]] = {}
    monthly: dict[tuple[Key, date], dict[str, int]] = {}
    yearly: dict[tuple[Key, date], dict[str, int]] = {}
    for key, delta in deltas.items():
        for (day, counter), amount in delta.items():
            for table, period in ((daily, day), (monthly, month_of(day)), (yearly, year_of(day))):
                counters = table.setdefault((key, period), {})
                counters[counter] = counters.get(counter, 0) + amount
    _insert(DailyFigures._meta.db_table, "day", daily)
    _insert(MonthlyFigures._meta.db_table, "month", monthly)
    if derived:
        _insert(YearlyFigures._meta.db_table, "year", yearly)
        for key, delta in deltas.items():
            for month, change in balance_changes(delta).items():
                _shift_balance(key, month, *change)


def _months(first: date, last: date) -> list[date]:
    """The first days of the months first..last, both included."""
    out, month = [], first
    while month <= last:
        out.append(month)
        month = (month + timedelta(days=32)).replace(day=1)
    return out


_BALANCE = MonthlyBalance._meta.db_table
_KEY_WHERE = "agency_id = %s AND procedure_id = %s AND sector_id = %s AND channel = %s"


def _shift_balance(key: Key, month: date, d_open: int, d_overdue: int) -> None:
    """Add (d_open, d_overdue) to the key's running balances of `month` and of every later month.

    The key's rows stay gapless from its first month to its latest (`last`): a month before the
    first gets rows up to it, a month after the latest gets rows carrying the latest figures forward.
    Unlike the commutative upserts above, this reads before it writes, so on PostgreSQL the key is
    locked for the transaction (SQLite has one writer at a time anyway).
    """
    params = [key.agency_id, key.procedure_id, key.sector_id, key.channel]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT pg_advisory_xact_lock(%s, hashtext(%s))",
                [766_13, f"{key.agency_id}/{key.procedure_id}/{key.sector_id}/{key.channel}"],
            )
        cursor.execute(f"SELECT MIN(month), MAX(month) FROM {_BALANCE} WHERE {_KEY_WHERE}", params)  # noqa: S608
        first, last = cursor.fetchone()
        if isinstance(first, str):  # SQLite returns the aggregate of a date column as text
            first, last = date.fromisoformat(first), date.fromisoformat(last)
        rows: list[list[Any]] = []
        if first is None:
            rows = [[*params, month, d_open, d_overdue, True]]
        elif month < first:
            rows = [[*params, m, d_open, d_overdue, False] for m in _months(month, first)[:-1]]
        elif month > last:
            cursor.execute(
                f"UPDATE {_BALANCE} SET last = %s WHERE {_KEY_WHERE} AND month = %s "  # noqa: S608
                "RETURNING open, overdue",
                [False, *params, last],
            )
            o, v = cursor.fetchone()
            gap = _months(last, month)[1:]
            rows = [[*params, m, o, v, False] for m in gap[:-1]] + [
                [*params, month, o + d_open, v + d_overdue, True]
            ]
        if rows:
            columns = "agency_id, procedure_id, sector_id, channel, month, open, overdue, last"
            for start in range(0, len(rows), 500):
                chunk = rows[start : start + 500]
                values = ", ".join(["(%s, %s, %s, %s, %s, %s, %s, %s)"] * len(chunk))
                cursor.execute(
                    f"INSERT INTO {_BALANCE} ({columns}) VALUES {values}",  # noqa: S608
                    [v for row in chunk for v in row],
                )
        if first is not None and month <= last:
            # The months from `month` (or from the first, when `month` came before it) to the latest.
            cursor.execute(
                f"UPDATE {_BALANCE} SET open = open + %s, overdue = overdue + %s "  # noqa: S608
                f"WHERE {_KEY_WHERE} AND month >= %s",
                [d_open, d_overdue, *params, max(month, first)],
            )


def rebuild_balances() -> int:
    """Recompute the running balances from the monthly table (whole): returns the rows written."""
    MonthlyBalance.objects.all().delete()
    names = [name for terms in BALANCES.values() for name, _ in terms]
    rows = (
        MonthlyFigures.objects.order_by("agency_id", "procedure_id", "sector_id", "channel", "month")
        .values_list("agency_id", "procedure_id", "sector_id", "channel", "month", *names)
        .iterator(chunk_size=20_000)
    )
    out: list[MonthlyBalance] = []
    written = 0
    current: tuple[Any, ...] | None = None
    o = v = 0
    pending: list[MonthlyBalance] = []  # the key's rows since its first change, up to its last one

    def flush_key() -> None:
        nonlocal pending
        if pending:
            pending[-1].last = True
            out.extend(pending)
        pending = []

    for agency_id, procedure_id, sector_id, channel, month, *values in rows:
        key = (agency_id, procedure_id, sector_id, channel)
        if key != current:
            flush_key()
            current, o, v = key, 0, 0
        d_open = values[0] - values[1]
        d_overdue = values[2] - values[3]
        if not pending and d_open == 0 and d_overdue == 0:
            continue
        if pending:  # fill the months without a monthly row with the figures carried forward
            for m in _months(pending[-1].month, month)[1:-1]:
                pending.append(MonthlyBalance(**_key_fields(key), month=m, open=o, overdue=v, last=False))
        o, v = o + d_open, v + d_overdue
        pending.append(MonthlyBalance(**_key_fields(key), month=month, open=o, overdue=v, last=False))
        if len(out) >= 20_000:
            MonthlyBalance.objects.bulk_create(out, batch_size=5000)
            written += len(out)
            out = []
    flush_key()
    MonthlyBalance.objects.bulk_create(out, batch_size=5000)
    return written + len(out)


def _key_fields(key: tuple[Any, ...]) -> dict[str, Any]:
    return {"agency_id": key[0], "procedure_id": key[1], "sector_id": key[2], "channel": key[3]}


def _insert(table: str, period: str, sums: dict[tuple[Key, date], dict[str, int]]) -> None:
    rows = [
        [key.agency_id, key.procedure_id, key.sector_id, key.channel, day, *(c.get(n, 0) for n in COUNTERS)]
        for (key, day), c in sorted(sums.items(), key=lambda item: (item[0][1], item[0][0].procedure_id))
        if any(c.values())
    ]
    if not rows:
        return
    columns = ["agency_id", "procedure_id", "sector_id", "channel", period, *COUNTERS]
    placeholders = "(" + ", ".join(["%s"] * len(columns)) + ")"
    updates = ", ".join(f"{c} = {table}.{c} + excluded.{c}" for c in COUNTERS)
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 500):
            chunk = rows[start : start + 500]
            # Table and column names are this module's constants; every value is a parameter.
            values = ", ".join([placeholders] * len(chunk))
            sql = (
                f"INSERT INTO {table} ({', '.join(columns)}) VALUES {values} "  # noqa: S608
                f"ON CONFLICT (agency_id, procedure_id, sector_id, channel, {period}) DO UPDATE SET {updates}"
            )
            cursor.execute(sql, [value for row in chunk for value in row])


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=VN_TZ)


def dossiers_touching(since: date | None) -> Any:
    """The dossiers that may add to a day >= `since` (all of them without `since`)."""
    rows = Dossier.objects.all()
    if since is None:
        return rows
    start = _start_of(since)
    # A contribution falls on the reception, due or end day, or on max(due, end): an open dossier
    # received and due before `since` adds nothing to the days from it.
    return rows.filter(Q(received_at__gte=start) | Q(finished_at__gte=start) | Q(due_at__gte=start))


def contributions(dossiers: Iterable[Dossier], since: date | None = None) -> dict[Key, Counter]:
    """Each key's summed contribution of `dossiers` (only days >= `since` when given)."""
    versions: dict[int, tuple[Key, str]] = {}
    out: dict[Key, Counter] = {}
    for dossier in dossiers:
        if dossier.procedure_version_id not in versions:
            versions[dossier.procedure_version_id] = key_of(dossier)
        key, level = versions[dossier.procedure_version_id]
        key = Key(key.agency_id, key.procedure_id, key.sector_id, dossier.channel)
        part = contribution(snapshot_of(dossier), online_level=level, channel=dossier.channel)
        if since is not None:
            part = Counter({k: v for k, v in part.items() if k[0] >= since})
        out.setdefault(key, Counter()).update(part)
    return out
