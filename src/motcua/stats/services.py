"""Writes to the summary table: the change one dossier event makes, and the rebuild."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from datetime import date, datetime, time
from typing import Any

from django.db import connection, transaction
from django.db.models import Q

from motcua.catalog.models import ProcedureVersion
from motcua.core.time import VN_TZ
from motcua.dossiers.clock import Snapshot, snapshot_of
from motcua.dossiers.models import Dossier

from .figures import COUNTERS, Key, contribution, difference
from .models import DailyFigures, MonthlyFigures

Delta = dict[tuple[date, str], int]


def key_of(dossier: Dossier) -> tuple[Key, str]:
    """The dossier's key in the table and its procedure's online level (one small query)."""
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


def _upsert(deltas: dict[Key, Delta]) -> None:
    """Add the deltas to the daily and the monthly table, with INSERT … ON CONFLICT (SQLite, PostgreSQL)."""
    daily: dict[tuple[Key, date], dict[str, int]] = {}
    monthly: dict[tuple[Key, date], dict[str, int]] = {}
    for key, delta in deltas.items():
        for (day, counter), amount in delta.items():
            for table, period in ((daily, day), (monthly, day.replace(day=1))):
                counters = table.setdefault((key, period), {})
                counters[counter] = counters.get(counter, 0) + amount
    _insert(DailyFigures._meta.db_table, "day", daily)
    _insert(MonthlyFigures._meta.db_table, "month", monthly)


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
    return rows.filter(
        Q(received_at__isnull=True, finished_at__gte=start)
        | Q(received_at__gte=start)
        | Q(received_at__isnull=False, finished_at__isnull=True)
        | Q(finished_at__gte=start)
        | Q(due_at__gte=start)
    )


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


def rebuild(
    *, since: date | None = None, progress: Callable[[int, int], None] | None = None, chunk: int = 5000
) -> int:
    """Recompute the table (the days from `since` on) from the dossiers' cached snapshots.

    `since` is taken back to the first day of its month (the monthly table holds whole months).
    Locks the tables for the time of the rebuild; returns how many dossiers were read.
    """
    since = since.replace(day=1) if since is not None else None
    rows = dossiers_touching(since).order_by("pk")
    total = rows.count()
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                tables = f"{DailyFigures._meta.db_table}, {MonthlyFigures._meta.db_table}"
                cursor.execute(f"LOCK TABLE {tables} IN EXCLUSIVE MODE")
        if since is None:
            DailyFigures.objects.all().delete()
            MonthlyFigures.objects.all().delete()
        else:
            DailyFigures.objects.filter(day__gte=since).delete()
            MonthlyFigures.objects.filter(month__gte=since).delete()
        done, last = 0, 0
        while True:
            batch = list(rows.filter(pk__gt=last)[:chunk])
            if not batch:
                break
            sums = contributions(batch, since)
            _upsert({key: dict(counter) for key, counter in sums.items()})
            done += len(batch)
            last = batch[-1].pk
            if progress:
                progress(done, total)
    return done
